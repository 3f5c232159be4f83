import { BufferJSON, type AuthenticationCreds } from 'baileys';
import { AuthStateCorruptError } from './auth-errors.js';

/** Same encoding as Baileys' own multi-file state, so a folder it wrote loads here and back. */
export function encodeAuthJson(value: unknown): string {
  return JSON.stringify(value, BufferJSON.replacer);
}

/** Parses a login file, refusing empty or half-written text with an error that names the file. */
export function decodeAuthJson(text: string, file: string): unknown {
  if (text.trim() === '') throw new AuthStateCorruptError(file, 'is empty');
  try {
    return JSON.parse(text, BufferJSON.reviver) as unknown;
  } catch (error) {
    throw new AuthStateCorruptError(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)}); it may have been cut short`);
  }
}

function isKeyPair(value: unknown): boolean {
  const pair = value as { public?: unknown; private?: unknown } | null;
  return typeof pair === 'object' && pair !== null && Buffer.isBuffer(pair.public) && Buffer.isBuffer(pair.private);
}

/** What Baileys cannot log in without; a file lacking any of it is damaged, not new. */
export function assertCreds(value: unknown, file: string): AuthenticationCreds {
  const creds = value as Partial<AuthenticationCreds> | null;
  if (typeof creds !== 'object' || creds === null || Array.isArray(creds)) throw new AuthStateCorruptError(file, 'does not hold login credentials');
  const missing: string[] = [];
  if (!isKeyPair(creds.noiseKey)) missing.push('noiseKey');
  if (!isKeyPair(creds.pairingEphemeralKeyPair)) missing.push('pairingEphemeralKeyPair');
  if (!isKeyPair(creds.signedIdentityKey)) missing.push('signedIdentityKey');
  if (!creds.signedPreKey || !isKeyPair(creds.signedPreKey.keyPair)) missing.push('signedPreKey');
  if (typeof creds.registrationId !== 'number') missing.push('registrationId');
  if (typeof creds.advSecretKey !== 'string') missing.push('advSecretKey');
  if (missing.length > 0) throw new AuthStateCorruptError(file, `lacks ${missing.join(', ')}`);
  return creds as AuthenticationCreds;
}
