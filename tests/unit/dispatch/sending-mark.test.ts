import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UNSAVED_OUTCOME } from '../../../src/dispatch/outcome-recorder.js';
import { phoneToJid } from '../../../src/whatsapp/transport.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function startCampaign(t: TestApp, contacts: number): Promise<{ campaignId: number; runId: number }> {
  const { repos, campaigns } = t.app.services;
  const listId = seedList(repos, contacts, t.clock.now());
  const campaign = campaigns.createDraft({ listId, template: 'Hi {name}, this is a message long enough to be typed for a while' });
  await campaigns.start(campaign.id);
  return { campaignId: campaign.id, runId: repos.runs.latestOf(campaign.id)!.id };
}

/** The state of the run's message to `jid`, as the database has it right now. */
function stateFor(t: TestApp, runId: number, jid: string): string | undefined {
  return [...t.app.services.repos.messages.ofRun(runId)].find((m) => phoneToJid(m.phone) === jid)?.state;
}

describe('when a message becomes `sending`', () => {
  it('only right before the transport call: during its wait and typing it is still pending', async () => {
    current = createTestApp({ SEND_DELAY_MIN_MS: '8000', SEND_DELAY_MAX_MS: '8000' });
    const t = current;
    await t.app.start();
    const { campaignId, runId } = await startCampaign(t, 5);
    const whileTyping: string[] = [];
    const whileSending: string[] = [];
    const typing = t.transport.typing.bind(t.transport);
    const sendText = t.transport.sendText.bind(t.transport);
    t.transport.typing = async (jid, ms) => {
      whileTyping.push(stateFor(t, runId, jid)!);
      expect(t.app.services.repos.counters.forRun(runId).sending).toBe(0);
      return typing(jid, ms);
    };
    t.transport.sendText = async (jid, text, options) => {
      whileSending.push(stateFor(t, runId, jid)!);
      return sendText(jid, text, options);
    };
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(campaignId)?.state === 'completed');

    // The first message goes at once, with no gap to type in; the other four are typed first.
    expect(whileTyping).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(whileSending).toEqual(['sending', 'sending', 'sending', 'sending', 'sending']);
  });

  it('a message paused while being typed is not sent, and stays pending with no attempt spent', async () => {
    current = createTestApp({ SEND_DELAY_MIN_MS: '8000', SEND_DELAY_MAX_MS: '8000' });
    const t = current;
    await t.app.start();
    const { campaignId, runId } = await startCampaign(t, 3);
    const typing = t.transport.typing.bind(t.transport);
    let typed = 0;
    t.transport.typing = async (jid, ms) => {
      typed++;
      // The operator pauses while "typing…" shows: the typed message must not go.
      t.app.services.campaigns.pause(campaignId);
      return typing(jid, ms);
    };
    await t.clock.runUntil(() => typed === 1);
    await t.clock.advance(60_000);

    const messages = [...t.app.services.repos.messages.ofRun(runId)];
    expect(messages[0]).toMatchObject({ state: expect.stringMatching(/^(sent|delivered|read)$/), attempts: 1 });
    expect(messages.slice(1).map((m) => [m.state, m.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(t.app.services.repos.campaigns.get(campaignId)?.state).toBe('paused');
  });

  it('a sent message whose outcome cannot be saved becomes unknown, is never resent, and its run completes', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const { repos } = t.app.services;
    // Once the second message is being sent, the database refuses to record what
    // became of it (its ack, its receipts), however often it is asked; only the
    // plainest write, `unknown`, gets through.
    repos.db.exec(`CREATE TEMP TRIGGER refuse_outcome BEFORE UPDATE OF state ON messages
      WHEN OLD.state = 'sending' AND NEW.state <> 'unknown' AND NEW.phone = '+5511910000001' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const { campaignId, runId } = await startCampaign(t, 4);
    await t.clock.runUntil(() => repos.campaigns.get(campaignId)?.state === 'completed', 3_600_000);

    const stuck = [...repos.messages.ofRun(runId)].find((m) => m.phone === '+5511910000001')!;
    expect(stuck).toMatchObject({ state: 'unknown', error: UNSAVED_OUTCOME });
    expect(repos.counters.forRun(runId)).toMatchObject({ sending: 0, unknown: 1 });
    const sends = readFileSync(log, 'utf8').trim().split('\n');
    expect(sends).toHaveLength(4);
  });

  it('a sent message whose outcome meets a read holding the database is recorded once the read ends, not marked unknown', async () => {
    current = createTestApp();
    const t = current;
    await t.app.start();
    const { repos } = t.app.services;
    const { campaignId, runId } = await startCampaign(t, 2);
    const sendText = t.transport.sendText.bind(t.transport);
    let held = false;
    t.transport.sendText = async (jid, text, options) => {
      const sent = await sendText(jid, text, options);
      if (!held) {
        held = true;
        // A statement left open on the one connection (as a report's read was) refuses every write for 30 s.
        const rows = repos.db.prepare('SELECT id FROM messages').iterate();
        rows.next();
        t.clock.setTimer(30_000, () => rows.return?.());
      }
      return sent;
    };
    await t.clock.runUntil(() => repos.campaigns.get(campaignId)?.state === 'completed', 3_600_000);

    expect([...repos.messages.ofRun(runId)].map((m) => m.state)).not.toContain('unknown');
    expect(repos.counters.forRun(runId)).toMatchObject({ sending: 0, unknown: 0 });
  });
});
