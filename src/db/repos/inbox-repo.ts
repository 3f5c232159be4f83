import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

export type InboundKind = 'text' | 'image' | 'audio' | 'video' | 'document' | 'sticker';

export interface InboxEntry {
  sessionName: string;
  /** The conversation: the list's number when known. */
  phone: string;
  /** The number WhatsApp wrote from: answers go there. */
  replyPhone: string;
  name: string | null;
  campaignId: number | null;
  runId: number | null;
  answeredMessageId: number | null;
  waMessageId: string;
  kind: InboundKind;
  text: string;
  optOut: boolean;
  at: number;
}

export interface Conversation {
  phone: string;
  sessionName: string;
  replyPhone: string;
  name: string | null;
  campaignId: number | null;
  lastInAt: number;
  lastOutAt: number | null;
  muted: boolean;
  /** The latest thing they wrote, as shown ("[image] caption"). */
  lastText: string;
  lastOptOut: boolean;
}

/** An operator's answer waiting for its turn in its number's send loop. */
export interface WaitingReply {
  id: number;
  phone: string;
  waMessageId: string;
  body: string;
  attempts: number;
  replyJid: string;
}

const CONVERSATION = `c.phone AS phone, c.session_name AS sessionName, c.reply_phone AS replyPhone, c.name AS name,
  c.campaign_id AS campaignId, c.last_in_at AS lastInAt, c.last_out_at AS lastOutAt, c.muted AS muted,
  m.kind AS kind, m.text AS text, m.opt_out AS lastOptOut`;

type ConversationRow = Omit<Conversation, 'muted' | 'lastText' | 'lastOptOut'> & { muted: number; kind: InboundKind; text: string; lastOptOut: number };

/** How an inbound message reads in the inbox: its text, or "[image] caption" for media. */
export function shownText(kind: InboundKind, text: string): string {
  if (kind === 'text') return text;
  return text.trim() === '' ? `[${kind}]` : `[${kind}] ${text}`;
}

function toConversation(row: ConversationRow): Conversation {
  const { kind, text, muted, lastOptOut, ...rest } = row;
  return { ...rest, muted: muted === 1, lastText: shownText(kind, text), lastOptOut: lastOptOut === 1 };
}

/** The inbox: what recipients wrote, operators' answers, and where forwards were shown. */
export class InboxRepo {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Keeps an inbound message and brings its conversation up to date; returns the message's inbox id. */
  record(entry: InboxEntry): number {
    return this.db.transaction(() => {
      const id = Number(
        this.sql(
          `INSERT INTO inbox_messages (session_name, phone, wa_message_id, kind, text, opt_out, answered_message_id, run_id, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(entry.sessionName, entry.phone, entry.waMessageId, entry.kind, entry.text, entry.optOut ? 1 : 0, entry.answeredMessageId, entry.runId, entry.at).lastInsertRowid,
      );
      this.sql(
        `INSERT INTO inbox_conversations (phone, session_name, reply_phone, name, campaign_id, last_in_id, last_in_at)
         VALUES (@phone, @sessionName, @replyPhone, @name, @campaignId, @id, @at)
         ON CONFLICT (phone) DO UPDATE SET session_name = @sessionName, reply_phone = @replyPhone,
           name = COALESCE(@name, name), campaign_id = COALESCE(@campaignId, campaign_id), last_in_id = @id, last_in_at = @at`,
      ).run({ phone: entry.phone, sessionName: entry.sessionName, replyPhone: entry.replyPhone, name: entry.name, campaignId: entry.campaignId, id, at: entry.at });
      return id;
    })();
  }

  /** A message from a number no campaign wrote to, counted but not kept. */
  countStranger(sessionName: string, at: number): void {
    this.sql(
      `INSERT INTO inbox_strangers (session_name, count, last_at) VALUES (?, 1, ?)
       ON CONFLICT (session_name) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
    ).run(sessionName, at);
  }

  strangers(): number {
    return (this.sql('SELECT COALESCE(SUM(count), 0) AS n FROM inbox_strangers').get() as { n: number }).n;
  }

  conversation(phone: string): Conversation | undefined {
    const row = this.sql(`SELECT ${CONVERSATION} FROM inbox_conversations c JOIN inbox_messages m ON m.id = c.last_in_id WHERE c.phone = ?`).get(phone) as
      | ConversationRow
      | undefined;
    return row && toConversation(row);
  }

  /** Conversations whose person wrote after the last answer, newest first; of one campaign when given. */
  unanswered(campaignId?: number, limit = 50): Conversation[] {
    const rows = this.sql(
      `SELECT ${CONVERSATION} FROM inbox_conversations c JOIN inbox_messages m ON m.id = c.last_in_id
       WHERE c.last_in_at > COALESCE(c.last_out_at, -1) AND (@campaignId IS NULL OR c.campaign_id = @campaignId)
       ORDER BY c.last_in_at DESC LIMIT @limit`,
    ).all({ campaignId: campaignId ?? null, limit }) as ConversationRow[];
    return rows.map(toConversation);
  }

  /** Conversations whose contact name is this, ignoring case (for /reply by name). */
  byName(name: string): Conversation[] {
    const rows = this.sql(
      `SELECT ${CONVERSATION} FROM inbox_conversations c JOIN inbox_messages m ON m.id = c.last_in_id
       WHERE c.name = ? COLLATE NOCASE ORDER BY c.last_in_at DESC LIMIT 10`,
    ).all(name) as ConversationRow[];
    return rows.map(toConversation);
  }

  /** Muted: what they write is kept and listed, not forwarded. False when nobody with this number wrote. */
  setMuted(phone: string, muted: boolean): boolean {
    return this.sql('UPDATE inbox_conversations SET muted = ? WHERE phone = ?').run(muted ? 1 : 0, phone).changes > 0;
  }

  /** An answer queued as message `messageId`: the conversation counts as answered from now. */
  addReply(reply: { messageId: number; sessionName: string; phone: string; replyJid: string; operator: string; at: number }): void {
    this.db.transaction(() => {
      this.sql('INSERT INTO inbox_replies (message_id, session_name, reply_jid, operator, at) VALUES (?, ?, ?, ?, ?)').run(
        reply.messageId,
        reply.sessionName,
        reply.replyJid,
        reply.operator,
        reply.at,
      );
      this.sql('UPDATE inbox_conversations SET last_out_at = ? WHERE phone = ?').run(reply.at, reply.phone);
    })();
  }

  /** The oldest answer of this number due now (pending, its retry time come). */
  nextReply(sessionName: string, now: number): WaitingReply | undefined {
    return this.sql(
      `SELECT m.id AS id, m.phone AS phone, m.wa_message_id AS waMessageId, m.body AS body, m.attempts AS attempts, r.reply_jid AS replyJid
       FROM inbox_replies r JOIN messages m ON m.id = r.message_id
       WHERE r.session_name = ? AND r.waiting = 1 AND m.state = 'pending' AND m.next_attempt_at <= ?
       ORDER BY r.message_id LIMIT 1`,
    ).get(sessionName, now) as WaitingReply | undefined;
  }

  /** When the earliest waiting answer of this number is due; undefined with none. */
  nextReplyDue(sessionName: string): number | undefined {
    const row = this.sql(
      `SELECT MIN(m.next_attempt_at) AS at FROM inbox_replies r JOIN messages m ON m.id = r.message_id
       WHERE r.session_name = ? AND r.waiting = 1 AND m.state = 'pending'`,
    ).get(sessionName) as { at: number | null };
    return row.at ?? undefined;
  }

  /** The answer left the lane: sent, failed for good, or unknown. */
  replyDone(messageId: number): void {
    this.sql('UPDATE inbox_replies SET waiting = 0 WHERE message_id = ?').run(messageId);
  }

  /** Erases what a person wrote and every trace of their conversation (/forget); returns the inbound messages erased. */
  forget(phone: string): number {
    const erased = this.sql('DELETE FROM inbox_messages WHERE phone = ?').run(phone).changes;
    this.sql('DELETE FROM inbox_conversations WHERE phone = ?').run(phone);
    this.sql('DELETE FROM inbox_chat_messages WHERE phone = ?').run(phone);
    this.sql('DELETE FROM inbox_threads WHERE phone = ?').run(phone);
    return erased;
  }

  rememberChatMessage(platform: string, chatId: string, chatMessageId: string, phone: string): void {
    this.sql('INSERT OR REPLACE INTO inbox_chat_messages (platform, chat_id, chat_message_id, phone) VALUES (?, ?, ?, ?)').run(platform, chatId, chatMessageId, phone);
  }

  /** The conversation a forward shown in a chat belongs to. */
  phoneOfChatMessage(platform: string, chatId: string, chatMessageId: string): string | undefined {
    const row = this.sql('SELECT phone FROM inbox_chat_messages WHERE platform = ? AND chat_id = ? AND chat_message_id = ?').get(platform, chatId, chatMessageId) as
      | { phone: string }
      | undefined;
    return row?.phone;
  }

  thread(platform: string, chatId: string, phone: string): string | undefined {
    const row = this.sql('SELECT thread_id AS threadId FROM inbox_threads WHERE platform = ? AND chat_id = ? AND phone = ?').get(platform, chatId, phone) as
      | { threadId: string }
      | undefined;
    return row?.threadId;
  }

  setThread(platform: string, chatId: string, phone: string, threadId: string): void {
    this.sql('INSERT OR REPLACE INTO inbox_threads (platform, chat_id, phone, thread_id) VALUES (?, ?, ?, ?)').run(platform, chatId, phone, threadId);
  }

  /** The conversation a topic or thread was opened for. */
  phoneOfThread(platform: string, threadId: string): string | undefined {
    const row = this.sql('SELECT phone FROM inbox_threads WHERE platform = ? AND thread_id = ?').get(platform, threadId) as { phone: string } | undefined;
    return row?.phone;
  }
}
