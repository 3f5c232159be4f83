import { ApplicationCommandOptionType, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.js';
import { contactsCsv, OPERATOR, ROLE_OPERATOR, startDiscordApp, type DiscordTestApp } from '../../support/discord/discord-test-app.js';
import { buttonLabels } from '../../support/discord/message-views.js';
import type { InteractionRecord } from '../../support/discord/fake-discord.js';
import { tempDir } from '../../support/temp-dir.js';

let current: DiscordTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function importAndPreview(t: DiscordTestApp, contacts: number): Promise<InteractionRecord> {
  const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'contacts.csv', bytes: contactsCsv(contacts), contentType: 'text/csv' } } });
  await t.fake.waitFor(() => imported.original?.content.includes(`Valid: ${contacts}`), 'the import report');
  const send = await t.fake.slash(OPERATOR, { name: 'send', options: { list: 1, message: 'Hi {name} from {city} 🎉' } });
  await t.fake.waitFor(() => send.original?.content.includes('Recipients:'), 'the preview');
  return send;
}

const progressOf = (t: DiscordTestApp, campaignId: number) => t.fake.visibleMessages().find((m) => m.content.includes(`Campaign ${campaignId} (list`) && !m.interactionId && !m.webhookId);

describe('a campaign run from Discord', () => {
  it('registers every registry command with its typed options in the server', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    expect(current.fake.intents).toBe(GatewayIntentBits.Guilds);
    const put = current.fake.commandPuts.at(-1)!;
    expect(put.guildId).toBe(current.fake.guildId);
    const registered = put.body as { name: string; options?: { name: string; type: number; required?: boolean }[] }[];
    expect(registered.map((c) => c.name).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    const importFile = registered.find((c) => c.name === 'import')!.options!.find((o) => o.name === 'file');
    expect(importFile).toMatchObject({ type: ApplicationCommandOptionType.Attachment, required: true });
    const send = registered.find((c) => c.name === 'send')!.options!;
    expect(send.slice(0, 2).map((o) => [o.name, o.required])).toEqual([
      ['list', true],
      ['message', true],
    ]);
    expect(send.find((o) => o.name === 'media')?.type).toBe(ApplicationCommandOptionType.Attachment);
  });

  it('imports an attached CSV, previews /send with Start and Cancel, and sends to every contact once when Start is pressed', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    const preview = await importAndPreview(t, 12);
    expect(preview.answeredAfterMs).toBeLessThan(3_000);
    expect(preview.original!.content).toContain('Hi Person 0 from City 0 🎉');
    expect(buttonLabels(preview.original)).toEqual(['Start', 'Cancel']);

    const press = await t.fake.press(OPERATOR, { messageId: preview.original!.id, label: 'Start' });
    await t.fake.waitFor(() => press.answered, 'the press acknowledged');
    const progress = await t.fake.waitFor(() => progressOf(t, 1), 'the channel progress message');
    await t.fake.waitFor(() => progress.content.includes('completed') && progress.content.includes('read 12'), 'the progress message edited to completed');

    expect(press.answeredAfterMs).toBeLessThan(3_000);
    expect(buttonLabels(t.fake.message(preview.original!.id))).toEqual([]);
    expect(progress.deleted).toBe(false);
    expect(progress.content).toContain('[DRY RUN]');
    expect(buttonLabels(progress)).toEqual([]);
    const sent = t.sent();
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((s) => s.jid)).size).toBe(12);
    expect(sent.find((s) => s.jid === '5511910000004@s.whatsapp.net')?.text).toBe('Hi Person 4 from City 1 🎉');
    // One progress message for the run, edited in place.
    expect(t.fake.visibleMessages().filter((m) => m.content.startsWith('[DRY RUN] Campaign 1 (list 1'))).toHaveLength(1);
    expect(progress.history.length).toBeGreaterThan(1);
    await t.fake.waitFor(() => t.fake.visibleMessages().find((m) => m.content.includes('Campaign 1 completed: 12 of 12 sent')), 'the run-finished notice in the notice channel');
    const audit = t.app.services.repos.db.prepare(`SELECT front_end AS frontEnd, command, outcome FROM audit_log ORDER BY id`).all() as { frontEnd: string; command: string; outcome: string }[];
    expect(audit.slice(0, 2)).toEqual([
      { frontEnd: 'discord', command: 'import', outcome: 'ok' },
      { frontEnd: 'discord', command: 'send', outcome: 'ok' },
    ]);
  });

  it('pauses and resumes sending from the progress message buttons, for an operator by role', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), latencyMs: 40 });
    const t = current;
    const preview = await importAndPreview(t, 40);
    await t.fake.press(ROLE_OPERATOR, { messageId: preview.original!.id, label: 'Start' });
    const progress = await t.fake.waitFor(() => progressOf(t, 1), 'the progress message');
    await t.fake.waitFor(() => t.sent().length >= 3, 'the first sends');

    await t.fake.press(ROLE_OPERATOR, { messageId: progress.id, label: 'Pause' });
    await t.fake.waitFor(() => progress.content.includes('paused') && buttonLabels(progress).includes('Resume'), 'the progress message showing paused');
    const atPause = t.sent().length;
    expect(atPause).toBeLessThan(40);
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.sent().length).toBe(atPause);

    await t.fake.press(ROLE_OPERATOR, { messageId: progress.id, label: 'Resume' });
    await t.fake.waitFor(() => progress.content.includes('completed'), 'the progress message edited to completed');
    expect(t.sent()).toHaveLength(40);
    expect(new Set(t.sent().map((s) => s.jid)).size).toBe(40);
    // Still the same message: a button pressed on it edits it in place.
    expect(t.fake.visibleMessages().filter((m) => m.content.startsWith('[DRY RUN] Campaign 1 (list 1'))).toHaveLength(1);
  });

  it('answers /status with a fresh progress message when the old one was deleted', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    const preview = await importAndPreview(t, 3);
    await t.fake.press(OPERATOR, { messageId: preview.original!.id, label: 'Start' });
    const first = await t.fake.waitFor(() => progressOf(t, 1), 'the progress message');
    await t.fake.waitFor(() => first.content.includes('completed'), 'completed');
    first.deleted = true;
    const status = await t.fake.slash(OPERATOR, { name: 'status', options: { campaign: 1 } });
    await t.fake.waitFor(() => status.original?.content.includes('live progress below'), 'the answer pointing at the progress');
    const second = await t.fake.waitFor(() => progressOf(t, 1), 'a new progress message');
    expect(second.id).not.toBe(first.id);
  });

  it('asks before a typed /stop, runs it once Confirm is pressed, and runs nothing on Cancel', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), latencyMs: 200 });
    const t = current;
    const preview = await importAndPreview(t, 30);
    await t.fake.press(OPERATOR, { messageId: preview.original!.id, label: 'Start' });
    await t.fake.waitFor(() => t.sent().length >= 1, 'the first send');

    const cancelled = await t.fake.slash(OPERATOR, { name: 'stop', options: { campaign: 1 } });
    await t.fake.waitFor(() => buttonLabels(cancelled.original).length > 0, 'the question');
    expect(buttonLabels(cancelled.original)).toEqual(['Confirm', 'Cancel']);
    const no = await t.fake.press(OPERATOR, { messageId: cancelled.original!.id, label: 'Cancel' });
    await t.fake.waitFor(() => no.followUps.find((m) => m.content.includes('was not run')), 'the cancellation');
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('running');

    const asked = await t.fake.slash(OPERATOR, { name: 'stop', options: { campaign: 1 } });
    await t.fake.waitFor(() => buttonLabels(asked.original).length > 0, 'the question again');
    await t.fake.press(OPERATOR, { messageId: asked.original!.id, label: 'Confirm' });
    await t.fake.waitFor(() => t.app.services.repos.campaigns.get(1)?.state === 'stopped', 'the campaign stopped');
    expect(buttonLabels(t.fake.message(asked.original!.id))).toEqual([]);
    const audit = () => t.app.services.repos.db.prepare(`SELECT command, outcome FROM audit_log WHERE command IN ('stop', 'nevermind') ORDER BY id`).all();
    await t.fake.waitFor(() => audit().length === 4, 'the audit of the confirmed stop');
    expect(audit()).toEqual([
      { command: 'stop', outcome: 'asked' },
      { command: 'stop', outcome: 'declined' },
      { command: 'stop', outcome: 'asked' },
      { command: 'stop', outcome: 'ok' },
    ]);
  });
});
