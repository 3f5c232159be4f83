import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../support/process/app-process.js';
import { appEnv } from '../support/process/app-env.js';
import { tempDir } from '../support/temp-dir.js';

const MODULE_LOG = fileURLToPath(new URL('../support/process/module-log.mjs', import.meta.url));

/** Packages only some commands, a terminal or a linking number need: none may load before the first answer. */
const LOADED_ON_DEMAND = ['libphonenumber-js', 'qrcode', 'pngjs', 'pino-pretty', 'prom-client', 'csv-parse', 'iconv-lite', 'exceljs', 'baileys', 'telegraf', 'discord.js'];

function packagesLoaded(stderr: string): Set<string> {
  return new Set([...stderr.matchAll(/^module-loaded (\S+)$/gm)].map((match) => match[1]!));
}

describe('start-up', () => {
  it('answers the first console command without loading the phone, QR, picture, import, metrics or pretty-log packages', async () => {
    const app = AppProcess.start({ cwd: tempDir(), env: { ...appEnv(), NODE_OPTIONS: `--import ${MODULE_LOG}` } });
    await app.ask('/status', /sent today/, 20_000);
    const loaded = packagesLoaded(app.stderr());
    // The log works: the database driver is always loaded.
    expect(loaded).toContain('better-sqlite3');
    expect(LOADED_ON_DEMAND.filter((name) => loaded.has(name))).toEqual([]);

    // They load when a command needs them: /optout reads a phone number.
    await app.ask('/optout +5511987654321', /suppression list/, 20_000);
    expect(packagesLoaded(app.stderr())).toContain('libphonenumber-js');
    await app.stop('SIGTERM');
  }, 60_000);
});
