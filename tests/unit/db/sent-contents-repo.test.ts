import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/connection.js';
import { SentContentsRepo } from '../../../src/db/repos/sent-contents-repo.js';
import { tempDir } from '../../support/temp-dir.js';

const DAY = 86_400_000;

describe('sent message contents', () => {
  it('are kept by WhatsApp id, survive reopening the database, and are forgotten once older than the keeping time', () => {
    const path = join(tempDir(), 'zapcast.db');
    const repo = new SentContentsRepo(openDatabase(path), 30 * DAY);
    repo.save('3EB0OLD', Uint8Array.from([1, 2, 3]), 0);
    repo.save('3EB0NEW', Uint8Array.from([4, 5]), 20 * DAY);
    expect(Buffer.from(new SentContentsRepo(openDatabase(path)).load('3EB0OLD')!)).toEqual(Buffer.from([1, 2, 3]));

    repo.save('3EB0LATEST', Uint8Array.from([6]), 31 * DAY);
    expect(repo.load('3EB0OLD')).toBeUndefined();
    expect(Buffer.from(repo.load('3EB0NEW')!)).toEqual(Buffer.from([4, 5]));
    expect(repo.load('3EB0MISSING')).toBeUndefined();
  });
});
