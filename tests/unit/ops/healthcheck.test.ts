import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { healthcheckUrl, probeHealth } from '../../../src/ops/healthcheck.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function answering(status: number): Promise<number> {
  server = createServer((_request, response) => response.writeHead(status).end(status === 200 ? '{"status":"ok"}' : '{"status":"degraded"}'));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('the container healthcheck', () => {
  it('probes where the app listens, through loopback for a wildcard address', () => {
    expect(healthcheckUrl(loadConfig({ TZ: 'UTC', HEALTH_PORT: '8080', HEALTH_HOST: '0.0.0.0' }))).toBe('http://127.0.0.1:8080/healthz');
    expect(healthcheckUrl(loadConfig({ TZ: 'UTC', HEALTH_PORT: '9000', HEALTH_HOST: '::1' }))).toBe('http://[::1]:9000/healthz');
    expect(healthcheckUrl(loadConfig({ TZ: 'UTC', HEALTH_PORT: '0' }))).toBeUndefined();
  });

  it('passes on 200 and says why otherwise, in one line', async () => {
    expect(await probeHealth({ TZ: 'UTC', HEALTH_PORT: String(await answering(200)) })).toBeUndefined();
    await new Promise((resolve) => server!.close(resolve));
    const port = await answering(503);
    expect(await probeHealth({ TZ: 'UTC', HEALTH_PORT: String(port) })).toBe(`http://127.0.0.1:${port}/healthz answered 503: {"status":"degraded"}`);
    expect(await probeHealth({ TZ: 'UTC', HEALTH_PORT: '0' })).toMatch(/^HEALTH_PORT=0 turns the health endpoint off/);
  });
});
