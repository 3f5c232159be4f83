import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/db/connection.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories.js';
import type { RunState } from '../../../src/campaigns/run-state.js';
import { FrontEndStatusBoard } from '../../../src/chat/front-end-status.js';
import { MetricsRegistry } from '../../../src/ops/metrics-registry.js';
import { OpsQueries } from '../../../src/ops/ops-queries.js';
import type { OpsSources } from '../../../src/ops/ops-sources.js';
import { enqueueRunMessages } from '../../../src/queue/enqueue.js';
import { FakeClock } from '../../support/fake-clock.js';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';

export interface OpsFixture {
  dir: string;
  db: Db;
  repos: Repositories;
  clock: FakeClock;
  metrics: MetricsRegistry;
  sources: OpsSources;
  /** The link state the fake number reports. */
  link: { state: string };
  frontEnds: FrontEndStatusBoard;
  stopping: { value: boolean };
}

/** A real database in a temp folder, one WhatsApp number "main" with a settable link state. */
export function opsFixture(): OpsFixture {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'zapcast.db'));
  const repos = createRepositories(db);
  const clock = new FakeClock();
  const metrics = new MetricsRegistry();
  const link = { state: 'open' };
  const stopping = { value: false };
  const frontEnds = new FrontEndStatusBoard(clock);
  repos.waSessions.ensure('main', clock.now());
  repos.waSessions.setLinkState('main', 'open', '+5511900000000', clock.now());
  const dispatcher = {
    sessionNames: () => ['main'],
    session: (name: string) => (name === 'main' ? { transport: link, dailyCap: { sentToday: () => 7 } } : undefined),
  };
  const sources: OpsSources = {
    repos,
    queries: new OpsQueries(db),
    dispatcher,
    metrics,
    clock,
    dryRun: true,
    startedAt: clock.now() - 90_000,
    stopping: () => stopping.value,
    frontEnds,
  };
  return { dir, db, repos, clock, metrics, sources, link, frontEnds, stopping };
}

/**
 * A campaign with a run of `contacts` messages; the first messages get the
 * given states in order (the rest stay pending). Returns the run id.
 */
export async function seedRun(f: OpsFixture, contacts: number, states: string[], runState: RunState = 'running'): Promise<number> {
  const listId = seedList(f.repos, contacts, f.clock.now());
  const campaignId = f.repos.campaigns.create({ listId, sessionName: 'main', template: 'Hi {name}', at: f.clock.now() });
  const range = f.repos.contacts.idRange(listId)!;
  const runId = f.repos.runs.create({ campaignId, trigger: 'manual', total: contacts, enqueueStart: range.min, enqueueEnd: range.max, at: f.clock.now() });
  await enqueueRunMessages(f.repos, runId, listId);
  f.repos.runs.setState(runId, runState, null, f.clock.now(), ['completed', 'stopped', 'failed'].includes(runState));
  f.repos.campaigns.setState(campaignId, runState, null, f.clock.now());
  const ids = (f.db.prepare('SELECT id FROM messages WHERE run_id = ? ORDER BY id').all(runId) as { id: number }[]).map((r) => r.id);
  states.forEach((state, i) => f.db.prepare('UPDATE messages SET state = ? WHERE id = ?').run(state, ids[i]));
  return runId;
}
