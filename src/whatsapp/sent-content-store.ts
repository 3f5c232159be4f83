/**
 * What was really sent, by WhatsApp message id, as the transport encoded it
 * (opaque bytes to everyone else). A recipient whose phone could not decrypt a
 * message asks for it again, possibly days later and after a restart; the
 * answer must be the same message, a picture with its media reference and not
 * only its caption.
 */
export interface SentContentStore {
  save(waMessageId: string, content: Uint8Array, at: number): void;
  load(waMessageId: string): Uint8Array | undefined;
}

/** How long a sent message can be asked for again: WhatsApp keeps undelivered messages about this long. */
export const SENT_CONTENT_KEEP_MS = 30 * 86_400_000;
