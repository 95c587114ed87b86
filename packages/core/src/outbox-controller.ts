import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FeedbackDraft, SubmitResult } from '@voc-kit/protocol/model.js';
import { Outbox, type OutboxEventDetail, type OutboxItem } from './outbox.js';

export interface OutboxControllerOptions {
  /** Destination of the items (see `OutboxOptions.name`): the same for every element that talks to one backend. */
  name: () => string;
  /** An outbox the page passed in; without one the controller makes its own for `name()`. */
  outbox?: () => Outbox | undefined;
  /** Delivers one item (an adapter's `submit`). */
  send: (draft: FeedbackDraft, key: string) => Promise<SubmitResult>;
  /** Called once per delivered item, also for an outbox passed in (e.g. to remember the receipt). */
  onDelivered?: (item: OutboxItem, result: SubmitResult) => void | Promise<void>;
  /**
   * What this host should react to: every event of its own item (`mine`), and the first report on this page of an
   * item from an earlier visit that was delivered or refused. Queued, retried and cancelled items of others are
   * only counted in `waiting`.
   */
  onEvent: (detail: OutboxEventDetail, mine: boolean) => void;
}

// Keys some element on this page sent and is waiting for; other elements leave their outcome alone.
const owned = new Set<string>();
// Outcomes of earlier items already shown by one element on this page.
const claimed = new Set<string>();
const claim = (key: string) => !owned.has(key) && !claimed.has(key) && !!claimed.add(key);

/**
 * Binds an element to the lossless outbox of its backend: starts it while the element is connected (which
 * delivers what earlier visits left), tells the element what became of its own item, and keeps the count of the
 * others waiting. Several elements on one page share the outcome reports without showing one twice.
 */
export class OutboxController implements ReactiveController {
  /** Items waiting in this browser besides the one this host is sending. */
  waiting = 0;
  /** Idempotency key of the item this host sent and is waiting for. */
  pending?: string;
  readonly #host: ReactiveControllerHost;
  readonly #options: OutboxControllerOptions;
  #box?: Outbox;
  #own = false;
  #name = '';

  constructor(host: ReactiveControllerHost, options: OutboxControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The outbox in use while the host is connected. */
  get outbox(): Outbox | undefined {
    return this.#box;
  }

  hostConnected(): void {
    const given = this.#options.outbox?.();
    this.#own = !given;
    this.#name = this.#options.name();
    this.#box =
      given ??
      new Outbox({
        name: this.#name,
        send: this.#options.send,
        onDelivered: (item, result) => this.#options.onDelivered?.(item, result),
      });
    this.#box.addEventListener('change', this.#onChange);
    if (this.pending) owned.add(this.pending);
    this.#box.start();
    void this.count();
  }

  hostDisconnected(): void {
    // while away from the page, another element may report this item's outcome
    if (this.pending) owned.delete(this.pending);
    this.#box?.removeEventListener('change', this.#onChange);
    if (this.#own) this.#box?.stop();
    this.#box = undefined;
  }

  /** Binds again when the destination or the outbox changed. */
  hostUpdate(): void {
    const given = this.#options.outbox?.();
    if (this.#box && (given ? given !== this.#box : !this.#own || this.#options.name() !== this.#name)) this.rebind();
  }

  /** The destination or the outbox changed: binds again (`hostUpdate` does, before the host's next render). */
  rebind(): void {
    this.hostDisconnected();
    this.hostConnected();
  }

  /**
   * Queues a draft as this host's item and tries to deliver it at once.
   * @returns the item (its outcome arrives through `onEvent`); throws OutboxFullError like `Outbox.add`
   */
  async add(draft: FeedbackDraft): Promise<OutboxItem> {
    if (!this.#box) throw new Error('VocKit: the element is not connected.');
    const item = await this.#box.add(draft);
    this.pending = item.key;
    owned.add(item.key);
    return item;
  }

  /** Tries to deliver what waits now. */
  async flush(): Promise<void> {
    await this.#box?.flush();
  }

  /** Takes this host's item back before it is sent; when it was delivered meanwhile, its outcome arrives instead. */
  async cancel(): Promise<void> {
    if (this.pending) await this.#box?.cancel(this.pending);
  }

  /** This host stops waiting for its item (it was delivered, refused or taken back, or the customer moved on). */
  settle(): void {
    if (this.pending) owned.delete(this.pending);
    this.pending = undefined;
    void this.count();
  }

  /** Counts the items waiting besides this host's own. */
  async count(): Promise<void> {
    const items = (await this.#box?.pending().catch(() => [])) ?? [];
    const waiting = items.filter((i) => i.key !== this.pending).length;
    if (waiting !== this.waiting) {
      this.waiting = waiting;
      this.#host.requestUpdate();
    }
  }

  readonly #onChange = (e: Event): void => {
    const d = (e as CustomEvent<OutboxEventDetail>).detail;
    const mine = d.item.key === this.pending;
    // an outbox passed in has no onDelivered of ours: call it here (remembering a receipt is idempotent)
    if (d.type === 'delivered' && !this.#own) void this.#options.onDelivered?.(d.item, d.result);
    void this.count();
    if (!mine && (d.type === 'retry' || d.type === 'queued' || d.type === 'cancelled' || !claim(d.item.key))) return;
    this.#options.onEvent(d, mine);
  };
}
