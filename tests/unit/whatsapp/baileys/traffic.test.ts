import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DisconnectReason, WAMessageStatus, type WAMessage } from 'baileys';
import { describe, expect, it, vi } from 'vitest';
import { isIgnoredChat } from '../../../../src/whatsapp/baileys/ignored-chats.js';
import { baileysHarness } from '../../../support/baileys/transport-harness.js';

const LID_CHAT = '123456789012345@lid';
const PHONE_JID = '5511987654321@s.whatsapp.net';

function reply(id: string, key: Partial<WAMessage['key']>, text = 'STOP'): WAMessage {
  return { key: { id, fromMe: false, ...key }, message: { conversation: text }, messageTimestamp: 1_767_614_400 };
}

describe('receipts from the Baileys socket', () => {
  it('turns server ack, delivered, read, played and error into receipt events matched by message id, even when addressed by LID', async () => {
    const { factory, events, linked, clock } = baileysHarness();
    await linked();
    factory.latest.ev.emit('messages.update', [
      { key: { id: '3EB0AAA', remoteJid: LID_CHAT, fromMe: true }, update: { status: WAMessageStatus.SERVER_ACK, messageTimestamp: 1_767_614_401 } },
      { key: { id: '3EB0AAA', remoteJid: LID_CHAT, fromMe: true }, update: { status: WAMessageStatus.DELIVERY_ACK, messageTimestamp: 1_767_614_402 } },
      { key: { id: '3EB0BBB', remoteJid: PHONE_JID, fromMe: true }, update: { status: WAMessageStatus.READ } },
      { key: { id: '3EB0CCC', remoteJid: LID_CHAT, fromMe: true }, update: { status: WAMessageStatus.PLAYED } },
    ]);
    expect(events.receipt).toEqual([
      { waMessageId: '3EB0AAA', status: 'sent', at: 1_767_614_401_000 },
      { waMessageId: '3EB0AAA', status: 'delivered', at: 1_767_614_402_000 },
      { waMessageId: '3EB0BBB', status: 'read', at: clock.now() },
      { waMessageId: '3EB0CCC', status: 'read', at: clock.now() },
    ]);
  });

  it('reports error 463 as a failed receipt carrying the code', async () => {
    const { factory, events, linked, clock } = baileysHarness();
    await linked();
    // As Baileys reports a negative ack: the key names whoever the ack came from, here a LID.
    factory.latest.ev.emit('messages.update', [
      { key: { id: '3EB0463', remoteJid: LID_CHAT, fromMe: true }, update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463', 'Your account has been restricted'] } },
    ]);
    expect(events.receipt).toEqual([{ waMessageId: '3EB0463', status: 'failed', at: clock.now(), errorCode: '463' }]);
  });

  it('ignores status updates about messages we received and updates without a status', async () => {
    const { factory, events, linked } = baileysHarness();
    await linked();
    factory.latest.ev.emit('messages.update', [
      { key: { id: 'THEIRS', remoteJid: PHONE_JID, fromMe: false }, update: { status: WAMessageStatus.READ } },
      { key: { id: '3EB0EDIT', remoteJid: PHONE_JID, fromMe: true }, update: { message: { conversation: 'edited' } } },
    ]);
    expect(events.receipt).toEqual([]);
  });

  it('still reports a status that Baileys folded into our own message while it buffered events', async () => {
    const { factory, events, linked } = baileysHarness();
    await linked();
    const ev = factory.latest.ev as typeof factory.latest.ev & { buffer(): void; flush(): boolean };
    ev.buffer();
    ev.emit('messages.upsert', { type: 'append', messages: [{ key: { id: '3EB0OWN', remoteJid: PHONE_JID, fromMe: true }, message: { conversation: 'hi' }, status: WAMessageStatus.PENDING }] });
    ev.emit('messages.update', [{ key: { id: '3EB0OWN', remoteJid: PHONE_JID, fromMe: true }, update: { status: WAMessageStatus.DELIVERY_ACK } }]);
    ev.flush();
    expect(events.receipt.map((r) => [r.waMessageId, r.status])).toEqual([['3EB0OWN', 'delivered']]);
  });
});

describe('chats a bulk sender does not need', () => {
  it('has Baileys acknowledge group, status, broadcast-list and channel traffic unread: no sender key is stored, nothing is emitted', async () => {
    const { factory, events, linked, sessionsDir, clock } = baileysHarness();
    await linked();
    const socket = factory.latest;
    const member = '5511955554444@s.whatsapp.net';
    expect(await socket.receive({ from: '120363041234567890@g.us', participant: member, id: 'GROUP1', text: 'STOP' })).toBe('ignored');
    expect(await socket.receive({ from: 'status@broadcast', participant: member, id: 'STATUS1', text: 'my day' })).toBe('ignored');
    expect(await socket.receive({ from: '1767614400@broadcast', participant: member, id: 'LIST1', text: 'hello all' })).toBe('ignored');
    expect(await socket.receive({ from: '120363999999999999@newsletter', id: 'NEWS1', text: 'news' })).toBe('ignored');
    expect(socket.ignored).toEqual(['GROUP1', 'STATUS1', 'LIST1', 'NEWS1']);
    await clock.settle();
    expect(readdirSync(join(sessionsDir, 'main')).filter((name) => name.startsWith('sender-key'))).toEqual([]);

    // A one-to-one reply still arrives.
    expect(await socket.receive({ from: PHONE_JID, id: 'DIRECT1', text: 'STOP' })).toBe('delivered');
    await vi.waitFor(() => expect(events.inbound.map((e) => e.waMessageId)).toEqual(['DIRECT1']));
  });

  it('names groups, broadcasts and channels, never a person (by phone or LID)', () => {
    for (const jid of ['1203630@g.us', 'status@broadcast', '1767614400@broadcast', '1203639@newsletter']) expect(isIgnoredChat(jid)).toBe(true);
    for (const jid of [PHONE_JID, LID_CHAT, '5511987654321:3@s.whatsapp.net', 's.whatsapp.net']) expect(isIgnoredChat(jid)).toBe(false);
  });
});

describe('replies from the Baileys socket', () => {
  it('gives the phone of a LID-addressed chat from the alternate JID the message carries', async () => {
    const { factory, events, linked } = baileysHarness();
    await linked();
    factory.latest.ev.emit('messages.upsert', { type: 'notify', messages: [reply('IN1', { remoteJid: LID_CHAT, remoteJidAlt: PHONE_JID, addressingMode: 'lid' })] });
    await vi.waitFor(() => expect(events.inbound).toHaveLength(1));
    expect(events.inbound[0]).toEqual({ phone: '+5511987654321', text: 'STOP', waMessageId: 'IN1', at: 1_767_614_400_000, kind: 'text' });
  });

  it('gives the phone of a LID-addressed chat from the LID mapping store when the message carries none', async () => {
    const { factory, events, linked } = baileysHarness();
    factory.world.lidToPn.set(LID_CHAT, '5511987654321:3@s.whatsapp.net');
    await linked();
    factory.latest.ev.emit('messages.upsert', { type: 'notify', messages: [reply('IN2', { remoteJid: LID_CHAT })] });
    await vi.waitFor(() => expect(events.inbound).toHaveLength(1));
    expect(events.inbound[0]!.phone).toBe('+5511987654321');
  });

  it('takes notify and append upserts, skips our own messages, groups, protocol traffic and LIDs nobody can map', async () => {
    const { factory, events, linked, clock } = baileysHarness();
    await linked();
    factory.latest.ev.emit('messages.upsert', {
      type: 'append',
      messages: [
        reply('MINE', { remoteJid: PHONE_JID, fromMe: true }),
        reply('GROUP', { remoteJid: '1203630@g.us', participant: PHONE_JID }),
        { key: { id: 'REACT', remoteJid: PHONE_JID, fromMe: false }, message: { reactionMessage: { text: '👍' } } },
        reply('UNMAPPED', { remoteJid: '999@lid' }),
        { key: { id: 'CAPTION', remoteJid: PHONE_JID, fromMe: false }, message: { ephemeralMessage: { message: { imageMessage: { caption: 'sair' } } } } },
      ],
    });
    await clock.settle();
    await vi.waitFor(() => expect(events.inbound).toHaveLength(1));
    expect(events.inbound.map((e) => [e.waMessageId, e.text])).toEqual([['CAPTION', 'sair']]);
  });

  it('emits each message once, even when a reconnect delivers it again on a new socket', async () => {
    const { factory, events, linked, clock } = baileysHarness();
    await linked();
    const message = reply('DUP', { remoteJid: PHONE_JID });
    factory.latest.ev.emit('messages.upsert', { type: 'notify', messages: [message, message] });
    await vi.waitFor(() => expect(events.inbound).toHaveLength(1));
    factory.latest.drop(DisconnectReason.restartRequired);
    await clock.settle();
    factory.latest.open();
    factory.latest.ev.emit('messages.upsert', { type: 'notify', messages: [message] });
    await clock.settle();
    expect(events.inbound).toHaveLength(1);
  });
});

describe('capping signals from the Baileys socket', () => {
  it('reports a new-chat cap warning and ignores an all-clear', async () => {
    const { factory, events, linked } = baileysHarness();
    await linked();
    factory.latest.ev.emit('message-capping.update', { capping_status: 'NONE' as never });
    factory.latest.ev.emit('message-capping.update', { capping_status: 'FIRST_WARNING' as never, used_quota: 180, total_quota: 200, cycle_end_timestamp: '1767657600' });
    expect(events.capping).toEqual([
      {
        source: 'message_capping',
        until: 1_767_657_600_000,
        detail: 'WhatsApp new-chat message cap: FIRST_WARNING, 180 of 200 new chats used (cycle ends 2026-01-06T00:00:00Z)',
      },
    ]);
  });

  it('asks about the reach-out timelock when the link opens and reports one in force', async () => {
    const { factory, events, linked } = baileysHarness();
    factory.world.reachoutTimelock = { isActive: true, timeEnforcementEnds: new Date('2026-01-06T12:00:00Z'), enforcementType: 'BIZ_QUALITY' as never };
    await linked();
    await vi.waitFor(() => expect(events.capping).toHaveLength(1));
    expect(events.capping[0]).toEqual({
      source: 'reachout_timelock',
      until: Date.parse('2026-01-06T12:00:00Z'),
      detail: 'WhatsApp blocks this number from starting new chats until 2026-01-06T12:00:00Z (BIZ_QUALITY)',
    });
  });
});
