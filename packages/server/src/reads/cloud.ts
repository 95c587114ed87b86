import { sinceDays } from '@voc-kit/protocol/adapter-logic.js';
import { CLOUD_WINDOWS, KINDS, type CloudQuery, type CloudSnapshot, type Kind } from '@voc-kit/protocol/model.js';
import { byCount, showsTerm } from '@voc-kit/protocol/text/phrases.js';
import type { Sql } from '../db.js';

/**
 * Cloud terms (issue 16). Submissions append term deltas (`cloud_deltas`, no hot rows); the sequencer folds them
 * into per-day counts (`cloud_terms`) and into running totals of each window the contract offers (`cloud_windows`:
 * protocol's `CLOUD_WINDOWS`, 7, 30, 90 and 365 days and all time), for the whole site (topic '') and for each topic,
 * which it rolls forward each UTC day by subtracting the day that left each window. A cloud read, of any kinds and
 * topic, reads the rows of the top ranks of one index (two for two kinds), plus the few deltas not folded yet, so it
 * touches about `limit` rows whatever the size of the site; singleton phrases are not indexed. The indexes hold
 * coarse ranks, not the counts, so most of the fold's updates write no index entry (HOT). Only on the day's first
 * reads before the roll does a read sum the per-day rows of its window instead (`dayTerms`).
 */

/** The kept windows in days (0 = all time): protocol's `CLOUD_WINDOWS`. Also listed in 067_cloud_windows_recount.sql. */
export const WINDOW_DAYS = CLOUD_WINDOWS.map((w) => sinceDays(w) ?? 0);
const WINDOW_VALUES = WINDOW_DAYS.map((w) => `(${w})`).join(', ');

/**
 * Each per-day row (`x`) counts for the site (topic '') and, when it has a topic, for its topic: joined to this, `x`
 * gives one row per window topic, `TOPIC`. As in 067_cloud_windows_recount.sql.
 */
const BY_TOPIC = (x: string) => `JOIN (VALUES (false), (true)) AS b(own) ON NOT b.own OR ${x}.topic <> ''`;
const TOPIC = (x: string) => `CASE WHEN b.own THEN ${x}.topic ELSE '' END`;

/**
 * How often the sequencer folds cloud deltas (ms): each fold then covers every submission of that time, so a busy
 * term's rows change once per fold; reads add what is not folded yet.
 */
export const FOLD_MS = 500;

/** The advisory lock a fold holds (one instance folds at a time); the sequencing's is 7260042 (migrations/060). */
export const FOLD_LOCK = 7260043;

/**
 * How often (ms) the instance that folds vacuums `cloud_deltas` after a fold: the deltas are a queue that every fold
 * empties, and the reads of the deltas not folded yet (and the fold itself) scan its dead rows until a vacuum.
 */
export const DELTAS_VACUUM_MS = 10_000;

/**
 * Rolls every site's windows forward to today, then folds up to `limit` delta rows into the per-day counts and
 * the windows; returns how many delta rows it folded. Runs beside the sequencing (store/events.ts), in a transaction
 * of its own under the fold's lock (one instance at a time), so live events never wait for it.
 */
export async function foldCloud(sql: Sql, limit: number): Promise<number> {
  await sql.query(
    `WITH s AS (
       UPDATE cloud_window_state n SET as_of = current_date FROM cloud_window_state o
       WHERE n.site = o.site AND o.as_of < current_date RETURNING n.site, o.as_of AS old
     )
     INSERT INTO cloud_windows AS t (site, win, topic, term, compliment, idea, complaint, total)
     SELECT ct.site, w.win, ${TOPIC('ct')}, ct.term,
       -coalesce(sum(ct.count) FILTER (WHERE ct.kind = 'compliment'), 0), -coalesce(sum(ct.count) FILTER (WHERE ct.kind = 'idea'), 0),
       -coalesce(sum(ct.count) FILTER (WHERE ct.kind = 'complaint'), 0), -sum(ct.count)
     FROM s JOIN (VALUES ${WINDOW_VALUES}) AS w(win) ON w.win > 0
     JOIN cloud_terms ct ON ct.site = s.site AND ct.day > s.old - w.win AND ct.day <= current_date - w.win
     ${BY_TOPIC('ct')}
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 4, 3, 2
     ON CONFLICT (site, term, topic, win) DO UPDATE SET compliment = t.compliment + EXCLUDED.compliment, idea = t.idea + EXCLUDED.idea,
       complaint = t.complaint + EXCLUDED.complaint, total = t.total + EXCLUDED.total`,
  );
  const [folded] = await sql.query<{ n: number }>(
    `WITH d AS (
       DELETE FROM cloud_deltas WHERE id IN (SELECT id FROM cloud_deltas ORDER BY id LIMIT $1) RETURNING site, day, kind, topic, terms, delta
     ), x AS MATERIALIZED (
       SELECT site, day, kind, topic, t AS term, sum(delta)::int AS n FROM d, unnest(d.terms) AS t GROUP BY 1, 2, 3, 4, 5
     ), ct AS (
       INSERT INTO cloud_terms AS t (site, day, kind, topic, term, count) SELECT * FROM x ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (site, day, kind, topic, term) DO UPDATE SET count = t.count + EXCLUDED.count
     ), st AS (
       INSERT INTO cloud_window_state (site, as_of) SELECT DISTINCT site, current_date FROM x ON CONFLICT DO NOTHING
     ), cw AS (
       INSERT INTO cloud_windows AS t (site, win, topic, term, compliment, idea, complaint, total)
       SELECT x.site, w.win, ${TOPIC('x')}, x.term, coalesce(sum(n) FILTER (WHERE kind = 'compliment'), 0),
         coalesce(sum(n) FILTER (WHERE kind = 'idea'), 0), coalesce(sum(n) FILTER (WHERE kind = 'complaint'), 0), sum(n)
       FROM x JOIN (VALUES ${WINDOW_VALUES}) AS w(win) ON w.win = 0 OR x.day > current_date - w.win
       ${BY_TOPIC('x')}
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 4, 3, 2
       ON CONFLICT (site, term, topic, win) DO UPDATE SET compliment = t.compliment + EXCLUDED.compliment, idea = t.idea + EXCLUDED.idea,
         complaint = t.complaint + EXCLUDED.complaint, total = t.total + EXCLUDED.total
     )
     SELECT count(*)::int AS n FROM d`,
    [limit],
  );
  return folded.n;
}

/** Drops window rows that fell to zero (terms that left a window); run now and then. */
export async function pruneCloud(sql: Sql): Promise<void> {
  await sql.query('DELETE FROM cloud_windows WHERE total <= 0');
}

/**
 * The cloud of `query` over the last `days` (null: all time), from the kept windows; a number of days that is not kept
 * (the contract offers none, the tests compare with one) sums the per-day rows.
 */
export async function readCloud(sql: Sql, site: string, query: CloudQuery, days: number | null): Promise<CloudSnapshot> {
  const win = days ?? 0;
  const kinds = query.kinds?.length ? [...new Set(query.kinds)] : null;
  const limit = query.limit ?? 200;
  const topic = query.topic ?? '';
  let fast = WINDOW_DAYS.includes(win);
  if (fast && win > 0) {
    // the windows roll at the sequencer's first run after midnight: until then (or after a bulk change of dates)
    // they still hold a day that left them, and the per-day rows answer instead (an answer cached for today must
    // not keep yesterday's window: no event or notification follows a roll)
    const [state] = await sql.query<{ behind: boolean }>(
      'SELECT as_of < current_date AS behind FROM cloud_window_state WHERE site = $1',
      [site],
      'voc-cloud-state',
    );
    if (state?.behind) fast = false;
  }
  const rows = fast
    ? await windowTerms(sql, site, win, topic, kinds, limit)
    : await dayTerms(sql, site, days, kinds, query.topic ?? null, limit);
  return {
    site,
    terms: rows.map((r) => ({
      term: r.term,
      counts: { compliment: r.compliment, idea: r.idea, complaint: r.complaint },
      total: r.total,
    })),
    generatedAt: new Date().toISOString(),
  };
}

interface TermRow {
  term: string;
  compliment: number;
  idea: number;
  complaint: number;
  total: number;
}

/** The rows of the window read (`$2`, in days) of the site (`$1`) or its topic (`$4`, '' for the site). */
const ROWS = 'site = $1 AND topic = $4 AND win = $2';

/**
 * What a cloud shows, for a count `v` of a row's `term`: above 0, and above 1 for a phrase (a phrase seen once is
 * none). protocol's `showsTerm` in SQL: the database filters by it, and the rows it sends are checked by `showsTerm`.
 */
const shows = (v: string) => `${v} > 0 AND (position(' ' in term) = 0 OR ${v} > 1)`;

/**
 * The `limit`-th best count among the rows of `set` (`term`, `n`), with the pending deltas `pending` of `p` added, of
 * those that show (no row when fewer show).
 */
const limitBest = (set: string, pending: string) =>
  `SELECT v FROM (SELECT ${set}.term, ${set}.n + coalesce(${pending}, 0) AS v FROM ${set} LEFT JOIN p ON p.term = ${set}.term) x
       WHERE ${shows('v')} ORDER BY v DESC OFFSET greatest($3::int - 1, 0) LIMIT 1`;

/**
 * Top terms of one window: the rows of the top ranks of the chosen count (at least `limit` + the number of pending
 * terms whose deltas lower that count; 062_cloud_window_ranks.sql), the own rows of the pending terms that could
 * reach the top, and the deltas not folded yet added in, in one statement. That is exact:
 * - a term without pending deltas is beaten in the end by every term its window count trails, except those that
 *   pending deltas lower, so if it is in the top `limit` at all it is within `limit` + that many of the ranking;
 * - a pending term outside those rows has a lower rank than each of them, so (ranks rise with counts) a window count
 *   no higher than the lowest count among them; with its deltas it reaches at most that count plus its deltas, and
 *   when that is below the `limit`-th best total of the rows read, `limit` terms beat it: its row is not looked up
 *   (nor needed: its deltas alone, which the answer then counts it with, are lower still).
 * - a pending term with no row among those (not read, or new) counts with its deltas alone; below that `limit`-th best
 *   total it cannot be shown either, so it is not sent.
 * Under a write load on a large site thousands of rare phrases wait for a fold; looking each one up by its key (as
 * before) read thousands of pages per read, and their rows can almost never reach the top. (Counting every pending
 * term into the ranks read, as earlier still, read every ranked row of a site.) Rank 0 (a count of zero, or a phrase
 * seen once) is not indexed and never read.
 *
 * Two kinds at once (`pairRows`) have no rank of their own: their sum is bounded through each kind's ranks instead.
 */
async function windowTerms(sql: Sql, site: string, win: number, topic: string, kinds: Kind[] | null, limit: number): Promise<TermRow[]> {
  // the column names are fixed words, never request text
  if (kinds?.some((k) => !(KINDS as readonly string[]).includes(k))) throw new Error(`not a kind: ${kinds}`);
  // one kind, two (in KINDS order: one statement name per pair), or every kind (the total)
  const chosen = kinds && kinds.length < KINDS.length ? KINDS.filter((k) => kinds.includes(k)) : null;
  const name = chosen ? chosen.join('-') : 'total';
  // the chosen count of a pending term's deltas
  const pending = `(${(chosen ?? KINDS).map((k) => `p.${k}`).join(' + ')})`;
  // r: the rows read, with the chosen count as n; bound: a count no row outside r reaches (one kind: the lowest of r)
  const { rows: read, bound } = chosen?.length === 2 ? pairRows(chosen, pending) : rankRows(chosen?.[0] ?? 'total', pending);
  // one statement, so one snapshot: the sequencer may fold deltas into the windows at any moment, and a delta must
  // count once, either pending or folded (two statements could see it in both, or in neither)
  const rows = await sql.query<TermRow>(
    `WITH p AS MATERIALIZED (
       SELECT t AS term, coalesce(sum(delta) FILTER (WHERE kind = 'compliment'), 0)::int AS compliment,
         coalesce(sum(delta) FILTER (WHERE kind = 'idea'), 0)::int AS idea, coalesce(sum(delta) FILTER (WHERE kind = 'complaint'), 0)::int AS complaint
       FROM cloud_deltas d, unnest(d.terms) AS t
       WHERE d.site = $1 AND ($2::int = 0 OR d.day > current_date - $2::int) AND ($4::text = '' OR d.topic = $4) GROUP BY t
     ), ${read}, k AS (
       -- the limit-th best count among those rows, deltas added and the rules of what shows applied (none: fewer shown)
       ${limitBest('r', pending)}
     ), w AS (
       SELECT term, compliment, idea, complaint FROM r
       UNION
       -- each pending term that could reach the top (its count below the bound), looked up by the primary key,
       -- whatever the estimates say: a young site has no statistics, and a join planned for "one row" compared every
       -- pair (1.3 to 3.2 s under load). LIMIT 1 (a term has one row per window) keeps the LATERAL subquery from being
       -- flattened back into that join.
       SELECT cw.term, cw.compliment, cw.idea, cw.complaint FROM p CROSS JOIN LATERAL (
         SELECT term, compliment, idea, complaint FROM cloud_windows WHERE ${ROWS} AND term = p.term LIMIT 1
       ) cw
       WHERE NOT EXISTS (SELECT FROM k) OR ${bound} + ${pending} >= (SELECT v FROM k)
     )
     SELECT coalesce(w.term, p.term) AS term, (coalesce(w.compliment, 0) + coalesce(p.compliment, 0))::int AS compliment,
       (coalesce(w.idea, 0) + coalesce(p.idea, 0))::int AS idea, (coalesce(w.complaint, 0) + coalesce(p.complaint, 0))::int AS complaint,
       0 AS total
     FROM w FULL JOIN p ON p.term = w.term
     -- a pending term without a row read counts with its deltas alone: below the limit-th best total of the rows
     -- read (which the answer holds), it cannot be shown, and is left here rather than sent (under writes on a large
     -- site thousands of terms wait for a fold, and each read sent every one of them to be dropped by this process)
     WHERE w.term IS NOT NULL OR NOT EXISTS (SELECT FROM k) OR ${pending} >= (SELECT v FROM k)`,
    [site, win, limit, topic],
    `voc-cloud-window-${name}`,
  );
  const byTerm = new Map(rows.map((r) => [r.term, r]));
  const out: TermRow[] = [];
  for (const r of byTerm.values()) {
    const counts = { compliment: 0, idea: 0, complaint: 0 };
    for (const k of chosen ?? KINDS) counts[k] = r[k];
    const total = counts.compliment + counts.idea + counts.complaint;
    if (showsTerm(r.term, total)) out.push({ term: r.term, ...counts, total });
  }
  return out.sort(byCount).slice(0, limit);
}

/**
 * The rows of one rank index (`col`: a kind, or the total) whose rank reaches the rank at place `limit` + lowered
 * pending terms: ranks step coarsely, so the rows sharing the last rank come along, and the exact counts are sorted
 * after. A row outside them has a lower count than each of them.
 */
function rankRows(col: Kind | 'total', pending: string) {
  return {
    rows: `r AS MATERIALIZED (
       SELECT term, compliment, idea, complaint, ${col} AS n FROM cloud_windows
       WHERE ${ROWS} AND rank_${col} > 0 AND rank_${col} >= greatest(1, (
         SELECT rank_${col} FROM cloud_windows WHERE ${ROWS} AND rank_${col} > 0
         ORDER BY rank_${col} DESC OFFSET greatest($3::int + (SELECT count(*) FROM p WHERE ${pending} < 0) - 1, 0) LIMIT 1))
     )`,
    bound: 'coalesce((SELECT min(n) FROM r), 1)',
  };
}

/**
 * The rows for two kinds `a` + `b`, whose sum no index ranks, bounded through each kind's ranks:
 * - `f`: each kind's first `limit` rows by rank. Their `limit`-th best sum (deltas added, what shows), `s`, is at
 *   most the `limit`-th best of all terms, as of any set of terms (1 when fewer show: every term that shows counts
 *   at least 1).
 * - so a term of the answer has a sum of at least `s`, and one of its two counts reaches half of it, `h`: `r` holds
 *   the rows whose rank in either kind reaches the rank of `h`: those of `f`, and each kind's rows from the lowest
 *   rank its first rows reached down to the rank of `h` (a row ranked above that lowest rank is in `f`). A row
 *   outside them has both counts below `h`, so a sum below `s` (the bound), and can only show with pending deltas,
 *   as with one kind.
 * - a phrase counts 1 in a kind at rank 0 (a phrase seen once), so when `h` is 1 the rows of the total's ranks from
 *   `s` on come along too (a phrase seen once as each kind sums to 2). That is only when at most 2 is the
 *   `limit`-th best: a site with few terms of those kinds.
 * Each kind's top ranks are about `limit` rows, so a read touches a few times `limit` rows whatever the site's size.
 */
function pairRows([a, b]: Kind[], pending: string) {
  const cols = `term, compliment, idea, complaint, ${a} + ${b} AS n, rank_${a}, rank_${b}`;
  const top = (k: Kind) => `SELECT ${cols} FROM cloud_windows WHERE ${ROWS} AND rank_${k} > 0 ORDER BY rank_${k} DESC LIMIT $3`;
  // the rows of a kind's ranks from the rank of h down to the lowest its first rows reached (those above are in f)
  const reach = (k: Kind) => `SELECT term, compliment, idea, complaint, ${a} + ${b} AS n FROM cloud_windows
       WHERE ${ROWS} AND rank_${k} > 0 AND rank_${k} >= cloud_rank(((SELECT s FROM s) + 1) / 2, 'w')
         AND rank_${k} <= (SELECT min(rank_${k}) FROM f_${k})`;
  return {
    rows: `f_${a} AS MATERIALIZED (${top(a)}), f_${b} AS MATERIALIZED (${top(b)}), f AS (
       SELECT * FROM f_${a} UNION SELECT * FROM f_${b}
     ), s AS (
       SELECT coalesce((${limitBest('f', pending)}), 1) AS s
     ), r AS MATERIALIZED (
       SELECT term, compliment, idea, complaint, n FROM f
       UNION ${reach(a)}
       UNION ${reach(b)}
       -- only when s is at most 2: the outer row of s filtered first, so the scan (which a generic plan may make
       -- parallel) never starts otherwise
       UNION SELECT x.* FROM s CROSS JOIN LATERAL (
         SELECT term, compliment, idea, complaint, ${a} + ${b} AS n FROM cloud_windows
         WHERE ${ROWS} AND rank_total > 0 AND rank_total >= cloud_rank(s.s, 'w')
       ) x WHERE s.s <= 2
     )`,
    bound: '(SELECT s FROM s)',
  };
}

/**
 * A cloud summed from the per-day rows (and pending deltas) of its window: before the day's roll, or for a window
 * not kept. At a million items, seconds for a window of weeks (docs/PERFORMANCE.md).
 */
async function dayTerms(sql: Sql, site: string, days: number | null, kinds: Kind[] | null, topic: string | null, limit: number) {
  return sql.query<TermRow>(
    `SELECT term,
       coalesce(sum(count) FILTER (WHERE kind = 'compliment'), 0)::int AS compliment,
       coalesce(sum(count) FILTER (WHERE kind = 'idea'), 0)::int AS idea,
       coalesce(sum(count) FILTER (WHERE kind = 'complaint'), 0)::int AS complaint,
       sum(count)::int AS total
     FROM (
       SELECT day, kind, topic, term, count FROM cloud_terms WHERE site = $1 AND ($4::text IS NULL OR topic = $4)
         AND ($2::int IS NULL OR day > current_date - $2::int)
       UNION ALL
       SELECT day, kind, topic, unnest(terms) AS term, delta AS count FROM cloud_deltas WHERE site = $1
     ) c
     WHERE ($2::int IS NULL OR day > current_date - $2::int) AND ($3::text[] IS NULL OR kind = ANY($3)) AND ($4::text IS NULL OR topic = $4)
     GROUP BY term HAVING ${shows('sum(count)')}
     ORDER BY sum(count) DESC, term COLLATE "C" LIMIT $5`,
    [site, days, kinds, topic, limit],
    'voc-cloud-days',
  );
}
