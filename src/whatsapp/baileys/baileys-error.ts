import { isBoom, type Boom } from '@hapi/boom';

/**
 * Baileys throws and closes with @hapi/boom errors, and puts what WhatsApp said
 * in two places: `output.statusCode` (a DisconnectReason for a close, an HTTP
 * status for a request) and `data`. These read them through Boom itself.
 */
function boomOf(error: unknown): Boom | undefined {
  return isBoom(error) ? error : undefined;
}

/** The Boom status code; undefined for anything that is not a Boom error. */
export function boomStatus(error: unknown): number | undefined {
  return boomOf(error)?.output.statusCode;
}

/**
 * The code of an error node in WhatsApp's answer (`<error code="429"
 * text="rate-overlimit"/>`). Baileys' assertNodeErrorFree turns it into a Boom
 * whose status is a bare 500 and whose data is that code, so the status alone
 * would call every refusal a server fault.
 */
export function answerErrorCode(error: unknown): number | undefined {
  const data = boomOf(error)?.data as unknown;
  return typeof data === 'number' && Number.isInteger(data) && data > 0 ? data : undefined;
}

/** What WhatsApp meant: the code of its error node when it gave one, else the Boom status. */
export function whatsappStatus(error: unknown): number | undefined {
  return answerErrorCode(error) ?? boomStatus(error);
}

/**
 * The `type` of a stream error's `<conflict/>` node, which Baileys keeps as the
 * Boom's data: "replaced" (another session took over) or "device_removed"
 * (the phone unlinked this device). Baileys gives both the same status, 440.
 */
export function streamConflictType(error: unknown): string | undefined {
  const data = boomOf(error)?.data as { tag?: unknown; attrs?: { type?: unknown } } | null | undefined;
  if (typeof data !== 'object' || data === null || data.tag !== 'conflict') return undefined;
  return typeof data.attrs?.type === 'string' ? data.attrs.type : undefined;
}
