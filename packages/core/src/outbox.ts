import { createStore, del, get, promisifyRequest, update, type UseStore } from 'idb-keyval';
import { NetworkError, VocError, isRetryable, type VocErrorCode } from '@voc-kit/protocol/errors.js';
import type { FeedbackDraft, SubmitResult } from '@voc-kit/protocol/model.js';
import { randomToken } from '@voc-kit/protocol/random.js';

/** One submission waiting in this browser to be delivered. */
export interface OutboxItem {
  /** Idempotency key, assigned when queued and sent with every attempt. */
  key: string;
  /** Destination (see `OutboxOptions.name`). */
  name: string;
  draft: FeedbackDraft;
  /** Time queued (ms). */
  queuedAt: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Not tried again before this time (ms). */
  nextAt: number;
  /** Why the last attempt failed, if it did. */
  lastError?: OutboxError;
}

/** A delivery failure as plain data (it crosses tabs and survives reloads). */
export interface OutboxError {
  code: VocErrorCode | 'unknown';
  message: string;
  status: number;
  field?: string;
  rule?: string;
  params?: Record<string, string | number>;
  retryAfter?: number;
}

/** What an outbox reports, in this tab and (through BroadcastChannel) in every tab of the same destination. */
export type OutboxEventDetail =
  | { type: 'queued'; item: OutboxItem }
  | { type: 'delivered'; item: OutboxItem; result: SubmitResult }
  | { type: 'retry'; item: OutboxItem; error: OutboxError }
  | { type: 'failed'; item: OutboxItem; error: OutboxError }
  | { type: 'cancelled'; item: OutboxItem };

export interface OutboxOptions {
  /** Destination the items belong to, e.g. `http https://feedback.example.com demo`; other destinations' items are left alone. */
  name: string;
  /** Delivers one item (an adapter's `submit`). */
  send: (draft: FeedbackDraft, key: string) => Promise<SubmitResult>;
  /** Most items kept for this destination (default 200); `add()` then throws OutboxFullError. */
  limit?: number;
  /** First retry delay in ms (default 2 s); doubles per attempt with jitter. */
  retryBase?: number;
  /** Longest retry delay in ms (default 5 min). */
  retryMax?: number;
  /** Longest wait for one delivery in ms (default 30 s); then it counts as a network error and is retried. */
  timeout?: number;
  /** Flush timer in ms while items wait (default 15 s). */
  interval?: number;
  /** Called in the tab that delivered, before the item leaves the outbox (e.g. to remember the receipt). */
  onDelivered?: (item: OutboxItem, result: SubmitResult) => void | Promise<void>;
}

/** The outbox already holds `limit` items: the customer must be told, nothing is dropped. */
export class OutboxFullError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`The outbox is full (${limit} items waiting); nothing was added.`);
    this.name = 'OutboxFullError';
    this.limit = limit;
  }
}

let store: UseStore | undefined;
const items = () => (store ??= createStore('voc-outbox', 'items'));
// Every item of one destination: its keys are [name, idempotency key], and an array sorts after any string.
const mine = (name: string) => IDBKeyRange.bound([name], [name, []]);

/** Plain-data form of any error, for storage and events. */
export function toOutboxError(error: unknown): OutboxError {
  if (error instanceof VocError) {
    const json = error.toJSON() as Partial<OutboxError>;
    return { ...json, code: error.code, message: error.message, status: error.status };
  }
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error), status: 0 };
}

/**
 * A lossless queue of submissions in IndexedDB, shared by every tab. Each item is stored under its own key
 * ([name, idempotency key]) and changed only inside single IndexedDB transactions, so tabs never overwrite
 * each other. Delivery retries network errors, 408, 429 (after its Retry-After) and 5xx with backoff;
 * an item is dropped only on a permanent 4xx, reported as a `failed` event with the reason.
 * Flushes on `start()`, on `online` and on a timer; Web Locks let only one tab deliver at a time.
 *
 * Events (`outbox.addEventListener('change', e => e.detail)`) carry an {@link OutboxEventDetail}.
 */
export class Outbox extends EventTarget {
  readonly name: string;
  readonly limit: number;
  readonly #options: OutboxOptions;
  #channel?: BroadcastChannel;
  #timer?: ReturnType<typeof setTimeout>;
  #running?: Promise<void>;
  #again = false;
  #force = false;
  #started = false;
  readonly #online = () => void this.flush(true);

  constructor(options: OutboxOptions) {
    super();
    this.#options = options;
    this.name = options.name;
    this.limit = options.limit ?? 200;
  }

  /** Starts listening (other tabs, `online`, timer) and flushes what earlier pages left, at once. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    if (globalThis.BroadcastChannel) {
      this.#channel = new BroadcastChannel(`voc-outbox:${this.name}`);
      this.#channel.onmessage = (e: MessageEvent<OutboxEventDetail>) => this.#dispatch(e.data, false);
    }
    addEventListener('online', this.#online);
    // a new page tries everything once, except what a server asked to wait (429 Retry-After)
    void this.flush(true);
  }

  /** Stops timers and listeners; queued items stay for the next page or tab. */
  stop(): void {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    removeEventListener('online', this.#online);
    this.#channel?.close();
    this.#channel = undefined;
  }

  /** The items waiting for this destination, oldest first. */
  async pending(): Promise<OutboxItem[]> {
    const list = await items()('readonly', (s) => promisifyRequest<OutboxItem[]>(s.getAll(mine(this.name))));
    return list.sort((a, b) => a.queuedAt - b.queuedAt);
  }

  /**
   * Queues a draft under a new idempotency key and starts delivering it.
   * @throws OutboxFullError when `limit` items already wait
   */
  async add(draft: FeedbackDraft): Promise<OutboxItem> {
    const count = await items()('readonly', (s) => promisifyRequest<number>(s.count(mine(this.name))));
    if (count >= this.limit) throw new OutboxFullError(this.limit);
    const now = Date.now();
    const item: OutboxItem = { key: randomToken(16), name: this.name, draft, queuedAt: now, attempts: 0, nextAt: now };
    await update<OutboxItem>([this.name, item.key], (old) => old ?? item, items());
    this.#dispatch({ type: 'queued', item });
    return item;
  }

  /**
   * Takes an item back before it is sent (the customer changed their mind). Waits for a delivery in progress in
   * any tab, so it never races one: resolves false when the item was already delivered or gone.
   */
  async cancel(key: string): Promise<boolean> {
    let removed = false;
    await this.#locked(async () => {
      const id = [this.name, key];
      const item = await get<OutboxItem>(id, items());
      if (!item) return;
      await del(id, items());
      removed = true;
      this.#dispatch({ type: 'cancelled', item });
    });
    return removed;
  }

  /**
   * Tries to deliver every due item now (one tab at a time); resolves when this round is over.
   * @param now also items still backing off from network or server errors (not those told to wait by a 429)
   */
  flush(now = false): Promise<void> {
    this.#force ||= now;
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async () => {
      do {
        this.#again = false;
        const force = this.#force;
        this.#force = false;
        await this.#locked(() => this.#deliverDue(force));
      } while (this.#again);
    };
    this.#running = run().finally(() => {
      this.#running = undefined;
      void this.#schedule();
    });
    return this.#running;
  }

  async #locked(fn: () => Promise<void>): Promise<void> {
    const locks = globalThis.navigator?.locks;
    if (locks) await locks.request(`voc-outbox:${this.name}`, fn);
    else await fn();
  }

  async #deliverDue(force: boolean): Promise<void> {
    for (const item of await this.pending()) {
      if (item.nextAt > Date.now() && !(force && item.lastError?.code !== 'rate_limited')) continue;
      // another tab may have delivered it while this one waited for the lock
      const fresh = await get<OutboxItem>([this.name, item.key], items());
      if (fresh) await this.#deliver(fresh);
    }
  }

  async #deliver(item: OutboxItem): Promise<void> {
    const id = [this.name, item.key];
    let result: SubmitResult;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // a send that never settles must not hold the lock (and every tab's deliveries) forever
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new NetworkError('No answer in time.')), this.#options.timeout ?? 30_000);
      });
      result = await Promise.race([this.#options.send(item.draft, item.key), late]);
    } catch (e) {
      const error = toOutboxError(e);
      // only a typed answer that says "never" drops an item; anything unexpected is retried
      if (e instanceof VocError && !isRetryable(e)) {
        await del(id, items());
        this.#dispatch({ type: 'failed', item, error });
        return;
      }
      const attempts = item.attempts + 1;
      const base = this.#options.retryBase ?? 2000;
      const backoff = Math.min(this.#options.retryMax ?? 300_000, base * 2 ** (attempts - 1)) * (0.75 + Math.random() / 2);
      const wait = error.retryAfter !== undefined ? Math.max(error.retryAfter * 1000, backoff / 4) : backoff;
      const change = { attempts, nextAt: Date.now() + wait, lastError: error };
      const next: OutboxItem = { ...item, ...change };
      await this.#patch(id, (old) => ({ ...old, ...change }));
      this.#dispatch({ type: 'retry', item: next, error });
      return;
    } finally {
      clearTimeout(timer);
    }
    try {
      await this.#options.onDelivered?.(item, result);
    } catch (e) {
      console.error('VocKit: onDelivered failed', e);
    }
    await del(id, items());
    this.#dispatch({ type: 'delivered', item, result });
  }

  /** Changes an item in one transaction, only if it is still there. */
  #patch(id: IDBValidKey, fn: (old: OutboxItem) => OutboxItem): Promise<void> {
    return items()(
      'readwrite',
      (s) =>
        new Promise<void>((resolve, reject) => {
          const req = s.get(id);
          req.onsuccess = () => {
            if (req.result) s.put(fn(req.result as OutboxItem), id);
            resolve(promisifyRequest(s.transaction));
          };
          req.onerror = () => reject(req.error);
        }),
    );
  }

  /** Sets the timer for the next due item (or the periodic check while items wait). */
  async #schedule(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#started) return;
    const waiting = await this.pending();
    if (!waiting.length || !this.#started) return;
    const soonest = Math.min(...waiting.map((i) => i.nextAt)) - Date.now();
    const delay = Math.max(0, Math.min(this.#options.interval ?? 15_000, soonest));
    this.#timer = setTimeout(() => void this.flush(), delay);
  }

  #dispatch(detail: OutboxEventDetail, broadcast = true): void {
    if (broadcast) this.#channel?.postMessage(detail);
    this.dispatchEvent(new CustomEvent<OutboxEventDetail>('change', { detail }));
  }
}
