/**
 * The page sizes of the public reads (cloud, quotes, feed, a topic's updates), part of `LIMITS` (`limits.ts`), and
 * how an element clamps its own: the elements that ask for pages read them from here, so they do not carry the rest
 * of the table.
 */
export const READ_LIMITS = {
  /** Terms in one cloud snapshot (`CloudQuery.limit`); `<voc-cloud max-terms>` shows `shown` by default, at most `max`. */
  cloud: { default: 200, max: 1000, shown: 100 },
  /** Quotes behind one term (`QuoteQuery.limit`); the cloud's quotes panel asks for `panel`, its wall for `wall`. */
  quotes: { default: 20, max: 100, panel: 20, wall: 3 },
  /** The term whose quotes are asked for (`quotes(term)`), in UTF-16 units as sent; blank is refused. */
  quoteTerm: { max: 200 },
  /** Items in one page of the public feed (`FeedQuery.limit`); `<voc-status-feed page-size>` shows `shown` by default. */
  feed: { default: 20, max: 100, shown: 10 },
  /**
   * A topic's dated updates: public answers (topics, the feed, a thread's topic, live topic events) carry the
   * latest `shown`, oldest first, and say how many earlier ones they leave out (`Topic.earlierUpdates`);
   * `topicUpdates` pages through those, `default` per page, at most `max`.
   */
  topicUpdates: { shown: 10, default: 20, max: 100 },
} as const;

/**
 * `value` as a whole number within `[min, range.max]`; `range.default` when it is not a finite number. Elements clamp
 * their numeric attributes with this, so every value a page writes ends up in the documented range.
 */
export function clampLimit(value: unknown, range: { default: number; max: number }, min = 1): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return range.default;
  return Math.min(Math.max(Math.trunc(n), min), range.max);
}
