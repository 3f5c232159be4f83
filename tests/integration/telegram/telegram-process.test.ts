import { afterEach, describe, expect, it } from 'vitest';
import { appEnv } from '../../support/process/app-env.js';
import { AppProcess } from '../../support/process/app-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { BotApiEmulator } from '../../support/telegram/bot-api-emulator.js';
import { OPERATOR } from '../../support/telegram/telegram-test-app.js';

let emulator: BotApiEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('the built app with a Telegram bot', () => {
  it('answers over long polling and stops cleanly on SIGTERM, confirming the updates it handled', async () => {
    emulator = await BotApiEmulator.start();
    const e = emulator;
    const dir = tempDir();
    const app = AppProcess.start({
      cwd: dir,
      env: appEnv({ CONSOLE: 'off', TELEGRAM_BOT_TOKEN: e.token, TELEGRAM_API_ROOT: e.url, TELEGRAM_OPERATORS: String(OPERATOR.id) }),
    });
    await e.waitFor(() => e.callsOf('setMyCommands').length > 0, 'the bot to set its menu', 15_000);

    const ask = e.sendText(OPERATOR, '/help');
    const help = await e.waitFor(() => e.botMessages(OPERATOR.id).find((m) => m.messageId > ask.messageId && m.text?.includes('zapcast commands')), 'the /help answer', 15_000);
    expect(help.text).toContain('[DRY RUN]');

    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    // The last getUpdates confirmed the /help update, so a restart would not run it again.
    expect(e.state.updates).toEqual([]);
    expect(app.stderr()).not.toMatch(/"level":(50|60)/);
  });
});
