import { chmod, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  initAuthCreds,
  makeCacheableSignalKeyStore,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type CacheStore,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from 'baileys';
import type { Logger } from 'pino';
import { isStagingFile, readTextIfExists } from './atomic-file.js';
import { AuthStateCorruptError } from './auth-errors.js';
import { CREDS_FILE, keyFileName } from './auth-file-names.js';
import { assertCreds, decodeAuthJson, encodeAuthJson } from './auth-json.js';
import { FileWriter } from './file-writer.js';

export interface FileAuthState {
  readonly folder: string;
  /** For makeWASocket: the credentials and the key store (cached in memory, written through to files). */
  readonly state: AuthenticationState;
  saveCreds(): Promise<void>;
  /** Resolves when every write started so far is on disk. */
  flush(): Promise<void>;
}

/** Linked, as opposed to fresh credentials still waiting for a QR scan or a pairing code. */
export function isLinked(creds: AuthenticationCreds): boolean {
  return creds.registered === true || creds.account != null;
}

/**
 * Baileys' multi-file auth state, made safe to crash in: the same files
 * (creds.json, one file per key) so an existing folder keeps working, but every
 * write is atomic. A damaged creds.json raises AuthStateCorruptError naming it:
 * it is never silently replaced by fresh credentials, which would unlink the
 * number. A damaged key file is logged and read as absent, as Baileys does.
 * The caller holds the session lock.
 */
export async function loadFileAuthState(folder: string, options: { logger?: Logger; keyCache?: CacheStore } = {}): Promise<FileAuthState> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const otherFiles = await tidyFolder(folder);
  const writer = new FileWriter(folder);

  const readJson = async (name: string): Promise<unknown> => {
    await writer.settled(name);
    const path = join(folder, name);
    const text = await readTextIfExists(path);
    return text === undefined ? undefined : decodeAuthJson(text, path);
  };

  const credsPath = join(folder, CREDS_FILE);
  const stored = await readJson(CREDS_FILE);
  if (stored === undefined && otherFiles > 0) {
    throw new AuthStateCorruptError(credsPath, `is missing while the folder holds ${otherFiles} other login files`);
  }
  const creds = stored === undefined ? initAuthCreds() : assertCreds(stored, credsPath);

  // A damaged key file is reported once, not at every read of it.
  const reportedDamaged = new Set<string>();
  const store: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      await Promise.all(
        ids.map(async (id) => {
          const name = keyFileName(type, id);
          let value: unknown;
          try {
            value = await readJson(name);
          } catch (error) {
            // Unlike creds.json, a key is only a cache of what WhatsApp can give again: Baileys treats an
            // unreadable one as absent and rebuilds it (a new session with that contact), and so does this.
            if (!(error instanceof AuthStateCorruptError)) throw error;
            if (!reportedDamaged.has(name)) options.logger?.error({ err: error, type, id }, 'a damaged WhatsApp key file is treated as absent; WhatsApp rebuilds it');
            reportedDamaged.add(name);
            return;
          }
          if (value === undefined || value === null) return;
          found[id] = (type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value as object) : value) as SignalDataTypeMap[T];
        }),
      );
      return found;
    },
    async set(data: SignalDataSet) {
      const changes = new Map<string, string | null>();
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          changes.set(keyFileName(type, id), value ? encodeAuthJson(value) : null);
        }
      }
      await writer.apply(changes);
    },
  };

  return {
    folder,
    state: { creds, keys: makeCacheableSignalKeyStore(store, options.logger, options.keyCache) },
    saveCreds: () => writer.apply(new Map([[CREDS_FILE, encodeAuthJson(creds)]])),
    flush: () => writer.idle(),
  };
}

/**
 * Removes staging files a killed writer left behind (never read: the rename
 * that would have published them did not happen), makes every file 0600, and
 * counts the login files other than creds.json.
 */
async function tidyFolder(folder: string): Promise<number> {
  let others = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(folder, entry.name);
    if (isStagingFile(entry.name)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    await chmod(path, 0o600);
    if (entry.name !== CREDS_FILE && entry.name.endsWith('.json')) others++;
  }
  return others;
}
