import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { contactsCsv, OPERATOR, startDiscordApp, type DiscordTestApp } from '../../support/discord/discord-test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: DiscordTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('files on Discord', () => {
  it('answers /import with the report and the rejected rows as a file', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    const bytes = Buffer.concat([contactsCsv(4), Buffer.from('Broken,not a phone,City\n')]);
    const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'my contacts.csv', bytes, contentType: 'text/csv' } } });
    await t.fake.waitFor(() => imported.original?.content.includes('Valid: 4'), 'the import report');
    expect(imported.deferred).toBe(true);
    const rejected = await t.fake.waitFor(() => imported.followUps.find((m) => m.attachments.length > 0), 'the rejected rows file');
    expect(rejected.attachments[0]!.filename).toMatch(/\.csv$/);
    expect(rejected.attachments[0]!.bytes.toString('utf8')).toContain('not a phone');
    expect(t.app.services.repos.lists.get(1)?.contactCount).toBe(4);
  });

  it('refuses an attachment over IMPORT_MAX_BYTES by its stated size, downloading nothing and creating nothing', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), env: { IMPORT_MAX_BYTES: '100' } });
    const t = current;
    const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'big.csv', bytes: contactsCsv(50), contentType: 'text/csv' } } });
    await t.fake.waitFor(() => imported.original?.content, 'the refusal');
    expect(imported.original!.content).toMatch(/IMPORT_MAX_BYTES/);
    expect(t.fake.calls.some((c) => c.path.startsWith('/attachments/'))).toBe(false);
    expect(t.app.services.repos.lists.list()).toEqual([]);
  });

  it('answers /qr with a PNG only the operator sees, replaced as the code rotates and replaced by the linked number when the link is up', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), pairAfterMs: 1_500, qrRotateMs: 400 });
    const t = current;
    const qr = await t.fake.slash(OPERATOR, { name: 'qr' });
    const first = await t.fake.waitFor(() => qr.original?.attachments[0], 'the QR picture');
    expect(qr.ephemeral).toBe(true);
    expect(first.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(PNG.sync.read(first.bytes).width).toBeGreaterThan(100);
    expect(qr.original!.content).toContain('Linked devices');

    await t.fake.waitFor(() => qr.original!.history.some((version) => version.attachments[0] && !version.attachments[0].bytes.equals(first.bytes)), 'the rotated QR picture');
    await t.fake.waitFor(() => qr.original!.content.includes('is linked as +10000000000'), 'the linked message');
    expect(qr.original!.attachments).toEqual([]);
    // Nothing of the QR went to the channel everyone reads.
    expect(t.fake.visibleMessages().some((m) => m.attachments.some((a) => a.filename.includes('qr')))).toBe(false);
  });

  it('answers /report with the outcome CSV and the summary picture', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'contacts.csv', bytes: contactsCsv(5), contentType: 'text/csv' } } });
    await t.fake.waitFor(() => imported.original?.content.includes('Valid: 5'), 'the import report');
    const send = await t.fake.slash(OPERATOR, { name: 'send', options: { list: 1, message: 'Hello {name}' } });
    await t.fake.waitFor(() => send.original?.content.includes('Recipients:'), 'the preview');
    await t.fake.press(OPERATOR, { messageId: send.original!.id, label: 'Start' });
    await t.fake.waitFor(() => t.app.services.repos.campaigns.get(1)?.state === 'completed', 'the campaign to complete');

    const report = await t.fake.slash(OPERATOR, { name: 'report', options: { campaign: 1 } });
    const csv = await t.fake.waitFor(() => [report.original, ...report.followUps].flatMap((m) => m?.attachments ?? []).find((a) => a.filename.endsWith('.csv')), 'the CSV');
    const png = await t.fake.waitFor(() => [report.original, ...report.followUps].flatMap((m) => m?.attachments ?? []).find((a) => a.filename.endsWith('.png')), 'the PNG');
    const rows = csv.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(rows).toHaveLength(6);
    expect(rows.slice(1).every((row) => /,(sent|delivered|read),/.test(row))).toBe(true);
    expect(png.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(PNG.sync.read(png.bytes).width).toBe(1080);
  });

  it('shows a long import\'s rows read so far in its own answer, then the report in its place', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), editIntervalMs: 100 });
    const t = current;
    const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'big.csv', bytes: contactsCsv(80_000), contentType: 'text/csv' } } });
    await t.fake.waitFor(() => imported.original?.content.includes('Valid: 80000') || imported.original?.content.includes('Valid: 80,000'), 'the import report', 60_000);
    const versions = imported.original!.history.map((version) => version.content);
    expect(versions.some((content) => /^Importing… [\d,]+ rows read so far\.$/.test(content))).toBe(true);
    expect(versions.at(-1)).toContain('Valid: 80');
  });

  it('takes /send media as an attachment and makes it the campaign media', async () => {
    current = await startDiscordApp({ dataDir: tempDir() });
    const t = current;
    const imported = await t.fake.slash(OPERATOR, { name: 'import', options: { file: { fileName: 'contacts.csv', bytes: contactsCsv(2) } } });
    await t.fake.waitFor(() => imported.original?.content.includes('Valid: 2'), 'the import report');
    const pixel = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const send = await t.fake.slash(OPERATOR, { name: 'send', options: { list: 1, message: 'Look {name}', media: { fileName: 'offer.png', bytes: pixel, contentType: 'image/png' } } });
    await t.fake.waitFor(() => send.original?.content.includes('Recipients:'), 'the preview');
    expect(send.original!.content).toContain('offer.png');
    expect(t.app.services.repos.campaigns.get(1)?.media).toMatchObject({ fileName: 'offer.png' });
  });

  it('gives the /pair code only to the operator who asked', async () => {
    current = await startDiscordApp({ dataDir: tempDir(), pairAfterMs: 60_000 });
    const t = current;
    const pair = await t.fake.slash(OPERATOR, { name: 'pair', options: { phone: '+5511987654321' } });
    await t.fake.waitFor(() => pair.original?.content.includes('Pairing code'), 'the pairing code');
    expect(pair.ephemeral).toBe(true);
    expect(t.fake.visibleMessages().some((m) => m.content.includes('Pairing code'))).toBe(false);
  });
});
