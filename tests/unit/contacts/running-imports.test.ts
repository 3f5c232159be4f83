import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunningImports } from '../../../src/contacts/running-imports.js';
import { importHarness } from './import-harness.js';

function bigCsv(dir: string, rows: number): string {
  const lines = ['name,phone'];
  for (let i = 0; i < rows; i++) lines.push(`P${i},+55119${String(80_000_000 + i)}`);
  const path = join(dir, 'big.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('imports at shutdown', () => {
  it('stops a running import when zapcast stops, and keeps nothing of it', async () => {
    const h = importHarness();
    const path = bigCsv(h.dir, 60_000);
    const imports = new RunningImports();
    let stopping: Promise<number> | undefined;

    const running = imports.run((signal) =>
      h.run(path, {
        signal,
        // Stop once the import is well under way: contacts are being written.
        onProgress: () => {
          stopping ??= imports.stopAll();
        },
      }),
    );

    await expect(running).rejects.toThrow(/^zapcast is stopping, so the import was stopped and nothing was imported/);
    expect(await stopping).toBe(1);
    expect(imports.count).toBe(0);
    expect(h.listCount()).toBe(0);
    expect(h.contactCount()).toBe(0);
  });

  it('refuses to start an import once zapcast is stopping', async () => {
    const h = importHarness();
    const imports = new RunningImports();
    expect(await imports.stopAll()).toBe(0);
    await expect(imports.run((signal) => h.run(bigCsv(h.dir, 10), { signal }))).rejects.toThrow(/^zapcast is stopping/);
    expect(h.listCount()).toBe(0);
  });
});
