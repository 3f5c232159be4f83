import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

// pino-pretty only serves a terminal: loaded when one is there, not at every start (it is CommonJS, so require loads it synchronously).
const require = createRequire(import.meta.url);
function loadPretty(): typeof PinoPretty {
  return require('pino-pretty') as typeof PinoPretty;
}

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'config.telegramToken',
  'telegramToken',
  'creds',
  '*.creds',
  'keys',
  '*.keys',
  'headers.authorization',
  '*.headers.authorization',
];

/** pino JSON on stderr; human-friendly when stderr is a terminal. stdout is the console's. */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const base = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  const usePretty = options.pretty ?? process.stderr.isTTY === true;
  if (usePretty) return pino(base, loadPretty()({ destination: 2, colorize: true, sync: true }));
  return pino(base, pino.destination({ fd: 2, sync: true }));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
