import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { WAMessageStatus } from 'baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOutcomeReport } from '../../../src/campaigns/outcome-report.js';
import { baileysTestApp, type BaileysTestApp } from '../../support/baileys/baileys-app.js';
import { seedList } from '../../support/seed.js';
import { RECEIPT_WINDOW_MS } from '../../../src/whatsapp/wire-transport.js';

let current: BaileysTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const HOUR = 3_600_000;

/** A campaign to `contacts` numbers on WhatsApp, sent through the fake socket (which, like WhatsApp with Baileys 7, acknowledges nothing). */
async function sentCampaign(t: BaileysTestApp, contacts: number): Promise<number> {
  for (let i = 0; i < contacts; i++) t.factory.world.onWhatsApp.add(`55119${10000000 + i}`);
  await t.startLinked();
  const { repos, campaigns } = t.app.services;
  const campaign = campaigns.createDraft({ listId: seedList(repos, contacts), template: 'Hi {name}' });
  await campaigns.start(campaign.id);
  return campaign.id;
}

describe('a sent message WhatsApp never confirmed', () => {
  it('shows in the report as "no receipt" once RECEIPT_TIMEOUT_MS has passed, and as "sent" before', async () => {
    const t = (current = baileysTestApp());
    const campaignId = await sentCampaign(t, 3);
    const { repos, paths } = t.app.services;
    await t.clock.runUntil(() => repos.campaigns.get(campaignId)?.state === 'completed');
    const [delivered] = t.factory.latest.sent;
    t.factory.latest.ev.emit('messages.update', [{ key: { id: delivered!.message.key.id!, remoteJid: delivered!.jid, fromMe: true }, update: { status: WAMessageStatus.DELIVERY_ACK } }]);
    // Receipts are written in group commits, at the end of their window.
    await t.clock.advance(RECEIPT_WINDOW_MS);

    const outcomes = async (deadline: { now: number; receiptTimeoutMs: number }) => {
      const report = await writeOutcomeReport(repos, campaignId, paths.exports, deadline, { separator: ',', timeZone: 'UTC' });
      const rows = parse(readFileSync(report.path, 'utf8'), { columns: true, bom: true }) as { outcome: string }[];
      return { outcomes: rows.map((row) => row.outcome), noReceipt: report.noReceipt };
    };
    const timeout = t.app.services.config.safety.receiptTimeoutMs;
    expect(timeout).toBe(24 * HOUR);
    expect(await outcomes({ now: t.clock.now() + 23 * HOUR, receiptTimeoutMs: timeout })).toEqual({ outcomes: ['delivered', 'sent', 'sent'], noReceipt: 0 });
    expect(await outcomes({ now: t.clock.now() + 24 * HOUR, receiptTimeoutMs: timeout })).toEqual({ outcomes: ['delivered', 'no receipt', 'no receipt'], noReceipt: 2 });
    // The message itself stays "sent": a late receipt still moves it on.
    expect(repos.counters.forRun(repos.runs.latestOf(campaignId)!.id)).toMatchObject({ sent: 2, delivered: 1 });
  });

  it('counts as not delivered for the breaker once RECEIPT_TIMEOUT_MS passes, when that is shorter than its 15 minutes', async () => {
    const t = (current = baileysTestApp({
      RECEIPT_TIMEOUT_MS: '300000',
      SEND_DELAY_MIN_MS: '120000',
      SEND_DELAY_MAX_MS: '120000',
      BREAKER_SAMPLE: '3',
      BREAKER_MIN_DELIVERED_RATIO: '0.5',
      WARMUP_DAYS: '0',
    }));
    const campaignId = await sentCampaign(t, 20);
    const { repos } = t.app.services;
    await t.clock.runUntil(() => repos.campaigns.get(campaignId)?.state === 'paused');
    expect(repos.campaigns.get(campaignId)?.stateReason).toContain('only 0% of the last 3 messages were delivered');
    // With its own 15 minutes the breaker could not have judged a single send yet.
    const sentAt = [...repos.messages.ofRun(repos.runs.latestOf(campaignId)!.id)].flatMap((m) => (m.sentAt === null ? [] : [m.sentAt]));
    expect(t.clock.now() - sentAt[0]!).toBeLessThan(15 * 60_000);
  });
});
