import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@voc-kit/protocol/errors.js';
import type { Thread, ThreadEntry, Topic } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso, sha256 } from '../util.js';
import * as models from '../reads/models.js';
import { readReceiptTopic } from '../reads/topics.js';
import { InsightStore } from './insights.js';
import { PRIVATE_STATUSES, toFeedback, type EntryRow, type FeedbackRow } from './rows.js';

/** A person's thread (by receipt): reading it, confirming or reopening, withdrawing; team replies. */
/** The item of a receipt: the one given at submit, or the thread receipt of a mail (`receipt_links`). */
const RECEIPT_SQL = `SELECT * FROM feedback WHERE receipt_hash = $1
  UNION ALL SELECT f.* FROM receipt_links l JOIN feedback f ON f.id = l.feedback_id WHERE l.hash = $1 LIMIT 1`;

/** The entries of a receipt's item. */
const ENTRIES_SQL = `SELECT * FROM thread_entries WHERE feedback_id = (SELECT id FROM (${RECEIPT_SQL}) r) ORDER BY at, id`;

export class ThreadStore extends InsightStore {
  protected async byReceipt(sql: Sql, receipt: string): Promise<FeedbackRow> {
    const [row] = await sql.query<FeedbackRow>(RECEIPT_SQL, [sha256(receipt)], 'voc-receipt');
    if (!row || row.status === 'withdrawn') throw new NotFoundError('No feedback for this link.');
    return row;
  }

  protected async threadOf(sql: Sql, row: FeedbackRow): Promise<Thread> {
    // side by side (a transaction's run one after the other on its connection), each planned once per connection
    const [entries, topic] = await Promise.all([
      sql.query<EntryRow>('SELECT * FROM thread_entries WHERE feedback_id = $1 ORDER BY at, id', [row.id], 'voc-thread-entries'),
      row.topic ? this.topic(sql, row.site, row.topic) : undefined,
    ]);
    return this.threadFrom(row, entries, topic);
  }

  private threadFrom(row: FeedbackRow, entries: EntryRow[], topic: Topic | undefined): Thread {
    return {
      feedback: toFeedback(row),
      entries: entries.map((e): ThreadEntry =>
        e.type === 'reply'
          ? { type: 'reply', id: e.id, feedbackId: row.id, at: iso(e.at), text: e.text ?? '', ...(e.author ? { author: e.author } : {}) }
          : {
              type: 'confirmation',
              feedbackId: row.id,
              at: iso(e.at),
              resolved: e.resolved === true,
              ...(e.text ? { comment: e.text } : {}),
            },
      ),
      ...(topic && { topic }),
    };
  }

  /** The site of a receipt's feedback, for CORS; undefined when unknown. */
  async siteOfReceipt(receipt: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ site: string }>(RECEIPT_SQL, [sha256(receipt)], 'voc-receipt');
    return row?.site;
  }

  /** A thread in one round trip: the item, its entries and its topic, each found by the receipt, side by side. */
  async thread(receipt: string): Promise<Thread> {
    const hash = sha256(receipt);
    const [[row], entries, topic] = await Promise.all([
      this.db.query<FeedbackRow>(RECEIPT_SQL, [hash], 'voc-receipt'),
      this.db.query<EntryRow>(ENTRIES_SQL, [hash], 'voc-receipt-entries'),
      readReceiptTopic(this.db, RECEIPT_SQL, hash),
    ]);
    if (!row || row.status === 'withdrawn') throw new NotFoundError('No feedback for this link.');
    return this.threadFrom(row, entries, row.topic ? topic : undefined);
  }

  async confirm(receipt: string, resolved: boolean, comment?: string): Promise<Thread> {
    return this.db.tx(async (sql) => {
      const row = await this.byReceipt(sql, receipt);
      const [entry] = await sql.query<{ at: Date }>(
        "INSERT INTO thread_entries (id, feedback_id, type, text, resolved) VALUES ($1, $2, 'confirmation', $3, $4) RETURNING at",
        [randomUUID(), row.id, comment || null, resolved],
      );
      const status = resolved ? 'resolved' : 'reopened';
      // a hidden or pending item keeps its moderation status
      const [updated] = await sql.query<FeedbackRow>(
        `UPDATE feedback SET status = CASE WHEN status IN ('hidden', 'pending') THEN status ELSE $2 END, updated_at = now() WHERE id = $1 RETURNING *`,
        [row.id, status],
      );
      await models.itemConfirmed(sql, row, updated, resolved, iso(entry.at));
      // only the id: whoever holds the receipt reloads the thread
      await this.publish(sql, row.site, 'thread', { id: row.id });
      return this.threadOf(sql, updated);
    });
  }

  /** Deletes an item and everything tied to it; its idempotency key stays claimed, with nothing left to match. */
  protected async erase(sql: Sql, row: FeedbackRow): Promise<void> {
    await models.itemErased(sql, row);
    if (!PRIVATE_STATUSES.includes(row.status))
      await this.moveTerms(sql, { site: row.site, kind: row.kind, topic: row.topic, terms: row.terms, createdAt: iso(row.created_at) }, -1);
    await sql.query("UPDATE idempotency SET body_hash = 'erased' WHERE feedback_id = $1", [row.id]);
    await sql.query('DELETE FROM feedback WHERE id = $1', [row.id]);
  }

  async withdraw(receipt: string): Promise<void> {
    await this.db.tx(async (sql) => this.erase(sql, await this.byReceipt(sql, receipt)));
  }

  async reply(site: string, id: string, text: string, author?: string): Promise<ThreadEntry> {
    return this.db.tx(async (sql) => {
      const before = await this.feedbackRow(sql, site, id);
      const entryId = randomUUID();
      const [e] = await sql.query<{ at: Date }>(
        "INSERT INTO thread_entries (id, feedback_id, type, text, author) VALUES ($1, $2, 'reply', $3, $4) RETURNING at",
        [entryId, id, text, author ?? null],
      );
      const [after] = await sql.query<FeedbackRow>(
        `UPDATE feedback SET status = CASE WHEN status IN ('received', 'heard', 'reopened') THEN 'replied' ELSE status END, updated_at = now() WHERE id = $1 RETURNING *`,
        [id],
      );
      await models.itemReplied(sql, before, after, iso(e.at));
      await this.publish(sql, site, 'thread', { id });
      await this.mail?.reply(sql, site, id, { text, author });
      return { type: 'reply', id: entryId, feedbackId: id, at: iso(e.at), text, ...(author && { author }) };
    });
  }

  protected async feedbackRow(sql: Sql, site: string, id: string): Promise<FeedbackRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('No such feedback.');
    const [row] = await sql.query<FeedbackRow>('SELECT * FROM feedback WHERE site = $1 AND id = $2', [site, id]);
    if (!row) throw new NotFoundError('No such feedback.');
    return row;
  }
}
