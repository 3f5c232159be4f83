import { afterEach, describe, expect, it, vi } from 'vitest';
import { driveCronWith } from '../../support/cron-time.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
  vi.useRealTimers();
});

async function withDraft(): Promise<TestApp> {
  current = createTestApp();
  const t = current;
  // Schedules fire on node-cron, which the fake clock drives through vitest's fake timers.
  driveCronWith(t.clock, () => t.app.scheduler.nextWake());
  await current.app.start();
  seedList(current.app.services.repos, 3, current.clock.now());
  await current.type('/send 1 Hello {name}');
  return current;
}

const lines = (output: string) => output.trim().split('\n');
const stateOf = (t: TestApp) => t.app.services.repos.campaigns.get(1)!.state;

describe('/resume', () => {
  it('refuses a scheduled campaign between its runs in one line, and leaves its last run as it ended', async () => {
    const t = await withDraft();
    await t.type('/schedule 1 daily 12:30');
    await t.clock.runUntil(() => t.app.services.repos.runs.latestOf(1)?.state === 'completed' && stateOf(t) === 'scheduled');
    const before = t.app.services.repos.runs.latestOf(1)!;

    expect(lines(await t.type('/resume 1'))).toEqual(['Campaign 1 is scheduled and waits for its next run; there is nothing to resume (/schedules 1 shows when it runs).']);
    expect(t.app.services.repos.runs.latestOf(1)).toEqual(before);
    expect(stateOf(t)).toBe('scheduled');
  });

  it('refuses every state but paused in one line', async () => {
    const t = await withDraft();
    expect(lines(await t.type('/resume 1'))).toEqual(['Campaign 1 is a draft; there is nothing to resume (/run 1 sends it).']);
    await t.app.services.campaigns.start(1);
    expect(lines(await t.type('/resume 1'))).toEqual(['Campaign 1 is running; only a paused campaign can be resumed.']);
    await t.clock.runUntil(() => stateOf(t) === 'completed');
    expect(lines(await t.type('/resume 1'))).toEqual(['Campaign 1 is completed; it cannot be resumed.']);
  });

  it('resumes a paused campaign', async () => {
    const t = await withDraft();
    await t.app.services.campaigns.start(1);
    t.app.services.campaigns.pause(1);
    expect(await t.type('/resume 1')).toContain('Campaign 1 resumed.');
    await t.clock.runUntil(() => stateOf(t) === 'completed');
  });
});
