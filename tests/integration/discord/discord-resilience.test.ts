import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import type { DiscordFrontEnd } from '../../../src/chat/discord/discord-front-end.js';
import type { LazyFrontEnd } from '../../../src/chat/lazy-front-end.js';
import { systemClock } from '../../../src/core/clock.js';
import { seededRandom } from '../../../src/core/random.js';
import { OPERATOR, startDiscordApp, type DiscordTestApp } from '../../support/discord/discord-test-app.js';
import { FakeDiscord } from '../../support/discord/fake-discord.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { tempDir } from '../../support/temp-dir.js';
import { testConfig } from '../../support/test-config.js';

let current: DiscordTestApp | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await current?.stop();
  current = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const SECOND_OPERATOR = { id: '310000000000000009', username: 'otto' };

/** The app with the console on and Discord pointed at `fake`, as `npm start` would run it. */
async function startWithConsole(fake: FakeDiscord, logger = memoryLogger()) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const config = testConfig({ CONSOLE: 'on', DISCORD_TOKEN: fake.token, DISCORD_API_ROOT: fake.apiRoot, DISCORD_GUILD_ID: fake.guildId, DISCORD_OPERATORS: OPERATOR.id }, tempDir());
  const app: App = createApp({ config, logger: logger.logger, clock: systemClock, random: seededRandom(1), input, output });
  await app.start();
  cleanups.push(() => app.stop());
  const discord = (app.frontEnds.find((f) => f.name === 'discord') as LazyFrontEnd<DiscordFrontEnd>).inner!;
  return { app, discord, input, printed: () => printed, lines: logger.lines };
}

describe('Discord trouble never stops the rest', () => {
  it('does not register unchanged commands again at the next start', async () => {
    const dataDir = tempDir();
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const first = await startDiscordApp({ dataDir, fake });
    await first.stop(false);
    expect(fake.commandPuts).toHaveLength(1);
    current = await startDiscordApp({ dataDir, fake });
    const asked = await fake.slash(OPERATOR, { name: 'lists' });
    await fake.waitFor(() => asked.original?.content, 'an answer after the restart');
    expect(fake.commandPuts).toHaveLength(1);
  });

  it('keeps the console working when the gateway refuses the token (4004), says so once and shows it in health', async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    fake.refuseToken('gateway-4004');
    const t = await startWithConsole(fake);
    await fake.waitFor(() => t.discord.status()?.state === 'token refused', 'the refusal noticed');
    t.input.write('/lists\n');
    await fake.waitFor(() => t.printed().includes('No lists yet') || t.printed().includes('list'), 'the console answer', 5_000);
    const refusals = t.lines.filter((line) => String(line.msg).includes('Discord refused the bot token'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.msg).toContain('check DISCORD_TOKEN');
    expect(t.app.services.frontEndStatus.snapshot().discord).toMatchObject({ state: 'token refused', detail: expect.stringContaining('4004') });
    expect(t.app.health().problems).toEqual([expect.stringContaining('the discord bot is down')]);
  });

  it('takes a 401 from the API as a refused token, not as an outage to retry', async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    fake.refuseToken('rest-401');
    const t = await startWithConsole(fake);
    await fake.waitFor(() => t.discord.status()?.state === 'token refused', 'the refusal noticed');
    const before = fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(fake.calls.length).toBe(before);
  });

  it('retries with growing waits while Discord fails, without holding up the start, and connects when it answers', async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    fake.failNext('GET', /\/gateway\/bot$/, { status: 502, body: { message: 'Bad Gateway', code: 0 } }, 8);
    const t = await startWithConsole(fake);
    expect(t.discord.status()?.state).toBe('retrying');
    await fake.waitFor(() => t.discord.status()?.state === 'up', 'Discord up after the failures', 15_000);
    const tries = fake.callsTo('GET', /\/gateway\/bot$/).map((c) => c.at);
    const gaps = tries.slice(1).map((at, i) => at - tries[i]!);
    expect(gaps.filter((gap) => gap > 500).length).toBeGreaterThanOrEqual(1);
  });

  it('rides out a dropped gateway: resumes by itself and answers commands again', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    expect(t.bot.status()?.state).toBe('up');
    t.fake.dropGateway(4000);
    await t.fake.waitFor(() => t.fake.resumes > 0, 'the session resumed');
    await t.fake.waitFor(() => t.bot.status()?.state === 'up', 'up again');
    const asked = await t.fake.slash(OPERATOR, { name: 'lists' });
    await t.fake.waitFor(() => asked.original?.content, 'an answer after the drop');
  });

  it('sends notices to each operator by DM, logging once an operator who takes no DMs while the others still get theirs', async () => {
    const logs = memoryLogger();
    current = await startDiscordApp({
      dataDir: tempDir(),
      env: { DISCORD_NOTICE_CHANNEL: '', DISCORD_OPERATORS: `${OPERATOR.id},${SECOND_OPERATOR.id}` },
      logger: logs.logger,
      members: [SECOND_OPERATOR],
    });
    const t = current;
    t.fake.refuseDMs(OPERATOR.id);
    t.app.services.events.emit('notice', { text: 'Safety breaker on WhatsApp main: first trip.', buttons: [{ label: 'Resume', command: '/breaker resume main' }] });
    t.app.services.events.emit('notice', { text: 'Safety breaker on WhatsApp main: second trip.' });
    const breakerNotices = () => t.fake.dmMessages(SECOND_OPERATOR.id).filter((m) => m.content.startsWith('Safety breaker'));
    await t.fake.waitFor(() => breakerNotices().length === 2, 'both notices to the second operator');
    await t.bot.idle();
    expect(breakerNotices().map((m) => m.content)).toEqual(['Safety breaker on WhatsApp main: first trip.', 'Safety breaker on WhatsApp main: second trip.']);
    expect(t.fake.dmMessages(OPERATOR.id)).toEqual([]);
    expect(logs.lines.filter((line) => String(line.msg).includes('DMs closed'))).toHaveLength(1);
  });

  it("a rate limit on one channel's progress edits holds neither other channels' views nor answers to operators", async () => {
    current = await startDiscordApp({ dataDir: tempDir(), latencyMs: 30 });
    const t = current;
    const { services } = t.app;
    const { seedList } = await import('../../support/seed.js');
    const a = services.campaigns.createDraft({ listId: seedList(services.repos, 60), template: 'A {name}' });
    const b = services.campaigns.createDraft({ listId: seedList(services.repos, 60), template: 'B {name}' });
    for (const [id, channelId] of [
      [a.id, t.fake.channelId],
      [b.id, t.fake.generalChannelId],
    ] as const) {
      const asked = await t.fake.slash(OPERATOR, { name: 'status', options: { campaign: id }, channelId });
      await t.fake.waitFor(() => asked.original?.content.includes('live progress below'), `progress of ${id}`);
    }
    const progressIn = (channelId: string, id: number) => t.fake.visibleMessages(channelId).find((m) => m.content.includes(`Campaign ${id} (list`) && !m.webhookId)!;
    const limited = progressIn(t.fake.channelId, a.id);
    const free = progressIn(t.fake.generalChannelId, b.id);
    t.fake.rateLimitNext('PATCH', new RegExp(`/messages/${limited.id}$`), { retryAfterSeconds: 30 });
    await services.campaigns.start(a.id);
    await services.campaigns.start(b.id);
    await t.fake.waitFor(() => t.fake.callsTo('PATCH', new RegExp(`/messages/${limited.id}$`)).some((c) => c.status === 429), 'the rate limit hit');
    const limitedEdits = limited.history.length;
    const freeEdits = free.history.length;
    const asked = await t.fake.slash(OPERATOR, { name: 'lists' });
    // Discord asked for 30 s: everything below happens inside that window.
    await t.fake.waitFor(() => asked.original?.content, 'an answer in the limited channel meanwhile');
    await t.fake.waitFor(() => free.history.length >= freeEdits + 2, 'the other channel edited meanwhile');
    expect(asked.answeredAfterMs).toBeLessThan(3_000);
    expect(limited.history.length).toBe(limitedEdits);
    // The limited message waits its turn instead of hammering Discord.
    expect(t.fake.callsTo('PATCH', new RegExp(`/messages/${limited.id}$`))).toHaveLength(1);
  });
});
