import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import type { TelegramFrontEnd } from '../src/chat/telegram/telegram-front-end.js';
import type { LazyFrontEnd } from '../src/chat/lazy-front-end.js';
import { silentLogger } from '../src/core/logger.js';
import { chatBenchConfig } from './support/chat-bench-config.js';
import { BotApiEmulator, type EmulatorUser } from '../tests/support/telegram/bot-api-emulator.js';
import { seedList } from '../tests/support/seed.js';
import { addLatencyFigures, FigureReport, formatCount, reportBenchFailure } from './support/figures.js';

/**
 * How fast the Telegram bot answers /status while a campaign is sending: the
 * real telegraf long-polling a Bot API emulator on 127.0.0.1, the whole app
 * with a dry-run WhatsApp sending as fast as it can (no pacing), receipts
 * flowing and a live progress message being edited. Measured from the moment
 * the update is available to the bot to the moment its answer reaches the
 * Bot API. Target: within 1 s.
 */
const CONTACTS = 20_000;
const ASKS = 40;
const GAP_MS = 150;
const TARGET_MS = 1_000;
const OPERATOR: EmulatorUser = { id: 1001, first_name: 'Olivia' };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zapcast-telegram-bench-'));
  const emulator = await BotApiEmulator.start();
  const config = chatBenchConfig(dir, {
    TELEGRAM_BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.url,
    TELEGRAM_OPERATORS: String(OPERATOR.id),
    // The group the progress message is watched in must be allowlisted, as an operator would set it up.
    TELEGRAM_CHATS: '-500',
  });
  const app = createApp({ config, logger: silentLogger() });
  const report = new FigureReport();
  try {
    await app.start();
    const bot = (app.frontEnds.find((f) => f.name === 'telegram') as LazyFrontEnd<TelegramFrontEnd>).inner!;
    const { services } = app;
    const listId = seedList(services.repos, CONTACTS, services.clock.now());
    const campaign = services.campaigns.createDraft({ listId, template: 'Hello {name}, this is a benchmark.' });
    await services.campaigns.start(campaign.id);
    await bot.idle();

    // A live progress message in a group is edited throughout, as it would be for operators watching there.
    const group = { id: -500, type: 'group' as const, title: 'operators' };
    emulator.sendText(OPERATOR, `/status ${campaign.id}`, { chat: group });
    await emulator.waitFor(() => emulator.visible(group.id).some((m) => m.text?.includes(`Campaign ${campaign.id} (list`)), 'the watched progress message', 30_000);

    const sentBefore = services.repos.counters.forRun(services.repos.runs.latestOf(campaign.id)!.id);
    const startedAt = Date.now();
    const latencies = { one: [] as number[], overview: [] as number[] };
    for (let i = 0; i < ASKS; i++) {
      const overview = i % 2 === 1;
      const asked = emulator.sendText(OPERATOR, overview ? '/status' : `/status ${campaign.id}`);
      const answer = await emulator.waitFor(
        () => emulator.state.calls.find((c) => c.method === 'sendMessage' && c.status === 200 && c.at >= asked.sentAt && String(c.params.text ?? '').includes(overview ? 'WhatsApp main' : `Campaign ${campaign.id} (list`)),
        `the answer to ask ${i}`,
        30_000,
      );
      (overview ? latencies.overview : latencies.one).push(answer.at - asked.sentAt);
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    const elapsed = (Date.now() - startedAt) / 1000;
    const run = services.repos.runs.latestOf(campaign.id)!;
    const counts = services.repos.counters.forRun(run.id);
    const reached = (c: typeof counts) => c.sent + c.delivered + c.read;
    const stillRunning = services.repos.campaigns.get(campaign.id)?.state === 'running';

    report.section(`Telegram /status under a running campaign (${formatCount(CONTACTS)} contacts, dry run, no pacing)`);
    report.add({ label: 'WhatsApp sends during the measurement (per second)', value: formatCount((reached(counts) - reached(sentBefore)) / elapsed) });
    report.add({ label: 'campaign still running at the end', value: stillRunning ? 'yes' : 'no (finished early)' });
    for (const [name, values] of [
      [`/status ${campaign.id} (live progress message)`, latencies.one],
      ['/status (overview of link and campaigns)', latencies.overview],
    ] as const) {
      addLatencyFigures(report, name, values, TARGET_MS);
    }
    report.add({ label: 'edits of the watched progress message meanwhile', value: formatCount(emulator.callsOf('editMessageText').length) });
    report.summary();
  } finally {
    await app.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(reportBenchFailure('telegram-status-bench'));
