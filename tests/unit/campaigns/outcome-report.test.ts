import { afterEach, describe, expect, it } from 'vitest';
import { writeOutcomeReport } from '../../../src/campaigns/outcome-report.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('the outcome report', () => {
  it('lets every write through while it writes its file, and still lists every recipient', async () => {
    const t = (current = createTestApp());
    await t.app.start();
    const { repos, campaigns, paths } = t.app.services;
    const campaign = campaigns.createDraft({ listId: seedList(repos, 3_000, t.clock.now()), template: 'Hi {name}' });
    await campaigns.start(campaign.id);
    await campaigns.pause(campaign.id);

    let finished = false;
    const report = writeOutcomeReport(repos, campaign.id, paths.exports, { now: t.clock.now(), receiptTimeoutMs: 86_400_000 }, { separator: ',', timeZone: 'UTC' }).finally(
      () => (finished = true),
    );
    const refused: string[] = [];
    let writes = 0;
    // Writes from elsewhere in the process (an audit row, as any command makes) while the file waits on the disk.
    while (!finished) {
      try {
        repos.audit.write({ at: t.clock.now(), frontEnd: 'console', actorId: 'console', command: 'status', outcome: 'ok' });
        writes++;
      } catch (error) {
        refused.push((error as Error).message);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const { rows } = await report;
    expect(refused).toEqual([]);
    expect(writes).toBeGreaterThan(0);
    expect(rows).toBe(3_000);
  });
});
