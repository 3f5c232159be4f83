import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignFigures } from '../../../src/campaigns/campaign-summary.js';
import { CHART } from '../../../src/campaigns/summary-chart.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('/report draws the summary picture of a real run', () => {
  it('for contacts with accented names: the funnel, the rate over time and the first message, written under data/exports', async () => {
    current = createTestApp({ TZ: 'America/Sao_Paulo', DEFAULT_COUNTRY: 'BR', DRY_RUN_LATENCY_MS: '200' });
    const t = current;
    await t.app.start();
    const file = join(t.dataDir, 'clientes.csv');
    writeFileSync(file, 'name,phone\nJoão Conceição,(11) 98765-4321\nMárcia Antônia,(11) 91234-5678\nLuís Gonçalves,(21) 99876-5432\n');
    await t.type(`/import ${file}`);
    await t.type('/send 1 Olá {name}, tudo bem?');
    await t.type('/run 1');
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(1)?.state === 'completed');

    const figures = campaignFigures(t.app.services.repos, t.app.services.repos.campaigns.get(1)!);
    expect(figures.funnel).toMatchObject({ targeted: 3, sent: 3 });
    expect(figures.firstMessage).toEqual({ to: 'João Conceição', text: 'Olá João Conceição, tudo bem?' });
    expect(figures.rates?.sent.reduce((a, b) => a + b, 0)).toBe(3);

    const answer = await t.type('/report 1');
    const path = /Campaign 1 summary: (.+\.png)/.exec(answer)?.[1];
    expect(path, answer).toBeDefined();
    expect(readdirSync(t.app.services.paths.exports)).toContain(path!.split(/[\\/]/).at(-1));
    const image = PNG.sync.read(readFileSync(path!));
    expect(image.width).toBe(CHART.width * CHART.scale);
    expect(image.height).toBeGreaterThan(500);
  });
});
