/**
 * Spaces sends to one key (a Slack webhook: one message per second) within this process. The queue
 * delivers one provider's jobs in order, one batch at a time, so this is the spacing Slack sees;
 * a 429 it still answers is retried after its Retry-After.
 */
export class ProviderPacer {
  private readonly last = new Map<string, number>();

  constructor(private readonly clock: { now(): number; sleep(ms: number): Promise<void> }) {}

  async wait(key: string, intervalMs: number): Promise<void> {
    const previous = this.last.get(key);
    const due = previous === undefined ? 0 : previous + intervalMs - this.clock.now();
    if (due > 0) await this.clock.sleep(due);
    this.last.set(key, this.clock.now());
  }

  /** Marks a send to `key` as finished: the next one waits a full interval from here, so Slack sees them apart however long this one took to arrive. */
  sent(key: string): void {
    this.last.set(key, this.clock.now());
  }
}
