import { DisconnectReason } from 'baileys';
import { NotConnectedError, PermanentSendError, TransientSendError, ZapcastError } from '../../core/errors.js';
import { whatsappStatus } from './baileys-error.js';

/** A media file that cannot be read will not become readable by retrying. */
const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EISDIR', 'EPERM']);

/** 4xx statuses that say "not now" rather than "never". */
const TRANSIENT_CLIENT_ERRORS = new Set([DisconnectReason.timedOut, 429]);

/** 4xx statuses that mean the link itself is gone, not this message. */
const LINK_ERRORS = new Set([DisconnectReason.loggedOut, DisconnectReason.connectionClosed, DisconnectReason.connectionReplaced]);

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A failed send, in the terms the send loop acts on: NotConnectedError (the
 * link is down; the message did not go and costs no attempt), PermanentSendError
 * (it never will go: a bad request, an unreadable media file), or
 * TransientSendError (worth another try later). `linkOpen` is the link state at
 * the time of the failure.
 */
export function toSendError(error: unknown, linkOpen: boolean): ZapcastError {
  if (error instanceof ZapcastError) return error;
  const status = whatsappStatus(error);
  const message = describe(error);
  if (!linkOpen || (status !== undefined && LINK_ERRORS.has(status))) {
    return new NotConnectedError(`The WhatsApp link dropped during the send (${message}).`);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && FILE_ERRORS.has(code)) {
    return new PermanentSendError(`The media file cannot be read (${code}): ${message}`, code);
  }
  if (status !== undefined && status >= 400 && status < 500 && !TRANSIENT_CLIENT_ERRORS.has(status)) {
    return new PermanentSendError(`WhatsApp refused the message (${status}): ${message}`, String(status));
  }
  return new TransientSendError(message, status === undefined ? code : String(status));
}
