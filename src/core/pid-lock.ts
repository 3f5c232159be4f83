import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';

interface Holder {
  pid: number;
  /** The holder's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it. */
  start?: string;
}

/** Locks held by this process, so two parts of one process cannot share what a lock guards either. */
const heldHere = new Set<string>();

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc. */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isRunning(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTicks(holder.pid);
  return holder.start === undefined || now === undefined || now === holder.start;
}

function readHolder(path: string): Holder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return Number.isInteger(parsed.pid) && parsed.pid! > 0 ? { pid: parsed.pid!, start: parsed.start } : undefined;
  } catch {
    return undefined;
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Builds the refusal naming the pid that holds the lock. */
export type InUse = (pid: number) => Error;

/**
 * One process at a time: a lock file holding the owner's pid. A lock left by a
 * process that no longer runs (killed, crashed, a container restarted) is
 * taken over; a live owner is named in the refusal.
 */
export class PidLock {
  private released = false;

  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {}

  static acquire(path: string, inUse: InUse): PidLock {
    if (heldHere.has(path)) throw inUse(process.pid);
    const me: Holder = { pid: process.pid, start: startTicks(process.pid) };
    const content = JSON.stringify(me);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (createExclusive(path, content)) {
        heldHere.add(path);
        return new PidLock(path, content);
      }
      const holder = readHolder(path);
      // A lock naming our own pid that this process does not hold is from an earlier life (pid 1 in a restarted container).
      if (holder && holder.pid !== me.pid && isRunning(holder)) {
        throw inUse(holder.pid);
      }
      PidLock.moveStaleAside(path, inUse, holder);
    }
    throw inUse(readHolder(path)?.pid ?? 0);
  }

  /**
   * Renames the stale lock away (atomic: of two processes taking over, one
   * wins the rename, the other finds nothing and retries). If what was moved
   * turns out to be a live process's fresh lock, it goes back and we yield.
   */
  private static moveStaleAside(path: string, inUse: InUse, seen: Holder | undefined): void {
    const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = readHolder(aside);
    const movedSomeoneElses = moved && (moved.pid !== seen?.pid || moved.start !== seen?.start) && moved.pid !== process.pid && isRunning(moved);
    if (movedSomeoneElses) {
      try {
        linkSync(aside, path);
      } catch {
        // Someone created a lock meanwhile; theirs stands.
      }
      unlinkSync(aside);
      throw inUse(moved.pid);
    }
    unlinkSync(aside);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    try {
      if (readFileSync(this.path, 'utf8') === this.content) unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
