import { NotFoundError, ValidationError } from '@voc-kit/protocol/errors.js';
import type { Thread } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso } from '../util.js';
import { PRIVATE_STATUSES, toInbox, type FeedbackRow, type InboxItem } from './rows.js';
import * as models from '../reads/models.js';
import { SubmissionStore } from './submissions.js';

const counted = (row: FeedbackRow) => ({
  id: row.id,
  site: row.site,
  kind: row.kind,
  topic: row.topic,
  terms: row.terms,
  createdAt: iso(row.created_at),
});

/** The team's inbox: listing, one item with its thread, moderation and grouping into topics. */
export class InboxStore extends SubmissionStore {
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
    const rows = await this.db.query<FeedbackRow>(
      `SELECT * FROM feedback WHERE site = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
         AND ($4::text IS NULL OR topic = $4) AND ($5::timestamptz IS NULL OR (created_at, id::text) < ($5::timestamptz, $6::text))
       ORDER BY created_at DESC, id::text DESC LIMIT $7`,
      [site, q.status ?? null, q.kind ?? null, q.topic ?? null, cursorAt, cursorId, limit + 1],
    );
    const items = rows.slice(0, limit).map(toInbox);
    const last = items[items.length - 1];
    return rows.length > limit ? { items, next: `${last.createdAt}|${last.id}` } : { items };
  }

  async feedbackItem(site: string, id: string): Promise<Thread & { feedback: InboxItem }> {
    const row = await this.feedbackRow(this.db, site, id);
    const thread = await this.threadOf(this.db, row);
    return { ...thread, feedback: toInbox(row) };
  }

  /**
   * Moderation and triage: hide, restore, approve (pre-moderation), mark heard. Hiding takes the item's terms out
   * of every live cloud; restoring or approving puts them in.
   */
  async moderate(site: string, id: string, action: 'hide' | 'restore' | 'approve' | 'heard'): Promise<InboxItem> {
    return this.db.tx(async (sql) => {
      const row = await this.feedbackRow(sql, site, id);
      const wasPublic = !PRIVATE_STATUSES.includes(row.status);
      const next =
        action === 'hide' ? 'hidden' : action === 'heard' ? (wasPublic ? 'heard' : row.status) : wasPublic ? row.status : 'received';
      const [updated] = await sql.query<FeedbackRow>('UPDATE feedback SET status = $2, updated_at = now() WHERE id = $1 RETURNING *', [
        id,
        next,
      ]);
      await models.itemModerated(sql, row, updated);
      if (wasPublic && next === 'hidden') await this.moveTerms(sql, counted(row), -1);
      if (!wasPublic && next === 'received') await this.countAndAnnounce(sql, counted(row));
      return toInbox(updated);
    });
  }

  /** Groups an item into a topic: its author follows the topic, and its cloud counts move with it. */
  async groupIntoTopic(site: string, id: string, slug: string): Promise<InboxItem> {
    return this.db.tx(async (sql) => {
      const row = await this.feedbackRow(sql, site, id);
      const [t] = await sql.query('SELECT slug FROM topics WHERE site = $1 AND slug = $2', [site, slug]);
      if (!t) throw new NotFoundError('No such topic.');
      const [updated] = await sql.query<FeedbackRow>(
        `UPDATE feedback SET topic = $2, status = CASE WHEN status = 'received' THEN 'heard' ELSE status END, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, slug],
      );
      const removed = await sql.query<{ site: string; topic: string }>(
        'DELETE FROM followers WHERE feedback_id = $1 RETURNING site, topic',
        [id],
      );
      const added = await sql.query<{ site: string; topic: string }>(
        'INSERT INTO followers (site, topic, who, feedback_id, contact_email) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING site, topic',
        [site, slug, `feedback:${id}`, id, row.contact_email ?? null],
      );
      await models.itemRegrouped(sql, row, updated, { removed, added });
      if (!PRIVATE_STATUSES.includes(row.status) && row.topic !== slug) await this.moveCounts(sql, row, slug);
      return toInbox(updated);
    });
  }

  /** An item's cloud counts leave its topic for `slug`. */
  protected async moveCounts(sql: Sql, row: FeedbackRow, slug: string): Promise<void> {
    await this.moveTerms(sql, counted(row), -1);
    await this.moveTerms(sql, { ...counted(row), topic: slug }, 1);
  }
}
