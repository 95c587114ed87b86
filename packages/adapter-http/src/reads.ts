/**
 * What `HttpAdapter` does besides submitting and listing topics: the public reads (cloud, quotes, feed, pulse), a
 * receipt's thread (read, confirm, withdraw), "me too" and the live stream. The adapter loads this module on the first such call, so
 * a page whose only element is the form never fetches it; the script-tag bundle ships it with the elements that read
 * (cloud, status feed, pulse), which have it before they ask. What only a person's action calls (confirm, withdraw,
 * "me too") is in `writes.ts`, loaded on its first call.
 */
import type { CallOptions, SubscribeOptions, Unsubscribe } from '@voc-kit/protocol/adapter.js';
import { NetworkError } from '@voc-kit/protocol/errors.js';
import type {
  CloudQuery,
  CloudSnapshot,
  FeedPage,
  FeedQuery,
  LiveEvent,
  Pulse,
  PulseQuery,
  Quote,
  QuoteQuery,
  Thread,
  TopicUpdatesPage,
  TopicUpdatesQuery,
} from '@voc-kit/protocol/model.js';
import type { HttpCore } from './http-adapter.js';

/** A GET on the site's `path`, its answer checked to be what the protocol answers. */
async function read<T>(
  a: HttpCore,
  path: string,
  params: Record<string, string | number | undefined>,
  options: CallOptions | undefined,
  check: (v: Record<string, unknown>) => boolean,
): Promise<T> {
  return a.expectObject<T>(await a.request<unknown>('GET', a.url(a.sitePath(path), params), options), check);
}

export const cloud = (a: HttpCore, query: CloudQuery = {}, options?: CallOptions): Promise<CloudSnapshot> =>
  read(a, '/cloud', { since: query.since, kinds: query.kinds?.join(','), topic: query.topic, limit: query.limit }, options, (v) =>
    Array.isArray(v.terms),
  );

export const quotes = async (a: HttpCore, term: string, query: QuoteQuery = {}, options?: CallOptions): Promise<Quote[]> =>
  (
    await read<{ quotes: Quote[] }>(
      a,
      '/quotes',
      { term, since: query.since, kinds: query.kinds?.join(','), limit: query.limit },
      options,
      (v) => Array.isArray(v.quotes),
    )
  ).quotes;

export const feed = (a: HttpCore, query: FeedQuery = {}, options?: CallOptions): Promise<FeedPage> =>
  read(a, '/feed', { cursor: query.cursor, limit: query.limit, kinds: query.kinds?.join(','), topic: query.topic }, options, (v) =>
    Array.isArray(v.items),
  );

export const topicUpdates = (a: HttpCore, topic: string, query: TopicUpdatesQuery = {}, options?: CallOptions): Promise<TopicUpdatesPage> =>
  read(a, `/topics/${encodeURIComponent(topic)}/updates`, { before: query.before, limit: query.limit }, options, (v) =>
    Array.isArray(v.updates),
  );

export const pulse = (a: HttpCore, query: PulseQuery = {}, options?: CallOptions): Promise<Pulse> =>
  read(a, '/pulse', { since: query.since }, options, (v) => Array.isArray(v.days));

export const threadUrl = (a: HttpCore, receipt: string, rest = ''): string => a.url(`/v1/threads/${encodeURIComponent(receipt)}${rest}`);
export const isThread = (v: Record<string, unknown>) => typeof v.feedback === 'object' && Array.isArray(v.entries);

export async function thread(a: HttpCore, receipt: string, options?: CallOptions): Promise<Thread> {
  return a.expectObject<Thread>(await a.request<unknown>('GET', threadUrl(a, receipt), options), isThread);
}

type Writes = typeof import('./writes.js');
/**
 * `name` of `writes.ts`, loaded on its first call; a module that cannot be fetched fails the call as the request
 * would (a `NetworkError`).
 */
const later =
  <K extends keyof Writes>(name: K) =>
  (...args: Parameters<Writes[K]>): ReturnType<Writes[K]> =>
    import('./writes.js').then(
      (m) => (m[name] as (...a: unknown[]) => unknown)(...args),
      (cause: unknown) => {
        throw new NetworkError(undefined, { cause });
      },
    ) as ReturnType<Writes[K]>;

export const confirm = later('confirm');
export const withdraw = later('withdraw');
export const meToo = later('meToo');

/**
 * The live stream of `subscribe()`: EventSource resumes with Last-Event-ID after a drop, and is reopened (with the
 * last id) when the browser gives up on it, or when the browser is back online.
 */
export function live(
  a: HttpCore,
  ES: typeof EventSource,
  reconnectBase: number,
  listener: (event: LiveEvent) => void,
  options: SubscribeOptions,
): Unsubscribe {
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
    const es = new ES(a.url(a.sitePath('/events'), { lastEventId: last }));
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
        const delay = Math.min(30_000, reconnectBase * 2 ** failures++) * (0.75 + Math.random() / 2);
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
