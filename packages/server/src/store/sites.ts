import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@voc-kit/protocol/errors.js';
import type { Db } from '../db.js';
import type { MailOutbox } from '../mail/outbox.js';
import { iso, randomToken, sha256 } from '../util.js';
import { toSite, type Site, type SiteRow, type SiteSettings, type TokenRow } from './rows.js';

/** Sites (with their allowed origins and settings) and team tokens. */
export class SiteStore {
  private siteCache = new Map<string, { at: number; site: Promise<Site | null> }>();
  private allOrigins?: { at: number; origins: string[] };
  /** Mail to consenting customers, written in the transaction of each action (set by createServer). */
  mail?: MailOutbox;

  constructor(readonly db: Db) {}

  /**
   * A site by key, cached for a second so CORS checks do not hit the database on every request; the requests that
   * arrive while it is read share that one read.
   */
  site(key: string): Promise<Site | null> {
    const hit = this.siteCache.get(key);
    if (hit && Date.now() - hit.at < 1000) return hit.site;
    const site = this.db
      .query<SiteRow>('SELECT * FROM sites WHERE key = $1', [key], 'voc-site')
      .then(([row]) => (row ? toSite(row) : null));
    if (this.siteCache.size > 10_000) this.siteCache.clear();
    const entry = { at: Date.now(), site };
    this.siteCache.set(key, entry);
    // a failed read is not kept
    site.catch(() => this.siteCache.get(key) === entry && this.siteCache.delete(key));
    return site;
  }

  async requireSite(key: string): Promise<Site> {
    const site = await this.site(key);
    if (!site) throw new NotFoundError('No such site.');
    return site;
  }

  async sites(): Promise<Site[]> {
    return (await this.db.query<SiteRow>('SELECT * FROM sites ORDER BY key')).map(toSite);
  }

  /** Every allowed origin of every site (for routes that are not tied to one site, like threads). */
  async anyOrigins(): Promise<string[]> {
    if (this.allOrigins && Date.now() - this.allOrigins.at < 1000) return this.allOrigins.origins;
    const rows = await this.db.query<{ o: string }>('SELECT DISTINCT unnest(origins) AS o FROM sites');
    this.allOrigins = { at: Date.now(), origins: rows.map((r) => r.o) };
    return this.allOrigins.origins;
  }

  async createSite(input: { key: string; name: string; origins: string[]; settings?: SiteSettings; sample?: boolean }): Promise<Site> {
    const rows = await this.db.query<SiteRow>(
      'INSERT INTO sites (key, name, origins, settings, sample) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING *',
      [input.key, input.name, input.origins, JSON.stringify(input.settings ?? {}), input.sample ?? false],
    );
    if (!rows[0]) throw new ConflictError('A site with this key already exists.');
    this.siteCache.delete(input.key);
    this.allOrigins = undefined;
    return toSite(rows[0]);
  }

  async updateSite(key: string, patch: { name?: string; origins?: string[]; settings?: SiteSettings }): Promise<Site> {
    const rows = await this.db.query<SiteRow>(
      `UPDATE sites SET name = coalesce($2, name), origins = coalesce($3, origins), settings = settings || coalesce($4::jsonb, '{}'::jsonb)
       WHERE key = $1 RETURNING *`,
      [key, patch.name ?? null, patch.origins ?? null, patch.settings ? JSON.stringify(patch.settings) : null],
    );
    if (!rows[0]) throw new NotFoundError('No such site.');
    this.siteCache.delete(key);
    this.allOrigins = undefined;
    return toSite(rows[0]);
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
    return (await this.db.query<TokenRow>('SELECT id, name, created_at, revoked_at FROM tokens ORDER BY created_at')).map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: iso(r.created_at),
      ...(r.revoked_at ? { revokedAt: iso(r.revoked_at) } : {}),
    }));
  }

  async revokeToken(id: string): Promise<void> {
    const rows = await this.db.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
    if (!rows[0]) throw new NotFoundError('No such active token.');
  }
}
