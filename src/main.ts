import { createApp } from './app.js';
import { checkMachineSettings } from './config-checks.js';
import { environmentWithDotEnv, loadConfig, type Config } from './config.js';
import { ConfigError, ZapcastError } from './core/errors.js';
import { closeDataFolder, restrictNewFiles } from './core/file-modes.js';
import { createLogger } from './core/logger.js';

async function readConfig(): Promise<Config> {
  try {
    const config = loadConfig(environmentWithDotEnv(process.env));
    await checkMachineSettings(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`config: ${problem}\n`);
      process.stderr.write('config: fix these settings (see .env.example) and start again.\n');
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  restrictNewFiles();
  const config = await readConfig();
  const logger = createLogger(config.logLevel);
  for (const folder of [config.dataDir, config.sessionsDir]) {
    try {
      closeDataFolder(folder);
    } catch (error) {
      // A mount owned by another user: it works as it is, only less private.
      logger.warn({ err: error, folder }, 'could not make the folder private (0700)');
    }
  }
  const app = createApp({ config, logger });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the message in flight');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await app.start();
}

main().catch((error: unknown) => {
  // Our own errors are written for the operator; anything else gets its stack for a bug report.
  const detail = error instanceof ZapcastError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`zapcast failed to start: ${detail}\n`);
  process.exit(1);
});
