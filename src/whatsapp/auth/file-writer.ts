import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory, writeFileAtomic } from './atomic-file.js';

/**
 * Writes and removes files in one folder, one operation at a time per file
 * (two saves of creds.json never race), many files at once, and syncs the
 * folder once per batch rather than once per file.
 */
export class FileWriter {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly folder: string) {}

  /** Resolves once every operation already started on `name` has finished. */
  async settled(name: string): Promise<void> {
    await this.pending.get(name)?.catch(() => undefined);
  }

  /** Every change in `changes` (content, or null to remove) is on disk when this resolves. */
  async apply(changes: Map<string, string | null>): Promise<void> {
    await Promise.all([...changes].map(([name, content]) => this.enqueue(name, () => this.change(name, content))));
    await syncDirectory(this.folder);
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending.values()]);
  }

  private async change(name: string, content: string | null): Promise<void> {
    const path = join(this.folder, name);
    if (content !== null) return writeFileAtomic(path, content, { mode: 0o600, syncDir: false });
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private enqueue(name: string, operation: () => Promise<void>): Promise<void> {
    const previous = this.pending.get(name) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(operation);
    this.pending.set(name, next);
    const forget = () => {
      if (this.pending.get(name) === next) this.pending.delete(name);
    };
    next.then(forget, forget);
    return next;
  }
}
