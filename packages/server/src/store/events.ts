import type { Kind, LiveEvent } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso } from '../util.js';
import { FOLD_MS, foldCloud, pruneCloud } from '../reads/cloud.js';
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

  /**
   * Gives committed events their public ids in commit order, in one transaction under a global lock (one instance
   * at a time), then, at most every `foldMs`, starts folding the cloud deltas into cloud_terms and the cloud windows
   * beside it. Returns false when another instance holds the lock.
   *
   * Folding less often than sequencing makes each fold cover many submissions, so a busy term's rows are updated
   * once per fold rather than once per sequencer run (each update of a window row writes five index entries).
   * Reads add the deltas not folded yet, in the same statement, so a read's answer is the same before and after a
   * fold and a fold never needs to move the site's version (reads/cache.ts).
   */
  async sequence(batch = 5000, foldMs = FOLD_MS): Promise<{ locked: boolean; sequenced: number; more: boolean }> {
    const result = await this.db.tx(async (sql) => {
      const [lock] = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(7260042) AS ok');
      if (!lock.ok) return { locked: false, sequenced: 0, more: false };
      const rows = await sql.query<{ site: string; seq: string }>(
        `UPDATE events e SET seq = s.seq FROM (
           SELECT id, nextval('events_seq') AS seq FROM (SELECT id FROM events WHERE seq IS NULL ORDER BY id LIMIT $1) p ORDER BY id
         ) s WHERE e.id = s.id RETURNING e.site, s.seq::text AS seq`,
        [batch],
      );
      const top = new Map<string, bigint>();
      for (const r of rows) if (!top.has(r.site) || BigInt(r.seq) > top.get(r.site)!) top.set(r.site, BigInt(r.seq));
      for (const [site, seq] of top) await sql.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, `${site}:${seq}`]);
      return { locked: true, sequenced: rows.length, more: rows.length === batch };
    });
    // cloud deltas fold beside the sequencing, in a transaction and under a lock of their own: a live event never
    // waits for a fold (reads add the deltas not folded yet, so folding changes no answer)
    if (result.locked && Date.now() - this.foldedAt >= foldMs)
      this.folding ??= this.db
        .tx(async (sql) => {
          const [lock] = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(7260043) AS ok');
          if (!lock.ok) return;
          const limit = batch * 4;
          // a fold that left deltas behind is due again at the next run
          this.foldedAt = (await foldCloud(sql, limit)) === limit ? 0 : Date.now();
        })
        .catch(() => {})
        .finally(() => (this.folding = undefined));
    return result;
  }

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
