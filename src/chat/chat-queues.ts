/**
 * Work per chat, one item after another, chats in parallel. Telegram updates
 * are handed over in batches and the next batch waits for the handlers, so
 * handlers queue their work here and return: a long import in one chat never
 * delays /status in another, and a chat's commands still run in order.
 */
export class ChatQueues {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, work: () => Promise<void>): void {
    const tail = (this.tails.get(key) ?? Promise.resolve()).then(work).catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }

  /** Resolves when every queued item has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
