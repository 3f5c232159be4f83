/**
 * Samples the process's resident set size on a timer and keeps the peak. The
 * timer only fires when the event loop turns, so a sampler that sees few samples
 * is itself a finding: something is holding the loop.
 */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private peakBytes = 0;
  private sampleCount = 0;

  constructor(private readonly intervalMs = 100) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    this.sampleCount++;
    if (rss > this.peakBytes) this.peakBytes = rss;
    return rss;
  }

  stop(): { peakBytes: number; samples: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return { peakBytes: this.peakBytes, samples: this.sampleCount };
  }
}
