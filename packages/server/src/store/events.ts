import type { Kind, LiveEvent } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso, randomToken } from '../util.js';
import { DELTAS_VACUUM_MS, FOLD_LOCK, FOLD_MS, foldCloud, pruneCloud } from '../reads/cloud.js';
import { EVENTS_CHANNEL, PENDING_CHANNEL, WEBHOOK_ATTEMPTS, webhookPayload, type EventRow } from './rows.js';
import { SiteStore } from './sites.js';

/** The cloud-relevant part of one feedback item. */
export interface Counted {
  id: string;
  site: string;
  kind: Kind;
  topic?: string | null;
  terms: string[];
  createdAt: string;
}

/** Events of one site that one sequencing run gave ids, oldest first; `prev` is the site's id before them ('0': none). */
export interface SequencedBatch {
  site: string;
  prev: string;
  events: LiveEvent[];
}

interface SequencedRow {
  event_seq: string;
  event_site: string;
  event_type: string;
  event_at: Date;
  event_data: unknown;
  site_prev: string | null;
}

function sequencedBatches(rows: SequencedRow[]): SequencedBatch[] {
  const bySite = new Map<string, SequencedBatch>();
  for (const r of rows) {
    let batch = bySite.get(r.event_site);
    if (!batch) bySite.set(r.event_site, (batch = { site: r.event_site, prev: r.site_prev ?? '0', events: [] }));
    batch.events.push({ id: r.event_seq, type: r.event_type, site: r.event_site, at: iso(r.event_at), data: r.event_data } as LiveEvent);
  }
  return [...bySite.values()];
}

/** Live events (written in transactions, sequenced in commit order, read back by every instance) and cloud counts. */
export class EventStore extends SiteStore {
  /**
   * Appends a live event inside the caller's transaction. Its public id comes later from the sequencer
   * (`sequence()`), in commit order; NOTIFY wakes the sequencer of every instance.
   */
  async publish<T extends LiveEvent['type']>(
    sql: Sql,
    site: string,
    type: T,
    data: Extract<LiveEvent, { type: T }>['data'],
  ): Promise<void> {
    await sql.query('INSERT INTO events (site, type, data) VALUES ($1, $2, $3)', [site, type, JSON.stringify(data)]);
    await sql.query('SELECT pg_notify($1, $2)', [PENDING_CHANNEL, '']);
    const payload = webhookPayload(site, type, data);
    if (payload)
      await sql.query(
        `INSERT INTO webhook_deliveries (webhook_id, payload) SELECT id, $3::jsonb FROM webhooks WHERE site = $1 AND $2 = ANY(events)`,
        [site, type, payload],
      );
  }

  /** When this instance last folded cloud deltas (ms since the epoch); 0 = fold at the next run. */
  private foldedAt = 0;
  /** When this instance last vacuumed the cloud deltas (ms since the epoch). */
  private vacuumedAt = 0;

  /**
   * Gives committed events their public ids in commit order, in one call under a global lock (one instance at a
   * time), then, at most every `foldMs`, starts folding the cloud deltas into cloud_terms and the cloud windows
   * beside it. Returns false when another instance holds the lock.
   *
   * Folding less often than sequencing makes each fold cover many submissions, so a busy term's rows are updated
   * once per fold rather than once per sequencer run (each update of a window row writes five index entries).
   * Reads add the deltas not folded yet, in the same statement, so a read's answer is the same before and after a
   * fold and a fold never needs to move the site's version (reads/cache.ts).
   */
  async sequence(
    batch = 5000,
    foldMs = FOLD_MS,
    vacuumMs = DELTAS_VACUUM_MS,
  ): Promise<{ locked: boolean; sequenced: number; more: boolean }> {
    // one call (migrations/060): the lock, the ids in commit order, the notifications, and the events for this
    // instance's own streams (LiveHub writes them without waiting for the notification and reading them back)
    // its notifications may come in before its answer: the live hub waits for this run, then finds them written
    let settled!: () => void;
    this.sequencing = new Promise<void>((resolve) => (settled = resolve));
    let result: { locked: boolean; sequenced: number; more: boolean };
    try {
      const rows = await this.db.query<SequencedRow>(
        `SELECT event_seq::text AS event_seq, event_site, event_type, event_at, event_data, site_prev::text AS site_prev
         FROM voc_sequence($1, $2)`,
        [batch, EVENTS_CHANNEL],
        'voc-sequence',
      );
      const locked = !(rows.length === 1 && rows[0].event_seq === '0');
      result = { locked, sequenced: locked ? rows.length : 0, more: locked && rows.length === batch };
      if (locked && rows.length) {
        const batches = sequencedBatches(rows);
        for (const listener of this.sequencedListeners) listener(batches);
      }
    } finally {
      this.sequencing = undefined;
      settled();
    }
    // cloud deltas fold beside the sequencing, in a transaction and under a lock of their own: a live event never
    // waits for a fold (reads add the deltas not folded yet, so folding changes no answer)
    if (result.locked && Date.now() - this.foldedAt >= foldMs)
      this.folding ??= this.db
        .tx(async (sql) => {
          const [lock] = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [FOLD_LOCK]);
          if (!lock.ok) return;
          const limit = batch * 4;
          // a fold that left deltas behind is due again at the next run
          this.foldedAt = (await foldCloud(sql, limit)) === limit ? 0 : Date.now();
        })
        .then(async () => {
          // the deltas are a queue: every fold deletes what it took, and a read of the deltas not folded yet may scan
          // what is left, dead rows included (600 pages for 182 live rows seen), so they go every few seconds
          // (SKIP_LOCKED: another instance's vacuum is enough) rather than when autovacuum, busy with the large
          // tables of a big database, comes round
          if (Date.now() - this.vacuumedAt < vacuumMs) return;
          this.vacuumedAt = Date.now();
          await this.db.exec('VACUUM (SKIP_LOCKED) cloud_deltas');
        })
        .catch(() => {})
        .finally(() => (this.folding = undefined));
    return result;
  }

  /**
   * Told when this instance committed a submission's events, so its sequencer starts at once. The submission's
   * NOTIFY (for the other instances) carries `instance`, and this instance's sequencer passes over its own.
   */
  readonly committedListeners = new Set<() => void>();
  readonly instance = randomToken(8);

  /** Told, on this instance, of the events each of its sequencing runs gave ids (after they committed). */
  readonly sequencedListeners = new Set<(batches: SequencedBatch[]) => void>();

  /** The sequencing run under way on this instance, until its events went to `sequencedListeners`. */
  sequencing?: Promise<void>;

  /** The fold under way on this instance (at most one). */
  private folding?: Promise<void>;

  /**
   * Drops live events older than `eventDays` (a reconnect resumes at most that far back), webhook deliveries
   * delivered or given up more than a week ago, and rate-limit buckets idle for ten minutes.
   */
  async prune(eventDays = 30): Promise<void> {
    await this.db.query('DELETE FROM events WHERE seq IS NOT NULL AND at < now() - make_interval(days => $1::int)', [eventDays]);
    await this.db.query(
      "DELETE FROM webhook_deliveries WHERE (delivered_at IS NOT NULL OR attempts >= $1) AND next_at < now() - interval '7 days'",
      [WEBHOOK_ATTEMPTS],
    );
    await this.db.query("DELETE FROM rate_buckets WHERE at < now() - interval '10 minutes'");
    await pruneCloud(this.db);
  }

  /** Sequenced events of a site after `after`, oldest first. */
  async eventsAfter(site: string, after: string, limit = 1000): Promise<LiveEvent[]> {
    const rows = await this.db.query<EventRow>(
      'SELECT e.seq::text AS id, e.site, e.type, e.at, e.data FROM events e WHERE e.site = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3',
      [site, after, limit],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, site: r.site, at: iso(r.at), data: r.data }) as LiveEvent);
  }

  async lastEventId(site: string): Promise<string> {
    const [r] = await this.db.query<{ id: string }>('SELECT coalesce(max(seq), 0)::text AS id FROM events WHERE site = $1', [site]);
    return r.id;
  }

  /** Adds an item's terms to the cloud and tells live subscribers (when approved or restored). */
  protected async countAndAnnounce(sql: Sql, f: Counted): Promise<void> {
    const topic = f.topic ?? undefined;
    await this.publish(sql, f.site, 'feedback', { id: f.id, kind: f.kind, createdAt: f.createdAt, ...(topic && { topic }) });
    await this.moveTerms(sql, f, 1);
  }

  /**
   * Adds (1) or takes away (-1) an item's terms in the cloud counts and tells every live cloud, so a hidden,
   * withdrawn, restored or regrouped item changes what people see without a reload.
   */
  protected async moveTerms(sql: Sql, f: Omit<Counted, 'id'>, delta: 1 | -1): Promise<void> {
    if (f.terms.length === 0) return;
    await sql.query('INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES ($1, $2::date, $3, $4, $5, $6)', [
      f.site,
      f.createdAt.slice(0, 10),
      f.kind,
      f.topic ?? '',
      f.terms,
      delta,
    ]);
    const topic = f.topic ?? undefined;
    await this.publish(sql, f.site, 'cloud', { kind: f.kind, terms: f.terms, ...(topic && { topic }), ...(delta === -1 && { delta }) });
  }
}
