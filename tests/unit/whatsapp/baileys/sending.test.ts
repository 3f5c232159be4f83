import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Boom } from '@hapi/boom';
import { DisconnectReason } from 'baileys';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { NotConnectedError, PermanentSendError, TransientSendError } from '../../../../src/core/errors.js';
import { answerError } from '../../../support/baileys/fake-whatsapp.js';
import { baileysHarness } from '../../../support/baileys/transport-harness.js';
import { tempDir } from '../../../support/temp-dir.js';

const LID_CHAT = '123456789012345@lid';
const PHONE_JID = '5511987654321@s.whatsapp.net';

/** Real files to send: a small PNG, and bytes standing for a video and a PDF. */
function mediaFiles(): { image: string; video: string; document: string } {
  const dir = tempDir();
  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  const image = join(dir, 'flyer.png');
  writeFileSync(image, PNG.sync.write(png));
  const video = join(dir, 'clip.mp4');
  writeFileSync(video, Buffer.alloc(2048, 7));
  const document = join(dir, 'menu.pdf');
  writeFileSync(document, '%PDF-1.4\n% menu\n');
  return { image, video, document };
}

describe('sending through the Baileys socket', () => {
  it('passes the pre-generated message id to sendMessage for text and each kind of media', async () => {
    const { transport, factory, linked } = baileysHarness();
    await linked();
    const files = mediaFiles();
    await expect(transport.sendText(PHONE_JID, 'Hi Ana', { messageId: '3EB0TEXT' })).resolves.toMatchObject({ waMessageId: '3EB0TEXT' });
    const media = { fileName: 'flyer', caption: 'See you' };
    await transport.sendMedia(PHONE_JID, { ...media, path: files.image, kind: 'image', mimeType: 'image/png' }, { messageId: '3EB0IMG' });
    await transport.sendMedia(PHONE_JID, { ...media, path: files.video, kind: 'video', mimeType: 'video/mp4' }, { messageId: '3EB0VID' });
    await transport.sendMedia(PHONE_JID, { ...media, path: files.document, kind: 'document', fileName: 'menu.pdf', mimeType: 'application/pdf' }, { messageId: '3EB0DOC' });
    expect(factory.latest.sent.map(({ jid, content, options }) => ({ jid, content, options }))).toEqual([
      { jid: PHONE_JID, content: { text: 'Hi Ana' }, options: { messageId: '3EB0TEXT' } },
      { jid: PHONE_JID, content: { image: { url: files.image }, caption: 'See you', mimetype: 'image/png' }, options: { messageId: '3EB0IMG' } },
      { jid: PHONE_JID, content: { video: { url: files.video }, caption: 'See you', mimetype: 'video/mp4' }, options: { messageId: '3EB0VID' } },
      {
        jid: PHONE_JID,
        content: { document: { url: files.document }, caption: 'See you', mimetype: 'application/pdf', fileName: 'menu.pdf' },
        options: { messageId: '3EB0DOC' },
      },
    ]);
    expect(factory.latest.sent.map((s) => s.message.key.id)).toEqual(['3EB0TEXT', '3EB0IMG', '3EB0VID', '3EB0DOC']);
  });

  it('answers a retry request for a picture, after Baileys\' 5-minute cache, with the picture message it sent, not its caption', async () => {
    const { transport, factory, linked, sentContents } = baileysHarness();
    await linked();
    const files = mediaFiles();
    await transport.sendMedia(LID_CHAT, { kind: 'image', path: files.image, fileName: 'flyer.png', mimeType: 'image/png', caption: 'Hi Ana, 20% off' }, { messageId: '3EB0IMG' });
    const sent = factory.latest.sent[0]!.message.message!.imageMessage!;
    expect(sent.url).toMatch(/^https:\/\/mmg\.whatsapp\.net\//);

    const resent = await factory.latest.retryRequest(LID_CHAT, '3EB0IMG');
    expect(resent?.extendedTextMessage).toBeFalsy();
    expect(resent?.imageMessage).toMatchObject({ caption: 'Hi Ana, 20% off', mimetype: 'image/png', url: sent.url, directPath: sent.directPath });
    expect(Buffer.from(resent!.imageMessage!.mediaKey!)).toEqual(Buffer.from(sent.mediaKey!));
    expect(Buffer.from(resent!.imageMessage!.fileEncSha256!)).toEqual(Buffer.from(sent.fileEncSha256!));
    expect(sentContents.has('3EB0IMG')).toBe(true);
    // A message that was never kept is not made up.
    await expect(factory.latest.retryRequest(LID_CHAT, '3EB0UNKNOWN')).resolves.toBeUndefined();
  });

  it('answers a retry request for a text with the text message it sent', async () => {
    const { transport, factory, linked } = baileysHarness();
    await linked();
    await transport.sendText(PHONE_JID, 'Hi Ana, see you on Monday!', { messageId: '3EB0SENT' });
    const resent = await factory.latest.retryRequest(PHONE_JID, '3EB0SENT');
    expect(resent?.extendedTextMessage?.text).toBe('Hi Ana, see you on Monday!');
  });

  it('sends to a contact whose key file is damaged: the key is read as absent, as Baileys does, instead of failing every send', async () => {
    const { transport, factory, linked, sessionsDir } = baileysHarness();
    await linked();
    writeFileSync(join(sessionsDir, 'main', `tctoken-${PHONE_JID}.json`), '{"token":{"type":"Buffer","data":"AAAA');
    await expect(transport.sendText(PHONE_JID, 'Hi Ana', { messageId: '3EB0KEY' })).resolves.toMatchObject({ waMessageId: '3EB0KEY' });
    expect(factory.latest.sent.map((s) => s.jid)).toEqual([PHONE_JID]);
  });

  it('refuses to send, check or type while the link is not open', async () => {
    const { transport } = baileysHarness();
    await transport.connect();
    await expect(transport.sendText(PHONE_JID, 'x', { messageId: 'A' })).rejects.toBeInstanceOf(NotConnectedError);
    await expect(transport.exists(['+5511987654321'])).rejects.toBeInstanceOf(NotConnectedError);
    await expect(transport.typing(PHONE_JID, 1_000)).rejects.toBeInstanceOf(NotConnectedError);
  });

  it('sorts failures into not connected, permanent and transient', async () => {
    const { transport, factory, linked } = baileysHarness();
    await linked();
    const outcome = async (error: Error) => {
      factory.world.sendError = error;
      return transport.sendText(PHONE_JID, 'x', { messageId: 'A' }).catch((e: unknown) => e);
    };
    expect(await outcome(new Boom('Connection Closed', { statusCode: DisconnectReason.connectionClosed }))).toBeInstanceOf(NotConnectedError);
    expect(await outcome(new Boom('Timed Out', { statusCode: DisconnectReason.timedOut }))).toBeInstanceOf(TransientSendError);
    expect(await outcome(new Boom('rate-overlimit', { statusCode: 429 }))).toBeInstanceOf(TransientSendError);
    expect(await outcome(new Boom('Media upload failed on all hosts', { statusCode: 500 }))).toBeInstanceOf(TransientSendError);
    const bad = await outcome(new Boom('Invalid media type', { statusCode: 400 }));
    expect(bad).toBeInstanceOf(PermanentSendError);
    expect(bad).toMatchObject({ code: '400' });
    const missing = await outcome(Object.assign(new Error("ENOENT: no such file or directory, open '/uploads/gone.png'"), { code: 'ENOENT' }));
    expect(missing).toBeInstanceOf(PermanentSendError);
    expect(missing).toMatchObject({ code: 'ENOENT' });
  });

  it("reads the code of WhatsApp's error answer, which Baileys keeps in the Boom's data behind a bare 500", async () => {
    const { transport, factory, linked } = baileysHarness();
    await linked();
    const outcome = async (error: Error) => {
      factory.world.sendError = error;
      return transport.sendText(PHONE_JID, 'x', { messageId: 'A' }).catch((e: unknown) => e);
    };
    const refused = await outcome(answerError(400, 'bad-request'));
    expect(refused).toBeInstanceOf(PermanentSendError);
    expect(refused).toMatchObject({ code: '400' });
    expect(await outcome(answerError(463, 'restricted'))).toMatchObject({ code: '463' });
    const limited = await outcome(answerError(429, 'rate-overlimit'));
    expect(limited).toBeInstanceOf(TransientSendError);
    expect(limited).toMatchObject({ code: '429' });
    factory.world.usyncError = answerError(429, 'rate-overlimit');
    const lookup = await transport.exists(['+5511987654321']).catch((e: unknown) => e);
    expect(lookup).toBeInstanceOf(TransientSendError);
    expect(lookup).toMatchObject({ code: '429' });
  });

  it('shows typing for the given time on the clock from an account announced available, then stops it, with no presence subscription', async () => {
    const { transport, factory, linked, clock } = baileysHarness();
    await linked();
    // The link connects unavailable, so the phone keeps its notifications.
    expect(factory.latest.presence).toEqual([{ type: 'unavailable', jid: undefined }]);
    let done = false;
    void transport.typing(PHONE_JID, 3_000).then(() => (done = true));
    await clock.settle();
    expect(factory.latest.presence.slice(1)).toEqual([
      { type: 'available', jid: undefined },
      { type: 'composing', jid: PHONE_JID, shown: true },
    ]);
    await clock.advance(2_999);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
    expect(factory.latest.presence.at(-1)).toEqual({ type: 'paused', jid: PHONE_JID, shown: true });
    expect(factory.latest.presence.map((p) => p.type)).not.toContain('subscribe');
  });

  it('stays available while messages go out and goes unavailable once sending is idle for two minutes', async () => {
    const { transport, factory, linked, clock } = baileysHarness();
    await linked();
    const socket = factory.latest;
    await transport.sendText(PHONE_JID, 'one', { messageId: 'P1' });
    await clock.advance(60_000);
    await transport.sendText(PHONE_JID, 'two', { messageId: 'P2' });
    await clock.advance(119_999);
    expect(socket.online).toBe(true);
    expect(socket.presence.map((p) => p.type)).toEqual(['unavailable', 'available']);
    await clock.advance(1);
    expect(socket.online).toBe(false);
    expect(socket.presence.map((p) => p.type)).toEqual(['unavailable', 'available', 'unavailable']);

    // After a reconnect Baileys announces unavailable again; the next send makes the account available anew.
    socket.drop(DisconnectReason.connectionClosed);
    await clock.runUntil(() => factory.sockets.length === 2);
    factory.latest.open();
    await clock.settle();
    await transport.typing(PHONE_JID, 0);
    expect(factory.latest.presence.map((p) => [p.type, p.shown])).toEqual([
      ['unavailable', undefined],
      ['available', undefined],
      ['composing', true],
      ['paused', true],
    ]);
  });

  it('still waits the typing time when the presence update fails (typing is only decoration)', async () => {
    const { transport, factory, linked, clock } = baileysHarness();
    await linked();
    factory.world.presenceError = new Boom('Timed Out', { statusCode: 408 });
    const typing = transport.typing(PHONE_JID, 2_000);
    await clock.advance(2_000);
    await expect(typing).resolves.toBeUndefined();
  });
});

describe('the existence check through the Baileys socket', () => {
  it('asks in batches of 50 and tells yes, no and unknown apart', async () => {
    const { transport, factory, linked } = baileysHarness();
    await linked();
    const phones = Array.from({ length: 120 }, (_, i) => `+55119${String(10_000_000 + i)}`);
    for (const phone of phones.slice(0, 100)) factory.world.onWhatsApp.add(phone.slice(1));
    for (const phone of phones.slice(100, 110)) factory.world.notOnWhatsApp.add(phone.slice(1));
    const answer = await transport.exists(phones);
    expect(factory.world.usyncQueries.map((q) => q.length)).toEqual([50, 50, 20]);
    expect([...answer.values()].filter((v) => v.registered)).toHaveLength(100);
    expect([...answer.values()].filter((v) => !v.registered)).toHaveLength(10);
    expect(answer.get(phones[0]!)).toEqual({ registered: true, jid: `${phones[0]!.slice(1)}@s.whatsapp.net` });
    expect(answer.get(phones[105]!)).toEqual({ registered: false });
    // WhatsApp left these out of its answer: unknown, not "not on WhatsApp".
    expect(answer.has(phones[115]!)).toBe(false);
  });

  it('matches a Brazilian answer given under the other form of the number, and keeps the JID WhatsApp answered with', async () => {
    const { transport, factory, linked } = baileysHarness();
    await linked();
    factory.world.onWhatsApp.add('551187654321');
    factory.world.onWhatsApp.add('5521998765432');
    factory.world.onWhatsApp.add('447700900123');
    const answer = await transport.exists(['+5511987654321', '+552198765432', '+447700900123', '+5511912345678']);
    expect(answer).toEqual(
      new Map([
        ['+5511987654321', { registered: true, jid: '551187654321@s.whatsapp.net' }],
        ['+552198765432', { registered: true, jid: '5521998765432@s.whatsapp.net' }],
        ['+447700900123', { registered: true, jid: '447700900123@s.whatsapp.net' }],
      ]),
    );
  });

  it('keeps what earlier batches answered when a later one fails, and throws when the first fails', async () => {
    const { transport, factory, linked } = baileysHarness();
    await linked();
    const phones = Array.from({ length: 60 }, (_, i) => `+55119${String(20_000_000 + i)}`);
    for (const phone of phones) factory.world.onWhatsApp.add(phone.slice(1));
    const socket = factory.latest;
    const real = socket.executeUSyncQuery.bind(socket);
    let calls = 0;
    socket.executeUSyncQuery = async (query) => {
      if (++calls === 2) throw new Boom('Timed Out', { statusCode: 408 });
      return real(query);
    };
    expect((await transport.exists(phones)).size).toBe(50);
    factory.world.usyncError = new Boom('Timed Out', { statusCode: 408 });
    await expect(transport.exists(phones)).rejects.toBeInstanceOf(TransientSendError);
  });
});
