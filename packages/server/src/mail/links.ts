import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db, Sql } from '../db.js';
import { randomToken, sha256 } from '../util.js';

/** What a signed mail link may do: each link does one thing only. */
export type LinkPurpose = 'confirm' | 'reopen' | 'unsubscribe' | 'digest';

export interface LinkClaims {
  /** purpose */
  p: LinkPurpose;
  /** the feedback item (confirm, reopen) */
  f?: string;
  /** the hashed address (unsubscribe, digest) */
  e?: string;
  /** scope of an unsubscribe: '*' or 'site/slug' */
  s?: string;
  /** expiry, seconds since the epoch */
  x: number;
}

/**
 * Signs and checks the links in mails with this installation's secret (VOC_SECRET, or one generated on first
 * start and kept in the database). Tokens carry no address, only its hash.
 */
export class LinkSigner {
  private constructor(private readonly secret: string) {}

  static async open(db: Db, secret?: string): Promise<LinkSigner> {
    if (secret) return new LinkSigner(secret);
    await db.query("INSERT INTO server_secrets (name, value) VALUES ('links', $1) ON CONFLICT DO NOTHING", [randomToken(32)]);
    const [row] = await db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'links'");
    return new LinkSigner(row.value);
  }

  private mac(data: string): Buffer {
    return createHmac('sha256', this.secret).update(data).digest().subarray(0, 18);
  }

  sign(claims: LinkClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The claims of a valid, unexpired token for `purpose`, or undefined. */
  verify(token: unknown, purposes: LinkPurpose[]): LinkClaims | undefined {
    if (typeof token !== 'string' || token.length > 600) return undefined;
    const [body, sig] = token.split('.');
    if (!body || !sig) return undefined;
    const given = Buffer.from(sig, 'base64url');
    const want = this.mac(body);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
      if (!purposes.includes(claims.p) || typeof claims.x !== 'number' || claims.x * 1000 < Date.now()) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }

  /**
   * The receipt in a mail's thread link: a second receipt of the item, derived from the secret so a mail sent again
   * after a crash carries the same link, and stored only hashed like every receipt.
   */
  threadReceipt(feedbackId: string): string {
    return createHmac('sha256', this.secret).update(`thread:${feedbackId}`).digest().subarray(0, 16).toString('base64url');
  }

  /** Records the hash of the thread receipt so the public thread routes accept it. */
  async rememberThreadReceipt(sql: Sql, feedbackId: string): Promise<void> {
    await sql.query('INSERT INTO receipt_links (hash, feedback_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      sha256(this.threadReceipt(feedbackId)),
      feedbackId,
    ]);
  }
}

/** The hash under which an address is remembered for suppressions, preferences and the hourly cap. */
export const emailHash = (email: string): string => sha256(`mail:${email.trim().toLowerCase()}`);
