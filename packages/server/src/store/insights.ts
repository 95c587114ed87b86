import { LIMITS } from '@voc-kit/protocol/limits.js';
import { sinceToTime } from '@voc-kit/protocol/adapter-logic.js';
import type { CloudQuery, CloudSnapshot, Kind, Pulse, PulseWindow, Quote, QuoteQuery } from '@voc-kit/protocol/model.js';
import { iso } from '../util.js';
import { PRIVATE_STATUSES, sinceDays, type Stamp } from './rows.js';
import { readCloud } from '../reads/cloud.js';
import { readPulse } from '../reads/pulse.js';
import { TopicStore } from './topics.js';

interface QuoteRow {
  id: string;
  kind: Kind;
  text: string;
  created_at: Stamp;
  topic: string | null;
}

/** The public reads over many items: the cloud, the quotes behind a term, the pulse. */
export class InsightStore extends TopicStore {
  /** The cloud from the kept windows (or the per-day counts of the window): never a scan of feedback rows. */
  async cloud(site: string, query: CloudQuery): Promise<CloudSnapshot> {
    return readCloud(this.db, site, query, sinceDays(query.since));
  }

  async quotes(site: string, term: string, query: QuoteQuery): Promise<Quote[]> {
    // the window of protocol's rule (whole UTC days, today included), as the cloud counts it
    const start = sinceToTime(query.since, Date.now()); // 0: all time
    const from = start ? new Date(start) : null;
    const rows = await this.db.query<QuoteRow>(
      `SELECT id, kind, text, created_at, topic FROM feedback
       WHERE site = $1 AND terms @> ARRAY[$2]::text[] AND status <> ALL($3)
         AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::text[] IS NULL OR kind = ANY($5))
       ORDER BY created_at DESC LIMIT $6`,
      [
        site,
        term.trim().normalize('NFKC').toLocaleLowerCase(),
        PRIVATE_STATUSES,
        from,
        query.kinds?.length ? query.kinds : null,
        query.limit ?? LIMITS.quotes.default,
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

  /**
   * The pulse from the read models (reads/pulse.ts): protocol's figures by protocol's rules, reading at most a
   * few rows per day of the window, never feedback rows.
   */
  async pulse(site: string, since: PulseWindow = LIMITS.since.pulseDefault): Promise<Pulse> {
    return readPulse(this.db, site, since);
  }
}
