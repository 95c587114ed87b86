import { LIMITS } from '@voc-kit/protocol/limits.js';
import type { Topic, TopicStatus, TopicUpdate, TopicUpdatesQuery } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso } from '../util.js';

/**
 * Topics with their follower and item counts (a list leaves out topics merged into another unless `merged`; one
 * asked for by slug is always there, with `mergedInto`), read from `topic_counts` (kept by the write path) instead of
 * counting feedback and followers rows, and with their latest `LIMITS.topicUpdates.shown` updates (protocol's
 * `latestUpdates`; `readTopicUpdates` pages the rest): a topic read costs the same at a thousand items or a million,
 * and however long a topic's history grows.
 */
export async function readTopics(
  sql: Sql,
  site: string,
  slug?: string,
  options: { merged?: boolean; updates?: boolean } = {},
): Promise<Topic[]> {
  // the topics and their updates side by side (one round trip, not two), each planned once per connection;
  // `updates: false` leaves them out (empty) for a caller that reads only some topics' updates (`readLatestUpdates`)
  const [rows, updates] = await Promise.all([
    sql.query(BY_SITE.topics, [site, slug ?? null, options.merged === true], 'voc-topics'),
    options.updates === false ? [] : sql.query(BY_SITE.updates, [site, slug ?? null], 'voc-topic-updates'),
  ]);
  return toTopics(rows, updates);
}

/** The latest updates (and the count of earlier ones) of the site's topics `slugs`, as `readTopics` gives them. */
export async function readLatestUpdates(
  sql: Sql,
  site: string,
  slugs: string[],
): Promise<Map<string, Pick<Topic, 'updates' | 'earlierUpdates'>>> {
  return latestBySlug(await sql.query(LATEST_OF, [site, slugs], 'voc-topics-latest-updates'));
}

/**
 * The topic of the item that `receiptSql` selects by `$1` (a receipt's hash), as `readTopics` gives it by slug
 * (empty when the item has none): read beside the item itself, not after it.
 */
export async function readReceiptTopic(sql: Sql, receiptSql: string, hash: string): Promise<Topic | undefined> {
  const r = `WITH r AS (SELECT site, topic FROM (${receiptSql}) x WHERE topic IS NOT NULL) `;
  const q = topicsSql('(SELECT site FROM r)', '(SELECT topic FROM r)', 'false', 'EXISTS (SELECT 1 FROM r)');
  const [rows, updates] = await Promise.all([
    sql.query(r + q.topics, [hash], 'voc-receipt-topic'),
    sql.query(r + q.updates, [hash], 'voc-receipt-topic-updates'),
  ]);
  return toTopics(rows, updates)[0];
}

/** The two statements of a topics read: `site`, `slug` and `merged` are SQL expressions (parameters or subqueries). */
function topicsSql(site: string, slug: string, merged: string, only = 'true') {
  return {
    topics: `SELECT t.*, to_char(t.expected_by, 'YYYY-MM-DD') AS expected_by_day, coalesce(c.followers, 0) AS followers, coalesce(c.compliment, 0) AS compliment, coalesce(c.idea, 0) AS idea,
       coalesce(c.complaint, 0) AS complaint
     FROM topics t LEFT JOIN (
       SELECT topic, sum(followers)::int AS followers, sum(compliment)::int AS compliment, sum(idea)::int AS idea,
         sum(complaint)::int AS complaint
       FROM topic_counts WHERE site = ${site} AND (${slug}::text IS NULL OR topic = ${slug}) GROUP BY topic
     ) c ON c.topic = t.slug
     WHERE ${only} AND t.site = ${site} AND (${slug}::text IS NULL OR t.slug = ${slug}) AND (${slug}::text IS NOT NULL OR ${merged} OR t.merged_into IS NULL) ORDER BY t.slug`,
    updates: updatesSql(site, `${only} AND (${slug}::text IS NULL OR t.slug = ${slug})`),
  };
}
const BY_SITE = topicsSql('$1', '$2', '$3');

/**
 * The latest `LIMITS.topicUpdates.shown` updates (newest first) of the topics of `site` that `which` selects (SQL
 * over `t`, the topics table), by the (site, topic, at) index, each row with its topic's count of updates; a
 * topic without updates gives one row with a null id.
 */
function updatesSql(site: string, which: string): string {
  return `SELECT t.slug AS topic, c.n AS total, u.id, u.at, u.status, u.message FROM topics t
     CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM topic_updates WHERE site = t.site AND topic = t.slug) c
     LEFT JOIN LATERAL (SELECT id, at, status, message FROM topic_updates WHERE site = t.site AND topic = t.slug
       ORDER BY at DESC, id DESC LIMIT ${LIMITS.topicUpdates.shown}) u ON true
     WHERE t.site = ${site} AND ${which}`;
}
const LATEST_OF = updatesSql('$1', 't.slug = ANY($2::text[])');

/** Rows of `updatesSql` as each topic's `updates` (oldest first) and `earlierUpdates`, by slug. */
function latestBySlug(rows: Array<Record<string, unknown>>): Map<string, Pick<Topic, 'updates' | 'earlierUpdates'>> {
  const bySlug = new Map<string, { total: number; updates: TopicUpdate[] }>();
  for (const u of rows) {
    const topic = bySlug.get(u.topic as string) ?? { total: u.total as number, updates: [] };
    if (u.id !== null) topic.updates.unshift(toUpdate(u));
    bySlug.set(u.topic as string, topic);
  }
  const latest = new Map<string, Pick<Topic, 'updates' | 'earlierUpdates'>>();
  for (const [slug, { total, updates }] of bySlug) {
    const earlier = total - updates.length;
    latest.set(slug, { updates, ...(earlier > 0 && { earlierUpdates: earlier }) });
  }
  return latest;
}

function toTopics(rows: Array<Record<string, unknown>>, updates: Array<Record<string, unknown>>): Topic[] {
  if (rows.length === 0) return [];
  const latest = latestBySlug(updates);
  return rows.map((r) => ({
    slug: r.slug as string,
    title: r.title as string,
    status: r.status as TopicStatus,
    ...(r.incident ? { incident: r.incident as Topic['incident'] } : {}),
    ...(latest.get(r.slug as string) ?? { updates: [] }),
    followers: r.followers as number,
    counts: { compliment: r.compliment as number, idea: r.idea as number, complaint: r.complaint as number },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...(r.expected_by_day ? { expectedBy: r.expected_by_day as string } : {}),
    ...(r.merged_into ? { mergedInto: r.merged_into as string } : {}),
  }));
}

/** One `topic_updates` row as the protocol's update. */
const toUpdate = (u: Record<string, unknown>): TopicUpdate => ({
  id: u.id as string,
  at: iso(u.at),
  status: u.status as TopicStatus,
  ...(u.message ? { message: u.message as string } : {}),
});

/**
 * What protocol's `topicUpdatesPage` needs to make one page of a topic's updates (undefined when the site has no such
 * topic): its updates up to and including `query.before` (all the newest without it), oldest first, but only the
 * last `limit` + 1 before it, so that a page reads no more rows than it shows and `next` still knows whether older
 * ones remain. A `before` that is no update of the topic gives none, which the page answers with a NotFoundError.
 */
export async function readTopicUpdates(
  sql: Sql,
  site: string,
  slug: string,
  query: TopicUpdatesQuery,
): Promise<{ updates: TopicUpdate[] } | undefined> {
  // compared as text: any `before` protocol accepts, a uuid or not, finds its update or none
  const before = query.before ?? null;
  const rows = await sql.query(
    `SELECT t.slug, u.id, u.at, u.status, u.message FROM topics t
     LEFT JOIN LATERAL (SELECT id, at, status, message FROM topic_updates
       WHERE site = t.site AND topic = t.slug
         AND ($3::text IS NULL OR (at, id) <= (SELECT at, id FROM topic_updates WHERE site = $1 AND topic = $2 AND id::text = $3))
       ORDER BY at DESC, id DESC LIMIT $4) u ON true
     WHERE t.site = $1 AND t.slug = $2`,
    [site, slug, before, (query.limit ?? LIMITS.topicUpdates.default) + (before ? 2 : 1)],
    'voc-topic-update-page',
  );
  if (rows.length === 0) return undefined;
  return {
    updates: rows
      .filter((u) => u.id !== null)
      .map(toUpdate)
      .reverse(),
  };
}

/** Followers of a topic (for an announcement's reach), from the counts. */
export async function topicFollowers(sql: Sql, site: string, slug: string): Promise<number | undefined> {
  const [t] = await sql.query<{ n: number }>(
    `SELECT (SELECT coalesce(sum(followers), 0)::int FROM topic_counts WHERE site = $1 AND topic = $2) AS n FROM topics
     WHERE site = $1 AND slug = $2`,
    [site, slug],
  );
  return t?.n;
}
