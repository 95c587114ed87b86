import { checkPulseWindow } from '@voc-kit/protocol/adapter-logic.js';
import { KINDS, type Kind, type Pulse, type PulsePeriod, type PulseWindow, type TopicStatus } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso } from '../util.js';
import { bucketWidth } from './models.js';

/*
 * The pulse from read models (issue 16), in protocol's `Pulse` shape. NOT the pulse the server answers with yet:
 * `GET /pulse` keeps protocol's one definition (`computePulse`, store/insights.ts). Every figure here agrees with
 * that definition except the two medians, read from duration histograms: they are exact only to ±0.5 h under
 * 72 h and ±12 h above, count every item's durations (not only public items), and take an item's first confirmed
 * resolution by the day it was confirmed (protocol: complaints resolved now, by their last confirmation).
 */
const DAY = 86_400_000;
const zero = (): Record<Kind, number> => ({ compliment: 0, idea: 0, complaint: 0 });
const date = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The pulse from the read models only: per-day volume and confirmed resolutions (`pulse_days`), per-day hours
 * (`pulse_hours`), complaints per topic and day (`topic_days`), duration histograms (`pulse_durations`), status
 * counts (`status_counts`) and the team's own rows (announcements, topic updates) counted by index. Every query
 * reads at most (days in two periods) × (a small constant) rows. The current period is the last N UTC days,
 * today included: [start of today − (N−1) days, start of tomorrow); the previous one is the N days before.
 */
export async function readPulse(sql: Sql, site: string, since: PulseWindow | undefined, now = Date.now()): Promise<Pulse> {
  const window = checkPulseWindow(since);
  const n = Number.parseInt(window, 10);
  const to = Date.parse(date(now)) + DAY;
  const from = to - n * DAY;
  const prevFrom = from - n * DAY;
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
    sql.query<{ cur: boolean; metric: string; bucket: number; n: number }>(
      `SELECT day >= $3::date AS cur, metric, bucket, sum(n)::int AS n FROM pulse_durations
       WHERE site = $1 AND day >= $2::date AND day < $4::date GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY 1, 2, 3`,
      args,
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
      title: string;
      status: TopicStatus;
      count: number;
      at: unknown;
      message: string | null;
      expected_by: string | null;
    }>(
      `SELECT t.slug, t.title, t.status, x.count, u.at, u.message, to_char(t.expected_by, 'YYYY-MM-DD') AS expected_by FROM (
         SELECT topic, sum(complaints)::int AS count FROM topic_days WHERE site = $1 AND day >= $2::date AND day < $3::date
         GROUP BY topic HAVING sum(complaints) > 0 ORDER BY count DESC, topic COLLATE "C" LIMIT 5
       ) x JOIN topics t ON t.site = $1 AND t.slug = x.topic
       LEFT JOIN LATERAL (SELECT at, message FROM topic_updates WHERE site = $1 AND topic = x.topic AND message IS NOT NULL
         ORDER BY at DESC LIMIT 1) u ON true
       ORDER BY x.count DESC, t.slug COLLATE "C"`,
      [site, args[2], args[3]],
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
      medianFirstReplyHours: histogramMedian(hist('reply')),
      medianResolutionHours: histogramMedian(hist('resolution')),
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
      open: count('received', 'heard', 'replied', 'reopened'),
      awaitingConfirmation: count('replied'),
      reopened: count('reopened'),
    },
    topComplaintTopics: top.map((t) => ({
      slug: t.slug,
      title: t.title,
      count: t.count,
      status: t.status,
      ...(t.message && t.at ? { latestUpdate: { at: iso(t.at), message: t.message } } : {}),
      ...(t.expected_by ? { expectedBy: t.expected_by } : {}),
    })),
  };
}

/**
 * The median of a histogram of durations (`bucket` = lower bound in hours, width from `bucketWidth`), linearly
 * interpolated inside the bucket that holds it; null when empty.
 */
export function histogramMedian(buckets: ReadonlyArray<{ bucket: number; n: number }>): number | null {
  const sorted = [...buckets].filter((b) => b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  for (const b of sorted) {
    if (seen + b.n >= half) return Math.round((b.bucket + ((half - seen) / b.n) * bucketWidth(b.bucket)) * 10) / 10;
    seen += b.n;
  }
  return null;
}
