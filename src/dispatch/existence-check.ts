import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import type { WhatsAppTransport } from '../whatsapp/transport.js';

/** How long an "is on WhatsApp" answer is trusted. */
export const EXISTENCE_TTL_MS = 30 * 86_400_000;
export const EXISTENCE_BATCH = 50;

interface Candidate {
  messageId: number;
  phone: string;
  contactId: number | null;
  onWhatsapp: number | null;
  checkedAt: number | null;
}

/**
 * Before a contact's first message its number is checked on WhatsApp, a batch
 * at a time and cached on the contact. Numbers WhatsApp says are not registered
 * are skipped, never sent; the JID WhatsApp answers with is kept on the
 * contact and messages go to it. A number missing from the answer (WhatsApp knows it
 * under another form, or that batch failed) is unknown: it is not condemned for
 * a month on no evidence, and the send itself will tell.
 */
export interface Prepared {
  /** Messages skipped because their number is not on WhatsApp (look again when > 0). */
  skipped: number;
  /** The message that may be claimed next: its number is checked. */
  nextId: number | undefined;
}

export class ExistenceCheck {
  private readonly nextDue;
  private readonly unchecked;
  private readonly skip;

  constructor(
    private readonly repos: Repositories,
    private readonly transport: WhatsAppTransport,
  ) {
    // The claim's own conditions (see MessagesRepo.nextDue), so these read messages_waiting in due order.
    const columns = `m.id AS messageId, m.phone AS phone, c.id AS contactId, c.on_whatsapp AS onWhatsapp, c.checked_at AS checkedAt`;
    this.nextDue = repos.db.prepare(
      `SELECT ${columns} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
       WHERE m.run_id = ? AND m.state IN ('pending', 'sending') AND +m.state = 'pending' AND m.next_attempt_at >= 0 AND m.next_attempt_at <= ?
       ORDER BY m.next_attempt_at, m.id LIMIT 1`,
    );
    this.unchecked = repos.db.prepare(
      `SELECT ${columns} FROM messages m JOIN contacts c ON c.id = m.contact_id
       WHERE m.run_id = ? AND m.state IN ('pending', 'sending') AND +m.state = 'pending' AND m.next_attempt_at >= 0
         AND (c.on_whatsapp IS NULL OR c.checked_at < ?)
       ORDER BY m.next_attempt_at, m.id LIMIT ${EXISTENCE_BATCH}`,
    );
    this.skip = repos.db.prepare(`UPDATE messages SET state = 'skipped', error = 'not on WhatsApp' WHERE id = ? AND state = 'pending'`);
  }

  private fresh(candidate: Candidate, now: number): boolean {
    return candidate.contactId === null || (candidate.checkedAt !== null && candidate.checkedAt >= now - EXISTENCE_TTL_MS);
  }

  /** Makes sure the next message due in these runs goes to a checked number. */
  async prepare(runIds: number[], now: number): Promise<Prepared> {
    for (const runId of runIds) {
      const next = this.nextDue.get(runId, now) as Candidate | undefined;
      if (!next) continue;
      if (!this.fresh(next, now)) return { skipped: await this.checkBatch(runId, now), nextId: undefined };
      if (next.onWhatsapp === 0) return { skipped: this.skipKnownAbsent(next), nextId: undefined };
      return { skipped: 0, nextId: next.messageId };
    }
    return { skipped: 0, nextId: undefined };
  }

  /**
   * The message that may go next without asking WhatsApp: its number's answer
   * is known and fresh. Undefined when the next one needs a check or a skip,
   * which prepare() does.
   */
  vettedNext(runIds: number[], now: number): number | undefined {
    for (const runId of runIds) {
      const next = this.nextDue.get(runId, now) as Candidate | undefined;
      if (!next) continue;
      return this.fresh(next, now) && next.onWhatsapp !== 0 ? next.messageId : undefined;
    }
    return undefined;
  }

  private skipKnownAbsent(candidate: Candidate): number {
    return inTransaction(this.repos.db, () => this.skip.run(candidate.messageId).changes);
  }

  private async checkBatch(runId: number, now: number): Promise<number> {
    const batch = this.unchecked.all(runId, now - EXISTENCE_TTL_MS) as Candidate[];
    if (batch.length === 0) return 0;
    const answer = await this.transport.exists([...new Set(batch.map((c) => c.phone))]);
    return inTransaction(this.repos.db, () => {
      let skipped = 0;
      for (const candidate of batch) {
        const found = answer.get(candidate.phone);
        const registered = found?.registered;
        if (candidate.contactId !== null) this.repos.contacts.recordWhatsappCheck(candidate.contactId, registered ?? null, now, found?.jid);
        if (registered === false) skipped += this.skip.run(candidate.messageId).changes;
      }
      return skipped;
    });
  }
}
