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
    sql.query(
      `SELECT t.*, to_char(t.expected_by, 'YYYY-MM-DD') AS expected_by_day, coalesce(c.followers, 0) AS followers, coalesce(c.compliment, 0) AS compliment, coalesce(c.idea, 0) AS idea,
       coalesce(c.complaint, 0) AS complaint
     FROM topics t LEFT JOIN (
       SELECT topic, sum(followers)::int AS followers, sum(compliment)::int AS compliment, sum(idea)::int AS idea,
         sum(complaint)::int AS complaint
       FROM topic_counts WHERE site = $1 AND ($2::text IS NULL OR topic = $2) GROUP BY topic
     ) c ON c.topic = t.slug
     WHERE t.site = $1 AND ($2::text IS NULL OR t.slug = $2) AND ($2::text IS NOT NULL OR $3 OR t.merged_into IS NULL) ORDER BY t.slug`,
      [site, slug ?? null, options.merged === true],
      'voc-topics',
    ),
    sql.query(
      'SELECT id, topic, at, status, message FROM topic_updates WHERE site = $1 AND ($2::text IS NULL OR topic = $2) ORDER BY at, id',
      [site, slug ?? null],
      'voc-topic-updates',
    ),
  ]);
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
