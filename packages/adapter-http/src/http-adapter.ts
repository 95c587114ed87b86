import type { CallOptions, SubscribeOptions, Unsubscribe, VocAdapter } from '@voc-kit/protocol/adapter.js';
import { NetworkError } from '@voc-kit/protocol/errors.js';
import { notProtocol, readAnswer } from './answer.js';
import type { FeedbackDraft, LiveEvent, SubmitResult, Topic } from '@voc-kit/protocol/model.js';
import { assertDraft, checkIdempotencyKey, toValidationError } from '@voc-kit/protocol/validation.js';

export interface HttpAdapterOptions {
  /** Base URL of the backend, e.g. `https://feedback.example.com` or `/` (the protocol lives under `/v1`). */
  endpoint: string;
  /** Public site key. */
  site: string;
  /** fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** EventSource to use for live events (default: the global one). */
  EventSource?: typeof EventSource;
  /** Give up on a request after this many ms (default 15 000) with a NetworkError. */
  timeout?: number;
  /** First live reconnect delay in ms after the stream is closed for good (default 1 000; doubles up to 30 s). */
  reconnectBase?: number;
}

type Params = Record<string, string | number | undefined>;

/** @internal What `reads.ts` uses of the adapter it serves. */
export interface HttpCore {
  url(path: string, params?: Params): string;
  sitePath(rest: string): string;
  request<T>(method: string, url: string, init?: { body?: unknown; headers?: Record<string, string> } & CallOptions): Promise<T>;
  expectObject<T>(value: unknown, check: (v: Record<string, unknown>) => boolean): T;
}

// What loads on its first call (see `reads.ts`): the rest (`submit`, `topics`, `subscribe`) is in this module.
const LATER = ['cloud', 'quotes', 'feed', 'topicUpdates', 'pulse', 'thread', 'confirm', 'withdraw', 'meToo'] as const;
const more = () => import('./reads.js');

/**
 * The adapter contract over the HTTP protocol v1 (the reference server or any compatible backend). Every failure
 * is one of core's typed errors, chosen from the status code; live events come through EventSource, which resumes
 * with Last-Event-ID after a drop and is reopened (with the last id) when the browser gives up on it. Submitting and
 * listing topics (all the form does) and the live stream are here; the reads, a receipt's thread and "me too" load
 * with their first call (`reads.ts`).
 */
export class HttpAdapter implements VocAdapter {
  readonly endpoint: string;
  readonly site: string;
  private readonly fetchImpl: typeof fetch;
  private readonly EventSourceImpl?: typeof EventSource;
  private readonly timeout: number;
  private readonly reconnectBase: number;
  declare cloud: VocAdapter['cloud'];
  declare quotes: VocAdapter['quotes'];
  declare feed: VocAdapter['feed'];
  declare topicUpdates: VocAdapter['topicUpdates'];
  declare pulse: VocAdapter['pulse'];
  declare thread: VocAdapter['thread'];
  declare confirm: VocAdapter['confirm'];
  declare withdraw: VocAdapter['withdraw'];
  declare meToo: VocAdapter['meToo'];

  constructor(options: HttpAdapterOptions) {
    if (!options?.endpoint) throw new TypeError('HttpAdapter needs an endpoint URL.');
    // a relative endpoint (`endpoint="/"` on a page the server itself serves) is relative to the page
    const page = globalThis.location?.href;
    this.endpoint = new URL(options.endpoint, page).href.replace(/\/+$/, '');
    this.site = options.site;
    // a bare `fetch` reference must not lose its `this` (Illegal invocation in browsers)
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.EventSourceImpl = options.EventSource ?? globalThis.EventSource;
    this.timeout = options.timeout ?? 15_000;
    this.reconnectBase = options.reconnectBase ?? 1000;
  }

  /** @internal */
  url(path: string, params: Params = {}): string {
    const url = new URL(`${this.endpoint}${path}`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    return url.href;
  }

  /** @internal */
  sitePath(rest: string): string {
    return `/v1/sites/${encodeURIComponent(this.site)}${rest}`;
  }

  /** @internal One request; resolves with the JSON answer, rejects with a typed error. */
  async request<T>(method: string, url: string, init: { body?: unknown; headers?: Record<string, string> } & CallOptions = {}): Promise<T> {
    const { signal } = init;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), this.timeout);
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: { accept: 'application/json', ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: controller.signal,
        credentials: 'omit',
        // receipts travel in URLs and pages: never tell anyone where a request came from
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      });
    } catch (error) {
      const why = signal?.aborted
        ? 'The request was cancelled.'
        : controller.signal.aborted
          ? 'The server took too long to answer.'
          : undefined;
      throw new NetworkError(why, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    return readAnswer<T>(res);
  }

  /** @internal */
  expectObject<T>(value: unknown, check: (v: Record<string, unknown>) => boolean): T {
    if (typeof value !== 'object' || value === null || !check(value as Record<string, unknown>)) throw notProtocol(200);
    return value as T;
  }

  async submit(draft: FeedbackDraft, idempotencyKey: string, options?: CallOptions): Promise<SubmitResult> {
    const keyError = checkIdempotencyKey(idempotencyKey);
    if (keyError) throw toValidationError([keyError]);
    const value = assertDraft(draft);
    const answer = await this.request<unknown>('POST', this.url(this.sitePath('/feedback')), {
      body: value,
      headers: { 'idempotency-key': idempotencyKey },
      signal: options?.signal,
    });
    return this.expectObject<SubmitResult>(answer, (v) => typeof v.id === 'string' && typeof v.receipt === 'string');
  }

  async topics(options?: CallOptions): Promise<Topic[]> {
    const answer = await this.request<{ topics: Topic[] }>('GET', this.url(this.sitePath('/topics')), options);
    return this.expectObject<{ topics: Topic[] }>(answer, (v) => Array.isArray(v.topics)).topics;
  }

  subscribe(listener: (event: LiveEvent) => void, options: SubscribeOptions = {}): Unsubscribe {
    const ES = this.EventSourceImpl;
    if (!ES) throw new NetworkError('Live events need EventSource, which this environment does not have.');
    let last = options.after;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let connected: boolean | undefined;
    let failures = 0;
    const tell = (up: boolean) => {
      if (connected !== up) options.onConnection?.((connected = up));
    };
    const newer = (id: string) => last === undefined || !/^\d+$/.test(id) || !/^\d+$/.test(last) || BigInt(id) > BigInt(last);

    const open = () => {
      if (stopped) return;
      const es = new ES(this.url(this.sitePath('/events'), { lastEventId: last }));
      source = es;
      es.onopen = () => {
        failures = 0;
        tell(true);
      };
      // where the stream starts: a reopened stream resumes from there even when no event came yet
      es.addEventListener('position', (message) => {
        const id = (message as MessageEvent<string>).data;
        if (last === undefined && /^\d+$/.test(id)) last = id;
      });
      es.onmessage = (message: MessageEvent<string>) => {
        let event: LiveEvent;
        try {
          event = JSON.parse(message.data);
        } catch {
          return; // not an event of the protocol
        }
        const id = message.lastEventId || event.id;
        if (id && !newer(id)) return; // already delivered before a reconnect
        if (id) last = id;
        listener(event);
      };
      es.onerror = () => {
        tell(false);
        // CONNECTING: the browser retries by itself, with Last-Event-ID. CLOSED: it gave up (e.g. a 5xx); reopen later.
        if (es.readyState === 2) {
          es.close();
          const delay = Math.min(30_000, this.reconnectBase * 2 ** failures++) * (0.75 + Math.random() / 2);
          timer = setTimeout(open, delay);
        }
      };
    };
    const onOnline = () => {
      if (source?.readyState === 2) {
        clearTimeout(timer);
        open();
      }
    };
    globalThis.addEventListener?.('online', onOnline);
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      globalThis.removeEventListener?.('online', onOnline);
    };
  }
}

// Each call besides `submit` and `topics` loads `reads.ts` first (once), then runs there.
for (const name of LATER)
  (HttpAdapter.prototype as unknown as Record<string, unknown>)[name] = function (this: HttpCore, ...args: unknown[]) {
    return more().then((m) => (m[name] as (a: HttpCore, ...rest: unknown[]) => unknown)(this, ...args));
  };
