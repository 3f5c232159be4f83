import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { baileysTestApp, type BaileysTestApp } from '../../support/baileys/baileys-app.js';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';

let current: BaileysTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe("a recipient's retry request for a campaign picture", () => {
  it('is answered from SQLite with the picture message sent to that recipient, caption and media reference', async () => {
    const t = (current = baileysTestApp());
    for (let i = 0; i < 2; i++) t.factory.world.onWhatsApp.add(`55119${10000000 + i}`);
    await t.startLinked();
    const { repos, campaigns } = t.app.services;
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(90);
    const path = join(tempDir(), 'flyer.png');
    writeFileSync(path, PNG.sync.write(png));
    const campaign = campaigns.createDraft({
      listId: seedList(repos, 2),
      template: 'Hi {name}, see the flyer',
      media: { kind: 'image', path, fileName: 'flyer.png', mimeType: 'image/png' },
    });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');

    const [first, second] = t.factory.latest.sent;
    // The picture is uploaded once for the campaign (Baileys' media cache), each recipient has their own caption.
    expect(t.factory.world.uploads).toEqual(['image']);
    const resent = await t.factory.latest.retryRequest(second!.jid, second!.message.key.id!);
    expect(resent?.imageMessage).toMatchObject({ caption: 'Hi Contact 1, see the flyer', url: second!.message.message!.imageMessage!.url });
    expect(Buffer.from(resent!.imageMessage!.mediaKey!)).toEqual(Buffer.from(first!.message.message!.imageMessage!.mediaKey!));
    expect(repos.sentContents.load(first!.message.key.id!)).toBeDefined();
  });
});
