import { PidLock } from '../../core/pid-lock.js';
import { SessionInUseError } from './auth-errors.js';

/**
 * One process per WhatsApp session: two sockets on one login would fight over
 * it (WhatsApp keeps only one). See PidLock for how a stale lock is taken over.
 */
export class SessionLock {
  private constructor(private readonly lock: PidLock) {}

  get path(): string {
    return this.lock.path;
  }

  static acquire(path: string, sessionName: string): SessionLock {
    return new SessionLock(PidLock.acquire(path, (pid) => new SessionInUseError(sessionName, pid)));
  }

  release(): void {
    this.lock.release();
  }
}
