import type { CloudQuery, CloudSnapshot, Kind, Pulse, Quote, QuoteQuery, Since, TopicStatus } from '@voc-kit/core/model.js';
import { iso } from '../util.js';
import { DAY, PRIVATE_STATUSES, sinceDays, zero, type Stamp } from './rows.js';
import { TopicStore } from './topics.js';

interface CloudRow {
  term: string;
  compliment: number;
  idea: number;
  complaint: number;
  total: number;
}
interface QuoteRow {
  id: string;
  kind: Kind;
  text: string;
  created_at: Stamp;
  topic: string | null;
}

/** The public reads over many items: the cloud, the quotes behind a term, the pulse. */
export class InsightStore extends TopicStore {
  async cloud(site: string, query: CloudQuery): Promise<CloudSnapshot> {
    const days = sinceDays(query.since);
    const rows = await this.db.query<CloudRow>(
      `SELECT term,
         coalesce(sum(count) FILTER (WHERE kind = 'compliment'), 0)::int AS compliment,
         coalesce(sum(count) FILTER (WHERE kind = 'idea'), 0)::int AS idea,
         coalesce(sum(count) FILTER (WHERE kind = 'complaint'), 0)::int AS complaint,
         sum(count)::int AS total
       FROM (
         SELECT site, day, kind, topic, term, count FROM cloud_terms WHERE site = $1
         UNION ALL
         SELECT site, day, kind, topic, unnest(terms) AS term, delta AS count FROM cloud_deltas WHERE site = $1
       ) c
       WHERE site = $1 AND ($2::int IS NULL OR day > current_date - $2::int) AND ($3::text[] IS NULL OR kind = ANY($3))
         AND ($4::text IS NULL OR topic = $4)
       GROUP BY term HAVING sum(count) > 0 AND (position(' ' in term) = 0 OR sum(count) > 1)
       ORDER BY sum(count) DESC, term COLLATE "C" LIMIT $5`,
      [site, days, query.kinds?.length ? query.kinds : null, query.topic ?? null, query.limit ?? 200],
    );
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

  async quotes(site: string, term: string, query: QuoteQuery): Promise<Quote[]> {
    const days = sinceDays(query.since);
    const rows = await this.db.query<QuoteRow>(
      `SELECT id, kind, text, created_at, topic FROM feedback
       WHERE site = $1 AND terms @> ARRAY[$2]::text[] AND status <> ALL($3)
         AND ($4::int IS NULL OR created_at > now() - make_interval(days => $4::int)) AND ($5::text[] IS NULL OR kind = ANY($5))
       ORDER BY created_at DESC LIMIT $6`,
      [
        site,
        term.normalize('NFKC').toLocaleLowerCase(),
        PRIVATE_STATUSES,
        days,
        query.kinds?.length ? query.kinds : null,
        query.limit ?? 20,
      ],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      createdAt: iso(r.created_at),
      ...(r.topic ? { topic: r.topic } : {}),
    }));
  }

  async pulse(site: string, since: Since = '30d'): Promise<Pulse> {
    const days = sinceDays(since);
    const params = [site, PRIVATE_STATUSES, days];
    const where = `f.site = $1 AND f.status <> ALL($2) AND ($3::int IS NULL OR f.created_at >= date_trunc('day', now()) - make_interval(days => $3::int - 1))`;
    const volume = await this.db.query<{ day: string; kind: Kind; n: number }>(
      `SELECT to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, f.kind, count(*)::int AS n FROM feedback f WHERE ${where} GROUP BY 1, 2`,
      params,
    );
    const map = new Map<string, Record<Kind, number>>();
    const today = Date.parse(new Date().toISOString().slice(0, 10));
    const first = days ? today - (days - 1) * DAY : Math.min(today, ...volume.map((v) => Date.parse(v.day)));
    for (let t = first; t <= today; t += DAY) map.set(new Date(t).toISOString().slice(0, 10), zero());
    for (const v of volume) {
      if (!map.has(v.day)) map.set(v.day, zero());
      map.get(v.day)![v.kind] = v.n;
    }
    const top = await this.db.query<{ slug: string; title: string; status: TopicStatus; count: number }>(
      `SELECT t.slug, t.title, t.status, count(*)::int AS count FROM feedback f JOIN topics t ON t.site = f.site AND t.slug = f.topic
       WHERE ${where} AND f.kind = 'complaint' GROUP BY t.slug, t.title, t.status ORDER BY count DESC, t.slug LIMIT 5`,
      params,
    );
    const [actions] = await this.db.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM announcements WHERE site = $1 AND ($2::int IS NULL OR at > now() - make_interval(days => $2::int)))
        + (SELECT count(*) FROM topic_updates WHERE site = $1 AND ($2::int IS NULL OR at > now() - make_interval(days => $2::int))))::int AS n`,
      [site, days],
    );
    const [median] = await this.db.query<{ h: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS h FROM (
         SELECT extract(epoch FROM (min(e.at) - f.created_at)) / 3600 AS h FROM feedback f
         JOIN thread_entries e ON e.feedback_id = f.id AND e.type = 'confirmation' AND e.resolved
         WHERE ${where} GROUP BY f.id, f.created_at) x`,
      params,
    );
    return {
      site,
      days: [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, c]) => ({ date, ...c })),
      topComplaintTopics: top,
      actionsTaken: actions.n,
      medianResolutionHours: median.h === null ? null : Number(median.h),
    };
  }
}
