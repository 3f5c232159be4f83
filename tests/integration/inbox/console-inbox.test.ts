import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

interface LoggedSend {
  jid: string;
  text: string;
  messageId: string;
}

function sends(log: string): LoggedSend[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoggedSend);
}

async function runCampaign(t: TestApp, people: number): Promise<void> {
  const lines = ['name,phone'];
  for (let i = 0; i < people; i++) lines.push(`Person ${i},+5511910000${String(i).padStart(3, '0')}`);
  const csv = join(t.dataDir, 'contacts.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  expect(await t.type(`/import ${csv}`)).toContain(`Valid: ${people}`);
  await t.type('/send 1 Hi {name}, our shop opens on Monday');
  await t.type('/run 1');
  await t.clock.runUntil(() => t.app.services.repos.campaigns.get(1)?.state === 'completed');
}

function inboxLines(output: string): string[] {
  return output.split('\n').filter((line) => line.includes('Inbox: '));
}

describe('the inbox on the console (dry run)', () => {
  it("shows every recipient's answer as an inbox line with who, the campaign and the message answered, and its buttons", async () => {
    current = createTestApp({ DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Thanks!' });
    const t = current;
    await t.app.start();
    await runCampaign(t, 3);
    await t.clock.runUntil(() => inboxLines(t.output()).length === 3);

    const output = t.output();
    expect(output).toMatch(/\[DRY RUN\] Inbox: Person 1 \(\+5511910000001\), campaign 1, answering message \d+ "Hi Person 1, our shop opens on Monday":\nThanks!/);
    expect(output).toContain('Reply: /reply +5511910000001 · Opt out: /optout +5511910000001 · Mute: /mute +5511910000001');
    expect(t.app.services.repos.inbound.repliesOf(1).replies).toBe(3);

    const inbox = await t.type('/inbox 1');
    expect(inbox).toContain('Unanswered conversations of campaign 1 (3):');
    expect(inbox).toContain('Person 2 (+5511910000002), campaign 1, 2026-01-05');
    expect(inbox).toContain('"Thanks!"');
  });

  it('sends /reply from the same number through the send loop with a new message id and its own receipts, and the conversation leaves /inbox', async () => {
    const log = join(tempDir(), 'sent.jsonl');
    current = createTestApp({ DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Who is this?', DRY_RUN_LOG: log });
    const t = current;
    await t.app.start();
    await runCampaign(t, 2);
    await t.clock.runUntil(() => inboxLines(t.output()).length === 2);
    const campaignIds = new Set(sends(log).map((s) => s.messageId));

    const answer = await t.type('/reply +5511910000001 It is the shop on Main Street');
    const id = /queued \(message id (\w+)\)/.exec(answer)?.[1];
    expect(answer).toContain('[DRY RUN] Answer to Person 1 (+5511910000001) queued');
    expect(id).toBeDefined();
    expect(campaignIds.has(id!)).toBe(false);
    await t.clock.runUntil(() => sends(log).some((s) => s.messageId === id));
    expect(sends(log).find((s) => s.messageId === id)).toMatchObject({ jid: '5511910000001@s.whatsapp.net', text: 'It is the shop on Main Street' });

    const { repos } = t.app.services;
    await t.clock.runUntil(() => repos.messages.byWaMessageId(id!)?.state === 'read');
    expect(repos.messages.byWaMessageId(id!)).toMatchObject({ runId: null, phone: '+5511910000001', body: 'It is the shop on Main Street' });
    const inbox = await t.type('/inbox');
    expect(inbox).toContain('(1):');
    expect(inbox).toContain('+5511910000000');
    expect(inbox).not.toContain('+5511910000001');
  });

  it('forwards a STOP answer marked as an opt-out and suppresses the number as before', async () => {
    current = createTestApp({ DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'STOP' });
    const t = current;
    await t.app.start();
    await runCampaign(t, 1);
    await t.clock.runUntil(() => t.app.services.repos.optOuts.has('+5511910000000'));
    await t.clock.runUntil(() => inboxLines(t.output()).length === 1);
    expect(t.output()).toContain('STOP\n(an opt-out word: the number is on the suppression list, as for any STOP)');
    expect(t.output()).not.toContain('Opt out: /optout +5511910000000');
    expect(await t.type('/reply +5511910000000 Sorry to see you go')).toBe('Person 0 (+5511910000000) has opted out; zapcast will not message them. Nothing was sent.\n');
  });

  it('answers /reply to a number that never wrote in one line and sends nothing', async () => {
    const log = join(tempDir(), 'sent.jsonl');
    current = createTestApp({ DRY_RUN_LOG: log });
    const t = current;
    await t.app.start();
    expect(await t.type('/reply +5511988887777 hello')).toBe(
      "+5511988887777 never wrote to zapcast's WhatsApp; /reply answers people who wrote in (see /inbox). Nothing was sent.\n",
    );
    expect(await t.type('/reply Maria hello')).toBe('Nobody called "Maria" wrote in; /reply takes a number or the name of someone in /inbox. Nothing was sent.\n');
    expect(sends(log)).toEqual([]);
  });

  it('counts a message from a number no campaign wrote to without forwarding it', async () => {
    current = createTestApp();
    const t = current;
    await t.app.start();
    t.transport.events.emit('inbound', { phone: '+5511977776666', text: 'hello?', waMessageId: 'STRANGER1', at: t.clock.now() });
    await t.clock.settle();
    expect(inboxLines(t.output())).toEqual([]);
    expect(await t.type('/inbox')).toContain('1 message from numbers no campaign wrote to was counted, not forwarded (INBOX_ALL=off).');
  });

  it('forwards a stranger with INBOX_ALL=on, shows media as [image] with its caption, and lets /reply answer by name of nobody but by number', async () => {
    current = createTestApp({ INBOX_ALL: 'on' });
    const t = current;
    await t.app.start();
    t.transport.events.emit('inbound', { phone: '+5511977776666', text: 'is this in stock?', kind: 'image', waMessageId: 'STRANGER2', at: t.clock.now() });
    await t.clock.settle();
    expect(t.output()).toContain('[DRY RUN] Inbox: +5511977776666, no campaign:\n[image] is this in stock?');
    expect(await t.type('/reply +5511977776666')).toBe('Answer +5511977776666: type /reply +5511977776666 <text>.\n');
  });

  it('keeps what a muted contact writes in /inbox without forwarding it, until /mute off, and answers by name', async () => {
    current = createTestApp({ DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Thanks!' });
    const t = current;
    await t.app.start();
    await runCampaign(t, 1);
    await t.clock.runUntil(() => inboxLines(t.output()).length === 1);
    expect(await t.type('/mute +5511910000000')).toContain('Person 0 (+5511910000000) is muted');
    t.transport.events.emit('inbound', { phone: '+5511910000000', text: 'are you there?', waMessageId: 'AGAIN1', at: t.clock.now() });
    await t.clock.settle();
    expect(inboxLines(t.output())).toHaveLength(1);
    expect(await t.type('/inbox')).toContain('"are you there?" [muted]');
    expect(await t.type('/mute +5511910000000 off')).toBe('Person 0 (+5511910000000) is forwarded again.\n');
    t.transport.events.emit('inbound', { phone: '+5511910000000', text: 'hello?', waMessageId: 'AGAIN2', at: t.clock.now() });
    await t.clock.settle();
    expect(inboxLines(t.output())).toHaveLength(2);
    expect(await t.type('/reply "person 0" Yes, here')).toContain('Answer to Person 0 (+5511910000000) queued');
  });

  it('erases what a person wrote, and their conversation, on /forget', async () => {
    current = createTestApp({ DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Thanks!' });
    const t = current;
    await t.app.start();
    await runCampaign(t, 1);
    await t.clock.runUntil(() => inboxLines(t.output()).length === 1);
    expect(await t.type('/forget +5511910000000')).toContain('+5511910000000');
    expect(t.app.services.repos.inbox.conversation('+5511910000000')).toBeUndefined();
    expect(await t.type('/inbox')).toBe('No unanswered conversations.\n');
  });

  it('refuses an answer while the safety breaker holds the number, and queues nothing', async () => {
    const log = join(tempDir(), 'sent.jsonl');
    current = createTestApp({ INBOX_ALL: 'on', DRY_RUN_LOG: log });
    const t = current;
    await t.app.start();
    t.transport.events.emit('inbound', { phone: '+5511977776666', text: 'hi', waMessageId: 'IN3', at: t.clock.now() });
    await t.clock.settle();
    t.app.services.dispatcher.session('main')!.guard!.breaker.recordFailure('refused', '463');
    expect(await t.type('/reply +5511977776666 hello')).toMatch(/^The safety breaker holds WhatsApp main \(.*463.*\); answer after \/breaker resume main\. Nothing was sent\.\n/);
    expect(sends(log)).toEqual([]);
  });
});

describe('answers keep to the number’s safety rules', () => {
  it('holds an answer while the daily cap is reached and sends it when the day turns, counting it on the new day', async () => {
    const log = join(tempDir(), 'sent.jsonl');
    current = createTestApp({ DAILY_CAP: '1', WARMUP_DAYS: '0', DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Open on Sunday?', DRY_RUN_LOG: log });
    const t = current;
    await t.app.start();
    await runCampaign(t, 1);
    await t.clock.runUntil(() => inboxLines(t.output()).length === 1);

    const answer = await t.type('/reply +5511910000000 No, Monday to Saturday');
    expect(answer).toMatch(/queued \(message id \w+\)\. It waits: held: daily cap 1\/1 until 00:00\.\n$/);
    await t.clock.advance(3_600_000);
    expect(sends(log)).toHaveLength(1);
    await t.clock.runUntil(() => sends(log).length === 2);
    expect(new Date(t.clock.now()).toISOString().slice(0, 10)).toBe('2026-01-06');
    expect(sends(log)[1]!.text).toBe('No, Monday to Saturday');
    const sender = t.app.services.dispatcher.session('main')!;
    expect(sender.dailyCap.sentToday(t.clock.now())).toBe(1);
  });

  it('spaces an answer from the message before it by the number’s pacing', async () => {
    const log = join(tempDir(), 'sent.jsonl');
    current = createTestApp({ SEND_DELAY_MIN_MS: '30000', SEND_DELAY_MAX_MS: '30000', INBOX_ALL: 'on', DRY_RUN_LOG: log });
    const t = current;
    await t.app.start();
    t.transport.events.emit('inbound', { phone: '+5511977776666', text: 'hi', waMessageId: 'IN1', at: t.clock.now() });
    t.transport.events.emit('inbound', { phone: '+5511977775555', text: 'hello', waMessageId: 'IN2', at: t.clock.now() });
    await t.clock.settle();
    await t.type('/reply +5511977776666 first');
    await t.type('/reply +5511977775555 second');
    await t.clock.runUntil(() => sends(log).length === 2);
    const [first, second] = sends(log) as (LoggedSend & { at: string })[];
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBe(30_000);
  });
});
