import { DisconnectReason } from 'baileys';
import { describe, expect, it } from 'vitest';
import { baileysHarness } from '../../../support/baileys/transport-harness.js';

const DAY = 86_400_000;

describe('the WhatsApp Web version announced', () => {
  it('on a 405 (client too old) asks WhatsApp Web for the current version and reconnects with it at once', async () => {
    const { transport, factory, clock, events, versionQuestions } = baileysHarness({ whatsAppWebVersions: [[2, 3000, 1], [2, 3000, 2]] });
    await transport.connect();
    expect(factory.latest.config.version).toEqual([2, 3000, 1]);
    factory.latest.failure(405);
    await clock.settle();
    expect(versionQuestions).toHaveLength(2);
    expect(factory.sockets).toHaveLength(2);
    expect(factory.latest.config.version).toEqual([2, 3000, 2]);
    expect(events.close.at(-1)).toMatchObject({ kind: 'outdated', code: 405, willReconnect: true });
    expect(events.close.at(-1)!.reason).toBe('WhatsApp no longer accepts WhatsApp Web 2.3000.1 (405: client too old); reconnecting with 2.3000.2');
    expect(events.close.at(-1)!.operatorAction).toBeUndefined();
    factory.latest.open();
    await clock.settle();
    expect(transport.state).toBe('open');
  });

  it('when WhatsApp Web names no newer version, retries with backoff and says once what an operator can do', async () => {
    const { transport, factory, clock, events } = baileysHarness({ whatsAppWebVersions: [[2, 3000, 1]] });
    await transport.connect();
    factory.latest.failure(405);
    await clock.settle();
    expect(transport.state).toBe('reconnecting');
    expect(factory.sockets).toHaveLength(1);
    const first = events.close.at(-1)!;
    expect(first).toMatchObject({ kind: 'outdated', willReconnect: true, retryInMs: transport.retry!.delayMs });
    expect(first.reason).toBe('WhatsApp no longer accepts WhatsApp Web 2.3000.1 (405: client too old), and WhatsApp Web names no newer one');
    expect(first.operatorAction).toBe('Update zapcast, or set WA_VERSION to the version WhatsApp Web runs now');
    expect(transport.lastClose?.operatorAction).toBeDefined();

    await clock.runUntil(() => factory.sockets.length === 2);
    factory.latest.failure(405);
    await clock.settle();
    expect(events.close.at(-1)!.operatorAction).toBeUndefined();
    expect(transport.retry?.attempt).toBe(2);
  });

  it('replaces a pinned version WhatsApp refuses with the current one', async () => {
    const { factory, clock, transport } = baileysHarness({ version: [2, 2400, 9], whatsAppWebVersions: [[2, 3000, 5]] });
    await transport.connect();
    expect(factory.latest.config.version).toEqual([2, 2400, 9]);
    factory.latest.failure(405);
    await clock.settle();
    expect(factory.latest.config.version).toEqual([2, 3000, 5]);
  });

  it('is asked again on a reconnect once the last answer is a day old, and not before', async () => {
    const { transport, factory, clock, versionQuestions } = baileysHarness({ whatsAppWebVersions: [[2, 3000, 1], [2, 3000, 7]] });
    await transport.connect();
    factory.latest.open();
    await clock.settle();
    factory.latest.drop(DisconnectReason.connectionClosed);
    await clock.runUntil(() => factory.sockets.length === 2);
    expect(versionQuestions).toHaveLength(1);
    expect(factory.latest.config.version).toEqual([2, 3000, 1]);
    factory.latest.open();
    await clock.advance(DAY);
    factory.latest.drop(DisconnectReason.connectionClosed);
    await clock.runUntil(() => factory.sockets.length === 3);
    expect(versionQuestions).toHaveLength(2);
    expect(factory.latest.config.version).toEqual([2, 3000, 7]);
  });
});
