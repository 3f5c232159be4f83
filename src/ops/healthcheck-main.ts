import { environmentWithDotEnv } from '../config.js';
import { ConfigError } from '../core/errors.js';
import { probeHealth } from './healthcheck.js';

/** The image's HEALTHCHECK (node dist/src/ops/healthcheck-main.js): exit 0 healthy, 1 not, with the reason on stderr for `docker inspect`. */
const problem = await probeHealth(environmentWithDotEnv(process.env)).catch((error: unknown) => {
  if (error instanceof ConfigError) return `bad settings: ${error.problems.join(' ')}`;
  throw error;
});
if (problem) process.stderr.write(`healthcheck: ${problem}\n`);
process.exit(problem ? 1 : 0);
