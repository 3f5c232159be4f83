import { describe, expect, it } from 'vitest';
import type { StatusService } from '../../../../src/campaigns/status-service.js';
import type { ProgressSnapshot } from '../../../../src/campaigns/progress.js';
import { OperatorNotifications, type OperatorNotice } from '../../../../src/chat/notifications/operator-notifications.js';
import { createEventBus } from '../../../../src/core/events.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { emptyCounts } from '../../../../src/db/repos/run-counters-repo.js';
import { FakeClock } from '../../../support/fake-clock.js';

function completedSnapshot(campaignId: number): ProgressSnapshot {
  const counts = { ...emptyCounts(), delivered: 6, read: 3, failed: 1 };
  return { campaignId, runId: 4, listId: 2, state: 'completed', stateReason: null, total: 10, counts, sent: 9, done: 10, etaAt: null, holds: [], dryRun: true, sessionName: 'main', linkState: 'open' };
}

function setUp() {
  const clock = new FakeClock();
  const events = createEventBus();
  const notices: OperatorNotice[] = [];
  const status = { snapshot: (id: number) => completedSnapshot(id) } as unknown as StatusService;
  const notifier = new OperatorNotifications({ events, clock, status, dryRun: true, logger: silentLogger() }, (notice) => notices.push(notice), {
    linkDownGraceMs: 60_000,
    optOutBatchMs: 30_000,
  });
  notifier.start();
  return { clock, events, notices, notifier };
}

describe('operator notifications', () => {
  it('say when a number links, and stay quiet about a reconnect that is over within the grace period', async () => {
    const t = setUp();
    t.events.emit('link.open', { sessionName: 'main', phone: '+5511999990000' });
    t.events.emit('link.close', { sessionName: 'main', reason: 'connection lost', willReconnect: true });
    await t.clock.advance(20_000);
    t.events.emit('link.open', { sessionName: 'main', phone: '+5511999990000' });
    await t.clock.advance(120_000);
    expect(t.notices.map((n) => [n.kind, n.text])).toEqual([['link-up', '[DRY RUN] WhatsApp main is linked as +5511999990000.']]);
  });

  it('report a link down for over the grace period, then its return', async () => {
    const t = setUp();
    t.events.emit('link.open', { sessionName: 'main', phone: null });
    t.events.emit('link.close', { sessionName: 'main', reason: 'connection lost', willReconnect: true });
    await t.clock.advance(59_999);
    expect(t.notices).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.notices[1]?.kind).toBe('link-down');
    expect(t.notices[1]?.text).toContain('disconnected for over a minute (connection lost)');
    t.events.emit('link.open', { sessionName: 'main', phone: null });
    expect(t.notices.map((n) => n.kind)).toEqual(['link-up', 'link-down', 'link-up']);
  });

  it('report a link closed for good at once, with a button for the QR', () => {
    const t = setUp();
    t.events.emit('link.close', { sessionName: 'main', reason: 'logged out', willReconnect: false });
    expect(t.notices).toEqual([expect.objectContaining({ kind: 'link-down', buttons: [{ label: 'Show QR', command: '/qr main' }] })]);
  });

  it('ask once per unlinked spell for the QR to be scanned, however often it rotates', () => {
    const t = setUp();
    for (let i = 0; i < 5; i++) t.events.emit('link.qr', { sessionName: 'main', code: `code-${i}` });
    expect(t.notices.map((n) => n.kind)).toEqual(['link-needed']);
    t.events.emit('link.open', { sessionName: 'main', phone: null });
    t.events.emit('link.qr', { sessionName: 'main', code: 'again' });
    expect(t.notices.map((n) => n.kind)).toEqual(['link-needed', 'link-up', 'link-needed']);
  });

  it('sum up a finished run with a Report button, but not a cancelled draft or a pause', () => {
    const t = setUp();
    t.events.emit('run.state', { runId: null, campaignId: 3, from: 'draft', to: 'stopped', reason: 'cancelled by an operator' });
    t.events.emit('run.state', { runId: 4, campaignId: 3, from: 'running', to: 'paused', reason: null });
    t.events.emit('run.state', { runId: 4, campaignId: 3, from: 'running', to: 'completed', reason: null });
    expect(t.notices).toEqual([
      {
        kind: 'run-finished',
        text: '[DRY RUN] Campaign 3 completed: 9 of 10 sent, 9 delivered, 3 read, 1 failed, 0 skipped, 0 unknown.',
        buttons: [{ label: 'Report', command: '/report 3' }],
      },
    ]);
  });

  it('batch opt-outs into one notice per window', async () => {
    const t = setUp();
    for (let i = 0; i < 12; i++) t.events.emit('optout.added', { sessionName: 'main', phone: `+55119000000${String(i).padStart(2, '0')}`, text: 'STOP' });
    await t.clock.advance(29_999);
    expect(t.notices).toHaveLength(0);
    await t.clock.advance(1);
    expect(t.notices).toHaveLength(1);
    expect(t.notices[0]?.text).toMatch(/^\[DRY RUN\] 12 number\(s\) opted out .*\+5511900000000.*and 2 more\.$/);
    t.events.emit('optout.added', { sessionName: 'main', phone: '+5511900000099', text: 'SAIR' });
    t.notifier.stop();
    expect(t.notices[1]?.text).toContain('1 number(s) opted out');
  });

  it('pass on a fired schedule with its campaign, and other notices with their buttons', () => {
    const t = setUp();
    t.events.emit('schedule.fired', { scheduleId: 2, campaignId: 5, runId: 9 });
    const buttons = [{ label: 'Resume', command: '/breaker resume main' }];
    t.events.emit('notice', { text: 'Safety breaker on WhatsApp main', buttons });
    expect(t.notices).toEqual([
      { kind: 'schedule-fired', text: '[DRY RUN] Schedule 2 started campaign 5 (run 9).', progressCampaignId: 5 },
      { kind: 'notice', text: 'Safety breaker on WhatsApp main', buttons },
    ]);
  });

  it('never let a failing notice reach the code that emitted the event', () => {
    const t = setUp();
    const broken = new OperatorNotifications(
      { events: t.events, clock: t.clock, status: { snapshot: () => { throw new Error('database closed'); } } as unknown as StatusService, dryRun: false, logger: silentLogger() },
      () => undefined,
    );
    broken.start();
    expect(() => t.events.emit('run.state', { runId: 1, campaignId: 1, from: 'running', to: 'completed', reason: null })).not.toThrow();
    broken.stop();
  });
});
