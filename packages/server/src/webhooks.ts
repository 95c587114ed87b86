import type { Store } from './store/index.js';

/** Sends due webhook deliveries (Slack-compatible JSON), retrying with exponential backoff. */
export class WebhookWorker {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Sends what is due now; resolves when done. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      const due = await this.store.dueDeliveries();
      await Promise.all(
        due.map(async (d) => {
          try {
            const res = await fetch(d.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(d.payload),
              signal: AbortSignal.timeout(5000),
              redirect: 'error',
            });
            await res.body?.cancel();
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            await this.store.deliveryDone(d.id);
            sent++;
          } catch (error) {
            await this.store.deliveryDone(d.id, error instanceof Error ? error.message : String(error), d.attempts);
          }
        }),
      );
    } catch {
      // database unavailable: try again on the next tick
    } finally {
      this.running = false;
    }
    return sent;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
