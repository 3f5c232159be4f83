import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A compiled worker script beside this module (dist/src/contacts/*.js). When
 * running from TypeScript sources there is none, and the import does the same
 * work on its own thread.
 */
export function compiledWorker(name: string): string | undefined {
  const file = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return import.meta.url.endsWith('.js') && existsSync(file) ? file : undefined;
}
