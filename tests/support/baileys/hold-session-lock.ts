// Child process: takes the lock of a session and holds it until killed.
import { SessionLock } from '../../../src/whatsapp/auth/session-lock.js';

SessionLock.acquire(process.argv[2]!, process.argv[3] ?? 'main');
process.stdout.write(`locked ${process.pid}\n`);
setInterval(() => undefined, 60_000);
