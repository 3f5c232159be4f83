import { describe, expect, it } from 'vitest';
import { assessHealth } from '../../../src/ops/health-report.js';
import { maskPhone, numberLinks } from '../../../src/ops/ops-sources.js';
import { opsFixture } from './ops-fixture.js';

const number = (link: string) => ({ name: 'main', phone: '+5511900000000', link });

describe('the numbers /healthz shows', () => {
  it('masks every phone but its country and last two digits', () => {
    expect(maskPhone('+5511987654321')).toBe('+55*********21');
    expect(maskPhone('+34612345678')).toBe('+34*******78');
    expect(maskPhone('+12345')).toBe('+***45');
    const fixture = opsFixture();
    expect(numberLinks(fixture.sources)).toEqual([{ name: 'main', phone: '+55*********00', link: 'open' }]);
  });
});

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

  it('is unhealthy while a link keeps retrying in vain and says what an operator can do', () => {
    const fixture = opsFixture();
    Object.assign(fixture.link, {
      state: 'reconnecting',
      lastClose: {
        reason: 'WhatsApp no longer accepts WhatsApp Web 2.3000.1 (405: client too old), and WhatsApp Web names no newer one',
        operatorAction: 'Update zapcast, or set WA_VERSION to the version WhatsApp Web runs now',
      },
    });
    const numbers = numberLinks(fixture.sources);
    expect(numbers[0]!.problem).toBe(
      'WhatsApp no longer accepts WhatsApp Web 2.3000.1 (405: client too old), and WhatsApp Web names no newer one; Update zapcast, or set WA_VERSION to the version WhatsApp Web runs now',
    );
    expect(assessHealth({ databaseError: undefined, stopping: false, numbers })).toEqual([`WhatsApp number main: ${numbers[0]!.problem}`]);
    // Once the link is back, the old close is history.
    fixture.link.state = 'open';
    expect(numberLinks(fixture.sources)[0]!.problem).toBeUndefined();
  });
});
