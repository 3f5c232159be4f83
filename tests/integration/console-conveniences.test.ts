import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ConsoleFrontEnd } from '../../src/chat/console/console-front-end.js';
import { seedList } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testConfig } from '../support/test-config.js';
import { tempDir } from '../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function started(settings: Record<string, string> = {}, pairAfterMs?: number): Promise<TestApp> {
  current = createTestApp(settings, { pairAfterMs });
  await current.app.start();
  return current;
}

describe('the console', () => {
  it('on a terminal: a prompt, and the up arrow brings the last command back', async () => {
    const t = await started();
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    const terminal = new ConsoleFrontEnd(t.app.services, t.app.router, { input, output, terminal: true, cwd: t.dataDir });
    await terminal.start();
    input.write('/lists\r');
    await t.clock.settle();
    await terminal.idle();
    input.write('\x1b[A\r');
    await t.clock.settle();
    await terminal.idle();
    await terminal.stop();

    expect(shown).toContain('zapcast> ');
    expect(shown.match(/No lists yet/g)).toHaveLength(2);
  });

  it('takes multi-line messages: \\n in the line, or message=@file', async () => {
    const t = await started();
    seedList(t.app.services.repos, 2);
    expect(await t.type('/send 1 Hello {name},\\nsee you Monday.\\nBye')).toContain('Hello Contact 0,\n  see you Monday.\n  Bye');
    writeFileSync(join(t.dataDir, 'note.txt'), 'Dear {name},\r\n\r\nthe shop opens at 9.\r\n');
    expect(await t.type(`/send 1 message=@${join(t.dataDir, 'note.txt')}`)).toContain('Dear Contact 0,\n  \n  the shop opens at 9.');
    expect(t.app.services.repos.campaigns.get(2)?.template).toBe('Dear {name},\n\nthe shop opens at 9.');
    expect((await t.type('/send 1 message=@missing.txt')).trim()).toBe('The file missing.txt does not exist (message=@<file> takes the message from a file).');
  });

  it('takes a path with spaces without quotes when the file exists', async () => {
    const t = await started();
    writeFileSync(join(t.dataDir, 'My Contacts.csv'), 'name,phone\nAna,+5511987654321\n');
    writeFileSync(join(t.dataDir, 'Shop Photo.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(await t.type(`/import ${join(t.dataDir, 'My Contacts.csv')}`)).toContain('List 1 "My Contacts.csv" imported.');
    expect(await t.type(`/send 1 Hi {name} media=${join(t.dataDir, 'Shop Photo.png')}`)).toContain('with image Shop Photo.png');
    expect(t.app.services.repos.campaigns.get(1)?.template).toBe('Hi {name}');
  });

  it('shows the commands behind a notice\'s buttons, and draws the /qr code', async () => {
    const t = await started({}, 3_600_000);
    t.app.services.events.emit('notice', { text: 'Safety breaker on WhatsApp main.', buttons: [{ label: 'Resume', command: '/breaker resume main' }, { label: 'Stop', command: '/breaker stop main' }] });
    expect(t.output()).toContain('Safety breaker on WhatsApp main.\n(type a line to press its button: Resume: /breaker resume main · Stop: /breaker stop main)');
    await t.clock.advance(1_000);
    const qr = await t.type('/qr');
    expect(qr).toContain('whatsapp-main-qr.png');
    // The code is a fresh random one each run: count its blocks rather than look for a fixed run of them.
    expect((qr.match(/[▀▄█]/g) ?? []).length).toBeGreaterThan(100);
  });

  it('says once that WhatsApp Web cannot be reached when the link never came up', async () => {
    const t = await started({}, 3_600_000);
    t.transport.simulateDrop('connection lost: WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)', 1_000);
    await t.clock.settle();
    t.transport.simulateDrop('connection lost: WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)', 2_000);
    await t.clock.settle();
    const lines = t.output().split('\n').filter((line) => line.includes('WhatsApp Web'));
    expect(lines).toEqual(['WhatsApp main: cannot reach WhatsApp Web: check the internet, or try WA_TRANSPORT=dry-run (it keeps retrying by itself).']);
    expect(t.output()).not.toContain('link dropped');
  });
});

describe('starting with no operator front-end', () => {
  it('warns loudly: CONSOLE=off and no chat token (Discord counts too)', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString('utf8')), done()) });
    const logger = pino({ level: 'info' }, sink);
    const headless = createApp({ config: testConfig({ CONSOLE: 'off' }, tempDir()), logger });
    await headless.start();
    await headless.stop();
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.startsWith('WARNING: no operator front-end'));
    expect(warning?.level).toBe(40);

    lines.length = 0;
    const withDiscord = createApp({ config: testConfig({ CONSOLE: 'off', DISCORD_TOKEN: 'abc.def.ghi' }, tempDir()), logger });
    expect(withDiscord.frontEnds.map((f) => f.name)).toEqual(['discord']);
    await withDiscord.stop();
  });
});
