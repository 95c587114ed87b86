import type { Kind } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { PRIVATE_STATUSES, type FeedbackRow } from '../store/rows.js';
import { markChanged, READS_CHANNEL } from './cache.js';

/**
 * The write side of the read models (issue 16): every write that changes what a public read shows calls one
 * function here, inside its transaction, so the public reads never scan feedback rows. The same rules rebuild
 * everything in `migrations/041_backfill_read_models.sql`.
 */

/** Stripes of the submission counters (see 040_read_models.sql); this instance starts at a random one. */
export const STRIPES = 8;
let nextStripe = Math.floor(Math.random() * STRIPES);
/** The stripe for the next submission batch: consecutive batches of this instance never share one. */
export function submitStripe(): number {
  nextStripe = (nextStripe + 1) % STRIPES;
  return nextStripe;
}

/** Statuses never shown publicly: store/rows.ts holds the list (the backfill migration spells it out too). */
export const isPublic = (status: string): boolean => !PRIVATE_STATUSES.includes(status);

/**
 * Histogram bucket of a duration, as its lower bound in hours: 1-hour buckets below 72 h, 24-hour buckets above.
 * A median read from the histogram interpolates inside its bucket, so it is exact to ±0.5 h under three days and
 * to ±12 h above.
 */
export function durationBucket(hours: number): number {
  const h = Math.max(0, hours);
  return h < 72 ? Math.floor(h) : 72 + Math.floor((h - 72) / 24) * 24;
}
export const bucketWidth = (bucket: number): number => (bucket < 72 ? 1 : 24);

/** What the read models need to know of one feedback item. */
export interface ItemState {
  site: string;
  kind: Kind;
  status: string;
  topic?: string | null;
  /** ISO instant of submission. */
  createdAt: string;
}

/** The state of a stored feedback row, for `itemChanged`. */
export function itemState(row: FeedbackRow): ItemState {
  return {
    site: row.site as string,
    kind: row.kind as Kind,
    status: row.status as string,
    topic: (row.topic as string | null) ?? null,
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at))).toISOString(),
  };
}

/**
 * Moves an item's contributions from `before` to `after` (null = not stored) in every per-item read model:
 * status counts, public volume per day and hour, per-topic counts, complaints per topic and day, and confirmed
 * resolutions per submission day. Call inside the write's transaction.
 */
export async function itemChanged(sql: Sql, before: ItemState | null, after: ItemState | null): Promise<void> {
  const rows: Array<{ s: ItemState; d: number }> = [];
  if (before) rows.push({ s: before, d: -1 });
  if (after) rows.push({ s: after, d: 1 });
  if (before && after && JSON.stringify(before) === JSON.stringify(after)) return;
  const input = rows.map(({ s, d }) => ({
    site: s.site,
    kind: s.kind,
    status: s.status,
    topic: s.topic ?? null,
    at: s.createdAt,
    pub: isPublic(s.status),
    d,
  }));
  await sql.query(
    `WITH i AS (
       SELECT *, (at AT TIME ZONE 'UTC')::date AS day, extract(hour FROM at AT TIME ZONE 'UTC')::smallint AS hour
       FROM jsonb_to_recordset($1::jsonb) AS x(site text, kind text, status text, topic text, at timestamptz, pub boolean, d int)
     ), sc AS (
       INSERT INTO status_counts AS t (site, kind, status, n) SELECT site, kind, status, sum(d) FROM i GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
       ON CONFLICT (site, kind, status, stripe) DO UPDATE SET n = t.n + EXCLUDED.n
     ), pd AS (
       INSERT INTO pulse_days AS t (site, day, kind, n, resolved)
       SELECT site, day, kind, sum(d), coalesce(sum(d) FILTER (WHERE kind = 'complaint' AND status = 'resolved'), 0) FROM i WHERE pub GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
       ON CONFLICT (site, day, kind, stripe) DO UPDATE SET n = t.n + EXCLUDED.n, resolved = t.resolved + EXCLUDED.resolved
     ), ph AS (
       INSERT INTO pulse_hours AS t (site, day, hour, n) SELECT site, day, hour, sum(d) FROM i WHERE pub GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
       ON CONFLICT (site, day, hour, stripe) DO UPDATE SET n = t.n + EXCLUDED.n
     ), tc AS (
       INSERT INTO topic_counts AS t (site, topic, compliment, idea, complaint)
       SELECT site, topic, coalesce(sum(d) FILTER (WHERE kind = 'compliment'), 0), coalesce(sum(d) FILTER (WHERE kind = 'idea'), 0),
         coalesce(sum(d) FILTER (WHERE kind = 'complaint'), 0)
       FROM i WHERE pub AND topic IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
       ON CONFLICT (site, topic, stripe) DO UPDATE SET compliment = t.compliment + EXCLUDED.compliment, idea = t.idea + EXCLUDED.idea,
         complaint = t.complaint + EXCLUDED.complaint
     )
     INSERT INTO topic_days AS t (site, day, topic, complaints)
     SELECT site, day, topic, sum(d) FROM i WHERE pub AND topic IS NOT NULL AND kind = 'complaint' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (site, day, topic, stripe) DO UPDATE SET complaints = t.complaints + EXCLUDED.complaints`,
    [JSON.stringify(input)],
  );
  await readsChanged(sql, (after ?? before)!.site);
}

/** Followers of a topic were added (delta > 0) or removed. */
export async function followersChanged(sql: Sql, site: string, topic: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await sql.query(
    `INSERT INTO topic_counts AS t (site, topic, followers) VALUES ($1, $2, $3)
     ON CONFLICT (site, topic, stripe) DO UPDATE SET followers = t.followers + EXCLUDED.followers`,
    [site, topic, delta],
  );
  await readsChanged(sql, site);
}

/**
 * Followers removed by a statement the caller ran (`DELETE … RETURNING site, topic`); counts them per topic.
 */
export async function followersRemoved(sql: Sql, removed: Array<{ site: string; topic: string }>): Promise<void> {
  const per = new Map<string, { site: string; topic: string; n: number }>();
  for (const r of removed) {
    const k = `${r.site}\n${r.topic}`;
    per.set(k, { ...r, n: (per.get(k)?.n ?? 0) + 1 });
  }
  for (const r of [...per.values()].sort((a, b) => (a.site + a.topic < b.site + b.topic ? -1 : 1)))
    await followersChanged(sql, r.site, r.topic, -r.n);
}

/**
 * A team reply was written for an item: when it is the item's first, its time to first reply joins the histogram
 * of its submission day.
 */
export async function replyAdded(sql: Sql, item: ItemState & { id: string }, at: string): Promise<void> {
  const [r] = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM thread_entries WHERE feedback_id = $1 AND type = 'reply'", [
    item.id,
  ]);
  if (r.n !== 1) return;
  await addDuration(sql, item.site, item.createdAt.slice(0, 10), 'reply', (Date.parse(at) - Date.parse(item.createdAt)) / 3_600_000, 1);
}

/**
 * A customer confirmed (or not) that a complaint is resolved: the first confirmed resolution joins the
 * resolution histogram of the day it was confirmed.
 */
export async function confirmationAdded(sql: Sql, item: ItemState & { id: string }, resolved: boolean, at: string): Promise<void> {
  if (!resolved || item.kind !== 'complaint') return;
  const [r] = await sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM thread_entries WHERE feedback_id = $1 AND type = 'confirmation' AND resolved",
    [item.id],
  );
  if (r.n !== 1) return;
  await addDuration(sql, item.site, at.slice(0, 10), 'resolution', (Date.parse(at) - Date.parse(item.createdAt)) / 3_600_000, 1);
}

/** An item is about to be erased: its durations leave the histograms (call before deleting its thread). */
export async function durationsErased(sql: Sql, item: ItemState & { id: string }): Promise<void> {
  const [r] = await sql.query<{ reply: Date | string | null; resolution: Date | string | null }>(
    `SELECT (SELECT min(at) FROM thread_entries WHERE feedback_id = $1 AND type = 'reply') AS reply,
       (SELECT min(at) FROM thread_entries WHERE feedback_id = $1 AND type = 'confirmation' AND resolved) AS resolution`,
    [item.id],
  );
  const hours = (at: Date | string) => (new Date(at).getTime() - Date.parse(item.createdAt)) / 3_600_000;
  if (r.reply) await addDuration(sql, item.site, item.createdAt.slice(0, 10), 'reply', hours(r.reply), -1);
  if (r.resolution && item.kind === 'complaint')
    await addDuration(sql, item.site, new Date(r.resolution).toISOString().slice(0, 10), 'resolution', hours(r.resolution), -1);
}

async function addDuration(sql: Sql, site: string, day: string, metric: 'reply' | 'resolution', hours: number, delta: number) {
  await sql.query(
    `INSERT INTO pulse_durations AS t (site, day, metric, bucket, n) VALUES ($1, $2::date, $3, $4, $5)
     ON CONFLICT (site, day, metric, bucket) DO UPDATE SET n = t.n + EXCLUDED.n`,
    [site, day, metric, durationBucket(hours), delta],
  );
  await readsChanged(sql, site);
}

/** Tells every instance (at commit) that a site's reads changed without a live event; this instance at once. */
export async function readsChanged(sql: Sql, site: string): Promise<void> {
  markChanged(site);
  await sql.query("SELECT pg_notify($1, $2 || ':' || nextval('read_versions')::text)", [READS_CHANNEL, site]);
}

/**
 * The read-model part of the submit statement (a fragment of its WITH list): `c` holds the claimed rows
 * (site, kind, topic, status, created_at, pending), `fo` the followers it inserted (RETURNING site, topic).
 */
export const SUBMIT_READ_MODELS_SQL = `
  rm_i AS (
    SELECT site, kind, topic, status, (created_at AT TIME ZONE 'UTC')::date AS day,
      extract(hour FROM created_at AT TIME ZONE 'UTC')::smallint AS hour, NOT pending AS pub FROM c
  ), rm_sc AS (
    INSERT INTO status_counts AS t (site, kind, status, stripe, n) SELECT site, kind, status, $3::smallint, count(*) FROM rm_i GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (site, kind, status, stripe) DO UPDATE SET n = t.n + EXCLUDED.n
  ), rm_pd AS (
    INSERT INTO pulse_days AS t (site, day, kind, stripe, n) SELECT site, day, kind, $3::smallint, count(*) FROM rm_i WHERE pub GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (site, day, kind, stripe) DO UPDATE SET n = t.n + EXCLUDED.n
  ), rm_ph AS (
    INSERT INTO pulse_hours AS t (site, day, hour, stripe, n) SELECT site, day, hour, $3::smallint, count(*) FROM rm_i WHERE pub GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (site, day, hour, stripe) DO UPDATE SET n = t.n + EXCLUDED.n
  ), rm_td AS (
    INSERT INTO topic_days AS t (site, day, topic, stripe, complaints)
    SELECT site, day, topic, $3::smallint, count(*) FROM rm_i WHERE pub AND topic IS NOT NULL AND kind = 'complaint' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (site, day, topic, stripe) DO UPDATE SET complaints = t.complaints + EXCLUDED.complaints
  ), rm_tc AS (
    INSERT INTO topic_counts AS t (site, topic, stripe, followers, compliment, idea, complaint)
    SELECT site, topic, $3::smallint, sum(f)::int, sum(c)::int, sum(i)::int, sum(p)::int FROM (
      SELECT site, topic, 0 AS f, (pub AND kind = 'compliment')::int AS c, (pub AND kind = 'idea')::int AS i,
        (pub AND kind = 'complaint')::int AS p FROM rm_i WHERE topic IS NOT NULL
      UNION ALL SELECT site, topic, 1, 0, 0, 0 FROM fo
    ) x GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (site, topic, stripe) DO UPDATE SET followers = t.followers + EXCLUDED.followers, compliment = t.compliment + EXCLUDED.compliment,
      idea = t.idea + EXCLUDED.idea, complaint = t.complaint + EXCLUDED.complaint
  )`;

/** A team reply: the item's status move and, for a first reply, its time to first reply. */
export async function itemReplied(sql: Sql, before: FeedbackRow, after: FeedbackRow, at: string): Promise<void> {
  await itemChanged(sql, itemState(before), itemState(after));
  await replyAdded(sql, { ...itemState(after), id: after.id as string }, at);
}

/** A customer's confirmation: the status move and, for a first confirmed resolution of a complaint, its duration. */
export async function itemConfirmed(sql: Sql, before: FeedbackRow, after: FeedbackRow, resolved: boolean, at: string): Promise<void> {
  await itemChanged(sql, itemState(before), itemState(after));
  await confirmationAdded(sql, { ...itemState(after), id: after.id as string }, resolved, at);
}

/** An item is about to be deleted (withdrawn or erased): everything it counted for goes. Call before the DELETE. */
export async function itemErased(sql: Sql, row: FeedbackRow): Promise<void> {
  const item = { ...itemState(row), id: row.id as string };
  await durationsErased(sql, item);
  // its follower rows go with it (ON DELETE CASCADE)
  await followersRemoved(
    sql,
    await sql.query<{ site: string; topic: string }>('SELECT site, topic FROM followers WHERE feedback_id = $1', [item.id]),
  );
  await itemChanged(sql, item, null);
}

/** An item moved into a topic: its counts move, and its follower row (already replaced by the caller) moves too. */
export async function itemRegrouped(
  sql: Sql,
  before: FeedbackRow,
  after: FeedbackRow,
  followers: { removed: Array<{ site: string; topic: string }>; added: Array<{ site: string; topic: string }> },
): Promise<void> {
  await followersRemoved(sql, followers.removed);
  for (const f of followers.added) await followersChanged(sql, f.site, f.topic, 1);
  await itemChanged(sql, itemState(before), itemState(after));
}
