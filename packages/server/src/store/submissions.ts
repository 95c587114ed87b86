import { ConflictError } from '@voc-kit/protocol/errors.js';
import type { FeedbackDraft, FeedbackStatus, SubmitResult } from '@voc-kit/protocol/model.js';
import { terms as termsOf } from '@voc-kit/protocol/text/analyze.js';
import { canonicalJson, deriveReceipt, randomToken, sha256, uuidv7 } from '../util.js';
import { markChanged } from '../reads/cache.js';
import * as models from '../reads/models.js';
import { PENDING_CHANNEL, webhookPayload, type Site } from './rows.js';
import { ThreadStore } from './threads.js';

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

/** Submissions: exactly once per (site, idempotency key), written in groups. */
export class SubmissionStore extends ThreadStore {
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
      const id = uuidv7();
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
        hook: JSON.parse(webhookPayload(site.key, 'feedback', feedbackEvent)!) as unknown,
      };
    });
    let claimed: Set<string>;
    try {
      claimed = await this.writeRows(rows);
      let announced = false;
      for (const item of batch)
        if (claimed.has(item.result!.id) && item.result!.status !== 'pending') {
          markChanged(item.site.key);
          announced = true;
        }
      if (announced) for (const listener of this.committedListeners) listener();
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

  /**
   * One statement for the whole batch: everything after the claim happens only for the rows that made it. A batch
   * without topics (most of them) runs a shorter statement, without the topic, follower and per-topic parts.
   */
  private async writeRows(rows: Array<{ topic: string | null }>): Promise<Set<string>> {
    const topics = rows.some((r) => r.topic !== null);
    const [result] = await this.db.query<{ ids: string[] | null }>(
      topics ? SUBMIT_SQL.topics : SUBMIT_SQL.plain,
      [JSON.stringify(rows), PENDING_CHANNEL, models.submitStripe(), this.instance],
      topics ? 'voc-submit-batch-topics' : 'voc-submit-batch',
    );
    return new Set(result.ids ?? []);
  }

  /** The answer for a key claimed before: the original one for the same body, a conflict for another. */
  private async prior(item: PendingSubmit): Promise<SubmitResult> {
    const [prior] = await this.db.query<{ body_hash: string; nonce: string; feedback_id: string; status: FeedbackStatus | null }>(
      `SELECT i.body_hash, i.nonce, i.feedback_id, f.status FROM idempotency i LEFT JOIN feedback f ON f.id = i.feedback_id
       WHERE i.site = $1 AND i.key_hash = $2`,
      [item.site.key, item.keyHash],
    );
    if (!prior) throw new Error('idempotency claim vanished');
    if (prior.body_hash !== item.bodyHash) throw new ConflictError('This idempotency key was already used for another submission.');
    return {
      id: prior.feedback_id,
      receipt: deriveReceipt(item.idempotencyKey, prior.nonce),
      status: prior.status ?? 'withdrawn',
    };
  }

  /** Resolves when every submission accepted so far is written (for a clean shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length || this.inFlight || this.flushScheduled) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The submit statement, with and without the parts for items that have a topic (see `writeRows`). */
function submitSql(topics: boolean): string {
  return `WITH input AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(site text, key_hash text, body_hash text, nonce text, id uuid, topic text, kind text,
       text text, page_url text, locale text, status text, contact_email text, receipt_hash text, terms jsonb, created_at timestamptz,
       pending boolean, fev jsonb, cev jsonb, hook jsonb)
   ), claim AS (
     INSERT INTO idempotency (site, key_hash, body_hash, nonce, feedback_id)
     SELECT site, key_hash, body_hash, nonce, id FROM input ON CONFLICT (site, key_hash) DO NOTHING RETURNING feedback_id
   ), c AS MATERIALIZED (
     SELECT i.*, ARRAY(SELECT jsonb_array_elements_text(i.terms)) AS term_list FROM input i JOIN claim ON claim.feedback_id = i.id
   ), ${
     topics
       ? `t AS (
     INSERT INTO topics (site, slug, title) SELECT DISTINCT site, topic, topic FROM c WHERE topic IS NOT NULL ON CONFLICT DO NOTHING
   ), `
       : ''
   }f AS (
     INSERT INTO feedback (id, site, kind, text, topic, page_url, locale, status, contact_email, receipt_hash, terms, created_at, updated_at)
     SELECT id, site, kind, text, topic, page_url, locale, status, contact_email, receipt_hash, term_list, created_at, created_at FROM c
   ), ${
     topics
       ? `fo AS (
     INSERT INTO followers (site, topic, who, feedback_id, contact_email)
     SELECT site, topic, 'feedback:' || id::text, id, contact_email FROM c WHERE topic IS NOT NULL ON CONFLICT DO NOTHING RETURNING site, topic
   ), `
       : ''
   }${models.submitReadModelsSql(topics)}, d AS (
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
     (SELECT count(pg_notify($2, $4)) FROM (SELECT 1 FROM c WHERE NOT pending LIMIT 1) x) AS notified`;
}
const SUBMIT_SQL = { plain: submitSql(false), topics: submitSql(true) };
