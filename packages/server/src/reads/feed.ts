import { feedPage } from '@voc-kit/protocol/adapter-logic.js';
import type { FeedPage, FeedQuery } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { toAnnouncement, type AnnouncementRow } from '../store/rows.js';
import { readTopics } from './topics.js';

/** The newest announcements a feed pages through (by the `announcements_site` index). */
export const FEED_ANNOUNCEMENTS = 1000;

/** The public feed: topics with their kept counts and the newest announcements, paged by protocol's `feedPage`. */
export async function readFeed(sql: Sql, site: string, query: FeedQuery): Promise<FeedPage> {
  const [topics, rows] = await Promise.all([
    readTopics(sql, site),
    sql.query<AnnouncementRow>(
      'SELECT * FROM announcements WHERE site = $1 ORDER BY at DESC LIMIT $2',
      [site, FEED_ANNOUNCEMENTS],
      'voc-feed',
    ),
  ]);
  return feedPage(rows.map(toAnnouncement), topics, query);
}
