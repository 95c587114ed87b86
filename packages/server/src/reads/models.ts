import { pulseDurations } from '@voc-kit/protocol/adapter-logic.js';
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
 * The thread times an item's pulse durations depend on (protocol's `pulseDurations`): its first reply, and its
 * last confirmation (and the one before it, which was the last before a new confirmation), in ms.
 */
interface ThreadTimes {
  firstReplyAt?: number;
  replies: number;
  confirmations: number[];
}

async function threadTimes(sql: Sql, id: string): Promise<ThreadTimes> {
  const [r] = await sql.query<{ reply: Date | string | null; replies: number; confirmations: Array<Date | string> | null }>(
    `SELECT (SELECT min(at) FROM thread_entries WHERE feedback_id = $1 AND type = 'reply') AS reply,
       (SELECT count(*)::int FROM thread_entries WHERE feedback_id = $1 AND type = 'reply') AS replies,
       ARRAY(SELECT at FROM thread_entries WHERE feedback_id = $1 AND type = 'confirmation' ORDER BY at DESC, id DESC LIMIT 2) AS confirmations`,
    [id],
  );
  const ms = (v: Date | string) => new Date(v).getTime();
  return {
    ...(r.reply && { firstReplyAt: ms(r.reply) }),
    replies: r.replies,
    confirmations: (r.confirmations ?? []).map(ms),
  };
}

/**
 * Moves an item's durations in the pulse histograms (`pulse_durations`, and by month `pulse_duration_months`) from
 * what they were (`before`, with its first reply and last confirmation) to what they are now (`after`; null =
 * erased), by protocol's one rule (`pulseDurations`): public items count their time to first reply on their
 * submission day, public complaints resolved now their time to the last confirmation on that confirmation's day.
 */
async function durationsMoved(
  sql: Sql,
  before: { state: ItemState; firstReplyAt?: number; lastConfirmationAt?: number } | null,
  after: { state: ItemState; firstReplyAt?: number; lastConfirmationAt?: number } | null,
): Promise<void> {
  const of = (x: typeof before) =>
    x
      ? pulseDurations({
          kind: x.state.kind,
          status: x.state.status,
          createdAt: Date.parse(x.state.createdAt),
          ...(x.firstReplyAt !== undefined && { firstReplyAt: x.firstReplyAt }),
          ...(x.lastConfirmationAt !== undefined && { lastConfirmationAt: x.lastConfirmationAt }),
        })
      : [];
  const delta = new Map<string, number>();
  const add = (list: ReturnType<typeof of>, n: number) => {
    for (const d of list) {
      const k = `${new Date(d.at).toISOString().slice(0, 10)}|${d.metric}|${d.bucket}`;
      delta.set(k, (delta.get(k) ?? 0) + n);
    }
  };
  add(of(before), -1);
  add(of(after), 1);
  const site = (after ?? before)!.state.site;
  const rows = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!rows.length) return;
  // per day, and per calendar month (what long windows read: migration 064)
  await sql.query(
    `WITH x AS (
       SELECT split_part(k, '|', 1)::date AS day, split_part(k, '|', 2) AS metric, split_part(k, '|', 3)::int AS bucket, n
       FROM jsonb_to_recordset($2::jsonb) AS x(k text, n int)
     ), d AS (
       INSERT INTO pulse_durations AS t (site, day, metric, bucket, n) SELECT $1, day, metric, bucket, n FROM x
       ON CONFLICT (site, day, metric, bucket) DO UPDATE SET n = t.n + EXCLUDED.n
     )
     INSERT INTO pulse_duration_months AS t (site, month, metric, bucket, n)
     SELECT $1, day - (extract(day FROM day)::int - 1), metric, bucket, sum(n)::int FROM x GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
     ON CONFLICT (site, month, metric, bucket) DO UPDATE SET n = t.n + EXCLUDED.n`,
    [site, JSON.stringify(rows.map(([k, n]) => ({ k, n })))],
  );
  await readsChanged(sql, site);
}

/** Tells every instance (at commit) that a site's reads changed without a live event; this instance at once. */
export async function readsChanged(sql: Sql, site: string): Promise<void> {
  const [r] = await sql.query<{ v: string }>(
    "SELECT v, pg_notify($1, $2 || ':' || v) FROM (SELECT nextval('read_versions')::text AS v) x",
    [READS_CHANNEL, site],
  );
  // this instance keeps no answer of the site until it hears this very notification (after the commit)
  markChanged(site, r.v);
}

/**
 * The read-model part of the submit statement (a fragment of its WITH list): `c` holds the claimed rows
 * (site, kind, topic, status, created_at, pending), `fo` the followers it inserted (RETURNING site, topic).
 * `topics`: whether any row of the batch has a topic; without, the per-topic counters are left out of the
 * statement (a shorter statement to plan, on PGlite for every batch).
 */
export function submitReadModelsSql(topics: boolean): string {
  const common = `
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
  )`;
  if (!topics) return common;
  return `${common}, rm_td AS (
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
}

/** A team reply (already written): the item's status move and, for a first reply, its time to first reply. */
export async function itemReplied(sql: Sql, before: FeedbackRow, after: FeedbackRow, _at: string): Promise<void> {
  await itemChanged(sql, itemState(before), itemState(after));
  const t = await threadTimes(sql, after.id as string);
  const last = t.confirmations[0];
  await durationsMoved(
    sql,
    { state: itemState(before), ...(t.replies > 1 && { firstReplyAt: t.firstReplyAt }), lastConfirmationAt: last },
    { state: itemState(after), firstReplyAt: t.firstReplyAt, lastConfirmationAt: last },
  );
}

/**
 * A customer's confirmation (already written): the status move and the complaint's time to resolution, which
 * now ends at this confirmation (or leaves the pulse when it reopened the complaint).
 */
export async function itemConfirmed(sql: Sql, before: FeedbackRow, after: FeedbackRow, _resolved: boolean, _at: string): Promise<void> {
  await itemChanged(sql, itemState(before), itemState(after));
  const t = await threadTimes(sql, after.id as string);
  await durationsMoved(
    sql,
    { state: itemState(before), firstReplyAt: t.firstReplyAt, lastConfirmationAt: t.confirmations[1] },
    { state: itemState(after), firstReplyAt: t.firstReplyAt, lastConfirmationAt: t.confirmations[0] },
  );
}

/** Moderation or triage moved an item's status (hidden, restored, approved, heard): counts and durations follow. */
export async function itemModerated(sql: Sql, before: FeedbackRow, after: FeedbackRow): Promise<void> {
  await itemChanged(sql, itemState(before), itemState(after));
  if (before.status === after.status) return;
  const t = await threadTimes(sql, after.id as string);
  const times = { firstReplyAt: t.firstReplyAt, lastConfirmationAt: t.confirmations[0] };
  await durationsMoved(sql, { state: itemState(before), ...times }, { state: itemState(after), ...times });
}

/** An item is about to be deleted (withdrawn or erased): everything it counted for goes. Call before the DELETE. */
export async function itemErased(sql: Sql, row: FeedbackRow): Promise<void> {
  const t = await threadTimes(sql, row.id as string);
  await durationsMoved(sql, { state: itemState(row), firstReplyAt: t.firstReplyAt, lastConfirmationAt: t.confirmations[0] }, null);
  // its follower rows go with it (ON DELETE CASCADE)
  await followersRemoved(
    sql,
    await sql.query<{ site: string; topic: string }>('SELECT site, topic FROM followers WHERE feedback_id = $1', [row.id]),
  );
  await itemChanged(sql, itemState(row), null);
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
  await itemModerated(sql, before, after);
}
