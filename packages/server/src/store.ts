import { computePulse, feedPage, pulsePeriods } from '@voc-kit/protocol/adapter-logic.js';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError, VocError } from '@voc-kit/protocol/errors.js';
import {
  INCIDENT_STATUSES,
  KINDS,
  TOPIC_STATUSES,
  type Announcement,
  type CloudQuery,
  type CloudSnapshot,
  type FeedPage,
  type FeedQuery,
  type Feedback,
  type FeedbackDraft,
  type FeedbackStatus,
  type IncidentStatus,
  type Kind,
  type LiveEvent,
  type Pulse,
  type PulseWindow,
  type Quote,
  type QuoteQuery,
  type Since,
  type SubmitResult,
  type Thread,
  type ThreadEntry,
  type Topic,
  type TopicStatus,
} from '@voc-kit/protocol/model.js';
import { terms as termsOf } from '@voc-kit/protocol/text/analyze.js';
import type { Db, Sql } from './db.js';
import type { MailOutbox } from './mail/outbox.js';
import { canonicalJson, deriveReceipt, iso, randomToken, sha256 } from './util.js';

/** NOTIFY `site:id` when events got ids (every instance's live hub reads them back). */
export const EVENTS_CHANNEL = 'voc_events';
/** NOTIFY when events were written and wait for ids (every instance's sequencer may take them). */
export const PENDING_CHANNEL = 'voc_pending';
/** Statuses never shown publicly. */
const PRIVATE_STATUSES = ['hidden', 'pending', 'withdrawn'];

export interface SiteSettings {
  /** Hold new feedback until the team approves it. */
  premoderation?: boolean;
  /** This site's own limit on submissions per hashed IP (instead of the server's). */
  rateLimit?: { perMinute: number; burst: number };
  /** The page of this site that shows `<voc-status-feed>`: where the thread link of a mail lands (with the receipt). */
  threadUrl?: string;
}
export interface Site {
  key: string;
  name: string;
  origins: string[];
  settings: SiteSettings;
  sample: boolean;
  createdAt: string;
}

/** Feedback as the team sees it: with contact details. */
export interface InboxItem extends Feedback {
  contact?: { email: string };
  sample?: boolean;
}

type Row = Record<string, unknown>;

interface PendingSubmit {
  site: Site;
  draft: FeedbackDraft;
  idempotencyKey: string;
  keyHash: string;
  bodyHash?: string;
  result?: SubmitResult;
  resolve: (result: SubmitResult) => void;
  reject: (error: unknown) => void;
}
/** The item of a receipt: the one given at submit, or the thread receipt of a mail (`receipt_links`). */
const RECEIPT_SQL = `SELECT * FROM feedback WHERE receipt_hash = $1
  UNION ALL SELECT f.* FROM receipt_links l JOIN feedback f ON f.id = l.feedback_id WHERE l.hash = $1 LIMIT 1`;
const zero = (): Record<Kind, number> => ({ compliment: 0, idea: 0, complaint: 0 });

export function sinceDays(since: Since | undefined): number | null {
  if (!since || since === 'all') return null;
  const days = Number.parseInt(since, 10);
  return Number.isFinite(days) && days > 0 ? days : null;
}

function toFeedback(r: Row): Feedback {
  return {
    id: r.id as string,
    site: r.site as string,
    kind: r.kind as Kind,
    text: r.text as string,
    createdAt: iso(r.created_at),
    status: r.status as FeedbackStatus,
    ...(r.topic ? { topic: r.topic as string } : {}),
    ...(r.page_url ? { pageUrl: r.page_url as string } : {}),
    ...(r.locale ? { locale: r.locale as string } : {}),
  };
}

const SLACK_TEXT: Record<string, (site: string, data: never) => string> = {
  feedback: (site, d: { kind: string; topic?: string }) => `New ${d.kind} on ${site}${d.topic ? ` about ${d.topic}` : ''}`,
  topic: (_site, d: Topic) => `Topic “${d.title}” is now ${d.incident?.status ?? d.status}`,
  announcement: (site, d: Announcement) => `Announcement on ${site}: ${d.title}`,
};

/** Slack-compatible JSON (`text`) with the event beside it for other receivers. */
function webhookPayload(site: string, type: string, data: unknown): string | undefined {
  const text = SLACK_TEXT[type]?.(site, data as never);
  return text ? JSON.stringify({ text, event: { type, site, data } }) : undefined;
}

/** Every read and write of the reference server, on either engine. */
export class Store {
  private siteCache = new Map<string, { at: number; site: Site | null }>();
  /** Mail to consenting customers, written in the transaction of each action (set by createServer). */
  mail?: MailOutbox;

  constructor(readonly db: Db) {}

  // ——— sites ———

  private toSite(r: Row): Site {
    return {
      key: r.key as string,
      name: r.name as string,
      origins: r.origins as string[],
      settings: (r.settings ?? {}) as SiteSettings,
      sample: r.sample === true,
      createdAt: iso(r.created_at),
    };
  }

  /** A site by key, cached for a second so CORS checks do not hit the database on every request. */
  async site(key: string): Promise<Site | null> {
    const hit = this.siteCache.get(key);
    if (hit && Date.now() - hit.at < 1000) return hit.site;
    const [row] = await this.db.query('SELECT * FROM sites WHERE key = $1', [key]);
    const site = row ? this.toSite(row) : null;
    if (this.siteCache.size > 10_000) this.siteCache.clear();
    this.siteCache.set(key, { at: Date.now(), site });
    return site;
  }

  async requireSite(key: string): Promise<Site> {
    const site = await this.site(key);
    if (!site) throw new NotFoundError('No such site.');
    return site;
  }

  async sites(): Promise<Site[]> {
    return (await this.db.query('SELECT * FROM sites ORDER BY key')).map((r) => this.toSite(r));
  }

  private allOrigins?: { at: number; origins: string[] };
  /** Every allowed origin of every site (for routes that are not tied to one site, like threads). */
  async anyOrigins(): Promise<string[]> {
    if (this.allOrigins && Date.now() - this.allOrigins.at < 1000) return this.allOrigins.origins;
    const rows = await this.db.query<{ o: string }>('SELECT DISTINCT unnest(origins) AS o FROM sites');
    this.allOrigins = { at: Date.now(), origins: rows.map((r) => r.o) };
    return this.allOrigins.origins;
  }

  async createSite(input: { key: string; name: string; origins: string[]; settings?: SiteSettings; sample?: boolean }): Promise<Site> {
    const rows = await this.db.query(
      'INSERT INTO sites (key, name, origins, settings, sample) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING *',
      [input.key, input.name, input.origins, JSON.stringify(input.settings ?? {}), input.sample ?? false],
    );
    if (!rows[0]) throw new ConflictError('A site with this key already exists.');
    this.siteCache.delete(input.key);
    this.allOrigins = undefined;
    return this.toSite(rows[0]);
  }

  async updateSite(key: string, patch: { name?: string; origins?: string[]; settings?: SiteSettings }): Promise<Site> {
    const rows = await this.db.query(
      `UPDATE sites SET name = coalesce($2, name), origins = coalesce($3, origins), settings = settings || coalesce($4::jsonb, '{}'::jsonb)
       WHERE key = $1 RETURNING *`,
      [key, patch.name ?? null, patch.origins ?? null, patch.settings ? JSON.stringify(patch.settings) : null],
    );
    if (!rows[0]) throw new NotFoundError('No such site.');
    this.siteCache.delete(key);
    this.allOrigins = undefined;
    return this.toSite(rows[0]);
  }

  // ——— tokens ———

  /** Creates a team token; the token itself is returned once and stored only as its SHA-256. */
  async createToken(name: string, token = randomToken(32)): Promise<{ id: string; name: string; token: string }> {
    const id = randomUUID();
    await this.db.query('INSERT INTO tokens (id, name, hash) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [id, name, sha256(token)]);
    return { id, name, token };
  }

  async tokenCount(): Promise<number> {
    const [r] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE revoked_at IS NULL');
    return r.n;
  }

  /** The hash of an active token with this hash, if any (the caller compares in constant time). */
  async activeTokenHash(hash: string): Promise<string | undefined> {
    const [r] = await this.db.query<{ hash: string }>('SELECT hash FROM tokens WHERE hash = $1 AND revoked_at IS NULL', [hash]);
    return r?.hash;
  }

  async tokens(): Promise<Array<{ id: string; name: string; createdAt: string; revokedAt?: string }>> {
    return (await this.db.query('SELECT id, name, created_at, revoked_at FROM tokens ORDER BY created_at')).map((r) => ({
      id: r.id as string,
      name: r.name as string,
      createdAt: iso(r.created_at),
      ...(r.revoked_at ? { revokedAt: iso(r.revoked_at) } : {}),
    }));
  }

  async revokeToken(id: string): Promise<void> {
    const rows = await this.db.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
    if (!rows[0]) throw new NotFoundError('No such active token.');
  }

  // ——— events ———

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

  /**
   * Gives committed events their public ids in commit order and folds cloud deltas into cloud_terms, in one
   * transaction under a global lock (one instance at a time). Returns false when another instance holds it.
   */
  async sequence(batch = 5000): Promise<{ locked: boolean; sequenced: number; more: boolean }> {
    return this.db.tx(async (sql) => {
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
      await sql.query(
        `WITH d AS (
           DELETE FROM cloud_deltas WHERE id IN (SELECT id FROM cloud_deltas ORDER BY id LIMIT $1) RETURNING site, day, kind, topic, terms, delta
         )
         INSERT INTO cloud_terms (site, day, kind, topic, term, count)
         SELECT site, day, kind, topic, t, sum(delta)::int FROM d, unnest(d.terms) AS t
         GROUP BY site, day, kind, topic, t ORDER BY site, day, kind, topic, t
         ON CONFLICT (site, day, kind, topic, term) DO UPDATE SET count = cloud_terms.count + EXCLUDED.count`,
        [batch * 4],
      );
      return { locked: true, sequenced: rows.length, more: rows.length === batch };
    });
  }

  /**
   * Drops live events older than `eventDays` (a reconnect resumes at most that far back) and webhook deliveries
   * delivered or given up more than a week ago.
   */
  async prune(eventDays = 30): Promise<void> {
    await this.db.query('DELETE FROM events WHERE seq IS NOT NULL AND at < now() - make_interval(days => $1::int)', [eventDays]);
    await this.db.query(
      "DELETE FROM webhook_deliveries WHERE (delivered_at IS NOT NULL OR attempts >= $1) AND next_at < now() - interval '7 days'",
      [WEBHOOK_ATTEMPTS],
    );
  }

  /** Sequenced events of a site after `after`, oldest first. */
  async eventsAfter(site: string, after: string, limit = 1000): Promise<LiveEvent[]> {
    const rows = await this.db.query(
      'SELECT e.seq::text AS id, e.site, e.type, e.at, e.data FROM events e WHERE e.site = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3',
      [site, after, limit],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, site: r.site, at: iso(r.at), data: r.data }) as LiveEvent);
  }

  async lastEventId(site: string): Promise<string> {
    const [r] = await this.db.query<{ id: string }>('SELECT coalesce(max(seq), 0)::text AS id FROM events WHERE site = $1', [site]);
    return r.id;
  }

  // ——— submit ———

  /**
   * Stores one feedback item exactly once per (site, key), forever. The claim of the key, the row, the cloud
   * counts and the live events commit together.
   */
  private queue: PendingSubmit[] = [];
  private inFlight = 0;

  /**
   * Stores one feedback item exactly once per (site, key), forever. Submissions that arrive together are written
   * together (group commit): one statement claims the keys and writes the rows, cloud deltas, live events and
   * webhook deliveries of the whole batch, atomically, on either engine.
   */
  submit(site: Site, draft: FeedbackDraft, idempotencyKey: string): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ site, draft, idempotencyKey, keyHash: sha256(`${site.key}\n${idempotencyKey}`), resolve, reject });
      this.scheduleFlush();
    });
  }

  private flushScheduled = false;
  /** Flushes after the requests that are ready now have queued (PGlite runs on this thread and blocks it while it works). */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const max = this.db.engine === 'pglite' ? 1 : 2;
    while (this.queue.length && this.inFlight < max) {
      // one item per key in a batch; a repeat waits for the next batch, where it finds the claim
      const batch: PendingSubmit[] = [];
      const keys = new Set<string>();
      const rest: PendingSubmit[] = [];
      for (const item of this.queue) {
        if (batch.length < 500 && !keys.has(item.keyHash)) {
          keys.add(item.keyHash);
          batch.push(item);
        } else rest.push(item);
      }
      this.queue = rest;
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.scheduleFlush();
      });
    }
  }

  private async write(batch: PendingSubmit[]): Promise<void> {
    const rows = batch.map((item) => {
      const { site, draft, idempotencyKey } = item;
      const nonce = randomToken(16);
      const id = randomUUID();
      const receipt = deriveReceipt(idempotencyKey, nonce);
      const pending = site.settings.premoderation === true;
      const at = new Date().toISOString();
      const terms = [...new Set(termsOf(draft.text, { locale: draft.locale }))].sort();
      const feedbackEvent = { id, kind: draft.kind, createdAt: at, ...(draft.topic && { topic: draft.topic }) };
      item.result = { id, receipt, status: pending ? 'pending' : 'received' };
      item.bodyHash = sha256(canonicalJson(draft));
      return {
        site: site.key,
        key_hash: item.keyHash,
        body_hash: item.bodyHash,
        nonce,
        id,
        topic: draft.topic ?? null,
        kind: draft.kind,
        text: draft.text,
        page_url: draft.pageUrl ?? null,
        locale: draft.locale ?? null,
        status: item.result.status,
        contact_email: draft.contact?.email ?? null,
        receipt_hash: sha256(receipt),
        terms,
        created_at: at,
        pending,
        fev: feedbackEvent,
        cev: { kind: draft.kind, terms, ...(draft.topic && { topic: draft.topic }) },
        hook: JSON.parse(webhookPayload(site.key, 'feedback', feedbackEvent)!),
      };
    });
    let claimed: Set<string>;
    try {
      claimed = await this.writeRows(rows);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // one bad row must not fail the others: write them one by one
      await Promise.all(batch.map((item) => this.write([item])));
      return;
    }
    await Promise.all(
      batch.map(async (item) => {
        try {
          if (claimed.has(item.result!.id)) return item.resolve(item.result!);
          item.resolve(await this.prior(item));
        } catch (error) {
          item.reject(error);
        }
      }),
    );
  }

  /** One statement for the whole batch: everything after the claim happens only for the rows that made it. */
  private async writeRows(rows: object[]): Promise<Set<string>> {
    const [result] = await this.db.query<{ ids: string[] | null }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(site text, key_hash text, body_hash text, nonce text, id uuid, topic text, kind text,
           text text, page_url text, locale text, status text, contact_email text, receipt_hash text, terms jsonb, created_at timestamptz,
           pending boolean, fev jsonb, cev jsonb, hook jsonb)
       ), claim AS (
         INSERT INTO idempotency (site, key_hash, body_hash, nonce, feedback_id)
         SELECT site, key_hash, body_hash, nonce, id FROM input ON CONFLICT (site, key_hash) DO NOTHING RETURNING feedback_id
       ), c AS MATERIALIZED (
         SELECT i.*, ARRAY(SELECT jsonb_array_elements_text(i.terms)) AS term_list FROM input i JOIN claim ON claim.feedback_id = i.id
       ), t AS (
         INSERT INTO topics (site, slug, title) SELECT DISTINCT site, topic, topic FROM c WHERE topic IS NOT NULL ON CONFLICT DO NOTHING
       ), f AS (
         INSERT INTO feedback (id, site, kind, text, topic, page_url, locale, status, contact_email, receipt_hash, terms, created_at, updated_at)
         SELECT id, site, kind, text, topic, page_url, locale, status, contact_email, receipt_hash, term_list, created_at, created_at FROM c
       ), fo AS (
         INSERT INTO followers (site, topic, who, feedback_id, contact_email)
         SELECT site, topic, 'feedback:' || id::text, id, contact_email FROM c WHERE topic IS NOT NULL ON CONFLICT DO NOTHING
       ), d AS (
         INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta)
         SELECT site, (created_at AT TIME ZONE 'UTC')::date, kind, coalesce(topic, ''), term_list, 1 FROM c
         WHERE NOT pending AND cardinality(term_list) > 0
       ), ev AS (
         INSERT INTO events (site, type, data, at)
         SELECT c.site, x.type, x.data, c.created_at FROM c CROSS JOIN LATERAL (VALUES (1, 'feedback', c.fev), (2, 'cloud', c.cev)) AS x(n, type, data)
         WHERE NOT c.pending ORDER BY c.created_at, c.id, x.n
       ), w AS (
         INSERT INTO webhook_deliveries (webhook_id, payload)
         SELECT wh.id, c.hook FROM webhooks wh JOIN c ON wh.site = c.site WHERE 'feedback' = ANY(wh.events) AND NOT c.pending
       )
       SELECT (SELECT array_agg(id::text) FROM c) AS ids,
         (SELECT count(pg_notify($2, '')) FROM (SELECT 1 FROM c WHERE NOT pending LIMIT 1) x) AS notified`,
      [JSON.stringify(rows), PENDING_CHANNEL],
      'voc-submit-batch',
    );
    return new Set(result.ids ?? []);
  }

  /** The answer for a key claimed before: the original one for the same body, a conflict for another. */
  private async prior(item: PendingSubmit): Promise<SubmitResult> {
    const [prior] = await this.db.query<{ body_hash: string; nonce: string; feedback_id: string; status: string | null }>(
      `SELECT i.body_hash, i.nonce, i.feedback_id, f.status FROM idempotency i LEFT JOIN feedback f ON f.id = i.feedback_id
       WHERE i.site = $1 AND i.key_hash = $2`,
      [item.site.key, item.keyHash],
    );
    if (!prior) throw new Error('idempotency claim vanished');
    if (prior.body_hash !== item.bodyHash) throw new ConflictError('This idempotency key was already used for another submission.');
    return {
      id: prior.feedback_id,
      receipt: deriveReceipt(item.idempotencyKey, prior.nonce),
      status: (prior.status ?? 'withdrawn') as FeedbackStatus,
    };
  }

  /** Adds an item's terms to the cloud and tells live subscribers (when approved or restored). */
  private async countAndAnnounce(
    sql: Sql,
    f: { id: string; site: string; kind: Kind; topic?: string | null; terms: string[]; createdAt: string },
  ): Promise<void> {
    await this.addTerms(sql, f, 1);
    const topic = f.topic ?? undefined;
    await this.publish(sql, f.site, 'feedback', { id: f.id, kind: f.kind, createdAt: f.createdAt, ...(topic && { topic }) });
    await this.publish(sql, f.site, 'cloud', { kind: f.kind, terms: f.terms, ...(topic && { topic }) });
  }

  private async addTerms(
    sql: Sql,
    f: { site: string; kind: Kind; topic?: string | null; terms: string[]; createdAt: string },
    delta: 1 | -1,
  ) {
    if (f.terms.length === 0) return;
    await sql.query('INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES ($1, $2::date, $3, $4, $5, $6)', [
      f.site,
      f.createdAt.slice(0, 10),
      f.kind,
      f.topic ?? '',
      f.terms,
      delta,
    ]);
  }

  // ——— public reads ———

  async topic(sql: Sql, site: string, slug: string): Promise<Topic | undefined> {
    return (await this.topicsOf(sql, site, slug))[0];
  }

  async topicsOf(sql: Sql, site: string, slug?: string): Promise<Topic[]> {
    const rows = await sql.query(
      `SELECT t.*, (SELECT count(*)::int FROM followers fo WHERE fo.site = t.site AND fo.topic = t.slug) AS followers
       FROM topics t WHERE t.site = $1 AND ($2::text IS NULL OR t.slug = $2) ORDER BY t.slug`,
      [site, slug ?? null],
    );
    if (rows.length === 0) return [];
    const updates = await sql.query(
      'SELECT id, topic, at, status, message FROM topic_updates WHERE site = $1 AND ($2::text IS NULL OR topic = $2) ORDER BY at, id',
      [site, slug ?? null],
    );
    const counts = await sql.query<{ topic: string; kind: Kind; n: number }>(
      `SELECT topic, kind, count(*)::int AS n FROM feedback WHERE site = $1 AND topic IS NOT NULL AND ($2::text IS NULL OR topic = $2)
       AND status <> ALL($3) GROUP BY topic, kind`,
      [site, slug ?? null, PRIVATE_STATUSES],
    );
    return rows.map((r) => {
      const c = zero();
      for (const k of counts) if (k.topic === r.slug) c[k.kind] = k.n;
      return {
        slug: r.slug as string,
        title: r.title as string,
        status: r.status as TopicStatus,
        ...(r.incident ? { incident: r.incident as Topic['incident'] } : {}),
        updates: updates
          .filter((u) => u.topic === r.slug)
          .map((u) => ({
            id: u.id as string,
            at: iso(u.at),
            status: u.status as TopicStatus,
            ...(u.message ? { message: u.message as string } : {}),
          })),
        followers: r.followers as number,
        counts: c,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
      };
    });
  }

  async cloud(site: string, query: CloudQuery): Promise<CloudSnapshot> {
    const days = sinceDays(query.since);
    const rows = await this.db.query<Row>(
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
        term: r.term as string,
        counts: { compliment: r.compliment as number, idea: r.idea as number, complaint: r.complaint as number },
        total: r.total as number,
      })),
      generatedAt: new Date().toISOString(),
    };
  }

  async quotes(site: string, term: string, query: QuoteQuery): Promise<Quote[]> {
    const days = sinceDays(query.since);
    const rows = await this.db.query(
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
      id: r.id as string,
      kind: r.kind as Kind,
      text: r.text as string,
      createdAt: iso(r.created_at),
      ...(r.topic ? { topic: r.topic as string } : {}),
    }));
  }

  async feed(site: string, query: FeedQuery): Promise<FeedPage> {
    const topics = await this.topicsOf(this.db, site);
    const announcements = (await this.db.query('SELECT * FROM announcements WHERE site = $1 ORDER BY at DESC LIMIT 1000', [site])).map(
      (r) => this.toAnnouncement(r),
    );
    return feedPage(announcements, topics, query);
  }

  private toAnnouncement(r: Row): Announcement {
    return {
      id: r.id as string,
      site: r.site as string,
      at: iso(r.at),
      title: r.title as string,
      body: r.body as string,
      ...(r.topic ? { topic: r.topic as string } : {}),
    };
  }

  /**
   * The pulse, by core's one definition of every figure (`computePulse`), over only the rows it can touch:
   * public items of both periods, complaints not resolved (the backlog) and complaints confirmed in either period.
   */
  async pulse(site: string, since: PulseWindow = '30d'): Promise<Pulse> {
    const now = Date.now();
    const start = new Date(pulsePeriods(since, now).previous[0]).toISOString();
    const rows = await this.db.query(
      `SELECT f.* FROM feedback f WHERE f.site = $1 AND f.status <> ALL($2) AND (f.created_at >= $3 OR (f.kind = 'complaint'
         AND (f.status <> 'resolved' OR EXISTS (SELECT 1 FROM thread_entries e WHERE e.feedback_id = f.id AND e.type = 'confirmation' AND e.at >= $3))))`,
      [site, PRIVATE_STATUSES, start],
    );
    const entries = await this.db.query(
      'SELECT id, feedback_id, type, at, resolved FROM thread_entries WHERE feedback_id = ANY($1::uuid[]) ORDER BY at, id',
      [rows.map((r) => r.id as string)],
    );
    const items = rows.map((r) => ({
      feedback: toFeedback(r),
      receiptHash: '',
      terms: [],
      entries: entries
        .filter((e) => e.feedback_id === r.id)
        .map((e): ThreadEntry =>
          e.type === 'reply'
            ? { type: 'reply', id: e.id as string, feedbackId: r.id as string, at: iso(e.at), text: '' }
            : { type: 'confirmation', feedbackId: r.id as string, at: iso(e.at), resolved: e.resolved === true },
        ),
    }));
    const announcements = (await this.db.query('SELECT * FROM announcements WHERE site = $1 AND at >= $2', [site, start])).map((r) =>
      this.toAnnouncement(r),
    );
    return computePulse({ site, since, now, items, topics: await this.topicsOf(this.db, site), announcements });
  }

  // ——— threads ———

  private async byReceipt(sql: Sql, receipt: string): Promise<Row> {
    const [row] = await sql.query(RECEIPT_SQL, [sha256(receipt)]);
    if (!row || row.status === 'withdrawn') throw new NotFoundError('No feedback for this link.');
    return row;
  }

  private async threadOf(sql: Sql, row: Row): Promise<Thread> {
    const entries = await sql.query('SELECT * FROM thread_entries WHERE feedback_id = $1 ORDER BY at, id', [row.id]);
    const topic = row.topic ? await this.topic(sql, row.site as string, row.topic as string) : undefined;
    return {
      feedback: toFeedback(row),
      entries: entries.map((e): ThreadEntry =>
        e.type === 'reply'
          ? {
              type: 'reply',
              id: e.id as string,
              feedbackId: row.id as string,
              at: iso(e.at),
              text: e.text as string,
              ...(e.author ? { author: e.author as string } : {}),
            }
          : {
              type: 'confirmation',
              feedbackId: row.id as string,
              at: iso(e.at),
              resolved: e.resolved === true,
              ...(e.text ? { comment: e.text as string } : {}),
            },
      ),
      ...(topic && { topic }),
    };
  }

  /** The site of a receipt's feedback, for CORS; undefined when unknown. */
  async siteOfReceipt(receipt: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ site: string }>(RECEIPT_SQL, [sha256(receipt)]);
    return row?.site;
  }

  async thread(receipt: string): Promise<Thread> {
    return this.threadOf(this.db, await this.byReceipt(this.db, receipt));
  }

  async confirm(receipt: string, resolved: boolean, comment?: string): Promise<Thread> {
    return this.db.tx(async (sql) => {
      const row = await this.byReceipt(sql, receipt);
      await sql.query("INSERT INTO thread_entries (id, feedback_id, type, text, resolved) VALUES ($1, $2, 'confirmation', $3, $4)", [
        randomUUID(),
        row.id,
        comment || null,
        resolved,
      ]);
      const status = resolved ? 'resolved' : 'reopened';
      // a hidden or pending item keeps its moderation status
      const [updated] = await sql.query(
        `UPDATE feedback SET status = CASE WHEN status IN ('hidden', 'pending') THEN status ELSE $2 END, updated_at = now() WHERE id = $1 RETURNING *`,
        [row.id, status],
      );
      // only the id: whoever holds the receipt reloads the thread
      await this.publish(sql, row.site as string, 'thread', { id: row.id as string });
      return this.threadOf(sql, updated);
    });
  }

  /** Deletes an item and everything tied to it; its idempotency key stays claimed, with nothing left to match. */
  private async erase(sql: Sql, row: Row): Promise<void> {
    if (!PRIVATE_STATUSES.includes(row.status as string))
      await this.addTerms(
        sql,
        {
          site: row.site as string,
          kind: row.kind as Kind,
          topic: row.topic as string | null,
          terms: row.terms as string[],
          createdAt: iso(row.created_at),
        },
        -1,
      );
    await sql.query("UPDATE idempotency SET body_hash = 'erased' WHERE feedback_id = $1", [row.id]);
    await sql.query('DELETE FROM feedback WHERE id = $1', [row.id]);
  }

  async withdraw(receipt: string): Promise<void> {
    await this.db.tx(async (sql) => this.erase(sql, await this.byReceipt(sql, receipt)));
  }

  async meToo(site: string, slug: string, key: string, email?: string): Promise<{ followers: number }> {
    return this.db.tx(async (sql) => {
      const [t] = await sql.query('SELECT slug FROM topics WHERE site = $1 AND slug = $2', [site, slug]);
      if (!t) throw new NotFoundError('No such topic.');
      const added = await sql.query(
        'INSERT INTO followers (site, topic, who, contact_email) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING who',
        [site, slug, `key:${sha256(key)}`, email ?? null],
      );
      const topic = (await this.topic(sql, site, slug))!;
      if (added[0]) await this.publish(sql, site, 'topic', topic);
      return { followers: topic.followers };
    });
  }

  // ——— the team's side ———

  private toInbox(r: Row): InboxItem {
    return { ...toFeedback(r), ...(r.contact_email ? { contact: { email: r.contact_email as string } } : {}) };
  }

  async inbox(
    site: string,
    q: { status?: string; kind?: string; topic?: string; cursor?: string; limit?: number },
  ): Promise<{ items: InboxItem[]; next?: string }> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    let cursorAt: string | null = null;
    let cursorId: string | null = null;
    if (q.cursor) {
      const [at, id] = q.cursor.split('|');
      if (!at || !id || Number.isNaN(Date.parse(at)))
        throw new ValidationError('cursor', 'invalid', 'The cursor is not one this server gave.');
      cursorAt = at;
      cursorId = id;
    }
    const rows = await this.db.query(
      `SELECT * FROM feedback WHERE site = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
         AND ($4::text IS NULL OR topic = $4) AND ($5::timestamptz IS NULL OR (created_at, id::text) < ($5::timestamptz, $6::text))
       ORDER BY created_at DESC, id::text DESC LIMIT $7`,
      [site, q.status ?? null, q.kind ?? null, q.topic ?? null, cursorAt, cursorId, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => this.toInbox(r));
    const last = items[items.length - 1];
    return rows.length > limit ? { items, next: `${last.createdAt}|${last.id}` } : { items };
  }

  private async feedbackRow(sql: Sql, site: string, id: string): Promise<Row> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('No such feedback.');
    const [row] = await sql.query('SELECT * FROM feedback WHERE site = $1 AND id = $2', [site, id]);
    if (!row) throw new NotFoundError('No such feedback.');
    return row;
  }

  async feedbackItem(site: string, id: string): Promise<Thread & { feedback: InboxItem }> {
    const row = await this.feedbackRow(this.db, site, id);
    const thread = await this.threadOf(this.db, row);
    return { ...thread, feedback: this.toInbox(row) };
  }

  /** Moderation and triage: hide, restore, approve (pre-moderation), mark heard, group into a topic. */
  async moderate(site: string, id: string, action: 'hide' | 'restore' | 'approve' | 'heard'): Promise<InboxItem> {
    return this.db.tx(async (sql) => {
      const row = await this.feedbackRow(sql, site, id);
      const wasPublic = !PRIVATE_STATUSES.includes(row.status as string);
      const next =
        action === 'hide'
          ? 'hidden'
          : action === 'heard'
            ? wasPublic
              ? 'heard'
              : (row.status as string)
            : wasPublic
              ? (row.status as string)
              : 'received';
      const [updated] = await sql.query('UPDATE feedback SET status = $2, updated_at = now() WHERE id = $1 RETURNING *', [id, next]);
      const f = {
        id,
        site,
        kind: row.kind as Kind,
        topic: row.topic as string | null,
        terms: row.terms as string[],
        createdAt: iso(row.created_at),
      };
      if (wasPublic && next === 'hidden') await this.addTerms(sql, f, -1);
      if (!wasPublic && next === 'received') await this.countAndAnnounce(sql, f);
      return this.toInbox(updated);
    });
  }

  async groupIntoTopic(site: string, id: string, slug: string): Promise<InboxItem> {
    return this.db.tx(async (sql) => {
      const row = await this.feedbackRow(sql, site, id);
      const [t] = await sql.query('SELECT slug FROM topics WHERE site = $1 AND slug = $2', [site, slug]);
      if (!t) throw new NotFoundError('No such topic.');
      const [updated] = await sql.query(
        `UPDATE feedback SET topic = $2, status = CASE WHEN status = 'received' THEN 'heard' ELSE status END, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, slug],
      );
      await sql.query('DELETE FROM followers WHERE feedback_id = $1', [id]);
      await sql.query(
        'INSERT INTO followers (site, topic, who, feedback_id, contact_email) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [site, slug, `feedback:${id}`, id, row.contact_email ?? null],
      );
      return this.toInbox(updated);
    });
  }

  async reply(site: string, id: string, text: string, author?: string): Promise<ThreadEntry> {
    return this.db.tx(async (sql) => {
      await this.feedbackRow(sql, site, id);
      const entryId = randomUUID();
      const [e] = await sql.query(
        "INSERT INTO thread_entries (id, feedback_id, type, text, author) VALUES ($1, $2, 'reply', $3, $4) RETURNING at",
        [entryId, id, text, author ?? null],
      );
      await sql.query(
        `UPDATE feedback SET status = CASE WHEN status IN ('received', 'heard', 'reopened') THEN 'replied' ELSE status END, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.publish(sql, site, 'thread', { id });
      await this.mail?.reply(sql, site, id, { text, author });
      return { type: 'reply', id: entryId, feedbackId: id, at: iso(e.at), text, ...(author && { author }) };
    });
  }

  async createTopic(site: string, input: { slug: string; title: string; incident?: IncidentStatus; message?: string }): Promise<Topic> {
    return this.db.tx(async (sql) => {
      const incident = input.incident ? { status: input.incident, startedAt: new Date().toISOString() } : null;
      const rows = await sql.query(
        'INSERT INTO topics (site, slug, title, incident) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING slug',
        [site, input.slug, input.title, incident ? JSON.stringify(incident) : null],
      );
      if (!rows[0]) throw new ConflictError('A topic with this slug already exists.');
      if (input.incident)
        await sql.query('INSERT INTO topic_updates (id, site, topic, status, message) VALUES ($1, $2, $3, $4, $5)', [
          randomUUID(),
          site,
          input.slug,
          input.incident,
          input.message ?? null,
        ]);
      const topic = (await this.topic(sql, site, input.slug))!;
      await this.publish(sql, site, 'topic', topic);
      return topic;
    });
  }

  /** Moves a topic (or an incident) and publishes the dated update. */
  async updateTopic(site: string, slug: string, patch: { title?: string; status?: string; message?: string }): Promise<Topic> {
    return this.db.tx(async (sql) => {
      const [row] = await sql.query('SELECT * FROM topics WHERE site = $1 AND slug = $2 FOR UPDATE', [site, slug]);
      if (!row) throw new NotFoundError('No such topic.');
      if (patch.title)
        await sql.query('UPDATE topics SET title = $3, updated_at = now() WHERE site = $1 AND slug = $2', [site, slug, patch.title]);
      if (patch.status) {
        const incident = row.incident as { status: string; startedAt: string; resolvedAt?: string } | null;
        const isIncident = (INCIDENT_STATUSES as readonly string[]).includes(patch.status);
        const isTopic = (TOPIC_STATUSES as readonly string[]).includes(patch.status);
        if (incident && isIncident) {
          const next = {
            ...incident,
            status: patch.status,
            ...(patch.status === 'resolved' ? { resolvedAt: new Date().toISOString() } : {}),
          };
          await sql.query('UPDATE topics SET incident = $3, updated_at = now() WHERE site = $1 AND slug = $2', [
            site,
            slug,
            JSON.stringify(next),
          ]);
        } else if (isTopic)
          await sql.query('UPDATE topics SET status = $3, updated_at = now() WHERE site = $1 AND slug = $2', [site, slug, patch.status]);
        else
          throw new ValidationError(
            'status',
            'invalid',
            `Status must be one of ${[...TOPIC_STATUSES, ...(incident ? INCIDENT_STATUSES : [])].join(', ')}.`,
          );
        await sql.query('INSERT INTO topic_updates (id, site, topic, status, message) VALUES ($1, $2, $3, $4, $5)', [
          randomUUID(),
          site,
          slug,
          patch.status,
          patch.message ?? null,
        ]);
        const incidentMove = row.incident && (INCIDENT_STATUSES as readonly string[]).includes(patch.status);
        await this.mail?.topicNews(sql, site, slug, incidentMove ? 'incident' : 'status', {
          status: patch.status,
          ...(patch.message && { text: patch.message }),
        });
      }
      const topic = (await this.topic(sql, site, slug))!;
      await this.publish(sql, site, 'topic', topic);
      return topic;
    });
  }

  /** Tells everyone following a topic (and the public feed); returns how many followers it reaches. */
  async announce(
    site: string,
    input: { title: string; body: string; topic?: string },
  ): Promise<{ announcement: Announcement; followers: number }> {
    return this.db.tx(async (sql) => {
      let followers = 0;
      if (input.topic) {
        const [t] = await sql.query<{ n: number }>(
          'SELECT (SELECT count(*)::int FROM followers WHERE site = $1 AND topic = $2) AS n FROM topics WHERE site = $1 AND slug = $2',
          [site, input.topic],
        );
        if (!t) throw new NotFoundError('No such topic.');
        followers = t.n;
      }
      const [r] = await sql.query('INSERT INTO announcements (id, site, topic, title, body) VALUES ($1, $2, $3, $4, $5) RETURNING *', [
        randomUUID(),
        site,
        input.topic ?? null,
        input.title,
        input.body,
      ]);
      const announcement = this.toAnnouncement(r);
      await this.publish(sql, site, 'announcement', announcement);
      if (input.topic) await this.mail?.topicNews(sql, site, input.topic, 'announcement', { title: input.title, text: input.body });
      return { announcement, followers };
    });
  }

  async addWebhook(site: string, url: string, events: string[]): Promise<{ id: string; url: string; events: string[] }> {
    const id = randomUUID();
    await this.db.query('INSERT INTO webhooks (id, site, url, events) VALUES ($1, $2, $3, $4)', [id, site, url, events]);
    return { id, url, events };
  }

  async webhooks(site: string): Promise<Array<{ id: string; url: string; events: string[]; pending: number; failed: number }>> {
    return (
      await this.db.query(
        `SELECT w.id, w.url, w.events,
           (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts < $2) AS pending,
           (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts >= $2) AS failed
         FROM webhooks w WHERE site = $1 ORDER BY created_at`,
        [site, WEBHOOK_ATTEMPTS],
      )
    ).map((r) => ({
      id: r.id as string,
      url: r.url as string,
      events: r.events as string[],
      pending: r.pending as number,
      failed: r.failed as number,
    }));
  }

  async removeWebhook(site: string, id: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('No such webhook.');
    const rows = await this.db.query('DELETE FROM webhooks WHERE site = $1 AND id = $2 RETURNING id', [site, id]);
    if (!rows[0]) throw new NotFoundError('No such webhook.');
  }

  /** Claims due webhook deliveries (SKIP LOCKED: several instances share the work). */
  async dueDeliveries(limit = 20): Promise<Array<{ id: string; url: string; payload: unknown; attempts: number }>> {
    return this.db.tx(async (sql) => {
      const rows = await sql.query(
        `SELECT d.id::text AS id, w.url, d.payload, d.attempts FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.delivered_at IS NULL AND d.next_at <= now() AND d.attempts < $1 ORDER BY d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
        [WEBHOOK_ATTEMPTS, limit],
      );
      // lease them for a minute so another instance does not send them at the same time
      if (rows.length)
        await sql.query("UPDATE webhook_deliveries SET next_at = now() + interval '60 seconds' WHERE id = ANY($1::bigint[])", [
          rows.map((r) => r.id),
        ]);
      return rows as never;
    });
  }

  async deliveryDone(id: string, error?: string, attempts = 0): Promise<void> {
    if (!error) await this.db.query('UPDATE webhook_deliveries SET delivered_at = now(), attempts = attempts + 1 WHERE id = $1', [id]);
    else
      await this.db.query(
        'UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $2, next_at = now() + make_interval(secs => $3) WHERE id = $1',
        [id, error.slice(0, 500), Math.min(3600, 2 ** attempts * 5)],
      );
  }

  // ——— GDPR ———

  private async rowsFor(sql: Sql, who: { receipt?: string; email?: string }): Promise<Row[]> {
    if (who.receipt) return [await this.byReceipt(sql, who.receipt)];
    return sql.query('SELECT * FROM feedback WHERE lower(contact_email) = lower($1) ORDER BY created_at', [who.email]);
  }

  /** Everything stored about one person (by receipt, or by the email they gave). */
  async exportData(who: {
    receipt?: string;
    email?: string;
  }): Promise<{ feedback: Array<Thread & { feedback: InboxItem }>; follows: Array<{ site: string; topic: string }> }> {
    const rows = await this.rowsFor(this.db, who);
    const feedback = [];
    for (const r of rows) feedback.push({ ...(await this.threadOf(this.db, r)), feedback: this.toInbox(r) });
    const follows = who.email
      ? await this.db.query<{ site: string; topic: string }>(
          'SELECT site, topic FROM followers WHERE lower(contact_email) = lower($1) AND feedback_id IS NULL ORDER BY site, topic',
          [who.email],
        )
      : [];
    return { feedback, follows };
  }

  async deleteData(who: { receipt?: string; email?: string }): Promise<{ deleted: number }> {
    return this.db.tx(async (sql) => {
      const rows = await this.rowsFor(sql, who);
      for (const r of rows) await this.erase(sql, r);
      if (who.email) await sql.query('DELETE FROM followers WHERE lower(contact_email) = lower($1)', [who.email]);
      if (who.email) await this.mail?.forget(sql, who.email);
      return { deleted: rows.length };
    });
  }
}

export const WEBHOOK_ATTEMPTS = 8;

export function assertKind(value: unknown): Kind | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(KINDS as readonly string[]).includes(value))
    throw new ValidationError('kind', 'invalid', 'Kind must be compliment, idea or complaint.');
  return value as Kind;
}

export { VocError };
