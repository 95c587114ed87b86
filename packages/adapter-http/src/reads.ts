/**
 * What `HttpAdapter` does besides submitting and listing topics: the public reads (cloud, quotes, feed, pulse), a
 * receipt's thread (read, confirm, withdraw) and "me too". The adapter loads this module on the first such call, so
 * a page whose only element is the form never fetches it; the script-tag bundle ships it with the elements that read
 * (cloud, status feed, pulse), which have it before they ask. What only a person's action calls (confirm, withdraw,
 * "me too") is in `writes.ts`, loaded on its first call.
 */
import type { CallOptions } from '@voc-kit/protocol/adapter.js';
import { NetworkError } from '@voc-kit/protocol/errors.js';
import type {
  CloudQuery,
  CloudSnapshot,
  FeedPage,
  FeedQuery,
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
