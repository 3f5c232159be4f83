import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SESSION } from '../src/app.js';
import { inboxLines } from '../src/inbox/inbox-service.js';
import { FigureReport, formatCount, formatMs } from './support/figures.js';
import { meanCallMs, timeMs } from './support/timing.js';
import { createBenchApp } from './queue/bench-app.js';
import { seedContacts } from './queue/seed-contacts.js';

/**
 * The inbox: how fast answers from a finished campaign are kept and handed to
 * the front-ends, what /inbox costs over many conversations, and what the
 * reply lane adds to every step of the send loop when no answer waits.
 */
const RECIPIENTS = 10_001;
const FIRST_NUMBER = 910_000_000;

const report = new FigureReport();
const dir = mkdtempSync(join(tmpdir(), 'zapcast-inbox-bench-'));
const app = createBenchApp(join(dir, 'data'));
try {
  const { repos, campaigns, events, clock, dispatcher } = app.services;
  await app.start();
  const listId = seedContacts(repos, RECIPIENTS, FIRST_NUMBER, clock.now());
  const campaign = campaigns.createDraft({ listId, template: 'Hi {name}, the meeting is on Monday.' });
  await campaigns.start(campaign.id);
  while (repos.campaigns.get(campaign.id)?.state !== 'completed') await new Promise((resolve) => setTimeout(resolve, 50));

  report.section(`answers from every recipient of a ${formatCount(RECIPIENTS)}-message campaign`);
  const sender = dispatcher.session(DEFAULT_SESSION)!;
  const phones = (repos.db.prepare('SELECT phone FROM messages WHERE run_id IS NOT NULL').all() as { phone: string }[]).map((row) => row.phone);
  let forwarded = 0;
  events.on('inbox.message', () => forwarded++);
  const handleMs = await timeMs(async () => {
    phones.forEach((phone, i) => sender.transport.events.emit('inbound', { phone, text: 'Thanks, see you there', waMessageId: `BENCH${i}`, at: clock.now() }));
    while (forwarded < phones.length) await new Promise((resolve) => setImmediate(resolve));
  });
  report.add({ label: 'answers kept and forwarded', value: `${formatCount(phones.length / (handleMs / 1000))}/s` });
  report.add({ label: 'per answer (lookup, record, forward event)', value: formatMs(handleMs / phones.length, 3) });

  const listMs = meanCallMs(200, () => inboxLines(app.services, undefined));
  report.add({ label: `/inbox over ${formatCount(phones.length)} unanswered conversations`, value: formatMs(listMs, 2), target: '< 20 ms', pass: listMs < 20 });
  const byCampaignMs = meanCallMs(200, () => inboxLines(app.services, campaign.id));
  report.add({ label: '/inbox <campaign>', value: formatMs(byCampaignMs, 2), target: '< 20 ms', pass: byCampaignMs < 20 });

  report.section('the reply lane in the send loop');
  const lane = sender.replies!;
  const emptyMs = meanCallMs(100_000, () => lane.next(clock.now()));
  report.add({ label: 'lane check per send-loop step, none ever queued', value: `${(emptyMs * 1000).toFixed(2)} µs` });
  repos.db.transaction(() => {
    for (const phone of phones) lane.enqueue({ phone, replyJid: `${phone.slice(1)}@s.whatsapp.net`, body: 'See you', operator: 'bench', at: clock.now() });
  })();
  repos.db.prepare('UPDATE inbox_replies SET waiting = 0').run();
  const settledMs = meanCallMs(100_000, () => lane.next(clock.now()));
  report.add({ label: `lane check after ${formatCount(phones.length)} answers went`, value: `${(settledMs * 1000).toFixed(2)} µs`, target: '< 20 µs', pass: settledMs * 1000 < 20 });
  report.summary();
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
