import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignFigures } from '../../src/campaigns/campaign-summary.js';
import { parseTemplate, renderTemplate } from '../../src/campaigns/template.js';
import { variantForMessage } from '../../src/campaigns/template-variants.js';
import { seededRandom } from '../../src/core/random.js';
import { openDatabase } from '../../src/db/connection.js';
import { createRepositories, type Repositories } from '../../src/db/repositories.js';
import { RunRenderer } from '../../src/dispatch/run-renderer.js';
import { enqueueRunMessages } from '../../src/queue/enqueue.js';
import { MessageQueue } from '../../src/queue/message-queue.js';
import { claim } from '../support/claim.js';
import { seedList } from '../support/seed.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TEMPLATE = '{{Hi|Hello|Good morning}} {name}, your order is ready.';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** Every message of the run carries the variant its id chooses, and its body says that variant's words. */
function expectSeededVariants(repos: Repositories, runId: number): void {
  const template = parseTemplate(TEMPLATE);
  for (const m of repos.messages.ofRun(runId)) {
    expect(m.variant).toBe(variantForMessage(template.parts, m.id));
    expect(m.body).toBe(renderTemplate(template, { name: m.contactName, fields: {} }, m.variant!));
  }
}

/** A database as a killed process leaves it: one message caught mid-send, the rest pending. */
async function crashedMidSend(dataDir: string): Promise<{ campaignId: number; runId: number; inFlight: { id: number; body: string } }> {
  const repos = createRepositories(openDatabase(join(dataDir, 'zapcast.db')));
  const listId = seedList(repos, 5);
  const campaignId = repos.campaigns.create({ listId, sessionName: 'main', template: TEMPLATE, at: 0 });
  const range = repos.contacts.idRange(listId)!;
  const runId = repos.runs.create({ campaignId, trigger: 'manual', total: 5, enqueueStart: range.min, enqueueEnd: range.max, at: 0 });
  repos.campaigns.setState(campaignId, 'running', null, 0);
  await enqueueRunMessages(repos, runId, listId);
  const queue = new MessageQueue(repos, { maxRetries: 3, baseMs: 1000, maxMs: 1000, factor: 2 }, seededRandom(1));
  const renderer = new RunRenderer(repos);
  const claimed = claim(queue, [runId], 0, (candidate) => renderer.render(candidate))!;
  repos.db.close();
  return { campaignId, runId, inFlight: { id: claimed.id, body: claimed.body } };
}

describe('template variations in a campaign', () => {
  it('sends each recipient the variant its message id chooses, and shows per-variant figures in /status, /report and the summary data', async () => {
    current = createTestApp({ SEND_DELAY_MIN_MS: '1000', SEND_DELAY_MAX_MS: '1000' });
    const t = current;
    await t.app.start();
    const { repos } = t.app.services;
    seedList(repos, 12);
    const preview = await t.type(`/send 1 ${TEMPLATE}`);
    expect(preview).toContain('Variations: 3 different texts');
    expect(preview).toContain('Preview 1 to +5511910000000:\n  Hi Contact 0, your order is ready.');
    expect(preview).toContain('Preview 2 to +5511910000001:\n  Hello Contact 1, your order is ready.');
    expect(preview).toContain('Preview 3 to +5511910000002:\n  Good morning Contact 2, your order is ready.');
    await t.app.services.campaigns.start(1);
    await t.clock.runUntil(() => repos.counters.forRun(1).read === 12);

    expectSeededVariants(repos, 1);
    const status = await t.type('/status 1');
    expect(status).toContain('Per variant:');
    const perVariant = status.split('\n').filter((line) => /^"(Hi|Hello|Good morning)": sent \d+ · delivered \d+ · read \d+ · replied [01]$/.test(line));
    expect(perVariant.length).toBeGreaterThan(1);

    const answered = [...repos.messages.ofRun(1)][0]!;
    repos.inbound.recordReply(answered.id, 1, t.clock.now());
    repos.inbound.recordReply(answered.id, 1, t.clock.now());
    const answeredLabel = ['Hi', 'Hello', 'Good morning'][answered.variant!]!;
    expect(campaignFigures(repos, repos.campaigns.get(1)!).variants.find((v) => v.label === answeredLabel)?.replied).toBe(1);
    expect(campaignFigures(repos, repos.campaigns.get(1)!).variants.reduce((sum, v) => sum + v.replied, 0)).toBe(1);
    // The counters the triggers keep agree with a count of the messages themselves.
    const counted = repos.db
      .prepare(`SELECT variant, COUNT(*) AS sent, COUNT(read_at) AS read FROM messages WHERE run_id = 1 GROUP BY variant ORDER BY variant`)
      .all() as { variant: number; sent: number; read: number }[];
    const labels3 = ['Hi', 'Hello', 'Good morning'];
    expect(campaignFigures(repos, repos.campaigns.get(1)!).variants).toEqual(
      counted.map((c) => ({ label: labels3[c.variant], sent: c.sent, delivered: c.sent, read: c.read, replied: labels3[c.variant] === answeredLabel ? 1 : 0 })),
    );
    const variants = campaignFigures(repos, repos.campaigns.get(1)!).variants;
    expect(variants.reduce((sum, v) => sum + v.sent, 0)).toBe(12);
    expect(variants.every((v) => v.read === v.sent && ['Hi', 'Hello', 'Good morning'].includes(v.label))).toBe(true);

    const path = /written to (\S+)/.exec(await t.type('/report 1'))![1]!;
    const rows = parse(readFileSync(path, 'utf8'), { bom: true, delimiter: t.app.services.config.exportSeparator }) as string[][];
    const column = rows[0]!.indexOf('variant');
    expect(column).toBeGreaterThan(0);
    const template = parseTemplate(TEMPLATE);
    const labels = ['Hi', 'Hello', 'Good morning'];
    const byMessageId = new Map([...repos.messages.ofRun(1)].map((m) => [m.waMessageId, labels[variantForMessage(template.parts, m.id)]]));
    for (const row of rows.slice(1)) expect(row[column]).toBe(byMessageId.get(row[rows[0]!.indexOf('message_id')]!));
  });

  it('resends a message interrupted by a crash with the variant it first got, and gives the rest the variants their ids choose', async () => {
    const dataDir = tempDir();
    const { campaignId, runId, inFlight } = await crashedMidSend(dataDir);
    current = createTestApp({}, { dataDir });
    const t = current;
    await t.app.start();
    const { repos } = t.app.services;
    await t.clock.runUntil(() => repos.campaigns.get(campaignId)?.state === 'completed');
    await t.type(`/resume ${campaignId} resend-unknown`);
    await t.clock.runUntil(() => repos.campaigns.get(campaignId)?.state === 'completed');

    const resent = repos.messages.get(inFlight.id)!;
    expect(resent.attempts).toBe(2);
    expect(resent.body).toBe(inFlight.body);
    expectSeededVariants(repos, runId);
  });

  it('refuses a malformed variation in one line and creates nothing', async () => {
    current = createTestApp();
    const t = current;
    await t.app.start();
    seedList(t.app.services.repos, 3);
    const unbalanced = await t.type('/send 1 {{Hi|Hello {name}');
    expect(unbalanced.trim()).toBe('The {{ at line 1, column 1 is never closed: expected }} after its alternatives.');
    const empty = await t.type('/send 1 {{Hi||Hello}} {name}');
    expect(empty).toContain('has an empty alternative at line 1, column 6');
    expect(t.app.services.repos.campaigns.inStates(['draft'])).toHaveLength(0);
    expect(t.app.services.repos.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });
});
