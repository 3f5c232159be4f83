import { describe, expect, it } from 'vitest';
import { assessHealth } from '../../../src/ops/health-report.js';

const number = (link: string) => ({ name: 'main', phone: '+5511900000000', link });

describe('assessHealth', () => {
  it('is healthy while a link reconnects or waits for a QR scan: a restart would not help', () => {
    for (const link of ['open', 'connecting', 'qr', 'reconnecting', 'logged_out', 'idle']) {
      expect(assessHealth({ databaseError: undefined, stopping: false, numbers: [number(link)] })).toEqual([]);
    }
  });

  it('is unhealthy when the database does not answer', () => {
    expect(assessHealth({ databaseError: 'disk I/O error', stopping: false, numbers: [number('open')] })).toEqual([
      'the database does not answer: disk I/O error',
    ]);
  });

  it('is unhealthy while shutting down', () => {
    expect(assessHealth({ databaseError: undefined, stopping: true, numbers: [number('stopped')] })).toEqual(['zapcast is shutting down']);
  });

  it('is unhealthy when a number is stopped and only an operator can link it again', () => {
    expect(assessHealth({ databaseError: undefined, stopping: false, numbers: [number('stopped')] })[0]).toContain('WhatsApp number main is stopped');
  });

  it('is unhealthy when a chat bot needs an operator (a refused token), not while it retries', () => {
    expect(assessHealth({ databaseError: undefined, stopping: false, numbers: [number('open')], frontEndProblems: ['the telegram bot is down: token refused'] })).toEqual([
      'the telegram bot is down: token refused',
    ]);
    expect(assessHealth({ databaseError: undefined, stopping: false, numbers: [number('open')], frontEndProblems: [] })).toEqual([]);
  });
});
