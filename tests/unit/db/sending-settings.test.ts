import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/db/connection.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories.js';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setUp(): { repos: Repositories; campaignId: number } {
  const db = openDatabase(join(tempDir(), 'zapcast.db'));
  open.push(db);
  const repos = createRepositories(db);
  repos.waSessions.ensure('main', 0);
  const campaignId = repos.campaigns.create({ listId: seedList(repos, 2), sessionName: 'main', template: 'Hi', at: 0 });
  return { repos, campaignId };
}

describe('what each send reads (pacing, media, slow-down)', () => {
  it('follows a pacing override set after the first read', () => {
    const { repos, campaignId } = setUp();
    expect(repos.campaigns.sendingSettings(campaignId)?.pacing).toBeNull();
    repos.campaigns.setPacing(campaignId, { delayMinMs: 9_000, delayMaxMs: 12_000 }, 1);
    expect(repos.campaigns.sendingSettings(campaignId)?.pacing).toEqual({ delayMinMs: 9_000, delayMaxMs: 12_000 });
  });

  it('follows a slow-down set after the first read', () => {
    const { repos } = setUp();
    expect(repos.waSessions.paceFactor('main')).toBe(1);
    repos.waSessions.setPaceFactor('main', 2);
    expect(repos.waSessions.paceFactor('main')).toBe(2);
  });

  it('never keeps a value a rolled-back transaction wrote', () => {
    const { repos, campaignId } = setUp();
    expect(repos.waSessions.paceFactor('main')).toBe(1);
    expect(repos.campaigns.sendingSettings(campaignId)?.pacing).toBeNull();
    expect(() =>
      repos.db.transaction(() => {
        repos.campaigns.setPacing(campaignId, { delayMinMs: 9_000, delayMaxMs: 12_000 }, 1);
        repos.waSessions.setPaceFactor('main', 4);
        // Read inside the transaction: the new values, not to be remembered.
        expect(repos.campaigns.sendingSettings(campaignId)?.pacing).toEqual({ delayMinMs: 9_000, delayMaxMs: 12_000 });
        expect(repos.waSessions.paceFactor('main')).toBe(4);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(repos.campaigns.sendingSettings(campaignId)?.pacing).toBeNull();
    expect(repos.waSessions.paceFactor('main')).toBe(1);
  });

  it('has nothing for a draft deleted after a read', () => {
    const { repos, campaignId } = setUp();
    expect(repos.campaigns.sendingSettings(campaignId)).toBeDefined();
    expect(repos.campaigns.deleteUnrun(campaignId)).toBe(true);
    expect(repos.campaigns.sendingSettings(campaignId)).toBeUndefined();
  });
});
