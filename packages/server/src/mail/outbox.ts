import { randomUUID } from 'node:crypto';
import type { Db, Sql } from '../db.js';
import { LinkSigner, emailHash } from './links.js';
import type { MailKind, MailPayload } from './render.js';

export interface MailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (VOC_SMTP_URL). */
  smtpUrl?: string;
  /** Sender, e.g. `"Café Aurora" <care@example.com>` (VOC_MAIL_FROM). */
  from?: string;
  /** Base of every link in a mail (VOC_PUBLIC_URL); defaults to the address the server listens on. */
  publicUrl?: string;
  /** Secret that signs mail links (VOC_SECRET); without it one is generated and kept in the database. */
  secret?: string;
  /** Without SMTP: keep mails in the dev mailbox (development) instead of turning mail off. */
  devMailbox?: boolean;
  /** Deliver from this instance (default true); every instance may, rows are claimed. */
  deliver?: boolean;
  /** How long a claimed row is this instance's before another may send it again (default 60 s). */
  leaseMs?: number;
  /** How often the worker looks for due mail when nothing wakes it (default 1 s). */
  pollMs?: number;
  /** Rows claimed at once (default 100) and messages in flight at once (default 16). */
  batch?: number;
  concurrency?: number;
  /** At most one mail per address and topic in this time; what comes meanwhile goes out as one digest (default 1 h). */
  capMs?: number;
}

/** Woken when rows are written, so mail goes out at once instead of at the next poll. */
export const MAIL_CHANNEL = 'voc_mail';
const OWN_WORDS_MAX = 300;

interface Recipient {
  email: string;
  locale: string | null;
  feedbackId: string | null;
  kind: MailKind;
}

/**
 * The mail outbox: every message is a row written in the transaction of the action that causes it (a reply, an
 * announcement, a status move, an incident update), only for addresses given with consent and not unsubscribed.
 * `MailWorker` delivers the rows.
 */
export class MailOutbox {
  private constructor(
    readonly db: Db,
    readonly options: MailOptions,
    readonly signer: LinkSigner,
    /** false: production without SMTP, nothing is written. */
    readonly enabled: boolean,
  ) {}

  static async open(db: Db, options: MailOptions): Promise<MailOutbox> {
    const enabled = Boolean(options.smtpUrl) || options.devMailbox === true;
    return new MailOutbox(db, options, await LinkSigner.open(db, options.secret), enabled);
  }

  get capSeconds(): number {
    return (this.options.capMs ?? 3_600_000) / 1000;
  }

  private async siteName(sql: Sql, site: string): Promise<string> {
    const [row] = await sql.query<{ name: string }>('SELECT name FROM sites WHERE key = $1', [site]);
    return row?.name ?? site;
  }

  private async wake(sql: Sql): Promise<void> {
    await sql.query(`SELECT pg_notify('${MAIL_CHANNEL}', '')`);
  }

  /** A team reply: to the customer who wrote the item, if they consented. */
  async reply(sql: Sql, site: string, feedbackId: string, input: { text: string; author?: string }): Promise<number> {
    if (!this.enabled) return 0;
    const [f] = await sql.query<{ contact_email: string | null; locale: string | null; text: string; topic: string | null }>(
      'SELECT contact_email, locale, text, topic FROM feedback WHERE id = $1',
      [feedbackId],
    );
    if (!f?.contact_email || (await this.suppressed(sql, [emailHash(f.contact_email)], f.topic ? `${site}/${f.topic}` : null)).size)
      return 0;
    await this.signer.rememberThreadReceipt(sql, feedbackId);
    const original = f.text.length > OWN_WORDS_MAX ? `${f.text.slice(0, OWN_WORDS_MAX - 1)}…` : f.text;
    const payload: MailPayload = { siteName: await this.siteName(sql, site), text: input.text, original, author: input.author };
    await sql.query(
      `INSERT INTO mail_outbox (id, site, to_email, email_hash, kind, topic, feedback_id, locale, payload)
       VALUES ($1, $2, $3, $4, 'reply', NULL, $5, $6, $7)`,
      [randomUUID(), site, f.contact_email, emailHash(f.contact_email), feedbackId, f.locale ?? 'en', JSON.stringify(payload)],
    );
    await this.wake(sql);
    return 1;
  }

  /**
   * News on a topic (an announcement, a status move, an incident update) to everyone following it who consented.
   * When a topic moves to done, the people whose complaint it holds get "is it resolved for you?" instead.
   */
  async topicNews(
    sql: Sql,
    site: string,
    slug: string,
    kind: 'announcement' | 'status' | 'incident',
    input: Omit<MailPayload, 'siteName' | 'topic' | 'topicTitle'>,
  ): Promise<number> {
    if (!this.enabled) return 0;
    const [topic] = await sql.query<{ title: string }>('SELECT title FROM topics WHERE site = $1 AND slug = $2', [site, slug]);
    if (!topic) return 0;
    const rows = await sql.query<{
      email: string;
      locale: string | null;
      feedback_id: string | null;
      kind: string | null;
      status: string | null;
    }>(
      `SELECT fo.contact_email AS email, coalesce(f.locale, fo.locale) AS locale, f.id AS feedback_id, f.kind, f.status
         FROM followers fo LEFT JOIN feedback f ON f.id = fo.feedback_id
        WHERE fo.site = $1 AND fo.topic = $2 AND fo.contact_email IS NOT NULL
        ORDER BY (f.kind = 'complaint') DESC NULLS LAST, fo.created_at`,
      [site, slug],
    );
    const askable = (r: (typeof rows)[number]) =>
      kind === 'status' &&
      input.status === 'done' &&
      r.kind === 'complaint' &&
      !['resolved', 'hidden', 'pending', 'withdrawn'].includes(r.status ?? '');
    // one mail per address: the first row of an address wins (complaints first, so the ask is not lost)
    const byHash = new Map<string, Recipient>();
    for (const r of rows) {
      const hash = emailHash(r.email);
      if (!byHash.has(hash))
        byHash.set(hash, {
          email: r.email,
          locale: r.locale,
          feedbackId: askable(r) ? r.feedback_id : null,
          kind: askable(r) ? 'ask' : kind,
        });
    }
    const blocked = await this.suppressed(sql, [...byHash.keys()], `${site}/${slug}`);
    const recipients = [...byHash].filter(([hash]) => !blocked.has(hash));
    if (recipients.length === 0) return 0;
    for (const [, r] of recipients) if (r.feedbackId) await this.signer.rememberThreadReceipt(sql, r.feedbackId);
    const payload: MailPayload = { siteName: await this.siteName(sql, site), topic: slug, topicTitle: topic.title, ...input };
    await sql.query(
      `INSERT INTO mail_outbox (id, site, to_email, email_hash, kind, topic, feedback_id, locale, payload, next_attempt_at)
       SELECT r.id, $1, r.email, r.hash, r.kind, $2, r.fid, coalesce(r.locale, 'en'), $3::jsonb,
              CASE WHEN p.mode = 'daily' THEN date_trunc('day', now()) + interval '1 day 7 hours'
                   ELSE greatest(now(), coalesce(t.last_sent_at + make_interval(secs => $4::float8), now())) END
         FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[]) AS r(id, email, hash, kind, fid, locale)
         LEFT JOIN mail_prefs p ON p.email_hash = r.hash
         LEFT JOIN mail_throttle t ON t.email_hash = r.hash AND t.topic_key = $11`,
      [
        site,
        slug,
        JSON.stringify(payload),
        this.capSeconds,
        recipients.map(() => randomUUID()),
        recipients.map(([, r]) => r.email),
        recipients.map(([hash]) => hash),
        recipients.map(([, r]) => r.kind),
        recipients.map(([, r]) => r.feedbackId),
        recipients.map(([, r]) => r.locale),
        `${site}/${slug}`,
      ],
    );
    await this.wake(sql);
    return recipients.length;
  }

  /** The hashes among `hashes` that must get no mail (unsubscribed from everything or this topic, bounced). */
  private async suppressed(sql: Sql, hashes: string[], topicKey: string | null): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows = await sql.query<{ email_hash: string }>(
      `SELECT DISTINCT email_hash FROM mail_suppressions WHERE email_hash = ANY($1::text[]) AND (scope = '*' OR scope = $2)`,
      [hashes, topicKey ?? '*'],
    );
    return new Set(rows.map((r) => r.email_hash));
  }

  /** Stops mail to an address: everything ('*') or one topic ('site/slug'); pending mail to it is dropped. */
  async suppress(hash: string, scope: string, reason: 'unsubscribe' | 'bounce' | 'complaint'): Promise<void> {
    await this.db.tx(async (sql) => {
      await sql.query(
        'INSERT INTO mail_suppressions (email_hash, scope, reason) VALUES ($1, $2, $3) ON CONFLICT (email_hash, scope) DO UPDATE SET reason = $3',
        [hash, scope, reason],
      );
      await sql.query(
        `UPDATE mail_outbox SET status = 'suppressed', last_error = $3
          WHERE email_hash = $1 AND status = 'pending' AND ($2 = '*' OR site || '/' || topic = $2)`,
        [hash, scope, reason],
      );
    });
  }

  async setMode(hash: string, mode: 'each' | 'daily'): Promise<void> {
    await this.db.query(
      'INSERT INTO mail_prefs (email_hash, mode) VALUES ($1, $2) ON CONFLICT (email_hash) DO UPDATE SET mode = $2, updated_at = now()',
      [hash, mode],
    );
  }

  /**
   * GDPR erasure of an address: its mails (sent or waiting) and its dev-mailbox copies go. Its suppressions stay,
   * keyed by hash only, so an unsubscribed address is not written to again if it reappears.
   */
  async forget(sql: Sql, email: string): Promise<void> {
    await sql.query('DELETE FROM mail_outbox WHERE email_hash = $1', [emailHash(email)]);
    await sql.query('DELETE FROM dev_mailbox WHERE lower(to_email) = lower($1)', [email.trim()]);
  }

  /** The team's view of the outbox: counts by status, per site or overall. */
  async stats(site?: string): Promise<Record<string, number>> {
    const rows = await this.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM mail_outbox WHERE $1::text IS NULL OR site = $1 GROUP BY status',
      [site ?? null],
    );
    const out: Record<string, number> = { pending: 0, sending: 0, sent: 0, batched: 0, failed: 0, suppressed: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  /** Development: what would have been sent, newest first. */
  async devMailbox(site: string | undefined, limit = 50): Promise<Array<Record<string, unknown>>> {
    return this.db.query(
      `SELECT id, site, to_email AS "to", subject, text_body AS text, html_body AS html, message_id AS "messageId", created_at AS "createdAt"
         FROM dev_mailbox WHERE $1::text IS NULL OR site = $1 ORDER BY created_at DESC LIMIT $2`,
      [site ?? null, limit],
    );
  }
}
