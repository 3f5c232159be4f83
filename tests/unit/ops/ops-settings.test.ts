import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

describe('the scheduling and operations settings', () => {
  it('default to an hour of catch-up, 90 days of retention and no health endpoint, on loopback when there is one', () => {
    const config = loadConfig({ TZ: 'UTC' });
    expect(config.catchUpMaxMs).toBe(3_600_000);
    expect(config.retentionDays).toBe(90);
    expect(config.health).toEqual({ port: 0, host: '127.0.0.1' });
  });

  it('reads them from the environment', () => {
    const config = loadConfig({ TZ: 'UTC', CATCHUP_MAX_MS: '0', RETENTION_DAYS: '0', HEALTH_PORT: '8080', HEALTH_HOST: '0.0.0.0' });
    expect(config).toMatchObject({ catchUpMaxMs: 0, retentionDays: 0, health: { port: 8080, host: '0.0.0.0' } });
  });

  it('refuses bad values with one line each', () => {
    expect(() => loadConfig({ TZ: 'UTC', HEALTH_PORT: '70000', HEALTH_HOST: 'my host', CATCHUP_MAX_MS: '-1', RETENTION_DAYS: 'forever' })).toThrow(
      [
        'HEALTH_PORT="70000" is invalid: expected a whole number from 0 to 65535.',
        'HEALTH_HOST="my host" is invalid: expected an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).',
        'CATCHUP_MAX_MS="-1" is invalid: expected a whole number >= 0.',
        'RETENTION_DAYS="forever" is invalid: expected a whole number from 0 to 36500.',
      ].join('\n'),
    );
  });
});
