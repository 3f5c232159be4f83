import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/core/logger.js';
import { chatBenchConfig } from './support/chat-bench-config.js';
import { FakeDiscord } from '../tests/support/discord/fake-discord.js';
import { seedList } from '../tests/support/seed.js';
import { addLatencyFigures, FigureReport, formatCount, formatMs, reportBenchFailure } from './support/figures.js';
import { percentile } from './support/timing.js';

/**
 * How fast the Discord bot answers /status while a campaign is sending: the
 * real discord.js logged into a fake Discord on 127.0.0.1, the whole app with
 * a dry-run WhatsApp sending as fast as it can (no pacing), receipts flowing
 * and a live progress message in the channel being edited (at Discord's pace,
 * one edit every 5 s). Measured from the interaction's dispatch to the
 * acknowledgement (Discord allows 3 s) and to the answer itself. The same
 * shape as the Telegram bench, so the two read side by side.
 */
const CONTACTS = 20_000;
const ASKS = 40;
const GAP_MS = 150;
const TARGET_MS = 1_000;
const OPERATOR = { id: '310000000000000001', username: 'olivia_ops' };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zapcast-discord-bench-'));
  const fake = await FakeDiscord.start();
  fake.addMember(OPERATOR, [fake.roles.admins]);
  const config = chatBenchConfig(dir, {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_ROOT: fake.apiRoot,
    DISCORD_GUILD_ID: fake.guildId,
    DISCORD_OPERATORS: OPERATOR.id,
  });
  const app = createApp({ config, logger: silentLogger() });
  const report = new FigureReport();
  try {
    await app.start();
    const { services } = app;
    const listId = seedList(services.repos, CONTACTS, services.clock.now());
    const campaign = services.campaigns.createDraft({ listId, template: 'Hello {name}, this is a benchmark.' });
    await services.campaigns.start(campaign.id);
    const watched = await fake.slash(OPERATOR, { name: 'status', options: { campaign: campaign.id } });
    await fake.waitFor(() => watched.original?.content.includes('live progress below'), 'the watched progress message', 30_000);

    const sentBefore = services.repos.counters.forRun(services.repos.runs.latestOf(campaign.id)!.id);
    const startedAt = Date.now();
    const latencies = { ack: [] as number[], one: [] as number[], overview: [] as number[] };
    for (let i = 0; i < ASKS; i++) {
      const overview = i % 2 === 1;
      const asked = await fake.slash(OPERATOR, { name: 'status', options: overview ? {} : { campaign: campaign.id } });
      const needle = overview ? 'WhatsApp main' : 'live progress below';
      await fake.waitFor(() => asked.original?.content.includes(needle), `the answer to ask ${i}`, 30_000);
      latencies.ack.push(asked.answeredAfterMs ?? Number.NaN);
      const answeredAt = asked.original!.history.find((version) => version.content.includes(needle))!.at;
      (overview ? latencies.overview : latencies.one).push(answeredAt - asked.dispatchedAt);
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    const elapsed = (Date.now() - startedAt) / 1000;
    const counts = services.repos.counters.forRun(services.repos.runs.latestOf(campaign.id)!.id);
    const reached = (c: typeof counts) => c.sent + c.delivered + c.read;

    report.section(`Discord /status under a running campaign (${formatCount(CONTACTS)} contacts, dry run, no pacing)`);
    report.add({ label: 'WhatsApp sends during the measurement (per second)', value: formatCount((reached(counts) - reached(sentBefore)) / elapsed) });
    report.add({ label: 'campaign still running at the end', value: services.repos.campaigns.get(campaign.id)?.state === 'running' ? 'yes' : 'no (finished early)' });
    const ack = [...latencies.ack].sort((a, b) => a - b);
    report.add({ label: 'acknowledgement (deferred reply): p95', value: formatMs(percentile(ack, 95), 0), target: '< 3000 ms', pass: percentile(ack, 95) < 3_000 });
    for (const [name, values] of [
      [`/status ${campaign.id} (live progress message)`, latencies.one],
      ['/status (overview of link and campaigns)', latencies.overview],
    ] as const) {
      addLatencyFigures(report, name, values, TARGET_MS);
    }
    // Each /status <id> moves the view to the bottom of the channel (a new message, the old one deleted), as on Telegram.
    report.add({ label: 'progress messages posted, edited or deleted meanwhile', value: formatCount(fake.calls.filter((c) => c.at >= startedAt && /\/channels\/\d+\/messages/.test(c.path)).length) });
    report.summary();
  } finally {
    await app.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(reportBenchFailure('discord-status-bench'));
