import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { importContacts as ImportContacts } from '../../src/contacts/contact-import.js';

const COMPILED = fileURLToPath(new URL('../../dist/src/contacts/contact-import.js', import.meta.url));

/** importContacts from the build: only there do the worker scripts of the threaded import exist. */
export async function compiledImport(): Promise<typeof ImportContacts> {
  if (!existsSync(COMPILED)) throw new Error('dist/ is missing: run `npm run build` first (this test runs the compiled worker threads)');
  return ((await import(COMPILED)) as { importContacts: typeof ImportContacts }).importContacts;
}
