import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../support/discord/discord-test-app.js';
import { FakeDiscord } from '../../support/discord/fake-discord.js';
import { appEnv } from '../../support/process/app-env.js';
import { AppProcess } from '../../support/process/app-process.js';
import { tempDir } from '../../support/temp-dir.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('the built app with a Discord bot', () => {
  it('registers its commands, answers a slash command and stops cleanly on SIGTERM', async () => {
    fake = await FakeDiscord.start();
    const f = fake;
    f.addMember(OPERATOR, [f.roles.admins]);
    const app = AppProcess.start({
      cwd: tempDir(),
      env: appEnv({ CONSOLE: 'off', DISCORD_TOKEN: f.token, DISCORD_API_ROOT: f.apiRoot, DISCORD_GUILD_ID: f.guildId, DISCORD_OPERATORS: OPERATOR.id }),
    });
    await f.waitFor(() => f.commandPuts.length > 0, 'the commands registered', 20_000);

    const help = await f.slash(OPERATOR, { name: 'help' });
    await f.waitFor(() => help.original?.content.includes('zapcast commands'), 'the /help answer', 15_000);
    expect(help.original!.content).toContain('[DRY RUN]');

    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(app.stderr()).not.toMatch(/"level":(50|60)/);
  });

  it('starts and serves the console when Discord refuses the token', async () => {
    fake = await FakeDiscord.start();
    const f = fake;
    f.refuseToken('gateway-4004');
    const app = AppProcess.start({ cwd: tempDir(), env: appEnv({ CONSOLE: 'on', DISCORD_TOKEN: f.token, DISCORD_API_ROOT: f.apiRoot }) });
    await app.waitForOutput(/zapcast console ready/, 15_000);
    const answer = await app.ask('/lists', /No lists|list/i);
    expect(answer).toMatch(/list/i);
    await f.waitFor(() => app.stderr().includes('Discord refused the bot token'), 'the refusal logged', 15_000);
    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
