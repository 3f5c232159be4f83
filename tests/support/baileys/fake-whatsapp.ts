import { assertNodeErrorFree, type BinaryNode, type ReachoutTimelockState, type WAMediaUploadFunction } from 'baileys';

/** The error Baileys throws when WhatsApp answers a query with `<error code=... text=.../>` (its own assertNodeErrorFree). */
export function answerError(code: number, text: string): Error {
  try {
    assertNodeErrorFree({ tag: 'iq', attrs: { type: 'error' }, content: [{ tag: 'error', attrs: { code: String(code), text } }] });
  } catch (error) {
    return error as Error;
  }
  throw new Error('assertNodeErrorFree did not throw');
}

/** What the fake WhatsApp knows, shared by every socket a factory makes (it outlives reconnects, like WhatsApp). */
export class FakeWhatsApp {
  /** Numbers (digits) with an account; `notOnWhatsApp` ones are answered "out"; any other is left out of the answer. */
  readonly onWhatsApp = new Set<string>();
  readonly notOnWhatsApp = new Set<string>();
  /** LID JID -> phone JID, as the socket's LID mapping store would know them. */
  readonly lidToPn = new Map<string, string>();
  reachoutTimelock: ReachoutTimelockState = { isActive: false };
  sendError: Error | undefined;
  usyncError: Error | undefined;
  presenceError: Error | undefined;
  readonly usyncQueries: string[][] = [];
  /** Encrypted media files "uploaded", by media type. */
  readonly uploads: string[] = [];
  /** The media server: takes an encrypted file and says where it lives. */
  readonly upload: WAMediaUploadFunction = async (_path, { fileEncSha256B64, mediaType }) => {
    this.uploads.push(mediaType);
    const name = encodeURIComponent(fileEncSha256B64);
    return { mediaUrl: `https://mmg.whatsapp.net/v/t62/${name}?mms3=true`, directPath: `/v/t62/${name}` };
  };

  /**
   * WhatsApp's answer to a contact lookup: each user under the JID of the
   * account it found (a Brazilian number asked with or without its 9th digit
   * is answered under the form the account has), the asked number only echoed
   * inside the contact node, which Baileys' parser drops; numbers it knows
   * nothing about are left out.
   */
  contactAnswer(numbers: readonly string[]): BinaryNode {
    const users: BinaryNode[] = [];
    for (const asked of numbers) {
      const account = this.accountOf(asked);
      if (account === undefined && !this.notOnWhatsApp.has(asked)) continue;
      users.push({
        tag: 'user',
        attrs: { jid: `${account ?? asked}@s.whatsapp.net` },
        content: [{ tag: 'contact', attrs: { type: account === undefined ? 'out' : 'in' }, content: Buffer.from(`+${asked}`) }],
      });
    }
    return { tag: 'iq', attrs: { type: 'result' }, content: [{ tag: 'usync', attrs: {}, content: [{ tag: 'list', attrs: {}, content: users }] }] };
  }

  /** The account a number reaches: itself, or for a Brazilian mobile the same number with or without the 9th digit. */
  accountOf(number: string): string | undefined {
    if (this.onWhatsApp.has(number)) return number;
    const brazilian = /^55(\d{2})(9?)(\d{8})$/.exec(number);
    if (!brazilian) return undefined;
    const other = `55${brazilian[1]}${brazilian[2] ? '' : '9'}${brazilian[3]}`;
    return this.onWhatsApp.has(other) ? other : undefined;
  }
}
