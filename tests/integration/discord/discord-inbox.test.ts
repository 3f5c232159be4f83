import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';
import { OPERATOR, startDiscordApp, type DiscordTestApp } from '../../support/discord/discord-test-app.js';
import { buttonLabels } from '../../support/discord/message-views.js';
import { FakeDiscord } from '../../support/discord/fake-discord.js';

let current: DiscordTestApp | undefined;
afterEach(async () => {
  await current?.stop(true);
  current = undefined;
});

async function campaignWithAnswers(t: DiscordTestApp, people: number): Promise<number> {
  const { repos, campaigns } = t.app.services;
  const listId = seedList(repos, people);
  const campaign = campaigns.createDraft({ listId, template: 'Hi {name}, new stock today' });
  await campaigns.start(campaign.id);
  return campaign.id;
}

describe('the inbox on Discord', () => {
  it("forwards each contact's answer into a thread of their own in DISCORD_INBOX_CHANNEL, with Reply / Opt out / Mute", async () => {
    const fake = await FakeDiscord.start();
    current = await startDiscordApp({ dataDir: tempDir(), fake, env: { DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Do you deliver?', DISCORD_INBOX_CHANNEL: fake.generalChannelId } });
    const t = current;
    const campaignId = await campaignWithAnswers(t, 2);
    const threads = await fake.waitFor(() => {
      const open = [...fake.state.channels.values()].filter((c) => c.type === 11 && c.parentId === fake.generalChannelId);
      return open.length === 2 && open.every((c) => fake.messages(c.id).length === 1) ? open : undefined;
    }, 'a thread per contact with its forward');
    for (const thread of threads) {
      const [forward] = fake.messages(thread.id);
      expect(thread.name).toMatch(/\+55\d+$/);
      expect(forward!.content).toMatch(new RegExp(`^\\[DRY RUN\\] Inbox: .*, campaign ${campaignId}, answering message \\d+ "Hi .*, new stock today":\\nDo you deliver\\?$`));
      expect(buttonLabels(forward)).toEqual(['Reply', 'Opt out', 'Mute']);
    }
  });

  it('opens an answer form from Reply, and the answer typed in it goes out to that contact on WhatsApp', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), env: { DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Do you deliver?' } });
    const t = current;
    const { fake } = t;
    await campaignWithAnswers(t, 1);
    const forward = await fake.waitFor(() => fake.messages().find((m) => m.content.includes('Inbox: ')), 'the forwarded answer');
    const phone = t.app.services.repos.inbox.unanswered()[0]!.phone;

    const press = await fake.press(OPERATOR, { messageId: forward.id, label: 'Reply' });
    const form = await fake.waitFor(() => press.modal, 'the answer form');
    expect(form.title).toBe(`Answer ${phone}`);
    const submitted = await fake.submitForm(OPERATOR, press, { text: 'Yes, every weekday' });
    const said = await fake.waitFor(() => submitted.original?.content.includes('queued') && submitted.original, 'the answer queued');
    expect(submitted.ephemeral).toBe(true);
    const id = /message id (\w+)/.exec(said.content)![1]!;
    const sent = await fake.waitFor(() => t.sent().find((s) => s.messageId === id), 'the answer sent on WhatsApp');
    expect(sent).toMatchObject({ jid: `${phone.slice(1)}@s.whatsapp.net`, text: 'Yes, every weekday' });
    expect(buttonLabels(fake.message(forward.id))).toEqual(['Reply', 'Opt out', 'Mute']);
  });
});
