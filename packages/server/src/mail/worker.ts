import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import type { Db } from '../db.js';
import { MAIL_CHANNEL, type MailOutbox } from './outbox.js';
import { MimeBuilder, type MimeMail } from './mime.js';
import { MailTemplates, type MailKind, type MailLinks, type MailPart, type MailPayload } from './render.js';

interface OutboxRow {
  id: string;
  site: string;
  to_email: string;
  email_hash: string;
  kind: MailKind;
  topic: string | null;
  feedback_id: string | null;
  locale: string;
  payload: MailPayload;
  attempts: number;
  batched_into: string | null;
  created_at: Date | string;
}

/** A message ready for a transport: what its MIME source carries, and the site it is sent for. */
export interface OutgoingMail extends MimeMail {
  site: string;
}

/** Where messages go: SMTP through nodemailer, or the dev mailbox table. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP answer that will not change on retry (5xx): the address bounces. */
const permanent = (error: unknown): boolean => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};
const MAX_ATTEMPTS = 8;
const backoffSeconds = (attempts: number) => Math.min(5 * 2 ** (attempts - 1), 3600);

export function smtpTransport(url: string, from: string, concurrency: number): MailTransport {
  // the options go in one object with the URL: given as createTransport's second argument they are only message
  // defaults, and each mail opened its own connection (TCP, EHLO, MAIL, RCPT, DATA, QUIT), about 26 mails/s
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: Math.max(1, Math.min(concurrency, 10)),
    // a pooled connection is replaced after this many messages
    maxMessages: 1000,
  });
  const mime = new MimeBuilder(from);
  return {
    async send(mail) {
      const raw = mime.build(mail);
      // our own MIME source (see MimeBuilder), or nodemailer's for an address or header that needs encoding
      // (the Message-ID given again only spares nodemailer making one up for its log; the raw source goes out as it is)
      if (raw) await transporter.sendMail({ envelope: { from: mime.envelopeFrom, to: mail.to }, raw, messageId: mail.messageId });
      else
        await transporter.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: mail.headers,
        });
    },
    close: () => transporter.close(),
  };
}

export function devMailboxTransport(db: Db): MailTransport {
  return {
    async send(mail) {
      await db.query(
        `INSERT INTO dev_mailbox (id, site, to_email, subject, text_body, html_body, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING`,
        [randomUUID(), mail.site, mail.to, mail.subject, mail.text, mail.html, mail.messageId],
      );
    },
    close: () => {},
  };
}

/**
 * Delivers the mail outbox: claims due rows (`FOR UPDATE SKIP LOCKED`, so instances never send the same row),
 * folds what waits for the same address and topic into one digest, sends, and records the result. A row claimed
 * by an instance that died is claimed again when its lease ends, and goes out with the same Message-ID.
 */
export class MailWorker {
  private timer?: NodeJS.Timeout;
  private stopListening?: () => Promise<void>;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly templates = new MailTemplates();
  /** Messages sent by this instance (for /metrics and the bench). */
  sent = 0;

  constructor(
    private readonly outbox: MailOutbox,
    private readonly transport: MailTransport,
    private readonly baseUrl: () => string,
  ) {}

  private get db(): Db {
    return this.outbox.db;
  }

  async start(): Promise<void> {
    const pollMs = this.outbox.options.pollMs ?? 1000;
    this.stopListening = await this.db.listen(MAIL_CHANNEL, () => this.kick());
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Runs a round now (or right after the one running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => console.error('[voc-server] mail:', (error as Error).message))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Sends until nothing is due, as a pipeline: `concurrency` senders take messages from a queue that is refilled
   * (one claim of a batch at a time) before it runs dry, so no sender waits for the slowest message of a batch or
   * for the next claim; each batch is recorded as sent once its last message is out.
   */
  async drain(): Promise<void> {
    const concurrency = this.outbox.options.concurrency ?? 16;
    const queue: Array<{ head: OutboxRow; companions: OutboxRow[]; batch: { left: number; sent: OutboxRow[] } }> = [];
    const records: Array<Promise<void>> = [];
    let exhausted = false;
    let refilling: Promise<void> | undefined;
    const refill = () =>
      (refilling ??= (async () => {
        const claimed = await this.foldClaimed(await this.claim());
        if (claimed.length === 0) {
          exhausted = true;
          return;
        }
        const groups = await this.companions(claimed);
        const batch = { left: claimed.length, sent: [] as OutboxRow[] };
        for (const head of claimed) queue.push({ head, companions: groups.get(head.id) ?? [], batch });
      })().finally(() => {
        refilling = undefined;
      }));
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (;;) {
          if (this.stopped) return;
          if (queue.length === 0) {
            if (exhausted) return;
            await refill();
            continue;
          }
          // claim the next batch while this one is still going out
          if (queue.length < concurrency && !exhausted) refill().catch(() => {}); // a failed prefetch is claimed again by the next sender that needs it
          // requests first: what arrived meanwhile is read and started before the next mail
          await nextTurn();
          const job = queue.shift();
          if (!job) continue;
          if (await this.deliver(job.head, job.companions)) job.batch.sent.push(job.head);
          if (--job.batch.left === 0) records.push(this.recordSent(job.batch.sent));
        }
      }),
    );
    await Promise.all(records);
  }

  private async claim(): Promise<OutboxRow[]> {
    const leaseSeconds = (this.outbox.options.leaseMs ?? 60_000) / 1000;
    return this.db.query<OutboxRow>(
      `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, claimed_until = now() + make_interval(secs => $1::float8)
        WHERE id IN (SELECT id FROM mail_outbox
                      WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND claimed_until < now())
                      ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [leaseSeconds, this.outbox.options.batch ?? 100],
    );
  }

  /** Two claimed rows for one address and topic go out as one message: the older carries the newer. */
  private async foldClaimed(claimed: OutboxRow[]): Promise<OutboxRow[]> {
    const heads = new Map<string, OutboxRow>();
    const folded: Array<[string, string]> = [];
    const keep: OutboxRow[] = [];
    for (const row of [...claimed].sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))) {
      const key = row.topic ? `${row.site}/${row.topic}/${row.email_hash}` : row.id;
      const head = heads.get(key);
      if (head) folded.push([row.id, head.id]);
      else {
        heads.set(key, row);
        keep.push(row);
      }
    }
    if (folded.length)
      await this.db.query(
        `UPDATE mail_outbox m SET status = 'batched', batched_into = f.head, claimed_until = NULL
           FROM unnest($1::uuid[], $2::uuid[]) AS f(id, head) WHERE m.id = f.id`,
        [folded.map((f) => f[0]), folded.map((f) => f[1])],
      );
    return keep;
  }

  /**
   * What goes out with each claimed row: the rows waiting for the same address and topic (folded in now) and
   * those folded in before a crash. One query for the whole batch.
   */
  private async companions(claimed: OutboxRow[]): Promise<Map<string, OutboxRow[]>> {
    const heads = claimed.filter((r) => r.topic);
    const groups = new Map<string, OutboxRow[]>();
    if (heads.length === 0) return groups;
    const rows = await this.db.query<OutboxRow>(
      `WITH h AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS h(id, site, topic, email_hash)),
            folded AS (
              UPDATE mail_outbox m SET status = 'batched', batched_into = h.id FROM h
               WHERE m.site = h.site AND m.topic = h.topic AND m.email_hash = h.email_hash AND m.status = 'pending' AND m.id <> h.id
               RETURNING m.*)
       SELECT * FROM folded
       UNION ALL SELECT * FROM mail_outbox WHERE batched_into = ANY($1::uuid[])`,
      [heads.map((h) => h.id), heads.map((h) => h.site), heads.map((h) => h.topic), heads.map((h) => h.email_hash)],
    );
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const list = groups.get(r.batched_into!) ?? [];
      list.push(r);
      groups.set(r.batched_into!, list);
    }
    for (const list of groups.values()) list.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at));
    return groups;
  }

  /** Records a batch as sent, and when each address last heard about each topic (the cap). */
  private async recordSent(sent: OutboxRow[]): Promise<void> {
    if (sent.length === 0) return;
    const ids = sent.map((r) => r.id);
    const capped = sent.filter((r) => r.topic);
    // one statement: the rows (and the rows they carried) are sent, and the cap starts for each address and topic
    await this.db.query(
      `WITH done AS (
         UPDATE mail_outbox SET status = CASE WHEN status = 'sending' THEN 'sent' ELSE status END, sent_at = now(), claimed_until = NULL, last_error = NULL
          WHERE id = ANY($1::uuid[]) OR batched_into = ANY($1::uuid[]))
       INSERT INTO mail_throttle (email_hash, topic_key, last_sent_at)
       SELECT DISTINCT ON (e, k) e, k, now() FROM unnest($2::text[], $3::text[]) AS t(e, k)
       ON CONFLICT (email_hash, topic_key) DO UPDATE SET last_sent_at = now()`,
      [ids, capped.map((r) => r.email_hash), capped.map((r) => `${r.site}/${r.topic}`)],
    );
  }

  private links(head: OutboxRow, parts: OutboxRow[]): MailLinks {
    const base = this.baseUrl().replace(/\/$/, '');
    const signer = this.outbox.signer;
    const year = Math.floor(Date.now() / 1000) + 365 * 86400;
    const month = Math.floor(Date.now() / 1000) + 30 * 86400;
    const l = head.locale;
    const link = (path: string, claims: Parameters<typeof signer.sign>[0]) =>
      `${base}/v1/mail/${path}?t=${encodeURIComponent(signer.sign({ ...claims, l } as never))}`;
    const ask = parts.find((p) => p.kind === 'ask' && p.feedback_id);
    const own = parts.find((p) => p.feedback_id)?.feedback_id;
    const threadPage = `${base}/v1/mail/thread`;
    return {
      ...(own && { thread: `${threadPage}?site=${encodeURIComponent(head.site)}&voc-receipt=${signer.threadReceipt(own)}` }),
      ...(ask && {
        confirm: link('confirm', { p: 'confirm', f: ask.feedback_id!, x: month }),
        reopen: link('confirm', { p: 'reopen', f: ask.feedback_id!, x: month }),
      }),
      ...(head.topic && {
        unsubscribeTopic: link('unsubscribe', { p: 'unsubscribe', e: head.email_hash, s: `${head.site}/${head.topic}`, x: year }),
      }),
      unsubscribeAll: link('unsubscribe', { p: 'unsubscribe', e: head.email_hash, s: '*', x: year }),
      ...(head.topic && { digest: link('digest', { p: 'digest', e: head.email_hash, x: year }) }),
    };
  }

  private host?: { base: string; name: string };
  private messageId(head: OutboxRow): string {
    const base = this.baseUrl();
    if (this.host?.base !== base) {
      let name = 'voc-kit.invalid';
      try {
        name = new URL(base).hostname || name;
      } catch {
        // keep the placeholder host
      }
      this.host = { base, name };
    }
    return `<${head.id}@${this.host.name}>`;
  }

  /** Sends one message (a row and its companions); true when the SMTP server took it. */
  private async deliver(head: OutboxRow, companions: OutboxRow[]): Promise<boolean> {
    try {
      const rows = [head, ...companions];
      const parts: MailPart[] = rows.map((r) => ({ kind: r.kind, payload: r.payload, at: new Date(r.created_at).toISOString() }));
      const links = this.links(head, rows);
      const mail = this.templates.render(parts, links, head.locale);
      const unsubscribe = links.unsubscribeTopic ?? links.unsubscribeAll;
      await this.transport.send({
        site: head.site,
        to: head.to_email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: this.messageId(head),
        headers: {
          // RFC 8058: one click in the mail client unsubscribes, by POST to this URL
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          ...(head.kind !== 'reply' && { Precedence: 'bulk' }),
        },
      });
      this.sent++;
      return true;
    } catch (error) {
      const message = (error as Error).message?.slice(0, 500) ?? 'failed';
      if (permanent(error) || head.attempts >= MAX_ATTEMPTS) {
        await this.db.query(
          `UPDATE mail_outbox SET status = 'failed', last_error = $2, claimed_until = NULL WHERE id = $1 OR batched_into = $1`,
          [head.id, message],
        );
        // the SMTP server says this address does not take mail: stop writing to it
        if (permanent(error)) await this.outbox.suppress(head.email_hash, '*', 'bounce');
      } else
        await this.db.query(
          `UPDATE mail_outbox SET status = 'pending', claimed_until = NULL, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3::float8) WHERE id = $1`,
          [head.id, message, backoffSeconds(head.attempts)],
        );
      return false;
    }
  }

  /** Stops claiming; waits for messages in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.stopListening?.();
    await this.running?.catch(() => {});
    this.transport.close();
  }
}
