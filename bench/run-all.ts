import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs every compiled `*-bench.js` beside this file, one at a time, each in a
 * fresh process so one bench's heap and page cache never inflate another's
 * memory figures. Output streams straight through; the exit code says whether
 * every bench finished.
 */
const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((name) => name.endsWith('-bench.js'))
  .sort();

function runOne(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, file)], { stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`${file}: could not start: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

const failed: string[] = [];
if (benches.length === 0) process.stderr.write(`no *-bench.js files in ${here}; run the build first\n`);
for (const file of benches) {
  process.stdout.write(`\n=== ${file.replace(/\.js$/, '')} ===\n`);
  const code = await runOne(file);
  if (code !== 0) failed.push(`${file} (exit ${code})`);
}
process.stdout.write(`\n${benches.length - failed.length} of ${benches.length} benches finished${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`);
process.exitCode = failed.length > 0 || benches.length === 0 ? 1 : 0;
