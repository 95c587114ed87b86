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
 */

/** Cache-Control of public reads: a CDN or browser may keep an answer briefly and revalidate in the background. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=30';
/** Cache-Control of a customer's thread (behind a receipt): only the browser keeps it, and always revalidates. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/** NOTIFY `site:version` when a read model changed without a live event (moderation, erasure, grouping). */
export const READS_CHANNEL = 'voc_reads';
/** Versions are re-read from the database at least this often, in case a notification was lost. */
const RECHECK_MS = 60_000;

interface SiteVersion {
  seq: bigint;
  v: bigint;
  /** Writes of this instance to the site (whatever their notifications). */
  local: number;
  checkedAt: number;
}

const caches = new Set<ReadCache>();

/** A write changed what a site's public reads show (called inside the write, before it commits). */
export function markChanged(site: string): void {
  for (const cache of caches) cache.markChanged(site);
}

export class ReadCache {
  private readonly versions = new Map<string, SiteVersion>();
  private readonly entries = new Map<string, { etag: string; body: unknown }>();
  /** Computations under way, by key and ETag: requests that arrive meanwhile share them (one query, not hundreds). */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Site of a thread, by the hash of its receipt (immutable). */
  private readonly receiptSites = new Map<string, string>();
  private stops: Array<() => Promise<void>> = [];
  /** Answers served from memory and 304s, for tests and the benchmark. */
  readonly stats = { hits: 0, notModified: 0, misses: 0 };

  constructor(
    private readonly db: Db,
    /** The channel on which the sequencer announces `site:seq` (EVENTS_CHANNEL in store/rows.ts). */
    private readonly eventsChannel: string,
    private readonly maxEntries = 2000,
  ) {}

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

  private heard(payload: string, field: 'seq' | 'v'): void {
    const cut = payload.lastIndexOf(':');
    const state = this.versions.get(payload.slice(0, cut));
    if (!state) return; // not read here yet: its version is read when first needed
    const value = BigInt(payload.slice(cut + 1));
    if (value > state[field]) state[field] = value;
  }

  markChanged(site: string): void {
    const state = this.versions.get(site);
    if (state) state.local++;
  }

  /** The current ETag of a site's reads. */
  private async etag(site: string): Promise<string> {
    const now = Date.now();
    let state = this.versions.get(site);
    if (!state || now - state.checkedAt > RECHECK_MS) {
      const [r] = await this.db.query<{ seq: string; v: string }>(
        `SELECT coalesce(max(seq), 0)::text AS seq, (SELECT last_value FROM read_versions)::text AS v FROM events WHERE site = $1`,
        [site],
        'voc-read-version',
      );
      const next = { seq: BigInt(r.seq), v: BigInt(r.v), local: (state?.local ?? 0) + 1, checkedAt: now };
      if (state) {
        next.seq = next.seq > state.seq ? next.seq : state.seq;
        next.v = next.v > state.v ? next.v : state.v;
      }
      this.versions.set(site, (state = next));
    }
    return `W/"${state.seq}-${state.v}-${state.local}-${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}"`;
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
  ): Promise<T | undefined> {
    const key = options.private ? createHash('sha256').update(req.url).digest('base64url') : req.url;
    site ??= this.receiptSites.get(key);
    const etag = site ? await this.etag(site) : undefined;
    reply.header('cache-control', options.private ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
    if (etag) {
      reply.header('etag', etag);
      if (matches(req.headers['if-none-match'], etag)) {
        this.stats.notModified++;
        await reply.code(304).send();
        return undefined;
      }
      const hit = this.entries.get(key);
      if (hit?.etag === etag) {
        this.stats.hits++;
        // most recently used last: the oldest entries go first
        this.entries.delete(key);
        this.entries.set(key, hit);
        return hit.body as T;
      }
    }
    this.stats.misses++;
    const flight = etag ? `${key}\n${etag}` : undefined;
    const shared = flight ? (this.inFlight.get(flight) as Promise<T> | undefined) : undefined;
    if (shared) return shared;
    const computing = compute();
    if (flight) {
      this.inFlight.set(flight, computing);
      void computing.then(
        () => this.inFlight.delete(flight),
        () => this.inFlight.delete(flight),
      );
    }
    const answer = await computing;
    if (options.siteOf && !site) {
      if (this.receiptSites.size >= this.maxEntries) this.receiptSites.clear();
      this.receiptSites.set(key, options.siteOf(answer));
    }
    if (etag && site && (await this.etag(site)) === etag) {
      this.entries.set(key, { etag, body: answer });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return answer;
  }
}

/** If-None-Match against a weak ETag (weak comparison, as RFC 9110 asks for GET). */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = etag.replace(/^W\//, '');
  return ([] as string[])
    .concat(header)
    .flatMap((h) => h.split(','))
    .some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === wanted);
}
