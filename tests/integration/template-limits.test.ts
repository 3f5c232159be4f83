import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/campaigns/template.js';
import { PREVIEW_SAMPLE_CHARS } from '../../src/campaigns/preview.js';
import { seedList } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function started(contacts: number, fields?: (i: number) => Record<string, string>): Promise<TestApp> {
  current = createTestApp({ SEND_DELAY_MIN_MS: '1000', SEND_DELAY_MAX_MS: '1000' });
  await current.app.start();
  seedList(current.app.services.repos, contacts, 0, fields);
  return current;
}

describe('template limits and the preview', () => {
  it('fails for good only the message a long column pushes past WhatsApp\'s limit, and sends the others', async () => {
    const t = await started(3, (i) => ({ note: i === 1 ? 'x'.repeat(MAX_MESSAGE_CHARS) : 'short' }));
    await t.type('/send 1 Hi {name}: {note}');
    await t.app.services.campaigns.start(1);
    const { repos } = t.app.services;
    await t.clock.runUntil(() => repos.campaigns.get(1)?.state === 'completed');
    const messages = [...repos.messages.ofRun(1)];
    expect(messages.map((m) => (m.state === 'failed' ? 'failed' : m.attempts > 0 && m.sentAt !== null ? 'reached WhatsApp' : m.state))).toEqual([
      'reached WhatsApp',
      'failed',
      'reached WhatsApp',
    ]);
    expect(messages[1]!.error).toBe(`the message is ${MAX_MESSAGE_CHARS + "Hi Contact 1: ".length} characters long once filled in; WhatsApp takes at most ${MAX_MESSAGE_CHARS}`);
  });

  it('refuses a template over WhatsApp\'s limit in one line and creates nothing', async () => {
    const t = await started(3);
    const answer = await t.type(`/send 1 ${'y'.repeat(MAX_MESSAGE_CHARS + 1)}`);
    expect(answer.trim()).toBe(`The message is ${MAX_MESSAGE_CHARS + 1} characters long; WhatsApp takes at most ${MAX_MESSAGE_CHARS}.`);
    expect(t.app.services.repos.campaigns.inStates(['draft'])).toHaveLength(0);
  });

  it('clips long preview samples so a preview stays one short answer', async () => {
    const t = await started(3);
    const preview = await t.type(`/send 1 Hi {name} ${'long words '.repeat(3000)}`);
    const samples = preview.split('\n').filter((line) => line.startsWith('  Hi Contact'));
    expect(samples).toHaveLength(3);
    for (const sample of samples) expect(sample.trim().length).toBeLessThanOrEqual(PREVIEW_SAMPLE_CHARS + 1);
    expect(samples.every((sample) => sample.endsWith('…'))).toBe(true);
    expect(preview.length).toBeLessThan(4 * PREVIEW_SAMPLE_CHARS);
  });

  it('warns when over 100 recipients would get fewer than 3 distinct texts', async () => {
    const t = await started(150);
    expect(await t.type('/send 1 Hi {name}')).toContain('Warning: 150 recipients get the same words, and identical copy is a spam signal');
    const two = await t.type('/send 1 {{Hi|Hello}} {name}');
    expect(two).toContain('Variations: 2 different texts');
    expect(two).toContain('Warning: 150 recipients get only 2 different texts');
    expect(await t.type('/send 1 {{Hi|Hello|Hey}} {name}')).not.toContain('Warning:');
  });

  it('does not warn about a small campaign without variations', async () => {
    const t = await started(100);
    expect(await t.type('/send 1 Hi {name}')).not.toContain('Warning:');
  });

  it('sends a /test message with one of the variation\'s alternatives', async () => {
    const t = await started(1);
    const answer = await t.type('/test +5511910000000 {{Hi|Hello}} {name}');
    expect(answer).toMatch(/Sent to \+5511910000000 \(message id \S+\): (Hi|Hello) Contact 0\b/);
  });
});
