import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { healthcheckUrl } from '../../src/ops/healthcheck.js';
import { contextCopies, dockerIgnores, execForm, readDockerfile, readEnvFile, stageEnv } from '../support/docker/dockerfile.js';
import { AppProcess } from '../support/process/app-process.js';
import { tempDir } from '../support/temp-dir.js';
import { freePort } from '../support/process/free-port.js';

/**
 * There is no Docker engine here, so the image's two steps that broke are
 * reproduced from the Dockerfile itself: its build stage's compile on exactly
 * the files it copies, and its runtime environment with the documented .env.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const stages = readDockerfile(join(ROOT, 'Dockerfile'));
const buildStage = stages.find((s) => s.name === 'build')!;
const runtimeStage = stages.at(-1)!;


/** The environment `docker run --env-file .env` gives the app after `cp .env.example .env`. */
function containerEnv(): Record<string, string> {
  return { ...stageEnv(runtimeStage), ...readEnvFile(join(ROOT, '.env.example')) };
}

describe('the Docker image', () => {
  it("builds: its build stage compiles exactly the files it copies, and makes what the runtime stage runs", () => {
    const context = tempDir();
    for (const source of contextCopies(buildStage)) {
      expect(dockerIgnores(join(ROOT, '.dockerignore'), source), `${source} is copied but .dockerignore leaves it out`).toBe(false);
      cpSync(join(ROOT, source), join(context, source), { recursive: true });
    }
    // `npm ci` of the build stage: the same dependencies, already installed.
    symlinkSync(join(ROOT, 'node_modules'), join(context, 'node_modules'), 'dir');
    const compiles = buildStage.instructions.filter((i) => i.keyword === 'RUN' && /\btsc\b/.test(i.args));
    expect(compiles).toHaveLength(1);
    const build = spawnSync('sh', ['-c', compiles[0]!.args], { cwd: context, encoding: 'utf8', timeout: 240_000 });
    expect(build.status, `${compiles[0]!.args} failed:\n${build.stdout}${build.stderr}`).toBe(0);

    const entryPoints = runtimeStage.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'HEALTHCHECK').map((i) => execForm(i.args)[1]!);
    expect(entryPoints).toEqual(['dist/src/ops/healthcheck-main.js', 'dist/src/main.js']);
    for (const file of entryPoints) expect(existsSync(join(context, file)), file).toBe(true);
  }, 300_000);

  it('builds on node:20 slim (Debian, glibc), installing the native packages from the npm registry alone with npm ci --omit=dev', () => {
    for (const stage of stages) expect(stage.image).toMatch(/^node:20-(bookworm-)?slim$/);
    const productionDeps = stages.find((s) => s.name === 'production-deps')!;
    expect(productionDeps.instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci --omit=dev\b/.test(i.args))).toBe(true);
    expect(runtimeStage.instructions.some((i) => i.keyword === 'COPY' && i.args.startsWith('--from=production-deps') && /node_modules/.test(i.args))).toBe(true);

    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { optional?: boolean; hasInstallScript?: boolean; dev?: boolean }> };
    // resvg's binary for the image's platforms comes as a registry package, not from an install script.
    for (const binary of ['@resvg/resvg-js-linux-x64-gnu', '@resvg/resvg-js-linux-arm64-gnu']) expect(lock.packages[`node_modules/${binary}`]?.optional, binary).toBe(true);
    for (const name of ['prom-client', '@resvg/resvg-js', '@expo-google-fonts/noto-sans']) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, name).toBeDefined();
      expect(entry!.dev ?? false, name).toBe(false);
      expect(entry!.hasInstallScript ?? false, `${name} runs an install script`).toBe(false);
    }
  });

  it('starts with the documented .env, and its HEALTHCHECK finds the health endpoint', async () => {
    const env = containerEnv();
    const config = loadConfig(env);
    expect(config.health.port).toBe(8080);
    expect(healthcheckUrl(config)).toBe('http://127.0.0.1:8080/healthz');

    // The image's environment run here: the volumes become temp folders, and a
    // free port stands in for 8080, which this machine may be using.
    const volumes = tempDir();
    const port = String(await freePort());
    const runEnv = { ...env, DATA_DIR: join(volumes, 'data'), SESSIONS_DIR: join(volumes, 'sessions'), HEALTH_PORT: port, WA_TRANSPORT: 'dry-run' };
    mkdirSync(runEnv.DATA_DIR);
    // A working folder of its own, so a developer's .env cannot take part.
    const app = AppProcess.start({ cwd: volumes, env: runEnv });
    await app.waitFor(() => /health endpoint listening/.test(app.stderr()), 'the health endpoint to listen', 30_000);

    const [command, script] = execForm(runtimeStage.instructions.find((i) => i.keyword === 'HEALTHCHECK')!.args);
    expect(command).toBe('node');
    const probe = spawnSync(process.execPath, [join(ROOT, script!)], { cwd: volumes, env: { PATH: process.env.PATH ?? '', ...runEnv }, encoding: 'utf8', timeout: 30_000 });
    expect(probe.status, probe.stderr).toBe(0);
    expect((await app.stop('SIGTERM')).code).toBe(0);
  }, 60_000);

  it('starts with TZ set but empty, as an env file with TZ= gives it, in the machine zone', async () => {
    const cwd = tempDir();
    const app = AppProcess.start({ cwd, env: { WA_TRANSPORT: 'dry-run', CONSOLE: 'on', TZ: '' } });
    await app.waitForOutput(/console ready/, 30_000);
    expect(app.stderr()).not.toContain('config:');
    expect((await app.stop('SIGTERM')).code).toBe(0);
  }, 60_000);
});
