import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { estimateFinish, type EtaInput } from '../src/campaigns/eta.js';
import { StatusService, type StatusSettings } from '../src/campaigns/status-service.js';
import { renderProgress } from '../src/chat/progress-view.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/core/logger.js';
import { warmUpCaps } from '../src/safety/warm-up.js';
import { BotApiEmulator, type EmulatorUser } from '../tests/support/telegram/bot-api-emulator.js';
import { walkFinish } from '../tests/support/eta-reference-walk.js';
import { BENCH_TEMPLATE } from './queue/bench-app.js';
import { seedContacts } from './queue/seed-contacts.js';
import { addLatencyFigures, FigureReport, formatCount, formatMs, reportBenchFailure } from './support/figures.js';
import { meanCallMs, percentile, timeMs } from './support/timing.js';

/**
 * /status as operators get it: the README's default pacing, daily cap and
 * warm-up (a number linked today: warm-up day 1, cap 50), quiet hours
 * 21:00-08:00 in São Paulo, a 1M-message run. The real telegraf long-polls a
 * Bot API emulator; answer times run from the update being available to the
 * answer reaching the Bot API. Targets: p95 under 20 ms; a live progress edit
 * under 1% of a core.
 */
const RUN_SIZE = 1_000_000;
const ASKS = 30;
const GAP_MS = 100;
const TARGET_MS = 20;
const CORE_SHARE_TARGET = 0.01;
/** The Telegram front-end edits a progress message at most this often. */
const EDIT_INTERVAL_MS = 3_000;
const OPERATOR: EmulatorUser = { id: 1001, first_name: 'Olivia' };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zapcast-status-defaults-bench-'));
  const emulator = await BotApiEmulator.start();
  // Only what a bench must set; pacing, cap and warm-up are the defaults.
  const config = loadConfig({
    DATA_DIR: dir,
    TZ: 'America/Sao_Paulo',
    QUIET_HOURS: '21:00-08:00',
    WA_TRANSPORT: 'dry-run',
    CONSOLE: 'off',
    TELEGRAM_BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.url,
    TELEGRAM_OPERATORS: String(OPERATOR.id),
    TELEGRAM_CHATS: '-500',
  });
  const app = createApp({ config, logger: silentLogger() });
  const report = new FigureReport();
  try {
    await app.start();
    const { services } = app;
    let listId = 0;
    const seedMs = await timeMs(() => (listId = seedContacts(services.repos, RUN_SIZE, 900_000_000, services.clock.now())));
    const campaign = services.campaigns.createDraft({ listId, template: BENCH_TEMPLATE });
    const startMs = await timeMs(() => services.campaigns.start(campaign.id));

    report.section(`/status under the default settings: ${formatCount(RUN_SIZE)}-message run, warm-up day 1, quiet hours 21:00-08:00 (${config.timeZone})`);
    report.add({ label: 'seeding the list, then starting the run', value: `${formatMs(seedMs, 0)} + ${formatMs(startMs, 0)}` });
    const group = { id: -500, type: 'group' as const, title: 'operators' };
    emulator.sendText(OPERATOR, `/status ${campaign.id}`, { chat: group });
    await emulator.waitFor(() => emulator.visible(group.id).some((m) => m.text?.includes(`Campaign ${campaign.id} (list`)), 'the watched progress message', 60_000);

    // /help reads nothing: its answer time is what the chat path itself costs on this machine now (the anchor).
    const asks = [
      { command: `/status ${campaign.id}`, label: `/status ${campaign.id} (progress of the 1M run)`, answer: `Campaign ${campaign.id} (list`, judged: true },
      { command: '/status', label: '/status (overview)', answer: 'WhatsApp main', judged: true },
      { command: '/help', label: '/help (anchor: reads nothing)', answer: '', judged: false },
    ];
    const latencies = asks.map(() => [] as number[]);
    for (let i = 0; i < ASKS * asks.length; i++) {
      const kind = i % asks.length;
      const ask = asks[kind]!;
      const asked = emulator.sendText(OPERATOR, ask.command);
      const answer = await emulator.waitFor(
        () => emulator.state.calls.find((c) => c.method === 'sendMessage' && c.status === 200 && c.at >= asked.sentAt && String(c.params.chat_id) !== String(group.id) && String(c.params.text ?? '').includes(ask.answer)),
        `the answer to ${ask.command} (${i})`,
        30_000,
      );
      latencies[kind]!.push(answer.at - asked.sentAt);
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    asks.forEach((ask, kind) => {
      if (ask.judged) addLatencyFigures(report, ask.label, latencies[kind]!, TARGET_MS);
      else report.add({ label: `${ask.label}: median, p95`, value: `${formatMs(percentile([...latencies[kind]!].sort((a, b) => a - b), 50), 0)}, ${formatMs(percentile([...latencies[kind]!].sort((a, b) => a - b), 95), 0)}` });
    });

    // A progress edit after a send: the counts moved, so the ETA is worked out afresh (a new service has an empty cache).
    const settings: StatusSettings = {
      pacing: config.pacing,
      dailyCap: config.dailyCap,
      warmUp: { days: config.safety.warmUpDays, startCap: config.safety.warmUpStartCap },
      quietHours: config.quietHours,
      timeZone: config.timeZone,
      dryRun: true,
      sendMs: config.dryRun.latencyMs,
    };
    const editMs = meanCallMs(200, () => {
      const fresh = new StatusService(services.repos, services.dispatcher, services.clock, settings);
      renderProgress(fresh.snapshot(campaign.id), services.clock.now(), config.timeZone);
    });
    const share = editMs / EDIT_INTERVAL_MS;
    const cachedMs = meanCallMs(200, () => renderProgress(services.status.snapshot(campaign.id), services.clock.now(), config.timeZone));
    report.add({ label: 'one progress view, ETA from the cache', value: formatMs(cachedMs, 2) });
    report.add({ label: 'one live progress edit, ETA worked out afresh', value: formatMs(editMs, 2) });
    report.add({
      label: `share of a core at one edit per ${EDIT_INTERVAL_MS / 1000} s (the most edited)`,
      value: `${(share * 100).toFixed(3)}%`,
      target: `< ${CORE_SHARE_TARGET * 100}%`,
      pass: share < CORE_SHARE_TARGET,
    });
    report.add({ label: 'edits of the watched progress message meanwhile', value: formatCount(emulator.callsOf('editMessageText').length) });

    // The estimate itself, beside the day-by-day walk it replaced (the anchor), on the same run.
    const now = services.clock.now();
    const input: EtaInput = {
      now,
      remaining: RUN_SIZE,
      pacing: config.pacing,
      sendMs: config.dryRun.latencyMs,
      caps: warmUpCaps(now, { dailyCap: config.dailyCap, warmUpDays: config.safety.warmUpDays, startCap: config.safety.warmUpStartCap }, config.timeZone),
      sentToday: 0,
      quietHours: config.quietHours,
      timeZone: config.timeZone,
    };
    const closedMs = meanCallMs(50, () => estimateFinish(input));
    const walkStarted = performance.now();
    const walked = walkFinish(input);
    const walkMs = performance.now() - walkStarted;
    const days = (estimateFinish(input) - now) / 86_400_000;
    report.add({ label: 'ETA of the 1M run: closed form', value: formatMs(closedMs, 3) });
    report.add({ label: 'ETA of the 1M run: day-by-day walk (anchor)', value: `${formatMs(walkMs, 0)} (${(walkMs / closedMs).toFixed(0)}x)` });
    report.add({ label: 'ETA: days ahead; same as the walk', value: `${days.toFixed(1)}; ${walked === estimateFinish(input) ? 'yes' : 'NO'}` });
    report.summary();
  } finally {
    await app.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(reportBenchFailure('status-defaults-bench'));
