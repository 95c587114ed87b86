import type { Db } from '../db.js';
import { DEFAULT_LIMITS, type Limit, type RateLimits } from '../http.js';
import { randomToken, sha256 } from '../util.js';

/**
 * Token buckets per class (read/write), site and hashed client address, kept in the database so every instance
 * on it enforces one limit. The address is hashed with a salt stored once in the database (shared by the
 * instances, never an address in clear).
 */
export class RateLimiter {
  private salt?: string;
  private readonly limits: RateLimits | false;

  constructor(
    private readonly db: Db,
    limits: RateLimits | false | undefined,
  ) {
    this.limits = limits === undefined ? DEFAULT_LIMITS : limits;
  }

  async start(): Promise<void> {
    await this.db.query("INSERT INTO server_settings (name, value) VALUES ('rate_salt', $1) ON CONFLICT (name) DO NOTHING", [
      randomToken(32),
    ]);
    const [row] = await this.db.query<{ value: string }>("SELECT value FROM server_settings WHERE name = 'rate_salt'");
    this.salt = row.value;
  }

  /** Seconds to wait, or 0 when the request may go ahead. A site's own limit replaces the server's. */
  async take(ip: string, site: string, kind: keyof RateLimits, own?: Limit): Promise<number> {
    const limit = own ?? (this.limits ? this.limits[kind] : undefined);
    if (!limit) return 0;
    const key = `${kind}\n${site}\n${sha256(`${this.salt}\n${ip}`)}`;
    const [row] = await this.db.query<{ wait: number }>(
      'SELECT take_token($1, $2, $3) AS wait',
      [key, limit.perMinute, limit.burst],
      'voc-take-token',
    );
    return row.wait;
  }
}
