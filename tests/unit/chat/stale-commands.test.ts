import { describe, expect, it } from 'vitest';
import { isStale, SkippedCommands } from '../../../src/chat/stale-commands.js';

const HOUR = 3_600_000;

describe('commands that arrive late', () => {
  it('are stale past the limit unless they only read', () => {
    const now = 10 * HOUR;
    expect(isStale({}, { sentAt: now - HOUR }, now, 300_000)).toBe(true);
    expect(isStale({}, { sentAt: now - 60_000 }, now, 300_000)).toBe(false);
    expect(isStale({ readOnly: true }, { sentAt: now - HOUR }, now, 300_000)).toBe(false);
    expect(isStale({}, { sentAt: undefined }, now, 300_000)).toBe(false);
    expect(isStale({}, { sentAt: now - HOUR }, now, 0)).toBe(false);
  });

  it('are told per chat in one notice, once', () => {
    const skipped = new SkippedCommands();
    skipped.add('1001', { line: '/stop 7', ageMs: 2 * HOUR });
    skipped.add('1001', { line: `/send 1 ${'long text '.repeat(20)}`, ageMs: 3 * HOUR });
    skipped.add('2002', { line: '/run 3', ageMs: HOUR });
    const notice = skipped.take('1001')!;
    expect(notice.split('\n')).toEqual([
      'Not run: these 2 commands arrived too late (zapcast was offline) and change things that may no longer be wanted:',
      '/stop 7 (sent 2 h 0 min ago)',
      `${`/send 1 ${'long text '.repeat(20)}`.slice(0, 60)}… (sent 3 h 0 min ago)`,
      'Send again whatever you still want done.',
    ]);
    expect(skipped.take('1001')).toBeUndefined();
    expect(skipped.take('2002')).toContain('Not run: this command arrived too late');
  });
});
