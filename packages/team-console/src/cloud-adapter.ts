import type { VocAdapter } from '@voc-kit/protocol/adapter.js';
import { VocError } from '@voc-kit/protocol/errors.js';
import type { CloudSnapshot, Quote } from '@voc-kit/protocol/model.js';
import { byCount } from '@voc-kit/protocol/text/phrases.js';
import type { InboxQuery, TeamClient } from '@voc-kit/adapter-http/team-client.js';

/** What the console's cloud needs from the console: its client, site, the inbox's filter and how it shows text. */
export interface CloudSource {
  client: TeamClient;
  site: string;
  /** The inbox's current filter; the cloud shows its terms whatever term is chosen. */
  filter: InboxQuery;
  /** Customer text as the console shows it (profanity masked). */
  said(text: string, locale?: string): string;
}

const refuse = (what: string) => () => Promise.reject(new VocError('validation', `the team console's cloud adapter does not ${what}`, 400));

/**
 * A `VocAdapter` for `<voc-cloud>` inside the team console, backed by the team routes: `cloud()` gives the terms
 * of the inbox's current filter (`GET /v1/team/sites/:site/terms`), `quotes()` the texts of the inbox items that
 * use a term, masked as the console shows them. It does not subscribe: the console gives the cloud a new adapter
 * when its inbox should be counted again. Everything a customer page does (submit, thread, …) is refused.
 */
export function consoleCloudAdapter(source: CloudSource): VocAdapter {
  const filter: InboxQuery = { ...source.filter, term: undefined, cursor: undefined };
  return {
    async cloud(query = {}, options = {}): Promise<CloudSnapshot> {
      options.signal?.throwIfAborted();
      const { terms } = await source.client.terms(source.site, filter);
      options.signal?.throwIfAborted();
      const wanted = query.kinds?.length ? new Set(query.kinds) : undefined;
      const list = terms
        .map((t) => {
          const counts = { ...t.counts };
          if (wanted) for (const k of Object.keys(counts) as Array<keyof typeof counts>) if (!wanted.has(k)) counts[k] = 0;
          return { term: t.term, counts, total: wanted ? Object.values(counts).reduce((a, b) => a + b, 0) : t.count };
        })
        .filter((t) => t.total > 0)
        .sort(byCount);
      return { site: source.site, terms: query.limit ? list.slice(0, query.limit) : list, generatedAt: new Date().toISOString() };
    },
    async quotes(term, query = {}, options = {}): Promise<Quote[]> {
      options.signal?.throwIfAborted();
      const { items } = await source.client.inbox(source.site, { ...filter, term, ...(query.limit && { limit: query.limit }) });
      return items
        .filter((i) => !query.kinds?.length || query.kinds.includes(i.kind))
        .map((i) => ({
          id: i.id,
          kind: i.kind,
          text: source.said(i.text, i.locale),
          createdAt: i.createdAt,
          ...(i.topic && { topic: i.topic }),
        }));
    },
    subscribe: () => () => {},
    submit: refuse('take feedback'),
    topics: refuse('list public topics'),
    feed: refuse('read the public feed'),
    topicUpdates: refuse("read a topic's updates"),
    pulse: refuse('read the pulse'),
    thread: refuse('read a customer thread'),
    confirm: refuse('confirm for a customer'),
    withdraw: refuse('withdraw for a customer'),
    meToo: refuse('follow topics'),
  };
}
