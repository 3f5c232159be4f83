import { afterEach, describe, expect, it } from 'vitest';
import { contactsCsv, OPERATOR, startDiscordApp, STRANGER, type DiscordTestApp } from '../../support/discord/discord-test-app.js';
import { buttonLabels } from '../../support/discord/message-views.js';
import { tempDir } from '../../support/temp-dir.js';

let current: DiscordTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

type AuditRow = { frontEnd: string; actorId: string; command: string; outcome: string };
const auditOf = (t: DiscordTestApp) =>
  t.app.services.repos.db.prepare(`SELECT front_end AS frontEnd, actor_id AS actorId, command, outcome FROM audit_log ORDER BY id`).all() as AuditRow[];

describe('who the Discord bot obeys', () => {
  it("refuses a stranger's command and their press on an operator's button, only to them, and changes nothing", async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    const refused = await t.fake.slash(STRANGER, { name: 'import', options: { file: { fileName: 'contacts.csv', bytes: contactsCsv(3) } } });
    await t.fake.waitFor(() => refused.answered, 'the refusal');
    expect(refused.ephemeral).toBe(true);
    expect(refused.original!.content).toContain(`Your Discord id is ${STRANGER.id}`);
    expect(t.app.services.repos.lists.list()).toEqual([]);
    expect(t.fake.calls.some((c) => c.path.startsWith('/attachments/'))).toBe(false);

    const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'contacts.csv', bytes: contactsCsv(3) } } });
    await t.fake.waitFor(() => imported.original?.content.includes('Valid: 3'), 'the import report');
    const send = await t.fake.slash(OPERATOR, { name: 'send', options: { list: 1, message: 'Hi {name}' } });
    await t.fake.waitFor(() => send.original?.content.includes('Recipients:'), 'the preview');

    const press = await t.fake.press(STRANGER, { messageId: send.original!.id, label: 'Start' });
    await t.fake.waitFor(() => press.answered, 'the refusal of the press');
    expect(press.ephemeral).toBe(true);
    expect(press.original!.content).toContain('/run 1');
    expect(buttonLabels(t.fake.message(send.original!.id))).toEqual(['Start', 'Cancel']);
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('draft');
    expect(t.sent()).toEqual([]);
    expect(auditOf(t).filter((row) => row.actorId === STRANGER.id)).toEqual([
      { frontEnd: 'discord', actorId: STRANGER.id, command: 'import', outcome: 'refused' },
      { frontEnd: 'discord', actorId: STRANGER.id, command: 'run', outcome: 'refused' },
    ]);
  });

  it('with no operators configured obeys nobody and tells each user their id and how to add it', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), env: { DISCORD_OPERATORS: '', DISCORD_OPERATOR_ROLES: '' } });
    const t = current;
    const asked = await t.fake.slash(OPERATOR, { name: 'lists' });
    await t.fake.waitFor(() => asked.answered, 'the answer');
    expect(asked.ephemeral).toBe(true);
    expect(asked.original!.content).toContain(`add DISCORD_OPERATORS=${OPERATOR.id} to the settings`);
  });

  it('suggests campaigns and lists as an operator types, and nothing to a stranger', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'contacts.csv', bytes: contactsCsv(3) } } });
    await t.fake.waitFor(() => imported.original?.content.includes('Valid: 3'), 'the import report');
    const send = await t.fake.slash(OPERATOR, { name: 'send', options: { list: 1, message: 'Black Friday for {name}' } });
    await t.fake.waitFor(() => send.original?.content.includes('Recipients:'), 'the preview');

    const campaigns = await t.fake.autocomplete(OPERATOR, { name: 'status', focused: 'campaign', options: { campaign: 'black' } });
    expect(campaigns).toEqual([{ name: '1 · Black Friday for {name} · draft', value: 1 }]);
    const lists = await t.fake.autocomplete(OPERATOR, { name: 'send', focused: 'list' });
    expect(lists).toEqual([{ name: '1 · contacts.csv · 3 contacts', value: 1 }]);
    expect(await t.fake.autocomplete(STRANGER, { name: 'status', focused: 'campaign' })).toEqual([]);
  });

  it("runs a notice's button pressed in an operator's DMs", async () => {
    current = await startDiscordApp({ dataDir: tempDir(), env: { DISCORD_NOTICE_CHANNEL: '' } });
    const t = current;
    t.app.services.events.emit('notice', { text: 'Safety breaker on WhatsApp main: test trip.', buttons: [{ label: 'Numbers', command: '/sessions' }] });
    const notice = await t.fake.waitFor(() => t.fake.dmMessages(OPERATOR.id).find((m) => m.content.startsWith('Safety breaker')), 'the DM notice');
    expect(buttonLabels(notice)).toEqual(['Numbers']);
    const press = await t.fake.press(OPERATOR, { messageId: notice.id, label: 'Numbers', channelId: notice.channelId });
    await t.fake.waitFor(() => press.followUps.find((m) => m.content.includes('main')), 'the answer in the DM');
    expect(press.answeredAfterMs).toBeLessThan(3_000);
    expect(buttonLabels(t.fake.message(notice.id))).toEqual([]);
  });
});
