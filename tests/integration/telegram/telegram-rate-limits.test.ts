import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';
import type { EmulatorChat, EmulatorUser } from '../../support/telegram/bot-api-emulator.js';
import { importAndPreview, messageAfter, OPERATOR, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const SECOND_OPERATOR: EmulatorUser = { id: 1003, first_name: 'Omar' };
const OPS: EmulatorChat = { id: -3003, type: 'group', title: 'ops' };
/** Requests that put something in a chat: what Telegram's per-chat limits count. */
const POSTING = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'sendPhoto', 'sendDocument']);

describe("Telegram's rate limits, chat by chat", () => {
  it("waits out one chat's 429 in that chat only: another operator is answered meanwhile", async () => {
    current = await startTelegramApp({ dataDir: tempDir(), latencyMs: 100, env: { TELEGRAM_OPERATORS: `${OPERATOR.id},${SECOND_OPERATOR.id}` } });
    const t = current;
    const preview = await importAndPreview(t, 40);
    // The first edit of the operator's progress message gets a minute's 429.
    t.emulator.failNext('editMessageText', 60);
    t.emulator.press(OPERATOR, preview.messageId, 'Start');
    await t.emulator.waitFor(() => t.emulator.callsOf('editMessageText').some((c) => c.status === 429), 'the 429 on the progress edit');

    const ask = t.emulator.sendText(SECOND_OPERATOR, '/send 1 Hello {name}');
    const theirs = await t.emulator.waitFor(() => messageAfter(t, SECOND_OPERATOR.id, ask.messageId, 'Recipients: 40'), "the second operator's preview", 15_000);
    const press = t.emulator.press(SECOND_OPERATOR, theirs.messageId, 'Cancel');
    await t.emulator.waitFor(() => t.emulator.state.callbackAnswers.get(press), 'the answer to their button', 15_000);
    await t.emulator.waitFor(() => messageAfter(t, SECOND_OPERATOR.id, theirs.messageId, 'Campaign 2 (a draft) deleted'), 'the cancellation', 15_000);

    // All of that happened while the limited chat still waited: its edit has not been tried again.
    const edits = t.emulator.callsOf('editMessageText').filter((c) => Number(c.params.chat_id) === OPERATOR.id);
    expect(edits.map((c) => c.status)).toEqual([429]);
  });

  it('keeps a group within its budget of posts and edits while three campaigns are shown there', async () => {
    const budget = { limit: 5, windowMs: 2_000 };
    current = await startTelegramApp({
      dataDir: tempDir(),
      latencyMs: 20,
      editIntervalMs: 100,
      chatBudgets: { group: budget, private: { limit: 1_000, windowMs: 2_000 } },
      env: { TELEGRAM_CHATS: String(OPS.id) },
    });
    const t = current;
    const { repos, campaigns } = t.app.services;
    for (let i = 0; i < 3; i++) await campaigns.start(campaigns.createDraft({ listId: seedList(repos, 40), template: `Hello {name} (${i})` }).id);
    const ask = t.emulator.sendText(OPERATOR, '/status', { chat: OPS });
    await t.emulator.waitFor(() => messageAfter(t, OPS.id, ask.messageId, 'Campaign 3 (list 3'), 'the three progress messages');
    await t.emulator.waitFor(
      () => t.emulator.visible(OPS.id).filter((m) => /^\[DRY RUN\] Campaign \d \(list/.test(m.text ?? '') && m.text!.includes('completed')).length === 3,
      'every progress message to show its campaign completed',
      30_000,
    );

    const posted = t.emulator.state.calls.filter((c) => POSTING.has(c.method) && Number(c.params.chat_id) === OPS.id);
    expect(posted.filter((c) => c.method === 'editMessageText').length).toBeGreaterThanOrEqual(3);
    // At most `limit` per window as the bot sends them; one window of slack absorbs delays on the way to the emulator.
    const span = posted.at(-1)!.at - posted[0]!.at;
    expect(posted.length).toBeLessThanOrEqual(budget.limit * (Math.floor(span / budget.windowMs) + 2));
  });
});
