import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';
import { BotApiEmulator } from '../../support/telegram/bot-api-emulator.js';
import { OPERATOR, operatorMessageAfter, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';
import { freePort } from '../../support/process/free-port.js';

let current: TelegramTestApp | undefined;
let spare: BotApiEmulator | undefined;
afterEach(async () => {
  await current?.stop();
  await spare?.close();
  current = undefined;
  spare = undefined;
});

interface LogLine {
  level: number;
  msg: string;
  retryInMs?: number;
}

function capturingLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

/** A port nothing listens on (yet). */

const telegramStatus = (t: TelegramTestApp) => t.app.health().frontEnds.telegram;

async function answersHelp(t: TelegramTestApp): Promise<void> {
  const ask = t.emulator.sendText(OPERATOR, '/help');
  await t.emulator.waitFor(() => operatorMessageAfter(t, ask.messageId, 'zapcast commands'), 'the /help answer', 20_000);
}

describe('Telegram down or refusing the bot', () => {
  it('keeps WhatsApp sending when Telegram refuses the token, says so clearly, and shows it in /healthz', async () => {
    const { logger, lines } = capturingLogger();
    current = await startTelegramApp({ dataDir: tempDir(), logger, env: { TELEGRAM_BOT_TOKEN: '999:REVOKED' } });
    const t = current;
    await t.emulator.waitFor(() => telegramStatus(t)?.state === 'token refused', 'the refused token to show in /healthz');
    const health = t.app.health();
    expect(health.status).toBe('unhealthy');
    expect(health.problems).toEqual([expect.stringContaining('the telegram bot is down: Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN')]);
    expect(lines.some((l) => l.level === 50 && l.msg.startsWith('Telegram refused the bot token (401 Unauthorized)'))).toBe(true);

    const { repos, campaigns } = t.app.services;
    await campaigns.start(campaigns.createDraft({ listId: seedList(repos, 3), template: 'Hi {name}' }).id);
    await t.emulator.waitFor(() => repos.campaigns.get(1)?.state === 'completed', 'the campaign to finish without Telegram');
    expect(t.sent()).toHaveLength(3);
    // A refused token is not tried again and again.
    expect(t.emulator.callsOf('getMe')).toHaveLength(1);
  });

  it('starts while the Bot API is unreachable, retries with growing waits, and serves once it is up', async () => {
    const { logger, lines } = capturingLogger();
    const port = await freePort();
    current = await startTelegramApp({
      dataDir: tempDir(),
      logger,
      polling: { retry: { baseMs: 100, maxMs: 800 } },
      env: { TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` },
    });
    const t = current;
    await t.emulator.waitFor(() => lines.filter((l) => l.retryInMs !== undefined).length >= 5, 'five failed attempts');
    expect(telegramStatus(t)).toMatchObject({ state: 'retrying', detail: expect.stringContaining('ECONNREFUSED') });
    expect(lines.filter((l) => l.retryInMs !== undefined).slice(0, 5).map((l) => l.retryInMs)).toEqual([100, 200, 400, 800, 800]);

    // Telegram comes back on that address (the test app's own emulator was never reached).
    spare = await BotApiEmulator.start({ port, token: t.emulator.token });
    await answersHelp({ ...t, emulator: spare });
    expect(telegramStatus(t)?.state).toBe('up');
  });

  it('retries a 502 from getMe and a 409 Conflict, naming the other process polling with the token', async () => {
    const { logger, lines } = capturingLogger();
    spare = await BotApiEmulator.start();
    spare.breakNext('getMe', { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    spare.breakNext('getUpdates', { status: 409, body: { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' } });
    current = await startTelegramApp({ dataDir: tempDir(), logger, emulator: spare, polling: { retry: { baseMs: 100, maxMs: 800 } } });
    spare = undefined;
    const t = current;
    await answersHelp(t);
    expect(telegramStatus(t)?.state).toBe('up');
    expect(t.emulator.callsOf('getMe').map((c) => c.status)).toEqual([502, 200]);
    expect(lines.some((l) => l.msg.startsWith('Telegram says another process is polling with this bot token (409 Conflict'))).toBe(true);
  });

  it('restarts a long poll that stops answering, and says so in the log', async () => {
    const { logger, lines } = capturingLogger();
    spare = await BotApiEmulator.start();
    spare.hangNext('getUpdates');
    current = await startTelegramApp({ dataDir: tempDir(), logger, emulator: spare, polling: { pollTimeoutS: 1, watchdogGraceMs: 500, retry: { baseMs: 100, maxMs: 800 } } });
    spare = undefined;
    const t = current;
    await answersHelp(t);
    expect(t.emulator.callsOf('getUpdates')[0]?.status).toBe(0);
    expect(lines.some((l) => l.msg.includes("long poll stopped answering") && l.msg.includes('the watchdog restarted it'))).toBe(true);
  });
});
