import { bucketMedian, checkPulseWindow, DAY_MS, pulsePeriods, zeroCounts } from '@voc-kit/protocol/adapter-logic.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import { KINDS, type Kind, type Pulse, type PulsePeriod, type PulseWindow, type TopicStatus } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { PRIVATE_STATUSES } from '../store/rows.js';
import { iso } from '../util.js';

/*
 * The pulse from read models (issues 13 and 16), what `GET /pulse` answers: protocol's `Pulse` by the same rules
 * as `computePulse` (memory and local adapters), figure for figure. The medians come from the duration histograms,
 * counted in protocol's buckets (`pulseDurations`, `durationBucket`) and read by protocol's `bucketMedian`, as
 * `computePulse` does: identical, not approximately equal. The conformance suite checks every figure over HTTP.
 */
const DAY = DAY_MS;
const zero = zeroCounts;
const date = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The UTC days [a, b) as the ranges the duration histograms are read in: the whole calendar months inside it (by
 * month), and the days before the first and after the last of them (by day); all by day when no month is whole.
 */
function monthRanges(cur: boolean, a: number, b: number): Array<{ cur: boolean; a: string; b: string; months: boolean }> {
  const start = new Date(a);
  const first = start.getUTCDate() === 1 ? a : Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  const end = new Date(b);
  const last = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1);
  if (first >= last) return [{ cur, a: date(a), b: date(b), months: false }];
  return [
    { cur, a: date(a), b: date(first), months: false },
    { cur, a: date(first), b: date(last), months: true },
    { cur, a: date(last), b: date(b), months: false },
  ].filter((r) => r.a < r.b);
}

/**
 * The pulse from the read models only: per-day volume and confirmed resolutions (`pulse_days`), per-day hours
 * (`pulse_hours`), complaints per topic and day (`topic_days`), duration histograms (per month and per day), status
 * counts (`status_counts`) and the team's own rows (announcements, topic updates) counted by index. Every query
 * reads at most (days in two periods) × (a small constant) rows. The current period is the last N UTC days,
 * today included: [start of today − (N−1) days, start of tomorrow); the previous one is the N days before.
 */
export async function readPulse(sql: Sql, site: string, since: PulseWindow | undefined, now = Date.now()): Promise<Pulse> {
  const window = checkPulseWindow(since);
  const periods = pulsePeriods(window, now);
  const [from, to] = periods.current;
  const prevFrom = periods.previous[0];
  const args = [site, date(prevFrom), date(from), date(to)];

  const [volume, hours, durations, actions, backlog, top] = await Promise.all([
    sql.query<{ day: string; kind: Kind; n: number; resolved: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, sum(n)::int AS n, sum(resolved)::int AS resolved FROM pulse_days
       WHERE site = $1 AND day >= $2::date AND day < $3::date GROUP BY day, kind`,
      [site, args[1], args[3]],
    ),
    sql.query<{ how: number; n: number }>(
      `SELECT ((extract(isodow FROM day)::int - 1) * 24 + hour)::int AS how, sum(n)::int AS n FROM pulse_hours
       WHERE site = $1 AND day >= $2::date AND day < $3::date GROUP BY 1`,
      [site, args[2], args[3]],
    ),
    // the whole calendar months of each period by month, the days at its edges by day
    sql.query<{ cur: boolean; metric: string; bucket: number; n: number }>(
      `WITH r AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(cur boolean, a date, b date, months boolean))
       SELECT cur, metric, bucket, sum(n)::int AS n FROM (
         SELECT r.cur, d.metric, d.bucket, d.n FROM r JOIN pulse_durations d ON d.site = $1 AND d.day >= r.a AND d.day < r.b WHERE NOT r.months
         UNION ALL
         SELECT r.cur, m.metric, m.bucket, m.n FROM r JOIN pulse_duration_months m ON m.site = $1 AND m.month >= r.a AND m.month < r.b WHERE r.months
       ) x GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY 1, 2, 3`,
      [site, JSON.stringify([...monthRanges(false, prevFrom, from), ...monthRanges(true, from, to)])],
    ),
    sql.query<{ cur: boolean; moves: number; announcements: number; resolved: number }>(
      `SELECT p.cur,
         (SELECT count(*)::int FROM topic_updates WHERE site = $1 AND at >= p.a AND at < p.b) AS moves,
         (SELECT count(*)::int FROM topics WHERE site = $1 AND incident IS NOT NULL AND (incident->>'resolvedAt')::timestamptz >= p.a
           AND (incident->>'resolvedAt')::timestamptz < p.b) AS resolved,
         (SELECT count(*)::int FROM announcements WHERE site = $1 AND at >= p.a AND at < p.b) AS announcements
       FROM (VALUES (false, $2::date::timestamp AT TIME ZONE 'UTC', $3::date::timestamp AT TIME ZONE 'UTC'),
                    (true, $3::date::timestamp AT TIME ZONE 'UTC', $4::date::timestamp AT TIME ZONE 'UTC')) AS p(cur, a, b)`,
      args,
    ),
    sql.query<{ status: string; n: number }>(
      `SELECT status, sum(n)::int AS n FROM status_counts WHERE site = $1 AND kind = 'complaint' GROUP BY status`,
      [site],
    ),
    sql.query<{
      slug: string;
      title: string | null;
      status: TopicStatus | null;
      count: number;
      at: unknown;
      message: string | null;
      expected_by: string | null;
    }>(
      // a topic's latest dated update with a message: the last in the order topics list their updates (at, id)
      `SELECT x.topic AS slug, t.title, t.status, x.count, u.at, u.message, to_char(t.expected_by, 'YYYY-MM-DD') AS expected_by FROM (
         SELECT topic, sum(complaints)::int AS count FROM topic_days WHERE site = $1 AND day >= $2::date AND day < $3::date
         GROUP BY topic HAVING sum(complaints) > 0 ORDER BY count DESC, topic COLLATE "C" LIMIT $4
       ) x LEFT JOIN topics t ON t.site = $1 AND t.slug = x.topic
       LEFT JOIN LATERAL (SELECT at, message FROM topic_updates WHERE site = $1 AND topic = x.topic AND message IS NOT NULL
         ORDER BY at DESC, id DESC LIMIT 1) u ON true
       ORDER BY x.count DESC, x.topic COLLATE "C"`,
      [site, args[2], args[3], LIMITS.pulseTopTopics.max],
    ),
  ]);

  const fromDay = date(from);
  const period = (cur: boolean, a: number, b: number): PulsePeriod => {
    const totals = zero();
    let complaints = 0;
    let resolved = 0;
    for (const v of volume) {
      if (v.day >= fromDay !== cur) continue;
      totals[v.kind] += v.n;
      if (v.kind === 'complaint') {
        complaints += v.n;
        resolved += v.resolved;
      }
    }
    const act = actions.find((r) => r.cur === cur)!;
    const hist = (metric: string) => durations.filter((d) => d.cur === cur && d.metric === metric);
    return {
      from: new Date(a).toISOString(),
      to: new Date(b).toISOString(),
      totals,
      actions: { statusMoves: act.moves, announcements: act.announcements, incidentsResolved: act.resolved },
      medianFirstReplyHours: bucketMedian(hist('reply')),
      medianResolutionHours: bucketMedian(hist('resolution')),
      confirmedResolvedShare: complaints > 0 ? resolved / complaints : null,
    };
  };

  const days = new Map<string, { date: string } & Record<Kind, number>>();
  for (let t = from; t < to; t += DAY) days.set(date(t), { date: date(t), ...zero() });
  for (const v of volume) {
    const d = days.get(v.day);
    if (d && (KINDS as readonly string[]).includes(v.kind)) d[v.kind] += v.n;
  }
  const hourOfWeek = Array.from({ length: 168 }, () => 0);
  for (const h of hours) hourOfWeek[h.how] = h.n;
  const count = (...statuses: string[]) => backlog.filter((b) => statuses.includes(b.status)).reduce((s, b) => s + b.n, 0);

  return {
    site,
    since: window,
    current: period(true, from, to),
    previous: period(false, prevFrom, from),
    days: [...days.values()],
    hourOfWeek,
    // protocol: open = every public complaint not resolved (the next two included)
    backlog: {
      open: backlog.filter((b) => b.status !== 'resolved' && !PRIVATE_STATUSES.includes(b.status)).reduce((s, b) => s + b.n, 0),
      awaitingConfirmation: count('replied'),
      reopened: count('reopened'),
    },
    topComplaintTopics: top.map((t) => ({
      slug: t.slug,
      title: t.title ?? t.slug,
      count: t.count,
      status: t.status ?? 'heard',
      ...(t.message && t.at ? { latestUpdate: { at: iso(t.at), message: t.message } } : {}),
      ...(t.expected_by && { expectedBy: t.expected_by }),
    })),
  };
}
