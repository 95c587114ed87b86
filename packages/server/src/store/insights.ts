import { computePulse, pulsePeriods } from '@voc-kit/protocol/adapter-logic.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import type { CloudQuery, CloudSnapshot, Kind, Pulse, PulseWindow, Quote, QuoteQuery, ThreadEntry } from '@voc-kit/protocol/model.js';
import { iso } from '../util.js';
import {
  PRIVATE_STATUSES,
  sinceDays,
  toAnnouncement,
  toFeedback,
  type AnnouncementRow,
  type EntryRow,
  type FeedbackRow,
  type Stamp,
} from './rows.js';
import { readCloud } from '../reads/cloud.js';
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

  /**
   * The pulse, by protocol's one definition of every figure (`computePulse`), over only the rows it can touch:
   * public items of both periods, complaints not resolved (the backlog) and complaints confirmed in either period.
   */
  async pulse(site: string, since: PulseWindow = LIMITS.since.pulseDefault): Promise<Pulse> {
    const now = Date.now();
    const start = new Date(pulsePeriods(since, now).previous[0]).toISOString();
    const rows = await this.db.query<FeedbackRow>(
      `SELECT f.* FROM feedback f WHERE f.site = $1 AND f.status <> ALL($2) AND (f.created_at >= $3 OR (f.kind = 'complaint'
         AND (f.status <> 'resolved' OR EXISTS (SELECT 1 FROM thread_entries e WHERE e.feedback_id = f.id AND e.type = 'confirmation' AND e.at >= $3))))`,
      [site, PRIVATE_STATUSES, start],
    );
    const entries = await this.db.query<EntryRow>('SELECT * FROM thread_entries WHERE feedback_id = ANY($1::uuid[]) ORDER BY at, id', [
      rows.map((r) => r.id),
    ]);
    const items = rows.map((r) => ({
      feedback: toFeedback(r),
      receiptHash: '',
      terms: [],
      entries: entries
        .filter((e) => e.feedback_id === r.id)
        .map((e): ThreadEntry =>
          e.type === 'reply'
            ? { type: 'reply', id: e.id, feedbackId: r.id, at: iso(e.at), text: '' }
            : { type: 'confirmation', feedbackId: r.id, at: iso(e.at), resolved: e.resolved === true },
        ),
    }));
    const announcements = (
      await this.db.query<AnnouncementRow>('SELECT * FROM announcements WHERE site = $1 AND at >= $2', [site, start])
    ).map(toAnnouncement);
    return computePulse({ site, since, now, items, topics: await this.topicsOf(this.db, site), announcements });
  }
}
