import type { Topic, TopicStatus } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso } from '../util.js';

/**
 * Topics with their follower and item counts (a list leaves out topics merged into another unless `merged`; one
 * asked for by slug is always there, with `mergedInto`), read from `topic_counts` (kept by the write path) instead of
 * counting feedback and followers rows: a topic read costs the same at a thousand items or a million.
 */
export async function readTopics(sql: Sql, site: string, slug?: string, options: { merged?: boolean } = {}): Promise<Topic[]> {
  // the topics and their updates side by side (one round trip, not two), each planned once per connection
  const [rows, updates] = await Promise.all([
    sql.query(BY_SITE.topics, [site, slug ?? null, options.merged === true], 'voc-topics'),
    sql.query(BY_SITE.updates, [site, slug ?? null], 'voc-topic-updates'),
  ]);
  return toTopics(rows, updates);
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
    updates: `SELECT id, topic, at, status, message FROM topic_updates WHERE ${only} AND site = ${site} AND (${slug}::text IS NULL OR topic = ${slug}) ORDER BY at, id`,
  };
}
const BY_SITE = topicsSql('$1', '$2', '$3');

function toTopics(rows: Array<Record<string, unknown>>, updates: Array<Record<string, unknown>>): Topic[] {
  if (rows.length === 0) return [];
  const bySlug = new Map<string, Topic['updates']>();
  for (const u of updates) {
    const list = bySlug.get(u.topic as string) ?? [];
    list.push({
      id: u.id as string,
      at: iso(u.at),
      status: u.status as TopicStatus,
      ...(u.message ? { message: u.message as string } : {}),
    });
    bySlug.set(u.topic as string, list);
  }
  return rows.map((r) => ({
    slug: r.slug as string,
    title: r.title as string,
    status: r.status as TopicStatus,
    ...(r.incident ? { incident: r.incident as Topic['incident'] } : {}),
    updates: bySlug.get(r.slug as string) ?? [],
    followers: r.followers as number,
    counts: { compliment: r.compliment as number, idea: r.idea as number, complaint: r.complaint as number },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...(r.expected_by_day ? { expectedBy: r.expected_by_day as string } : {}),
    ...(r.merged_into ? { mergedInto: r.merged_into as string } : {}),
  }));
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
