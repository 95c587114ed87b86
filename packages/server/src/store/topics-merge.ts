import { ConflictError, NotFoundError, ValidationError } from '@voc-kit/protocol/errors.js';
import type { Topic } from '@voc-kit/protocol/model.js';
import * as models from '../reads/models.js';
import { InboxStore } from './inbox.js';
import { PRIVATE_STATUSES, type FeedbackRow, type TopicRow } from './rows.js';

/** What a merge moved from one topic into the other. */
export interface TopicMerge {
  from: Topic;
  into: Topic;
  moved: { items: number; followers: number; announcements: number };
}

/** Merging two topics the team found to be one. */
export class TopicMergeStore extends InboxStore {
  /**
   * Merges topic `from` into `into`, in one transaction: its items (with their counts and cloud terms), its
   * followers (each person once: someone following both counts once), its announcements and its addresses'
   * per-topic unsubscribes move to `into`; `from` stays, marked `mergedInto`, so its old links can say where it went.
   * Topics merged into `from` earlier now point at `into`.
   */
  async mergeTopic(site: string, from: string, into: string): Promise<TopicMerge> {
    if (from === into) throw new ValidationError('into', 'invalid', 'A topic cannot be merged into itself.');
    return this.db.tx(async (sql) => {
      const rows = await sql.query<TopicRow>(
        'SELECT *, 0 AS followers FROM topics WHERE site = $1 AND slug = ANY($2::text[]) ORDER BY slug FOR UPDATE',
        [site, [from, into]],
      );
      const a = rows.find((r) => r.slug === from);
      const b = rows.find((r) => r.slug === into);
      if (!a || !b) throw new NotFoundError('No such topic.');
      if (a.merged_into || b.merged_into)
        throw new ConflictError(`“${a.merged_into ? from : into}” was already merged into “${a.merged_into ?? b.merged_into}”.`);

      // followers: copied onto `into` unless already there (a person is one row per topic), then gone from `from`
      const added = await sql.query<{ site: string; topic: string }>(
        `INSERT INTO followers (site, topic, who, contact_email, feedback_id, created_at, locale)
         SELECT site, $3, who, contact_email, feedback_id, created_at, locale FROM followers WHERE site = $1 AND topic = $2
         ORDER BY who ON CONFLICT DO NOTHING RETURNING site, topic`,
        [site, from, into],
      );
      const removed = await sql.query<{ site: string; topic: string }>(
        'DELETE FROM followers WHERE site = $1 AND topic = $2 RETURNING site, topic',
        [site, from],
      );
      await models.followersRemoved(sql, removed);
      await models.followersChanged(sql, site, into, added.length);

      // items: their per-topic read models and cloud terms move with them
      const items = await sql.query<FeedbackRow>('SELECT * FROM feedback WHERE site = $1 AND topic = $2 ORDER BY id FOR UPDATE', [
        site,
        from,
      ]);
      for (const row of items) {
        const [moved] = await sql.query<FeedbackRow>('UPDATE feedback SET topic = $2, updated_at = now() WHERE id = $1 RETURNING *', [
          row.id,
          into,
        ]);
        await models.itemChanged(sql, models.itemState(row), models.itemState(moved));
        if (!PRIVATE_STATUSES.includes(row.status)) await this.moveCounts(sql, row, into);
      }

      const announcements = await sql.query('UPDATE announcements SET topic = $3 WHERE site = $1 AND topic = $2 RETURNING id', [
        site,
        from,
        into,
      ]);
      // who said "no more mail about `from`" gets none about `into` either
      await sql.query(
        `INSERT INTO mail_suppressions (email_hash, scope, reason)
         SELECT email_hash, $2, reason FROM mail_suppressions WHERE scope = $1 ON CONFLICT DO NOTHING`,
        [`${site}/${from}`, `${site}/${into}`],
      );
      await sql.query('UPDATE topics SET merged_into = $3, updated_at = now() WHERE site = $1 AND merged_into = $2', [site, from, into]);
      await sql.query('UPDATE topics SET merged_into = $3, expected_by = NULL, updated_at = now() WHERE site = $1 AND slug = $2', [
        site,
        from,
        into,
      ]);
      await sql.query('UPDATE topics SET updated_at = now() WHERE site = $1 AND slug = $2', [site, into]);
      const [fromTopic, intoTopic] = [(await this.topic(sql, site, from))!, (await this.topic(sql, site, into))!];
      await this.publish(sql, site, 'topic', fromTopic);
      await this.publish(sql, site, 'topic', intoTopic);
      return {
        from: fromTopic,
        into: intoTopic,
        moved: { items: items.length, followers: removed.length, announcements: announcements.length },
      };
    });
  }
}
