import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../support/process/app-process.js';
import { contacts, writeContactsCsv } from '../support/process/contacts-file.js';
import { DryRunLog, duplicates, jidToPhone } from '../support/process/dry-run-log.js';
import { tempDir } from '../support/temp-dir.js';

describe('the built app run from the console (the README quick start)', () => {
  it('imports a CSV, sends every valid contact exactly once with its text rendered, reports completed, and exits 0 on SIGTERM', async () => {
    const cwd = tempDir();
    const people = contacts(50);
    // One number too short to be valid, and one contact repeated.
    writeContactsCsv(cwd, people, ['Nobody,12345', `${people[3]!.name},${people[3]!.phone}`]);
    // The quick-start settings exactly, everything else at its default (data/ in the working folder).
    const app = AppProcess.start({
      cwd,
      env: {
        WA_TRANSPORT: 'dry-run',
        DRY_RUN_LOG: 'sent.jsonl',
        SEND_DELAY_MIN_MS: '0',
        SEND_DELAY_MAX_MS: '0',
        LONG_PAUSE_EVERY: '0',
        CONSOLE: 'on',
        TZ: 'UTC',
      },
    });
    const log = new DryRunLog(join(cwd, 'sent.jsonl'));

    await app.waitForOutput(/console ready/, 15_000);
    const report = await app.ask('/import contacts.csv', /Next: .*/, 30_000);
    expect(report).toMatch(/Valid: 50\b/);
    expect(report).toMatch(/Invalid: 1\b/);
    expect(report).toMatch(/Duplicates: 1\b/);
    const preview = await app.ask('/send 1 Hi {name}', /Start with \/run 1.*/);
    expect(preview).toContain('Hi Person 0');
    expect(preview).toMatch(/Recipients: 50\b/);
    const afterStart = app.stdout().length;
    app.type('/run 1');

    await app.waitForOutput(/Campaign 1 \(.*\): completed/, 60_000, afterStart);
    await app.waitFor(() => log.count() >= 50, 'all 50 sends in the dry-run log', 10_000);
    const status = await app.ask('/status 1', /Campaign 1 \(.*\): completed[^\n]*\n(?:.*\n)*?sent .*pending \d+/);
    expect(status).toContain('[DRY RUN]');
    expect(status).toContain('50/50');
    expect(status).toMatch(/sent 50 · /);
    expect(status).toContain('failed 0');
    expect(status).toContain('skipped 0');
    expect(status).toContain('unknown 0');
    expect(status).toContain('pending 0');

    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });

    const sends = log.entries();
    expect(sends).toHaveLength(50);
    expect(duplicates(sends.map((s) => s.messageId))).toEqual(new Map());
    const textByPhone = new Map(sends.map((s) => [jidToPhone(s.jid), s.text]));
    expect(textByPhone).toEqual(new Map(people.map((p) => [p.phone, `Hi ${p.name}`])));
  }, 120_000);
});
