import { Boom } from '@hapi/boom';
import { DisconnectReason } from 'baileys';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../support/fake-clock.js';
import { seededRandom } from '../../../../src/core/random.js';
import { IllegalTransitionError } from '../../../../src/core/errors.js';
import { classifyClose } from '../../../../src/whatsapp/baileys/close-reason.js';
import { checkLinkMove } from '../../../../src/whatsapp/baileys/link-states.js';
import { reconnectDelay } from '../../../../src/whatsapp/baileys/reconnect-backoff.js';
import { TtlCache } from '../../../../src/whatsapp/baileys/ttl-cache.js';
import { inboundKind, replyText } from '../../../../src/whatsapp/baileys/inbound.js';
import { brazilianNinthDigitVariant } from '../../../../src/whatsapp/brazil-ninth-digit.js';

describe('reconnect delays', () => {
  it('start near 1 s, double, and never pass the cap, with any jitter', () => {
    for (const value of [0, 0.5, 0.999]) {
      const random = () => value;
      const delays = Array.from({ length: 10 }, (_, i) => reconnectDelay(i + 1, random));
      expect(delays[0]).toBe(Math.round(1_000 * (0.8 + 0.4 * value)));
      for (const delay of delays) expect(delay).toBeLessThanOrEqual(60_000);
      expect(delays.slice(7).every((d) => d >= 48_000)).toBe(true);
    }
  });

  it('grow from one attempt to the next until the cap, whatever the jitter draws', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      let previous = 0;
      for (let attempt = 1; attempt <= 6; attempt++) {
        const delay = reconnectDelay(attempt, random);
        expect(delay).toBeGreaterThan(previous);
        previous = delay;
      }
    }
  });

  it('honour another cap', () => {
    expect(reconnectDelay(20, () => 0.999, { baseMs: 1_000, maxMs: 5_000 })).toBe(5_000);
  });
});

describe('close reasons', () => {
  it('map each Baileys status code to what the link does next', () => {
    const kind = (statusCode: number) => classifyClose(new Boom('x', { statusCode })).kind;
    expect(kind(DisconnectReason.restartRequired)).toBe('restart');
    expect(kind(DisconnectReason.loggedOut)).toBe('logged_out');
    expect(kind(DisconnectReason.connectionReplaced)).toBe('replaced');
    expect(kind(DisconnectReason.forbidden)).toBe('forbidden');
    for (const code of [408, 411, 428, 500, 503]) expect(kind(code)).toBe('connection_lost');
    expect(classifyClose(undefined)).toEqual({ kind: 'connection_lost', code: undefined, reason: 'connection lost: no reason given' });
    expect(classifyClose(new Boom('Connection Terminated', { statusCode: 428 })).reason).toBe('connection lost: Connection Terminated (code 428)');
  });
});

describe('link states', () => {
  it('allow the moves the lifecycle makes and refuse the rest', () => {
    expect(checkLinkMove('main', 'idle', 'connecting')).toBe(true);
    expect(checkLinkMove('main', 'qr', 'qr')).toBe(false);
    expect(checkLinkMove('main', 'reconnecting', 'connecting')).toBe(true);
    expect(() => checkLinkMove('main', 'reconnecting', 'open')).toThrow(IllegalTransitionError);
    expect(() => checkLinkMove('shop', 'idle', 'open')).toThrow('WhatsApp session shop cannot go from idle to open.');
  });
});

describe('reply text', () => {
  it('reads text, captions inside wrappers and button labels, and refuses protocol traffic', () => {
    expect(replyText({ conversation: 'STOP' })).toBe('STOP');
    expect(replyText({ extendedTextMessage: { text: 'sair por favor' } })).toBe('sair por favor');
    expect(replyText({ viewOnceMessageV2: { message: { videoMessage: { caption: 'baja' } } } })).toBe('baja');
    expect(replyText({ buttonsResponseMessage: { selectedDisplayText: 'Unsubscribe' } })).toBe('Unsubscribe');
    expect(replyText({ stickerMessage: {} })).toBe('');
    expect(replyText({ protocolMessage: { type: 0 } })).toBeUndefined();
    expect(replyText({ reactionMessage: { text: '❤' } })).toBeUndefined();
    expect(replyText(undefined)).toBeUndefined();
  });

  it('names the kind of media a person sent, inside wrappers too, and text otherwise', () => {
    expect(inboundKind({ imageMessage: { caption: 'look' } })).toBe('image');
    expect(inboundKind({ audioMessage: { ptt: true } })).toBe('audio');
    expect(inboundKind({ documentMessage: { fileName: 'order.pdf' } })).toBe('document');
    expect(inboundKind({ viewOnceMessageV2: { message: { videoMessage: {} } } })).toBe('video');
    expect(inboundKind({ stickerMessage: {} })).toBe('sticker');
    expect(inboundKind({ conversation: 'hi' })).toBe('text');
  });
});

describe('the socket caches', () => {
  it('forget entries after their time on the clock and the oldest past the size limit', async () => {
    const clock = new FakeClock();
    const cache = new TtlCache(clock, 1_000, 2);
    cache.set('a', 1);
    await clock.advance(999);
    expect(cache.get('a')).toBe(1);
    await clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 2);
    cache.set('c', 3);
    cache.set('d', 4);
    expect([cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([undefined, 3, 4]);
    expect(cache.size).toBe(2);
  });
});

describe('the Brazilian 9th digit', () => {
  it('gives a Brazilian mobile with or without its 9th digit, and nothing for landlines or other countries', () => {
    expect(brazilianNinthDigitVariant('5511987654321')).toBe('551187654321');
    expect(brazilianNinthDigitVariant('551187654321')).toBe('5511987654321');
    expect(brazilianNinthDigitVariant('552196543210')).toBe('5521996543210');
    // 2 to 5 begin landlines, which never had a 9 added.
    expect(brazilianNinthDigitVariant('551133334444')).toBeUndefined();
    expect(brazilianNinthDigitVariant('5511933334444')).toBeUndefined();
    expect(brazilianNinthDigitVariant('5501987654321')).toBeUndefined();
    expect(brazilianNinthDigitVariant('14155550123')).toBeUndefined();
  });
});
