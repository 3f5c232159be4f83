import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadFileAuthState, type FileAuthState } from '../auth/file-auth-state.js';
import { backUpSessionFolder } from '../auth/session-backup.js';
import { SessionLock } from '../auth/session-lock.js';
import { SocketCaches } from './socket-caches.js';
import type { Clock } from '../../core/clock.js';

/**
 * What a session keeps on disk and in memory across sockets: the lock that
 * keeps other processes out, the login files, and Baileys' caches.
 */
export class SessionFiles {
  readonly caches: SocketCaches;
  private lock: SessionLock | undefined;
  private auth: FileAuthState | undefined;

  constructor(
    private readonly sessionsDir: string,
    private readonly sessionName: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.caches = new SocketCaches(clock);
  }

  get folder(): string {
    return join(this.sessionsDir, this.sessionName);
  }

  /** The login in use, once loaded. */
  get loaded(): FileAuthState | undefined {
    return this.auth;
  }

  /** Takes the session lock (once); throws SessionInUseError when another process holds it. */
  hold(): void {
    if (this.lock) return;
    mkdirSync(this.sessionsDir, { recursive: true, mode: 0o700 });
    this.lock = SessionLock.acquire(`${this.folder}.lock`, this.sessionName);
  }

  /** The login, read from the folder the first time (strictly: a damaged file throws). */
  async load(): Promise<FileAuthState> {
    this.hold();
    try {
      this.auth ??= await loadFileAuthState(this.folder, { logger: this.logger, keyCache: this.caches.keys });
    } catch (error) {
      this.lock?.release();
      this.lock = undefined;
      throw error;
    }
    return this.auth;
  }

  /** Drops the login after a logout and moves its folder to a dated backup; the backup's path, if there was a folder. */
  async retire(): Promise<string | undefined> {
    const auth = this.auth;
    this.auth = undefined;
    this.caches.flushAll();
    await auth?.flush();
    return backUpSessionFolder(this.folder, this.clock.now());
  }

  /** Waits for writes in flight, then lets other processes have the session. */
  async release(): Promise<void> {
    await this.auth?.flush();
    this.lock?.release();
    this.lock = undefined;
  }
}
