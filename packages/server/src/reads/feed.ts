import { feedPage } from '@voc-kit/protocol/adapter-logic.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import type { FeedPage, FeedQuery } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { toAnnouncement, type AnnouncementRow } from '../store/rows.js';
import { readLatestUpdates, readTopics } from './topics.js';

/** The newest announcements a feed pages through, in the feed's order. */
export const FEED_ANNOUNCEMENTS = 1000;

/**
 * An announcement's place in the feed as `feedPage` orders it, `${at as ISO}|${id}`, in three parts: the time to the
 * millisecond (`T`) and the id's text (`I`) are the columns of the `announcements_feed` index
 * (065_announcements_feed_order.sql), which holds the feed's order; `KEY` is the cursor's text, compared as
 * `feedPage` compares it (ASCII, so "C" order is JS order). The ISO time has a fixed width, so `KEY` orders as
 * `T`, then `I`.
 */
const T = `date_trunc('milliseconds', at AT TIME ZONE 'UTC')`;
const I = `id::text COLLATE "C"`;
const KEY = `(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || id::text) COLLATE "C"`;
const ORDER = `${T} DESC, ${I} DESC`;
/** The time of a cursor `feedPage` made (`${ISO}|${id}`), as `T` holds it: no announcement after it is on the page. */
const CURSOR_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z\|/;

/**
 * The announcements of a page without a topic or kinds filter, by the index: the first `$3` (limit + 1: one more
 * than the page tells whether a next page exists) after the cursor `$2`, whose time `$4` bounds the index range.
 * `reach` is how many of the site's announcements come before the last of them, or with it: the page is within the
 * newest FEED_ANNOUNCEMENTS when it is at most that many. A read costs what its page holds, not what the site has.
 */
const PAGE = `WITH page AS MATERIALIZED (
    SELECT * FROM announcements WHERE site = $1 AND ${T} <= $4::timestamp AND ${KEY} < $2 COLLATE "C" ORDER BY ${ORDER} LIMIT $3
  ), last AS (
    SELECT ${T} AS t, ${I} AS i FROM page ORDER BY 1, 2 LIMIT 1
  )
  SELECT page.*, (
    SELECT count(*)::int FROM announcements, last WHERE site = $1 AND ${T} >= last.t AND (${T} > last.t OR ${I} >= last.i)
  ) AS reach FROM page`;

/**
 * The public feed: topics with their kept counts and the newest announcements, paged by protocol's `feedPage`;
 * then the latest updates of the topics on the page (not of every topic).
 * Only the announcements that can be on the page are read: of the newest FEED_ANNOUNCEMENTS (in the feed's order),
 * those after the cursor, the first limit + 1 (`feedPage` then makes the same page from them as from all of them).
 * The first page reads them by index, and so does a later one (with a cursor `feedPage` made) while it is within
 * the newest FEED_ANNOUNCEMENTS; a topic, another cursor or a page past them sorts the newest FEED_ANNOUNCEMENTS.
 * A kinds filter needs each announcement's topic counts: it reads all of those.
 */
export async function readFeed(sql: Sql, site: string, query: FeedQuery): Promise<FeedPage> {
  const limit = query.limit ?? LIMITS.feed.default;
  const narrow = !query.kinds?.length && Number.isInteger(limit) && limit >= 1 && limit <= LIMITS.feed.max;
  const [topics, rows] = await Promise.all([
    readTopics(sql, site, undefined, { updates: false }),
    narrow ? pageAnnouncements(sql, site, query.topic || null, query.cursor || null, limit + 1) : newest(sql, site),
  ]);
  const page = feedPage(rows.map(toAnnouncement), topics, query);
  // the updates of the topics on the page only: a page costs the same however many topics a site has
  const slugs = page.items.flatMap((i) => (i.type === 'topic' ? [i.topic.slug] : []));
  if (slugs.length) {
    const latest = await readLatestUpdates(sql, site, slugs);
    for (const i of page.items) if (i.type === 'topic') Object.assign(i.topic, latest.get(i.topic.slug));
  }
  return page;
}

/** The site's newest `n` announcements, by the index (FEED_ANNOUNCEMENTS of them for a kinds filter). */
const newest = (sql: Sql, site: string, n = FEED_ANNOUNCEMENTS) =>
  sql.query<AnnouncementRow>(`SELECT * FROM announcements WHERE site = $1 ORDER BY ${ORDER} LIMIT $2`, [site, n], 'voc-feed-newest');

/** The time a cursor begins with, when it is one `feedPage` could have made (a real instant, as ISO writes it). */
function cursorTime(cursor: string): string | undefined {
  const time = cursor.match(CURSOR_TIME)?.[1];
  const at = time ? new Date(`${time}Z`) : undefined;
  return at && !Number.isNaN(at.getTime()) && at.toISOString() === `${time}Z` ? time : undefined;
}

/** The first `n` announcements after `cursor` (of `topic`) among the newest FEED_ANNOUNCEMENTS, in the feed's order. */
async function pageAnnouncements(sql: Sql, site: string, topic: string | null, cursor: string | null, n: number) {
  if (!topic && !cursor) return newest(sql, site, n);
  const time = cursor ? cursorTime(cursor) : undefined;
  if (!topic && time) {
    const rows = await sql.query<AnnouncementRow & { reach: number }>(PAGE, [site, cursor, n, time], 'voc-feed-next');
    if (rows.every((r) => r.reach <= FEED_ANNOUNCEMENTS)) return rows;
  }
  return sql.query<AnnouncementRow>(
    `SELECT * FROM (SELECT * FROM announcements WHERE site = $1 ORDER BY ${ORDER} LIMIT $2) a
     WHERE ($3::text IS NULL OR topic = $3) AND ($4::text IS NULL OR ${KEY} < $4 COLLATE "C")
     ORDER BY ${ORDER} LIMIT $5`,
    [site, FEED_ANNOUNCEMENTS, topic, cursor, n],
    'voc-feed-page',
  );
}
