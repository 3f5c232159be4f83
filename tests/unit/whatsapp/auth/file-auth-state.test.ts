import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initAuthCreds, useMultiFileAuthState } from 'baileys';
import { describe, expect, it } from 'vitest';
import { AuthStateCorruptError } from '../../../../src/whatsapp/auth/auth-errors.js';
import { isLinked, loadFileAuthState } from '../../../../src/whatsapp/auth/file-auth-state.js';
import { memoryLogger } from '../../../support/memory-logger.js';
import { tempDir } from '../../../support/temp-dir.js';

function linkedCreds() {
  const creds = initAuthCreds();
  creds.registered = true;
  creds.me = { id: '5511900000001:7@s.whatsapp.net', name: 'Shop' };
  return creds;
}

describe('the session folder (auth state on files)', () => {
  it('reads a folder written by Baileys useMultiFileAuthState, file for file', async () => {
    const folder = join(tempDir(), 'main');
    const upstream = await useMultiFileAuthState(folder);
    Object.assign(upstream.state.creds, linkedCreds());
    await upstream.saveCreds();
    await upstream.state.keys.set({
      'pre-key': { '7': { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) } },
      session: { '5511987654321.0': Buffer.from('session bytes') },
      'app-state-sync-key': { 'AAAA/bb:cc': { keyData: Buffer.from('key data') } },
    });

    const ours = await loadFileAuthState(folder);
    expect(ours.state.creds.noiseKey.public).toEqual(upstream.state.creds.noiseKey.public);
    expect(isLinked(ours.state.creds)).toBe(true);
    const keys = await ours.state.keys.get('pre-key', ['7', '8']);
    expect(keys).toEqual({ '7': { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) } });
    expect(await ours.state.keys.get('session', ['5511987654321.0'])).toEqual({ '5511987654321.0': Buffer.from('session bytes') });
    const syncKey = (await ours.state.keys.get('app-state-sync-key', ['AAAA/bb:cc']))['AAAA/bb:cc'];
    expect(Buffer.from(syncKey!.keyData!)).toEqual(Buffer.from('key data'));
  });

  it('writes files Baileys useMultiFileAuthState reads back, under the same names', async () => {
    const folder = join(tempDir(), 'main');
    const ours = await loadFileAuthState(folder);
    Object.assign(ours.state.creds, linkedCreds());
    await ours.saveCreds();
    await ours.state.keys.set({ 'sender-key': { '1203630@g.us::5511987654321::0': Buffer.from('sender key') } });
    expect(readdirSync(folder).sort()).toEqual(['creds.json', 'sender-key-1203630@g.us--5511987654321--0.json']);

    const upstream = await useMultiFileAuthState(folder);
    expect(upstream.state.creds.me?.id).toBe('5511900000001:7@s.whatsapp.net');
    expect(await upstream.state.keys.get('sender-key', ['1203630@g.us::5511987654321::0'])).toEqual({
      '1203630@g.us::5511987654321::0': Buffer.from('sender key'),
    });
  });

  it('removes a key file when Baileys sets the key to null', async () => {
    const folder = join(tempDir(), 'main');
    const auth = await loadFileAuthState(folder);
    await auth.state.keys.set({ 'pre-key': { '1': { public: Buffer.alloc(32), private: Buffer.alloc(32) } } });
    expect(existsSync(join(folder, 'pre-key-1.json'))).toBe(true);
    await auth.state.keys.set({ 'pre-key': { '1': null } });
    expect(existsSync(join(folder, 'pre-key-1.json'))).toBe(false);
  });

  it('keeps the folder 0700 and every file 0600, tightening a folder made with looser modes', async () => {
    const folder = join(tempDir(), 'main');
    const upstream = await useMultiFileAuthState(folder);
    await upstream.saveCreds();
    const auth = await loadFileAuthState(folder);
    await auth.state.keys.set({ 'pre-key': { '2': { public: Buffer.alloc(32), private: Buffer.alloc(32) } } });
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(folder)) expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
  });

  it('refuses a truncated creds.json with an error naming it, and leaves it as it was', async () => {
    const folder = join(tempDir(), 'main');
    const auth = await loadFileAuthState(folder);
    Object.assign(auth.state.creds, linkedCreds());
    await auth.saveCreds();
    const whole = readFileSync(join(folder, 'creds.json'), 'utf8');
    writeFileSync(join(folder, 'creds.json'), whole.slice(0, Math.floor(whole.length / 2)));

    const failure = await loadFileAuthState(folder).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthStateCorruptError);
    expect((failure as AuthStateCorruptError).file).toBe(join(folder, 'creds.json'));
    expect((failure as Error).message).toMatch(/^The WhatsApp login file .*creds\.json is not valid JSON \(.*\); it may have been cut short\. The session was left untouched/);
    expect(readFileSync(join(folder, 'creds.json'), 'utf8')).toBe(whole.slice(0, Math.floor(whole.length / 2)));
  });

  it('refuses an empty creds.json, and one that lacks the keys a login needs', async () => {
    const folder = join(tempDir(), 'main');
    await loadFileAuthState(folder);
    writeFileSync(join(folder, 'creds.json'), '');
    await expect(loadFileAuthState(folder)).rejects.toThrow(/creds\.json is empty\./);
    writeFileSync(join(folder, 'creds.json'), JSON.stringify({ registrationId: 7, advSecretKey: 'x' }));
    await expect(loadFileAuthState(folder)).rejects.toThrow(/creds\.json lacks noiseKey, pairingEphemeralKeyPair, signedIdentityKey, signedPreKey\./);
  });

  it('refuses a folder whose creds.json is gone while its keys remain, instead of pairing afresh', async () => {
    const folder = join(tempDir(), 'main');
    const auth = await loadFileAuthState(folder);
    await auth.saveCreds();
    await auth.state.keys.set({ 'pre-key': { '3': { public: Buffer.alloc(32), private: Buffer.alloc(32) } } });
    await auth.flush();
    rmSync(join(folder, 'creds.json'));
    await expect(loadFileAuthState(folder)).rejects.toThrow(/creds\.json is missing while the folder holds 1 other login files/);
  });

  it('reads a damaged key file as absent, as Baileys does, and logs it once naming the file', async () => {
    const folder = join(tempDir(), 'main');
    const first = await loadFileAuthState(folder);
    await first.saveCreds();
    await first.state.keys.set({ session: { '5511911112222.0': Buffer.from('good session') } });
    await first.flush();
    writeFileSync(join(folder, 'session-5511987654321.0.json'), '{"type":"Buffer","data":"AAAA');
    const { logger, lines } = memoryLogger();
    const auth = await loadFileAuthState(folder, { logger });
    await expect(auth.state.keys.get('session', ['5511987654321.0', '5511911112222.0'])).resolves.toEqual({ '5511911112222.0': Buffer.from('good session') });
    await expect(auth.state.keys.get('session', ['5511987654321.0'])).resolves.toEqual({});
    const damaged = lines.filter((line) => line.msg.startsWith('a damaged WhatsApp key file'));
    expect(damaged).toHaveLength(1);
    expect((damaged[0]!.err as { message: string }).message).toContain(join(folder, 'session-5511987654321.0.json'));
    // Baileys rebuilds the key and writes it over the damaged file.
    await auth.state.keys.set({ session: { '5511987654321.0': Buffer.from('rebuilt') } });
    await auth.flush();
    const again = await loadFileAuthState(folder);
    expect(await again.state.keys.get('session', ['5511987654321.0'])).toEqual({ '5511987654321.0': Buffer.from('rebuilt') });
  });

  it('still refuses a damaged creds.json while a damaged key file beside it is only logged', async () => {
    const folder = join(tempDir(), 'main');
    const first = await loadFileAuthState(folder);
    Object.assign(first.state.creds, linkedCreds());
    await first.saveCreds();
    writeFileSync(join(folder, 'pre-key-9.json'), '');
    writeFileSync(join(folder, 'creds.json'), '{"noiseKey":');
    await expect(loadFileAuthState(folder)).rejects.toBeInstanceOf(AuthStateCorruptError);
  });

  it('starts fresh credentials in an empty folder and clears staging files a killed writer left', async () => {
    const folder = join(tempDir(), 'main');
    const first = await loadFileAuthState(folder);
    await first.saveCreds();
    writeFileSync(join(folder, '.creds.json.4242-abcd1234.tmp'), '{"half": ');
    const again = await loadFileAuthState(folder);
    expect(again.state.creds.noiseKey.public).toEqual(first.state.creds.noiseKey.public);
    expect(readdirSync(folder)).toEqual(['creds.json']);
    const empty = await loadFileAuthState(join(tempDir(), 'other'));
    expect(isLinked(empty.state.creds)).toBe(false);
  });
});
