import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignFigures } from '../../../src/campaigns/campaign-summary.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** An operator in São Paulo whose Excel expects `;`; the fake clock starts at 12:00 UTC, 09:00 there. */
async function brazilianOperator(): Promise<TestApp> {
  current = createTestApp({ EXPORT_CSV_SEPARATOR: ';', TZ: 'America/Sao_Paulo', DEFAULT_COUNTRY: 'BR', SEND_DELAY_MIN_MS: '60000', SEND_DELAY_MAX_MS: '60000' });
  await current.app.start();
  const file = join(current.dataDir, 'clientes.csv');
  writeFileSync(file, 'Nome;Celular;Cidade\nJoão;(11) 98765-4321;São Paulo\nMárcia;(11) 91234-5678;Campinas\nZé;12;Santos\nJoana;11 98765-4321;Recife\nLuís;(21) 99876-5432;Niterói\n');
  await current.type(`/import ${file}`);
  return current;
}

const read = (path: string) => readFileSync(path, 'utf8');

describe('exports open right in a Brazilian or Spanish Excel', () => {
  it('report: UTF-8 with a BOM, the chosen separator, times in the operator zone, phones as text with no quote mark', async () => {
    const t = await brazilianOperator();
    await t.type('/send 1 Olá {nome}');
    await t.app.services.campaigns.start(1);
    await t.clock.runUntil(() => t.app.services.repos.counters.forRun(1).read >= 2);
    // Typed by hand, /stop asks first; typing the Confirm line presses it.
    await t.type('/stop 1');
    await t.type('/stop 1');
    const path = /written to (\S+)/.exec(await t.type('/report 1'))![1]!;

    const text = read(path);
    expect(text.startsWith('\uFEFFrun;phone;name;outcome;')).toBe(true);
    expect(text.split('\r\n')[0]).toContain('sent_at (America/Sao_Paulo)');
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[1]).toEqual(['1', '="+5511987654321"', 'João', 'read', '1', expect.any(String), '', '2026-01-05 09:00:00', '2026-01-05 09:00:01', '2026-01-05 09:00:05', '']);
    expect(rows.slice(1).map((r) => r[3])).toEqual(['read', 'read', 'not sent (campaign stopped)']);
    expect(text).not.toContain("'+55");
  });

  it('rejected rows: the whole original row under its columns, and which line a duplicate repeats', async () => {
    const t = await brazilianOperator();
    const text = read(join(t.app.services.paths.exports, 'list-1-rejected.csv'));
    expect(text.split('\r\n')).toEqual(['\uFEFFline;reason;Nome;Celular;Cidade', '4;too short;Zé;12;Santos', '5;duplicate of line 2;Joana;11 98765-4321;Recife', '']);
  });

  it('summary picture: shows what was not sent, and each /report keeps its own', async () => {
    const t = await brazilianOperator();
    await t.type('/send 1 Olá');
    await t.app.services.campaigns.start(1);
    await t.clock.runUntil(() => t.app.services.repos.counters.forRun(1).read >= 1);
    // Typed by hand, /stop asks first; typing the Confirm line presses it.
    await t.type('/stop 1');
    await t.type('/stop 1');
    expect(campaignFigures(t.app.services.repos, t.app.services.repos.campaigns.get(1)!).beside.notSent).toBe(2);

    await t.type('/report 1');
    await t.clock.advance(1_000);
    await t.type('/report 1');
    const pictures = readdirSync(t.app.services.paths.exports).filter((name) => name.endsWith('.png'));
    expect(pictures).toHaveLength(2);
    expect(pictures.every((name) => /^campaign-1-summary-.+\.png$/.test(name))).toBe(true);
  });
});
