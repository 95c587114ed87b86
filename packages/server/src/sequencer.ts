import { PENDING_CHANNEL, type Store } from './store/index.js';

/**
 * Gives committed live events their ids, in commit order, and folds cloud deltas. Every instance runs one; a
 * global advisory lock lets one at a time work, and NOTIFY plus a slow timer make sure none is left waiting.
 */
export class Sequencer {
  private dirty = false;
  private running?: Promise<void>;
  private stopListening?: () => Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly intervalMs = 1000,
    private readonly gatherMs = 5,
  ) {}

  async start(): Promise<void> {
    // this instance's own submissions tell it directly (committedListeners), before their notification comes back
    this.stopListening = await this.store.db.listen(PENDING_CHANNEL, (from) => {
      if (from !== this.store.instance) this.poke();
    });
    this.store.committedListeners.add(this.kick);
    let ticks = 0;
    this.timer = setInterval(() => {
      this.poke();
      // about hourly, and on each start: old events and finished webhook deliveries go
      if (ticks++ % 3600 === 0) this.store.prune().catch(() => {});
    }, this.intervalMs);
    this.timer.unref();
    this.poke(); // events left by an instance that stopped before sequencing them
  }

  /** Asks for a run; runs coalesce while one is under way. */
  poke(): void {
    this.dirty = true;
    // a short wait gathers the events of several commits into one sequencing transaction
    this.running ??= new Promise((resolve) => setTimeout(resolve, this.gatherMs))
      .then(() => this.loop())
      .finally(() => (this.running = undefined));
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      try {
        const result = await this.store.sequence();
        if (!result.locked) {
          // another instance is sequencing; what it did not see, we take shortly
          await new Promise((resolve) => setTimeout(resolve, 20));
          this.dirty = true;
        } else if (result.more) this.dirty = true;
      } catch {
        // database away for a moment: the timer pokes again
      }
    }
  }

  private readonly kick = () => this.poke();

  async stop(): Promise<void> {
    this.stopped = true;
    this.store.committedListeners.delete(this.kick);
    clearInterval(this.timer);
    await this.stopListening?.();
    await this.running;
  }
}
