import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPTED_FORMS } from '../../src/scheduler/parse-schedule.js';
import { contacts, writeContactsCsv } from '../support/process/contacts-file.js';
import { waitUntil } from '../support/process/wait-until.js';
import { tempDir } from '../support/temp-dir.js';
import { freePort } from '../support/process/free-port.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = join(ROOT, 'dist');

/**
 * `npm ci --omit=dev` as the Dockerfile's runtime stage does it, once per
 * lockfile: the result is kept under the OS temp dir, keyed by the lockfile,
 * package.json, Node version and platform, so later runs reuse it (a first
 * run compiles better-sqlite3 and takes a minute or more).
 */
function productionModules(): string {
  const packageJson = readFileSync(join(ROOT, 'package.json'));
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const key = createHash('sha256').update(packageJson).update(lock).update(`${process.version} ${process.platform} ${process.arch}`).digest('hex').slice(0, 16);
  const cache = join(tmpdir(), 'zapcast-production-install', key);
  if (existsSync(join(cache, 'node_modules', '.zapcast-complete'))) return join(cache, 'node_modules');

  const work = `${cache}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'package.json'), packageJson);
  writeFileSync(join(work, 'package-lock.json'), lock);
  const npm = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: work, encoding: 'utf8', timeout: 15 * 60_000 });
  if (npm.status !== 0) throw new Error(`npm ci --omit=dev failed (${npm.status ?? npm.signal}):\n${npm.stdout}\n${npm.stderr}`);
  writeFileSync(join(work, 'node_modules', '.zapcast-complete'), new Date().toISOString());
  // Another run may have finished first: either copy will do.
  if (!existsSync(join(cache, 'node_modules', '.zapcast-complete'))) {
    rmSync(cache, { recursive: true, force: true });
    renameSync(work, cache);
  } else rmSync(work, { recursive: true, force: true });
  return join(cache, 'node_modules');
}


let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  child = undefined;
});

describe('the production install (what the Docker image runs)', () => {
  it('starts from the built output with production dependencies only, answers /healthz and /metrics, and draws the summary picture', async () => {
    expect(existsSync(join(BUILT, 'src', 'main.js')), 'build first (npm run build)').toBe(true);
    const modules = productionModules();
    expect(existsSync(join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    for (const devOnly of ['typescript', 'vitest']) expect(existsSync(join(modules, devOnly)), devOnly).toBe(false);

    const app = tempDir();
    cpSync(BUILT, join(app, 'dist'), { recursive: true, filter: (path) => !path.endsWith('.tsbuildinfo') });
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    cpSync(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
    symlinkSync(modules, join(app, 'node_modules'), 'dir');
    writeContactsCsv(app, contacts(3));

    const port = await freePort();
    let stdout = '';
    let stderr = '';
    child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', WA_TRANSPORT: 'dry-run', CONSOLE: 'on', TZ: 'UTC', HEALTH_PORT: String(port), LOG_LEVEL: 'info', SEND_DELAY_MIN_MS: '0', SEND_DELAY_MAX_MS: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const diagnostics = () => `--- stdout ---\n${stdout.slice(-2000)}\n--- stderr ---\n${stderr.slice(-2000)}`;
    const waitForOutput = (pattern: RegExp, from: number) =>
      waitUntil(() => pattern.exec(stdout.slice(from))?.[0], { what: `stdout to match ${pattern}`, timeoutMs: 30_000, diagnostics });

    const base = `http://127.0.0.1:${port}`;
    await waitUntil(
      () => (stdout.includes('console ready') && /health endpoint listening/.test(stderr) ? true : undefined),
      { what: 'the app to start and the health endpoint to listen', timeoutMs: 30_000, diagnostics },
    );
    const healthz = await fetch(`${base}/healthz`);
    expect(healthz.status).toBe(200);
    const report = (await healthz.json()) as { status: string; dryRun: boolean; numbers: { name: string; link: string }[]; queue: { depth: number } };
    expect(report).toMatchObject({ status: 'ok', dryRun: true, numbers: [{ name: 'main', link: 'open' }], queue: { depth: 0 } });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('zapcast_link_up{number="main"} 1');
    expect(text).toContain('zapcast_dry_run 1');
    expect(text).toContain('# TYPE zapcast_breaker_trips_total counter');
    expect(text).toContain('# TYPE zapcast_send_latency_seconds histogram');
    // prom-client's process figures, beside zapcast's own.
    for (const family of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(text, family).toMatch(new RegExp(`^${family} \\d`, 'm'));
    }

    let from = stdout.length;
    child.stdin!.write('/import contacts.csv\n');
    await waitForOutput(/Next: .*/, from);
    from = stdout.length;
    child.stdin!.write('/send 1 Hi {name}\n');
    await waitForOutput(/Start with \/run 1.*/, from);
    from = stdout.length;
    child.stdin!.write('/schedule 1 next tuesday at nine\n');
    const refusal = await waitForOutput(/Accepted: .*/, from);
    expect(stdout.slice(from)).toContain(`"next tuesday at nine" is not a schedule. ${ACCEPTED_FORMS}`);
    expect(refusal).toBe(ACCEPTED_FORMS);

    // The summary picture: resvg's prebuilt binary and the packaged font, from the production install.
    from = stdout.length;
    child.stdin!.write('/run 1\n');
    await waitForOutput(/Campaign 1 \(.*\): completed/, from);
    from = stdout.length;
    child.stdin!.write('/report 1\n');
    const picture = (await waitForOutput(/Campaign 1 summary: .+\.png/, from)).replace('Campaign 1 summary: ', '');
    const png = readFileSync(picture);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: the width is the big-endian word at byte 16.
    expect(png.readUInt32BE(16)).toBe(1080);

    const exited = new Promise<[number | null, string | null]>((resolve) => child!.once('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 600_000);
});
