import { afterEach, describe, expect, it } from 'vitest';
import { baileysTestApp, type BaileysTestApp } from '../../support/baileys/baileys-app.js';

let current: BaileysTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const LISTED = '+5511987654321';
const ACCOUNT_JID = '551187654321@s.whatsapp.net';

async function listOf(t: BaileysTestApp, phones: string[]): Promise<number> {
  const { repos } = t.app.services;
  const listId = repos.lists.create({ name: 'brazil', createdAt: 0 });
  for (const [i, phone] of phones.entries()) repos.contacts.insert(listId, { phone, name: `Contact ${i}`, fields: {}, lineType: 'mobile' });
  repos.lists.finish(listId, phones.length, '{}');
  return listId;
}

describe('a Brazilian account registered before the 9th digit', () => {
  it('is sent to under the 12-digit JID WhatsApp answers with, and its STOP suppresses the listed 13-digit number', async () => {
    const t = (current = baileysTestApp());
    t.factory.world.onWhatsApp.add('551187654321');
    await t.startLinked();
    const { repos, campaigns } = t.app.services;
    const listId = await listOf(t, [LISTED]);
    const campaign = campaigns.createDraft({ listId, template: 'Hi {name}' });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');

    expect(t.factory.world.usyncQueries).toEqual([['5511987654321']]);
    expect(t.factory.latest.sent.map((s) => s.jid)).toEqual([ACCOUNT_JID]);
    const contact = repos.contacts.firstOfList(listId, 1)[0]!;
    expect(contact).toMatchObject({ phone: LISTED, onWhatsapp: true, waJid: ACCOUNT_JID });

    t.factory.latest.ev.emit('messages.upsert', {
      type: 'notify',
      messages: [{ key: { id: 'IN-STOP', remoteJid: ACCOUNT_JID, fromMe: false }, message: { conversation: 'STOP' }, messageTimestamp: 1_767_614_500 }],
    });
    await t.clock.settle();
    expect(repos.optOuts.has(LISTED)).toBe(true);
    const run = repos.runs.latestOf(campaign.id)!;
    expect(repos.inbound.repliesOf(run.id)).toEqual({ replies: 0, optOuts: 1 });

    // The list's only number is suppressed: no campaign reaches it again.
    expect(() => campaigns.createDraft({ listId, template: 'Hi again' })).toThrow('Every contact of list 1 has opted out');
  });

  it('counts a plain reply from the 12-digit account on the campaign it answers', async () => {
    const t = (current = baileysTestApp());
    t.factory.world.onWhatsApp.add('551187654321');
    await t.startLinked();
    const { repos, campaigns } = t.app.services;
    const campaign = campaigns.createDraft({ listId: await listOf(t, [LISTED]), template: 'Hi' });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');
    t.factory.latest.ev.emit('messages.upsert', {
      type: 'notify',
      messages: [{ key: { id: 'IN-THANKS', remoteJid: ACCOUNT_JID, fromMe: false }, message: { conversation: 'Obrigado!' }, messageTimestamp: 1_767_614_500 }],
    });
    await t.clock.settle();
    expect(repos.inbound.repliesOf(repos.runs.latestOf(campaign.id)!.id)).toEqual({ replies: 1, optOuts: 0 });
  });
});
