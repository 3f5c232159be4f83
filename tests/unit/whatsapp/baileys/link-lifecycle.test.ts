import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Boom } from '@hapi/boom';
import { DisconnectReason } from 'baileys';
import { describe, expect, it, vi } from 'vitest';
import { AuthStateCorruptError } from '../../../../src/whatsapp/auth/auth-errors.js';
import { baileysHarness } from '../../../support/baileys/transport-harness.js';
import { tempDir } from '../../../support/temp-dir.js';

describe('the Baileys link lifecycle', () => {
  it('goes connecting -> qr -> open, emitting every QR and the linked phone', async () => {
    const { transport, factory, clock, events } = baileysHarness();
    await transport.connect();
    expect(transport.state).toBe('connecting');
    factory.latest.showQr('qr-one');
    factory.latest.showQr('qr-two');
    expect(transport.state).toBe('qr');
    expect(events.qr).toEqual([{ code: 'qr-one' }, { code: 'qr-two' }]);
    factory.latest.open('5511900000001');
    await clock.settle();
    expect(transport.state).toBe('open');
    expect(events.open).toEqual([{ phone: '+5511900000001' }]);
    expect(events.state.map((e) => e.state)).toEqual(['connecting', 'qr', 'open']);
    expect(transport.isRegistered).toBe(true);
  });

  it('asks for a socket that does not show the number online, with a browser name and the configured version', async () => {
    const { transport, factory } = baileysHarness();
    await transport.connect();
    const config = factory.latest.config;
    expect(config.markOnlineOnConnect).toBe(false);
    expect(config.browser?.[1]).toBe('Chrome');
    expect(config.version).toEqual([2, 3000, 1]);
  });

  it('on 515 restartRequired opens a new socket at once and listens to it, not to the old one', async () => {
    const { transport, factory, clock, events } = baileysHarness();
    await transport.connect();
    const first = factory.latest;
    first.showQr('scan me');
    first.drop(DisconnectReason.restartRequired, 'restart required');
    await clock.settle();
    expect(factory.sockets).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(0);
    expect(events.close.at(-1)).toMatchObject({ kind: 'restart', willReconnect: true, code: 515 });
    expect(transport.state).toBe('connecting');

    const second = factory.latest;
    second.open();
    await clock.settle();
    expect(transport.state).toBe('open');
    // The old socket's emitter is gone; even if it spoke, nothing would reach the transport.
    first.ev.emit('messages.update', [{ key: { id: 'OLD', fromMe: true }, update: { status: 3 } }]);
    second.ev.emit('messages.update', [{ key: { id: 'NEW', fromMe: true }, update: { status: 3 } }]);
    expect(events.receipt.map((r) => r.waMessageId)).toEqual(['NEW']);
  });

  it('on 401 loggedOut backs the folder up, pairs afresh with new credentials and a new QR, and says logged_out', async () => {
    const { transport, factory, clock, events, sessionsDir } = baileysHarness();
    await transport.connect();
    factory.latest.open();
    await clock.settle();
    const oldNoiseKey = Buffer.from(factory.latest.authState.creds.noiseKey.public).toString('hex');
    factory.latest.drop(DisconnectReason.loggedOut, 'Connection Failure');
    // The backup and the fresh login are real file work, not timers.
    await vi.waitFor(() => expect(factory.sockets).toHaveLength(2));
    await clock.settle();

    const close = events.close.at(-1)!;
    expect(close).toMatchObject({ kind: 'logged_out', willReconnect: false, code: 401 });
    const backups = readdirSync(sessionsDir).filter((name) => name.startsWith('main.logged-out-'));
    expect(backups).toEqual(['main.logged-out-2026-01-05T12-00-00Z']);
    expect(close.reason).toContain(backups[0]);
    const saved = JSON.parse(readFileSync(join(sessionsDir, backups[0]!, 'creds.json'), 'utf8')) as { me?: { id: string } };
    expect(saved.me?.id).toBe('5511900000001:7@s.whatsapp.net');

    const fresh = factory.latest;
    expect(Buffer.from(fresh.authState.creds.noiseKey.public).toString('hex')).not.toBe(oldNoiseKey);
    expect(fresh.authState.creds.me).toBeUndefined();
    expect(transport.isRegistered).toBe(false);
    fresh.showQr('new qr');
    expect(transport.state).toBe('qr');
    expect(events.qr.at(-1)).toEqual({ code: 'new qr' });
    expect(events.state.map((e) => e.state)).toEqual(['connecting', 'open', 'logged_out', 'connecting', 'qr']);
  });

  for (const [code, kind] of [
    [DisconnectReason.connectionReplaced, 'replaced'],
    [DisconnectReason.forbidden, 'forbidden'],
  ] as const) {
    it(`on ${code} stops with kind ${kind} and never reconnects by itself`, async () => {
      const { transport, factory, clock, events } = baileysHarness();
      await transport.connect();
      factory.latest.open();
      await clock.settle();
      factory.latest.drop(code);
      await clock.advance(24 * 3_600_000);
      expect(factory.sockets).toHaveLength(1);
      expect(clock.pendingTimers()).toBe(0);
      expect(transport.state).toBe('stopped');
      expect(transport.retry).toBeNull();
      expect(events.close).toEqual([expect.objectContaining({ kind, willReconnect: false, code })]);
      expect(transport.lastClose).toMatchObject({ kind, at: clock.now() - 24 * 3_600_000 });

      // An operator may bring it back on purpose.
      await transport.connect();
      expect(factory.sockets).toHaveLength(2);
      expect(transport.state).toBe('connecting');
    });
  }

  it('on a stream conflict of type device_removed (the phone unlinked it) treats the device as logged out, not replaced', async () => {
    const { transport, factory, clock, events, sessionsDir } = baileysHarness();
    await transport.connect();
    factory.latest.open();
    await clock.settle();
    factory.latest.streamError({ tag: 'conflict', attrs: { type: 'device_removed' } });
    await vi.waitFor(() => expect(factory.sockets).toHaveLength(2));
    expect(events.close.at(-1)).toMatchObject({ kind: 'logged_out', willReconnect: false, code: 440 });
    expect(readdirSync(sessionsDir).filter((n) => n.startsWith('main.logged-out-'))).toHaveLength(1);
  });

  it('on a stream conflict of type replaced stops as replaced', async () => {
    const { transport, factory, clock, events } = baileysHarness();
    await transport.connect();
    factory.latest.open();
    await clock.settle();
    factory.latest.streamError({ tag: 'conflict', attrs: { type: 'replaced' } });
    await clock.settle();
    expect(transport.state).toBe('stopped');
    expect(events.close.at(-1)).toMatchObject({ kind: 'replaced', code: 440 });
  });

  for (const [label, error] of [
    ['408 connectionLost', new Boom('Connection was lost', { statusCode: DisconnectReason.connectionLost })],
    ['428 connectionClosed', new Boom('Connection Terminated', { statusCode: DisconnectReason.connectionClosed })],
    ['500 badSession', new Boom('Stream Errored (unknown)', { statusCode: DisconnectReason.badSession })],
    ['an error without a code', new Error('socket hang up')],
  ] as const) {
    it(`on ${label} reconnects after a backoff delay on the clock, not before`, async () => {
      const { transport, factory, clock, events } = baileysHarness();
      await transport.connect();
      factory.latest.open();
      await clock.settle();
      void factory.latest.end(error);
      await clock.settle();
      expect(transport.state).toBe('reconnecting');
      const retry = transport.retry!;
      expect(retry.attempt).toBe(1);
      expect(retry.delayMs).toBeGreaterThanOrEqual(800);
      expect(retry.delayMs).toBeLessThanOrEqual(1_200);
      expect(retry.at).toBe(clock.now() + retry.delayMs);
      expect(events.close.at(-1)).toMatchObject({ kind: 'connection_lost', willReconnect: true, retryInMs: retry.delayMs });

      await clock.advance(retry.delayMs - 1);
      expect(factory.sockets).toHaveLength(1);
      await clock.advance(1);
      expect(factory.sockets).toHaveLength(2);
      expect(transport.state).toBe('connecting');
      factory.latest.open();
      await clock.settle();
      expect(transport.state).toBe('open');
      expect(transport.retry).toBeNull();
    });
  }

  it('grows the reconnect delay with every failed attempt and caps it at 60 s; a successful link starts over', async () => {
    const { transport, factory, clock } = baileysHarness();
    await transport.connect();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      factory.latest.drop(DisconnectReason.connectionClosed);
      await clock.settle();
      expect(transport.retry?.attempt).toBe(attempt);
      delays.push(transport.retry!.delayMs);
      await clock.runUntil(() => transport.state === 'connecting');
    }
    const capped = delays.findIndex((d) => d >= 48_000);
    expect(capped).toBe(6);
    for (let i = 1; i <= capped; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(60_000);
    expect(delays[0]).toBeLessThanOrEqual(1_200);

    factory.latest.open();
    await clock.settle();
    factory.latest.drop(DisconnectReason.connectionClosed);
    await clock.settle();
    expect(transport.retry?.attempt).toBe(1);
    expect(transport.retry!.delayMs).toBeLessThanOrEqual(1_200);
  });

  it('treats a socket that cannot be built as a lost connection, never as a logout', async () => {
    const { transport, factory, clock, sessionsDir } = baileysHarness();
    factory.failNextWith = new Boom('Mobile API is not supported anymore', { statusCode: DisconnectReason.loggedOut });
    await transport.connect();
    expect(transport.state).toBe('reconnecting');
    expect(readdirSync(sessionsDir).filter((n) => n.includes('logged-out'))).toEqual([]);
    await clock.runUntil(() => factory.sockets.length === 1);
    expect(transport.state).toBe('connecting');
  });

  it('stops waiting to reconnect on close(): no socket is made afterwards and the lock is released', async () => {
    const { transport, factory, clock, sessionsDir } = baileysHarness();
    await transport.connect();
    expect(existsSync(join(sessionsDir, 'main.lock'))).toBe(true);
    factory.latest.drop(DisconnectReason.connectionLost);
    await clock.settle();
    await transport.close();
    await clock.advance(3_600_000);
    expect(factory.sockets).toHaveLength(1);
    expect(transport.state).toBe('stopped');
    expect(existsSync(join(sessionsDir, 'main.lock'))).toBe(false);
    await expect(transport.connect()).rejects.toThrow('WhatsApp session main has been closed.');
  });

  it('logs out on request: tells WhatsApp, keeps the old login aside, and waits for connect() to pair again', async () => {
    const { transport, factory, clock, events, sessionsDir } = baileysHarness();
    await transport.connect();
    factory.latest.open();
    await clock.settle();
    await transport.logout();
    expect(factory.latest.loggedOut).toBe(true);
    expect(transport.state).toBe('logged_out');
    expect(events.close.at(-1)).toMatchObject({ kind: 'logged_out', willReconnect: false });
    expect(events.close.at(-1)!.reason).toContain('logged out by an operator');
    expect(readdirSync(sessionsDir).filter((n) => n.startsWith('main.logged-out-'))).toHaveLength(1);
    await clock.advance(3_600_000);
    expect(factory.sockets).toHaveLength(1);

    await transport.connect();
    expect(factory.sockets).toHaveLength(2);
    expect(factory.latest.authState.creds.me).toBeUndefined();
  });

  it('fails connect() loudly on a damaged login file, opening no socket and leaving the file as it is', async () => {
    const sessionsDir = tempDir();
    mkdirSync(join(sessionsDir, 'main'));
    writeFileSync(join(sessionsDir, 'main', 'creds.json'), '{"noiseKey":{"private":{"type":"Buffer","data":"AAAA');
    const { transport, factory } = baileysHarness({ sessionsDir });
    await expect(transport.connect()).rejects.toBeInstanceOf(AuthStateCorruptError);
    expect(factory.sockets).toEqual([]);
    expect(transport.state).toBe('idle');
    expect(readFileSync(join(sessionsDir, 'main', 'creds.json'), 'utf8')).toBe('{"noiseKey":{"private":{"type":"Buffer","data":"AAAA');
    expect(existsSync(join(sessionsDir, 'main.lock'))).toBe(false);
  });

  it('refuses a second transport on the same session while the first holds it', async () => {
    const first = baileysHarness();
    await first.transport.connect();
    const second = baileysHarness({ sessionsDir: first.sessionsDir });
    await expect(second.transport.connect()).rejects.toThrow(`session main is in use by pid ${process.pid}`);
    expect(second.factory.sockets).toEqual([]);
    await first.transport.close();
    await second.transport.connect();
    expect(second.factory.sockets).toHaveLength(1);
  });

  it('refuses a move the link never makes, naming both states', async () => {
    const { transport, factory, clock } = baileysHarness();
    await transport.connect();
    factory.latest.open();
    await clock.settle();
    // A QR after the link is open would be a Baileys bug; the transport refuses to pretend it is fine.
    expect(() => factory.latest.showQr('late')).toThrow('WhatsApp session main cannot go from open to qr.');
    expect(transport.state).toBe('open');
  });
});
