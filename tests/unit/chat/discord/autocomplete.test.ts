import { afterEach, describe, expect, it } from 'vitest';
import { suggestionsFor } from '../../../../src/chat/discord/autocomplete.js';
import { seedList } from '../../../support/seed.js';
import { createTestApp, type TestApp } from '../../../support/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('autocomplete suggestions', () => {
  it('offers the most recent campaigns first, labelled with their text and state, at most 25', async () => {
    t = createTestApp();
    const { services } = t.app;
    const listId = seedList(services.repos, 3);
    for (let i = 1; i <= 30; i++) services.campaigns.createDraft({ listId, template: `Offer number ${i} 🎉 for {name}`, media: null, pacing: null, createdBy: 'op' });
    const all = suggestionsFor(services, 'campaign', '');
    expect(all).toHaveLength(25);
    expect(all[0]).toEqual({ name: '30 · Offer number 30 🎉 for {name} · draft', value: 30 });
    expect(all.at(-1)?.value).toBe(6);
  });

  it('matches what was typed against the id or the text', async () => {
    t = createTestApp();
    const { services } = t.app;
    const listId = seedList(services.repos, 3);
    for (const template of ['Black Friday deals', 'Christmas hours', 'Black Friday reminder']) services.campaigns.createDraft({ listId, template, media: null, pacing: null, createdBy: 'op' });
    expect(suggestionsFor(services, 'campaign', 'black').map((s) => s.value)).toEqual([3, 1]);
    expect(suggestionsFor(services, 'campaign', '2').map((s) => s.value)).toEqual([2]);
  });

  it('shows how far a running campaign got', async () => {
    t = createTestApp();
    const { services } = t.app;
    const listId = seedList(services.repos, 4);
    const campaign = services.campaigns.createDraft({ listId, template: 'Hi {name}', media: null, pacing: null, createdBy: 'op' });
    await services.campaigns.start(campaign.id);
    const [suggestion] = suggestionsFor(services, 'campaign', String(campaign.id));
    expect(suggestion?.name).toMatch(/^1 · Hi \{name\} · (running|completed) \d+%$/);
  });

  it('offers lists with their sizes, and WhatsApp numbers with their link state', () => {
    t = createTestApp();
    const { services } = t.app;
    seedList(services.repos, 1200);
    expect(suggestionsFor(services, 'list', '')).toEqual([{ name: '1 · list of 1200 · 1,200 contacts', value: 1 }]);
    expect(suggestionsFor(services, 'session', 'ma')).toEqual([{ name: expect.stringMatching(/^main/), value: 'main' }]);
    expect(suggestionsFor(services, 'session', 'zz')).toEqual([]);
  });

  it('suggests nothing for options that name nothing zapcast keeps', () => {
    t = createTestApp();
    expect(suggestionsFor(t.app.services, 'country', 'B')).toEqual([]);
  });
});
