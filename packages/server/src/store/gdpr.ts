import type { Thread } from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { toInbox, type FeedbackRow, type InboxItem } from './rows.js';
import * as models from '../reads/models.js';
import { WebhookStore } from './webhooks.js';

/** GDPR: export and erase everything about one person, by receipt or by the email they gave. */
export class GdprStore extends WebhookStore {
  private async rowsFor(sql: Sql, who: { receipt?: string; email?: string }): Promise<FeedbackRow[]> {
    if (who.receipt) return [await this.byReceipt(sql, who.receipt)];
    return sql.query<FeedbackRow>('SELECT * FROM feedback WHERE lower(contact_email) = lower($1) ORDER BY created_at', [who.email]);
  }

  /** Everything stored about one person (by receipt, or by the email they gave). */
  async exportData(who: {
    receipt?: string;
    email?: string;
  }): Promise<{ feedback: Array<Thread & { feedback: InboxItem }>; follows: Array<{ site: string; topic: string }> }> {
    const rows = await this.rowsFor(this.db, who);
    const feedback = [];
    for (const r of rows) feedback.push({ ...(await this.threadOf(this.db, r)), feedback: toInbox(r) });
    const follows = who.email
      ? await this.db.query<{ site: string; topic: string }>(
          'SELECT site, topic FROM followers WHERE lower(contact_email) = lower($1) AND feedback_id IS NULL ORDER BY site, topic',
          [who.email],
        )
      : [];
    return { feedback, follows };
  }

  async deleteData(who: { receipt?: string; email?: string }): Promise<{ deleted: number }> {
    return this.db.tx(async (sql) => {
      const rows = await this.rowsFor(sql, who);
      for (const r of rows) await this.erase(sql, r);
      if (who.email)
        await models.followersRemoved(
          sql,
          await sql.query<{ site: string; topic: string }>(
            'DELETE FROM followers WHERE lower(contact_email) = lower($1) RETURNING site, topic',
            [who.email],
          ),
        );
      if (who.email) await this.mail?.forget(sql, who.email);
      return { deleted: rows.length };
    });
  }
}
