import type { Db } from '../db/connection.js';
import type { RunState } from '../campaigns/run-state.js';
import type { MessageState } from '../queue/message-state.js';

export interface NumberStateCount {
  sessionName: string;
  state: MessageState;
  count: number;
}

/**
 * Read-only figures for /healthz and /metrics. They sum `run_counters` (one row
 * per run and state) instead of counting `messages`, so a scrape costs the
 * same with ten messages or ten million.
 */
export class OpsQueries {
  private readonly byNumber;
  private readonly waitingByNumber;
  private readonly byCampaignState;
  private readonly ping;
  private readonly media;

  constructor(db: Db) {
    this.byNumber = db.prepare(
      `SELECT c.session_name AS sessionName, rc.state AS state, SUM(rc.count) AS count
       FROM run_counters rc JOIN campaign_runs r ON r.id = rc.run_id JOIN campaigns c ON c.id = r.campaign_id
       GROUP BY c.session_name, rc.state`,
    );
    // A stopped run keeps its unsent messages as they were: only active runs make the queue.
    this.waitingByNumber = db.prepare(
      `SELECT c.session_name AS sessionName, rc.state AS state, SUM(rc.count) AS count
       FROM campaign_runs r JOIN run_counters rc ON rc.run_id = r.id JOIN campaigns c ON c.id = r.campaign_id
       WHERE r.state IN ('running', 'paused', 'waiting_for_login') AND rc.state IN ('pending', 'sending')
       GROUP BY c.session_name, rc.state`,
    );
    this.byCampaignState = db.prepare('SELECT state, COUNT(*) AS count FROM campaigns GROUP BY state');
    this.ping = db.prepare('SELECT 1 AS ok');
    this.media = db.prepare(`SELECT media_json AS mediaJson FROM campaigns WHERE media_json IS NOT NULL AND state <> 'stopped'`);
  }

  /** Campaign messages per WhatsApp number and state. */
  messagesByNumber(): NumberStateCount[] {
    return this.byNumber.all() as NumberStateCount[];
  }

  /** Messages waiting to go out (pending or being sent) in active runs, per number and state. */
  queueByNumber(): NumberStateCount[] {
    return this.waitingByNumber.all() as NumberStateCount[];
  }

  campaignsByState(): { state: RunState; count: number }[] {
    return this.byCampaignState.all() as { state: RunState; count: number }[];
  }

  /**
   * Files campaigns still need: any campaign but a stopped one may send again
   * (a schedule fires, a finished run is reopened to resend unknowns).
   */
  mediaInUse(): string[] {
    return (this.media.all() as { mediaJson: string }[]).map((row) => (JSON.parse(row.mediaJson) as { path: string }).path);
  }

  /** Throws when the database cannot be read. */
  check(): void {
    this.ping.get();
  }
}
