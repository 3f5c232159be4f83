// Child process: loads a session folder and saves it over and over (the
// credentials and a batch of keys each round) until it is killed. Prints
// "saving" once the loop runs and "round N" after each finished round.
import { loadFileAuthState } from '../../../src/whatsapp/auth/file-auth-state.js';

const folder = process.argv[2]!;
const auth = await loadFileAuthState(folder);
const creds = auth.state.creds;
let round = Number(creds.accountSyncCounter);
process.stdout.write('saving\n');
for (;;) {
  round++;
  creds.accountSyncCounter = round;
  creds.nextPreKeyId = round + 1;
  const preKeys: Record<string, { public: Buffer; private: Buffer }> = {};
  for (let i = 0; i < 20; i++) preKeys[String(round * 20 + i)] = { public: Buffer.alloc(32, round % 256), private: Buffer.alloc(32, i) };
  await Promise.all([auth.saveCreds(), auth.state.keys.set({ 'pre-key': preKeys, session: { shared: Buffer.alloc(4096, round % 256) } })]);
  process.stdout.write(`round ${round}\n`);
}
