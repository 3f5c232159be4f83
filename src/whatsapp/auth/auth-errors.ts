import { ZapcastError } from '../../core/errors.js';

/**
 * A login file could not be read back. The session is left as it is: replacing
 * it with fresh credentials would silently unlink the number.
 */
export class AuthStateCorruptError extends ZapcastError {
  override name = 'AuthStateCorruptError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `The WhatsApp login file ${file} ${problem}. The session was left untouched: restore the file from a backup, ` +
        'or move the session folder away and link the number again.',
    );
  }
}

/** Another process (or another part of this one) holds the session's lock. */
export class SessionInUseError extends ZapcastError {
  override name = 'SessionInUseError';
  constructor(
    readonly sessionName: string,
    readonly pid: number,
  ) {
    super(`session ${sessionName} is in use by pid ${pid}; stop that process first, or give this one another SESSIONS_DIR.`);
  }
}
