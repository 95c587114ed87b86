import { feedPage } from '@voc-kit/protocol/adapter-logic.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import type { FeedPage, FeedQuery } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { toAnnouncement, type AnnouncementRow } from '../store/rows.js';
import { readTopics } from './topics.js';

/** The newest announcements a feed pages through (by the `announcements_site` index). */
export const FEED_ANNOUNCEMENTS = 1000;

/** An announcement's place in the feed as `feedPage` orders it: `${at as ISO}|${id}` (ASCII, so "C" order is JS order). */
const KEY = `(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || id::text) COLLATE "C"`;

/**
 * The public feed: topics with their kept counts and the newest announcements, paged by protocol's `feedPage`.
 * Without a kinds filter (which needs each announcement's topic counts), only the announcements that can be on the
 * page are read: of the newest FEED_ANNOUNCEMENTS, those of the topic asked for, after the cursor, the first
 * limit + 1 in the feed's order (one more than the page tells whether a next page exists); `feedPage` then makes
 * the same page from them as from all of them.
 */
export async function readFeed(sql: Sql, site: string, query: FeedQuery): Promise<FeedPage> {
  const limit = query.limit ?? LIMITS.feed.default;
  const narrow = !query.kinds?.length && Number.isInteger(limit) && limit >= 1 && limit <= LIMITS.feed.max;
  const [topics, rows] = await Promise.all([
    readTopics(sql, site),
    narrow
      ? sql.query<AnnouncementRow>(
          `SELECT * FROM (SELECT * FROM announcements WHERE site = $1 ORDER BY at DESC LIMIT $2) a
           WHERE ($3::text IS NULL OR topic = $3) AND ($4::text IS NULL OR ${KEY} < $4 COLLATE "C")
           ORDER BY ${KEY} DESC LIMIT $5`,
          [site, FEED_ANNOUNCEMENTS, query.topic || null, query.cursor || null, limit + 1],
          'voc-feed-page',
        )
      : sql.query<AnnouncementRow>(
          'SELECT * FROM announcements WHERE site = $1 ORDER BY at DESC LIMIT $2',
          [site, FEED_ANNOUNCEMENTS],
          'voc-feed',
        ),
  ]);
  return feedPage(rows.map(toAnnouncement), topics, query);
}
