import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db.js';

/**
 * HTTP caching and an in-process cache of public read answers (issue 16).
 *
 * A site's version is (last event sequence number, last read-model version): the sequencer NOTIFYs
 * `voc_events` with `site:seq` when events get ids, and writes that change a public read without a live event
 * NOTIFY `voc_reads` with `site:n` (n from the `read_versions` sequence). Every instance LISTENs to both, so every
 * instance knows each site's version without asking the database; the ETag is that version plus the UTC date
 * (windows move at midnight). A request whose If-None-Match is the current ETag gets 304 and no query; otherwise
 * an answer cached for the current version is sent; otherwise it is computed and kept.
 *
 * A write also marks its site changed on this instance at once (`markChanged`, a local counter that is part of
 * this instance's ETags), so a reader never gets an answer older than a write this instance acknowledged, even
 * before the write's notification arrives. Other instances learn of it by the notification (milliseconds later).
 * So ETags agree across instances only until a local write; a client that moves between instances then gets one
 * 200 instead of a 304, never a stale answer.
 *
 * The version must never count a write whose effect an answer kept under it lacks. So: a write marked inside its
 * transaction keeps the site out of the cache until its own notification (after the commit) arrives; a read-model
 * number that is not above the known one still counts as a change (a sequence hands out numbers in the order
 * transactions ask, not the order they commit, and a version read from the database may count one not committed
 * yet); event ids are given in commit order, under the sequencer's lock.
 *
 * One computation per answer runs at a time: the requests that arrive while one runs for the current version
 * take its answer; those that find one running for an older version wait for it and then share the next, started
 * for the version current then (or any later one: a computation that started after a request arrived answers it,
 * so a request waits for two computations at most however often writes move the version). After each submission,
 * 200 page loads cost one query, and each still gets an answer at least as new as the request.
 */

/** Cache-Control of public reads: a CDN or browser may keep an answer briefly and revalidate in the background. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=30';
/** Cache-Control of a customer's thread (behind a receipt): only the browser keeps it, and always revalidates. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/** NOTIFY `site:version` when a read model changed without a live event (moderation, erasure, grouping). */
export const READS_CHANNEL = 'voc_reads';
/** Versions are re-read from the database at least this often, in case a notification was lost. */
const RECHECK_MS = 60_000;
/** A write announced by `markChanged(site, version)` whose notification never came (it rolled back) stops counting. */
const UNSETTLED_MS = 10_000;
/**
 * At most one computation of an answer starts in this time (ms). While writes keep moving a site's version, every
 * request needs a computation started after it arrived, and they ran one right after another for as long as writes
 * came (a benchmark's million-item site ingested as fast as an empty site on its database without page loads, and
 * 82–93 % as fast with them: its reads cost more). A request now waits at most this long more, and its answer is
 * still one started after it arrived.
 */
export const COMPUTE_INTERVAL_MS = 100;

interface SiteVersion {
  seq: bigint;
  v: bigint;
  /** Changes this instance knows of beyond (seq, v): its own writes, and notifications that did not raise v. */
  local: number;
  checkedAt: number;
}

/** One computation of an answer: requests that may take it join it instead of starting their own. */
interface Flight {
  etag: string;
  /** Order of its start among arrivals (`ReadCache.clock`). */
  started: number;
  promise: Promise<unknown>;
}

const caches = new Set<ReadCache>();

/**
 * A write changed what a site's public reads show. Without `version`: called after the write committed. With
 * `version`: called inside the write's transaction, which NOTIFYs `site:version` on READS_CHANNEL at its commit;
 * until that notification arrives (or UNSETTLED_MS passes), no answer of the site is kept, served from memory or
 * confirmed by a 304 on this instance, since an answer computed before the commit could be kept under a version
 * that already counts the write.
 */
export function markChanged(site: string, version?: string | number | bigint): void {
  for (const cache of caches) cache.markChanged(site, version);
}

export class ReadCache {
  private readonly versions = new Map<string, SiteVersion>();
  /** Version reads under way, by site: requests that find no version share one query. */
  private readonly versionReads = new Map<string, Promise<SiteVersion>>();
  /** Writes announced in a transaction whose notification has not arrived, by site: version → when it stops counting. */
  private readonly unsettled = new Map<string, Map<string, number>>();
  private readonly entries = new Map<string, { etag: string; body: unknown }>();
  /**
   * The computation under way, by key: at most one per answer at a time. A request that finds one for an older
   * version waits for it to end and then takes the next, started for the version current then (so every answer
   * is as new as its request, and 200 page loads after a submission cost one query, not 200).
   */
  private readonly flights = new Map<string, Flight>();
  /** Answers whose last computation started less than `interval` ms ago, by key: when the next may start. */
  private readonly cooling = new Map<string, Promise<void>>();
  /** Counts arrivals and starts of computations (their order). */
  private clock = 0;
  /** Site of a thread, by the hash of its receipt (immutable). */
  private readonly receiptSites = new Map<string, string>();
  private stops: Array<() => Promise<void>> = [];
  /** Each answer's JSON as sent, made once: the page loads that share an answer do not serialize it again each. */
  private readonly json = new WeakMap<object, Buffer>();
  /** Answers served from memory, 304s, and computations (misses: requests that waited for one), for tests and the benchmark. */
  readonly stats = { hits: 0, notModified: 0, misses: 0, computed: 0 };

  /** Answers kept in memory at most. */
  private readonly maxEntries: number;
  /** At most one computation of an answer starts in this time (ms). */
  private readonly interval: number;

  constructor(
    private readonly db: Db,
    /** The channel on which the sequencer announces `site:seq` (EVENTS_CHANNEL in store/rows.ts). */
    private readonly eventsChannel: string,
    options: { maxEntries?: number; intervalMs?: number } = {},
  ) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.interval = options.intervalMs ?? COMPUTE_INTERVAL_MS;
  }

  async start(): Promise<void> {
    caches.add(this);
    this.stops.push(await this.db.listen(this.eventsChannel, (p) => this.heard(p, 'seq')));
    this.stops.push(await this.db.listen(READS_CHANNEL, (p) => this.heard(p, 'v')));
  }

  async stop(): Promise<void> {
    caches.delete(this);
    for (const stop of this.stops) await stop();
    this.stops = [];
  }

  /** This instance's sequencer gave `site` events up to `seq`: as the notification will tell, but before the stream gets them. */
  sequenced(site: string, seq: string): void {
    this.heard(`${site}:${seq}`, 'seq');
  }

  private heard(payload: string, field: 'seq' | 'v'): void {
    const cut = payload.lastIndexOf(':');
    const site = payload.slice(0, cut);
    const raw = payload.slice(cut + 1);
    if (field === 'v') {
      const pending = this.unsettled.get(site);
      if (pending?.delete(raw) && pending.size === 0) this.unsettled.delete(site);
    }
    const state = this.versions.get(site);
    if (!state) return; // not read here yet: its version is read when first needed
    const value = BigInt(raw);
    if (value > state[field]) state[field] = value;
    // Read versions come from a sequence, which hands out numbers in the order transactions ask, not the order
    // they commit, and a version read from the database may count a transaction not committed yet: a number not
    // above the one known is still a change that was not seen (event ids are given in commit order: seq never is)
    else if (field === 'v') state.local++;
  }

  markChanged(site: string, version?: string | number | bigint): void {
    const state = this.versions.get(site);
    if (state) state.local++;
    if (version === undefined) return;
    let pending = this.unsettled.get(site);
    if (!pending) this.unsettled.set(site, (pending = new Map()));
    pending.set(String(version), Date.now() + UNSETTLED_MS);
  }

  /** Whether every write announced for `site` in a transaction has been heard of since (or given up). */
  private settled(site: string): boolean {
    const pending = this.unsettled.get(site);
    if (!pending) return true;
    const now = Date.now();
    for (const [version, until] of pending) if (until <= now) pending.delete(version);
    if (pending.size) return false;
    this.unsettled.delete(site);
    return true;
  }

  /** The current ETag of a site's reads. */
  private async etag(site: string): Promise<string> {
    const now = Date.now();
    let state = this.versions.get(site);
    if (!state || now - state.checkedAt > RECHECK_MS) {
      let reading = this.versionReads.get(site);
      if (!reading) {
        reading = this.readVersion(site, now).finally(() => this.versionReads.delete(site));
        this.versionReads.set(site, reading);
      }
      state = await reading;
    }
    return format(state, now);
  }

  /** The ETag of a site as this instance knows it now (no query). */
  private etagNow(site: string): string | undefined {
    const state = this.versions.get(site);
    return state && format(state, Date.now());
  }

  private async readVersion(site: string, now: number): Promise<SiteVersion> {
    const [r] = await this.db.query<{ seq: string; v: string }>(
      `SELECT coalesce(max(seq), 0)::text AS seq, (SELECT last_value FROM read_versions)::text AS v FROM events WHERE site = $1`,
      [site],
      'voc-read-version',
    );
    const state = this.versions.get(site);
    // notifications heard meanwhile, and this instance's own changes, are kept
    const next = { seq: BigInt(r.seq), v: BigInt(r.v), local: (state?.local ?? 0) + 1, checkedAt: now };
    if (state) {
      next.seq = next.seq > state.seq ? next.seq : state.seq;
      next.v = next.v > state.v ? next.v : state.v;
    }
    this.versions.set(site, next);
    return next;
  }

  /**
   * Answers a public GET with caching: `site` is the site whose version the answer follows (undefined for a
   * thread whose site is not known yet), `compute` the read itself.
   */
  async serve<T>(
    req: FastifyRequest,
    reply: FastifyReply,
    site: string | undefined,
    compute: () => Promise<T>,
    options: { private?: boolean; siteOf?: (answer: T) => string } = {},
  ): Promise<T | Buffer | undefined> {
    const arrived = ++this.clock;
    const key = options.private ? createHash('sha256').update(req.url).digest('base64url') : req.url;
    site ??= this.receiptSites.get(key);
    reply.header('cache-control', options.private ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
    if (!site) {
      // a thread seen for the first time: its site (and so its version) is known once it is read
      this.stats.misses++;
      this.stats.computed++;
      const answer = await compute();
      if (options.siteOf) {
        if (this.receiptSites.size >= this.maxEntries) this.receiptSites.clear();
        this.receiptSites.set(key, options.siteOf(answer));
      }
      return answer;
    }
    let waited = false;
    for (;;) {
      const etag = await this.etag(site);
      const settled = this.settled(site);
      if (settled) {
        if (!waited && matches(req.headers['if-none-match'], etag)) {
          reply.header('etag', etag);
          this.stats.notModified++;
          await reply.code(304).send();
          return undefined;
        }
        const hit = this.entries.get(key);
        if (hit?.etag === etag) {
          reply.header('etag', etag);
          if (waited) this.stats.misses++;
          else this.stats.hits++;
          // most recently used last: the oldest entries go first
          this.entries.delete(key);
          this.entries.set(key, hit);
          return this.send(reply, hit.body);
        }
      }
      const flight = this.flights.get(key);
      // a computation started after this request arrived answers it, whatever changed since (it reads every write
      // acknowledged before the request, and later ones too; its ETag is the version it started at), and so does one
      // for this version while no write is in flight. Without the first, a request could wait for one computation
      // after another while writes keep moving the version (each ended computation would be for an older one)
      if (flight && (flight.started > arrived || (flight.etag === etag && settled))) {
        this.stats.misses++;
        reply.header('etag', flight.etag);
        return flight.promise.then((answer) => this.send(reply, answer));
      }
      if (flight) {
        // one computation per answer at a time: the next starts when this one ends, for the version current then
        waited = true;
        await flight.promise.catch(() => {});
        continue;
      }
      const cooling = this.cooling.get(key);
      if (cooling) {
        // the last computation of this answer started moments ago: the next starts when the interval is over
        waited = true;
        await cooling;
        continue;
      }
      if (this.interval > 0) {
        const next = new Promise<void>((resolve) => setTimeout(resolve, this.interval).unref());
        this.cooling.set(key, next);
        // gone before the requests waiting for it look again (their callbacks come after this one)
        void next.then(() => this.cooling.get(key) === next && this.cooling.delete(key));
      }
      this.stats.misses++;
      this.stats.computed++;
      reply.header('etag', etag);
      const started = ++this.clock;
      const promise = compute().then((answer) => {
        // kept only if nothing changed while it was computed (then it is exactly this version's answer), and kept
        // before the requests waiting for this computation look again
        if (settled && this.settled(site) && this.etagNow(site) === etag) {
          this.entries.set(key, { etag, body: answer });
          if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        }
        return answer;
      });
      this.flights.set(key, { etag, started, promise });
      // gone before anyone waiting for it looks again (their callbacks come after this one)
      const land = () => {
        if (this.flights.get(key)?.promise === promise) this.flights.delete(key);
      };
      promise.then(land, land);
      return promise.then((answer) => this.send(reply, answer));
    }
  }

  /** The JSON of a shared answer, serialized by the route's response schema once (a Buffer is sent as it is). */
  private send(reply: FastifyReply, answer: unknown): Buffer {
    let json = this.json.get(answer as object);
    if (!json) this.json.set(answer as object, (json = Buffer.from(reply.serialize(answer) as string)));
    reply.type('application/json; charset=utf-8');
    return json;
  }
}

const format = (state: SiteVersion, now: number) =>
  `W/"${state.seq}-${state.v}-${state.local}-${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}"`;

/** If-None-Match against a weak ETag (weak comparison, as RFC 9110 asks for GET). */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = etag.replace(/^W\//, '');
  return ([] as string[])
    .concat(header)
    .flatMap((h) => h.split(','))
    .some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === wanted);
}
