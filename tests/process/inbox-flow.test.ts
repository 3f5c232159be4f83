import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../support/process/app-process.js';
import { contacts, writeContactsCsv } from '../support/process/contacts-file.js';
import { DryRunLog } from '../support/process/dry-run-log.js';
import { tempDir } from '../support/temp-dir.js';

describe('the built app: the inbox on the console with simulated replies', () => {
  it('shows every answer as an inbox line, lists them in /inbox, and sends /reply through the dry-run log with a new id', async () => {
    const cwd = tempDir();
    const people = contacts(4);
    writeContactsCsv(cwd, people, []);
    const app = AppProcess.start({
      cwd,
      env: {
        WA_TRANSPORT: 'dry-run',
        DRY_RUN_LOG: 'sent.jsonl',
        DRY_RUN_REPLY_RATE: '1',
        DRY_RUN_REPLY_TEXTS: 'Thanks!',
        SEND_DELAY_MIN_MS: '0',
        SEND_DELAY_MAX_MS: '0',
        LONG_PAUSE_EVERY: '0',
        CONSOLE: 'on',
        TZ: 'UTC',
      },
    });
    const log = new DryRunLog(join(cwd, 'sent.jsonl'));
    await app.waitForOutput(/console ready/, 15_000);
    await app.ask('/import contacts.csv', /Next: .*/, 30_000);
    await app.ask('/send 1 Hi {name}', /Start with \/run 1.*/);
    app.type('/run 1');
    await app.waitFor(() => (app.stdout().match(/Inbox: /g) ?? []).length === 4, 'four inbox lines', 30_000);
    expect(app.stdout()).toContain(`Inbox: ${people[0]!.name} (${people[0]!.phone}), campaign 1, answering message`);

    const inbox = await app.ask('/inbox', /Unanswered conversations \(4\):\n(?:.*\n){4}/);
    expect(inbox).toContain(people[1]!.phone);
    const never = await app.ask('/reply +5511988887777 hello', /Nothing was sent\./);
    expect(never).toContain('never wrote');
    expect(log.count()).toBe(4);
    const queued = await app.ask(`/reply ${people[2]!.phone} See you on Monday`, /queued \(message id \w+\)/);
    const id = /message id (\w+)/.exec(queued)![1]!;
    await app.waitFor(() => log.entries().some((entry) => entry.messageId === id), 'the answer in the dry-run log', 15_000);
    const answer = log.entries().find((entry) => entry.messageId === id)!;
    expect(answer.text).toBe('See you on Monday');
    expect(answer.jid).toBe(`${people[2]!.phone.slice(1)}@s.whatsapp.net`);
    expect(log.entries().filter((entry) => entry.messageId === id)).toHaveLength(1);
    expect(await app.ask('/inbox', /Unanswered conversations \(3\):\n(?:.*\n){3}/)).not.toContain(people[2]!.phone);
    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
  }, 120_000);
});
