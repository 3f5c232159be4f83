import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFreeSpace, diskFullAnswer, spaceNeeded } from '../../../src/contacts/disk-space.js';
import { importHarness } from './import-harness.js';

const MB = 1024 * 1024;

describe('imports and free disk space', () => {
  it('refuses an import before writing anything when the disk could not hold it', async () => {
    const h = importHarness();
    const path = join(h.dir, 'big.csv');
    writeFileSync(path, 'name,phone\nAna,+5511987654321\n');
    const asked: string[] = [];

    await expect(
      h.run(path, {
        freeBytes: (dir) => {
          asked.push(dir);
          return 10 * MB;
        },
      }),
    ).rejects.toThrow(/^Not enough free disk space for this import: 10 MB free where the database is, and it needs about 65 MB\./);
    expect(asked).toEqual([h.dir]);
    expect(h.listCount()).toBe(0);
  });

  it('asks for more room for a workbook, which unpacks, than for text', () => {
    expect(spaceNeeded(10 * MB, 'zip')).toBeGreaterThan(spaceNeeded(10 * MB, 'text'));
    expect(() => checkFreeSpace(spaceNeeded(MB, 'text'), MB, 'text')).not.toThrow();
    expect(() => checkFreeSpace(spaceNeeded(MB, 'zip') - 1, MB, 'zip')).toThrow(/Not enough free disk space/);
  });

  it('answers a disk that fills up during the import in one clear line and leaves no list', async () => {
    const h = importHarness();
    const lines = ['name,phone', ...Array.from({ length: 3_000 }, (_, i) => `P${i},+55119${String(80_000_000 + i)}`)];
    const path = join(h.dir, 'fills.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    // The import writes through a connection of its own; a schema trigger fails its inserts the way a full disk does.
    h.repos.db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON contacts WHEN NEW.source_line > 2000 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);

    await expect(h.run(path)).rejects.toThrow(/^The disk filled up during the import, so it stopped and nothing was imported\. Free some space/);
    expect(h.listCount()).toBe(0);
    expect(h.contactCount()).toBe(0);
  });

  it('leaves other failures as they are', () => {
    expect(diskFullAnswer(new Error('no such table: contacts'))).toBeUndefined();
    expect(diskFullAnswer(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))?.name).toBe('ImportError');
  });
});
