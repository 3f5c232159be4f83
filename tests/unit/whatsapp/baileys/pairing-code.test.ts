import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DisconnectReason } from 'baileys';
import { describe, expect, it, vi } from 'vitest';
import { NotConnectedError, ZapcastError } from '../../../../src/core/errors.js';
import { baileysHarness } from '../../../support/baileys/transport-harness.js';

describe('linking with a pairing code', () => {
  it('waits until WhatsApp offers a login, then asks for the code for the digits of the phone', async () => {
    const { transport, factory, clock } = baileysHarness();
    await transport.connect();
    const code = transport.requestPairingCode('+55 (11) 91234-5678');
    await clock.settle();
    expect(factory.latest.pairingRequests).toEqual([]);
    factory.latest.showQr('ready');
    await expect(code).resolves.toBe('ZAPC4ST1');
    expect(factory.latest.pairingRequests).toEqual(['5511912345678']);
  });

  it('starts the link first when it is not running, and asks at once when a QR is already showing', async () => {
    const { transport, factory } = baileysHarness();
    const code = transport.requestPairingCode('+5511912345678');
    // Loading the session folder is file work, not a timer.
    await vi.waitFor(() => expect(transport.state).toBe('connecting'));
    factory.latest.showQr('ready');
    await expect(code).resolves.toBe('ZAPC4ST1');
    await expect(transport.requestPairingCode('+5511912345678')).resolves.toBe('ZAPC4ST1');
    expect(factory.latest.pairingRequests).toHaveLength(2);
  });

  it('brings a link waiting to reconnect back now instead of after its delay', async () => {
    const { transport, factory, clock } = baileysHarness();
    await transport.connect();
    factory.latest.drop(DisconnectReason.connectionClosed);
    await clock.settle();
    expect(transport.state).toBe('reconnecting');
    const code = transport.requestPairingCode('+5511912345678');
    await clock.settle();
    expect(factory.sockets).toHaveLength(2);
    factory.latest.showQr('ready');
    await expect(code).resolves.toBe('ZAPC4ST1');
  });

  it('refuses a number that is not in international format, without touching WhatsApp', async () => {
    const { transport, factory } = baileysHarness();
    await expect(transport.requestPairingCode('12345')).rejects.toThrow('12345 is not a phone number in international format (such as +5511912345678).');
    expect(factory.sockets).toEqual([]);
  });

  it('refuses when the number is already linked', async () => {
    const { transport, linked } = baileysHarness();
    await linked();
    const refusal = await transport.requestPairingCode('+5511912345678').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ZapcastError);
    expect((refusal as Error).message).toBe('WhatsApp number main is already linked; log it out first to link another phone.');
  });

  it('gives up after the wait when WhatsApp never offers a login', async () => {
    const { transport, clock } = baileysHarness();
    const code = transport.requestPairingCode('+5511912345678').catch((e: unknown) => e);
    await vi.waitFor(() => expect(clock.pendingTimers()).toBe(1));
    await clock.advance(30_000);
    const failure = await code;
    expect(failure).toBeInstanceOf(NotConnectedError);
    expect((failure as Error).message).toBe('WhatsApp was not ready to link within 30 s (the link is connecting); try again.');
  });

  it('after a code entered too late (408: the login offers ran out) forgets the half-made link and offers a fresh QR, with no backup and no logout', async () => {
    const { transport, factory, clock, events, sessionsDir } = baileysHarness();
    await transport.connect();
    factory.latest.showQr('ready');
    await transport.requestPairingCode('+5511912345678');
    expect(factory.latest.authState.creds.me?.id).toBe('5511912345678@s.whatsapp.net');
    factory.latest.drop(DisconnectReason.timedOut, 'QR refs attempts ended');
    await clock.settle();
    expect(events.close.at(-1)).toMatchObject({ kind: 'connection_lost', willReconnect: true, code: 408 });
    expect(events.close.at(-1)!.reason).toBe('the pairing code was not entered in time; a fresh QR follows (or /pair for a new code)');

    await clock.runUntil(() => factory.sockets.length === 2);
    await clock.settle();
    expect(factory.latest.authState.creds.me).toBeUndefined();
    factory.latest.showQr('fresh');
    expect(transport.state).toBe('qr');
    expect(events.state.map((e) => e.state)).not.toContain('logged_out');
    expect(events.close.map((e) => e.kind)).not.toContain('logged_out');
    expect(readdirSync(sessionsDir).filter((n) => n.includes('logged-out'))).toEqual([]);
    await transport.close();
    const saved = JSON.parse(readFileSync(join(sessionsDir, 'main', 'creds.json'), 'utf8')) as { me?: unknown; pairingCode?: unknown };
    expect(saved.me).toBeUndefined();
    expect(saved.pairingCode).toBeUndefined();
    expect(existsSync(join(sessionsDir, 'main'))).toBe(true);
  });

  it('takes a new code after the late one was forgotten', async () => {
    const { transport, factory, clock } = baileysHarness();
    await transport.connect();
    factory.latest.showQr('ready');
    await transport.requestPairingCode('+5511912345678');
    factory.latest.drop(DisconnectReason.timedOut, 'QR refs attempts ended');
    await clock.runUntil(() => factory.sockets.length === 2);
    factory.latest.showQr('fresh');
    await expect(transport.requestPairingCode('+5511912345678')).resolves.toBe('ZAPC4ST1');
  });

  it('never backs up a folder that was never linked when WhatsApp refuses it with 401', async () => {
    const { transport, factory, clock, events, sessionsDir } = baileysHarness();
    await transport.connect();
    factory.latest.showQr('ready');
    factory.latest.failure(DisconnectReason.loggedOut);
    await clock.settle();
    expect(transport.state).toBe('reconnecting');
    expect(events.close.at(-1)).toMatchObject({ kind: 'connection_lost', code: 401 });
    expect(readdirSync(sessionsDir).filter((n) => n.includes('logged-out'))).toEqual([]);
  });
});
