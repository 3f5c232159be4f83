import { afterEach, describe, expect, it } from 'vitest';
import { CommandRouter } from '../../../src/chat/command-router.js';
import { defineCommand, text } from '../../../src/core/command.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('commands when the database misbehaves', () => {
  it('keeps answering when the audit log cannot be written, for commands that succeed and fail alike', async () => {
    const t = (current = createTestApp());
    await t.app.start();
    const { repos } = t.app.services;
    seedList(repos, 2, t.clock.now());
    // As a read-only database answers every insert.
    repos.db.exec(`CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END`);

    expect(await t.type('/lists')).toMatch(/list of 2/);
    expect(await t.type('/status 999')).toMatch(/999 does not exist/);
    expect(await t.type('/lists')).toMatch(/list of 2/);
    expect(repos.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
  });

  it('runs a /send that meets a busy database once the database is free, and audits it', async () => {
    const t = (current = createTestApp());
    await t.app.start();
    const { repos } = t.app.services;
    const listId = seedList(repos, 2, t.clock.now());
    // A statement left open on the connection refuses every other statement for 3 s.
    const rows = repos.db.prepare('SELECT id FROM contacts').iterate();
    rows.next();
    t.clock.setTimer(3_000, () => rows.return?.());

    const answer = t.type(`/send ${listId} Hello {name}`);
    await t.clock.advance(5_000);
    expect(await answer).toMatch(/Campaign \d+ \(draft\)/);
    expect(repos.campaigns.inStates(['draft'])).toHaveLength(1);
    expect(repos.db.prepare(`SELECT outcome FROM audit_log WHERE command = 'send'`).all()).toEqual([{ outcome: 'ok' }]);
  });

  it('does not run a command again once it has answered: a busy refusal after that is one clear line', async () => {
    const t = (current = createTestApp());
    await t.app.start();
    const { repos } = t.app.services;
    let runs = 0;
    const halfway = defineCommand({
      name: 'halfway',
      description: 'answers, then meets a busy database',
      options: [],
      async run(ctx) {
        runs++;
        await ctx.reply(text('started'));
        const rows = repos.db.prepare('SELECT id FROM audit_log').iterate();
        try {
          repos.db.prepare(`INSERT INTO app_state (key, value, updated_at) VALUES ('k', 'v', 0)`).run();
        } finally {
          rows.return?.();
        }
        return text('done');
      },
    });
    const router = new CommandRouter(t.app.services, [halfway]);
    const answers: string[] = [];
    await router.handle(
      { frontEnd: 'console', actor: { id: 'console', name: 'console' }, chatId: 'console', command: 'halfway', text: '', attachments: [] },
      { authorised: true, reply: async (reply) => void answers.push(reply.kind === 'text' ? reply.text : reply.kind) },
    );
    expect(runs).toBe(1);
    expect(answers).toEqual(['started', 'The database was busy partway through /halfway; run it again in a moment.']);
  });
});

