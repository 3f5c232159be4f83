import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('WhatsApp number commands', () => {
  it('/sessions shows each number, its link and its warm-up cap', async () => {
    current = createTestApp({ DAILY_CAP: '1000', WARMUP_DAYS: '10', WARMUP_START_CAP: '100' });
    await current.app.start();
    const answer = await current.type('/sessions');
    expect(answer).toContain('[DRY RUN] main (+10000000000): open');
    expect(answer).toContain('sent today 0 of 100');
    expect(answer).toContain('warming up towards 1000/day');
  });

  it('/logout unlinks the number, its running campaign waits for the login, and /pair gives a code', async () => {
    current = createTestApp({ SEND_DELAY_MIN_MS: '2000', SEND_DELAY_MAX_MS: '2000' });
    const t = current;
    await t.app.start();
    const { repos, campaigns } = t.app.services;
    const campaign = campaigns.createDraft({ listId: seedList(repos, 5), template: 'Hi' });
    await campaigns.start(campaign.id);
    // Typed by hand, /logout asks first; typing the Confirm line it shows confirms.
    expect(await t.type('/logout')).toContain('Log WhatsApp main (+10000000000) out of zapcast?');
    expect(t.app.services.dispatcher.session('main')?.transport.state).toBe('open');
    expect(await t.type('/logout')).toContain('WhatsApp main is logged out.');
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'waiting_for_login');
    expect(await t.type('/status')).toContain('WhatsApp main: logged out (/qr or /pair to link again)');
    expect(await t.type('/pair +5511912345678')).toMatch(/Pairing code for \+5511912345678 on session main: [0-9A-F]{8}/);
  });

  it('/pair refuses a number it cannot read and names an unknown session', async () => {
    current = createTestApp();
    await current.app.start();
    expect((await current.type('/pair 12')).trim()).toBe('"12" is not a phone number I can use: too short.');
    expect((await current.type('/logout shop')).trim()).toBe('There is no WhatsApp number called shop. Numbers: main.');
  });

  it('runs one send loop per configured number', async () => {
    current = createTestApp({ WA_SESSIONS: 'main,shop' });
    await current.app.start();
    expect(current.app.services.dispatcher.sessionNames()).toEqual(['main', 'shop']);
    const answer = await current.type('/sessions');
    expect(answer).toContain('main');
    expect(answer).toContain('shop');
  });
});
