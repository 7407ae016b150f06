/**
 * Background work done in passes (the outbox relay, funding's closing figures): one pass at a
 * time, at start, every `pollMs`, and on demand; a demand during a pass runs one more right after
 * it, so nothing asked for is missed and passes never overlap. A failed pass is logged; the next
 * one tries again.
 */
export class Passes {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly log: (line: string) => void,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.kick(), this.pollMs);
    this.timer.unref();
    void this.kick();
  }

  /** A pass now, or right after the one in progress; resolves when that pass is over. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.running) {
      this.running = this.pass()
        .catch((error: unknown) => this.log(error instanceof Error ? error.message : String(error)))
        .finally(() => {
          this.running = null;
        });
      return this.running;
    }
    // One pass queued after the current one, shared by every demand made meanwhile.
    this.next ??= this.running.then(() => {
      this.next = null;
      return this.kick();
    });
    return this.next;
  }

  /** Stops: no pass starts any more (a queued one is dropped); waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.next;
    await this.running;
  }
}
