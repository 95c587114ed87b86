import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '@voc-kit/protocol/errors.js';
import {
  INCIDENT_STATUSES,
  TOPIC_CLOSED_STATUSES,
  TOPIC_STATUSES,
  type Announcement,
  type FeedPage,
  type FeedQuery,
  type IncidentStatus,
  type Topic,
  type TopicUpdatesPage,
  type TopicUpdatesQuery,
} from '@voc-kit/protocol/model.js';
import { topicUpdatesPage } from '@voc-kit/protocol/adapter-logic.js';
import { checkExpectedBy, toValidationError } from '@voc-kit/protocol/validation.js';
import type { Sql } from '../db.js';
import { sha256 } from '../util.js';
import * as models from '../reads/models.js';
import { readFeed } from '../reads/feed.js';
import { readTopicUpdates, readTopics, topicFollowers } from '../reads/topics.js';
import { EventStore } from './events.js';
import { toAnnouncement, type AnnouncementRow, type TopicRow } from './rows.js';

/** Topics (and incidents), their dated updates, followers and announcements. */
export class TopicStore extends EventStore {
  async topic(sql: Sql, site: string, slug: string): Promise<Topic | undefined> {
    return (await this.topicsOf(sql, site, slug))[0];
  }

  /**
   * Topics with their kept follower and item counts (`topic_counts`), not a count of feedback rows. Lists leave out
   * topics merged into another unless `merged` (the team's view).
   */
  async topicsOf(sql: Sql, site: string, slug?: string, options: { merged?: boolean } = {}): Promise<Topic[]> {
    return readTopics(sql, site, slug, options);
  }

  /** The public feed: topics with their kept counts and the newest announcements, by index. */
  async feed(site: string, query: FeedQuery): Promise<FeedPage> {
    return readFeed(this.db, site, query);
  }

  /** One page of a topic's earlier updates (protocol's `topicUpdatesPage`), reading only the rows it shows. */
  async topicUpdates(site: string, slug: string, query: TopicUpdatesQuery): Promise<TopicUpdatesPage> {
    return topicUpdatesPage(slug, await readTopicUpdates(this.db, site, slug, query), query);
  }

  async meToo(site: string, asked: string, key: string, email?: string): Promise<{ followers: number }> {
    return this.db.tx(async (sql) => {
      const [t] = await sql.query<{ merged_into: string | null }>('SELECT merged_into FROM topics WHERE site = $1 AND slug = $2', [
        site,
        asked,
      ]);
      if (!t) throw new NotFoundError('No such topic.');
      // "me too" on a merged topic follows the topic it lives on now
      const slug = t.merged_into ?? asked;
      const added = await sql.query(
        'INSERT INTO followers (site, topic, who, contact_email) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING who',
        [site, slug, `key:${sha256(key)}`, email ?? null],
      );
      if (added[0]) await models.followersChanged(sql, site, slug, 1);
      const topic = (await this.topic(sql, site, slug))!;
      if (added[0]) await this.publish(sql, site, 'topic', topic);
      return { followers: topic.followers };
    });
  }

  async createTopic(site: string, input: { slug: string; title: string; incident?: IncidentStatus; message?: string }): Promise<Topic> {
    return this.db.tx(async (sql) => {
      const incident = input.incident ? { status: input.incident, startedAt: new Date().toISOString() } : null;
      const rows = await sql.query(
        'INSERT INTO topics (site, slug, title, incident) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING slug',
        [site, input.slug, input.title, incident ? JSON.stringify(incident) : null],
      );
      if (!rows[0]) throw new ConflictError('A topic with this slug already exists.');
      if (input.incident) await this.addUpdate(sql, site, input.slug, input.incident, input.message);
      const topic = (await this.topic(sql, site, input.slug))!;
      await this.publish(sql, site, 'topic', topic);
      return topic;
    });
  }

  private async addUpdate(sql: Sql, site: string, slug: string, status: string, message?: string): Promise<void> {
    await sql.query('INSERT INTO topic_updates (id, site, topic, status, message) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(),
      site,
      slug,
      status,
      message ?? null,
    ]);
  }

  /**
   * Moves a topic (or an incident) and publishes the dated update. `expectedBy` (protocol's `checkExpectedBy`) sets
   * the date the team expects it done, `null` clears it, absent keeps it; a move to done or declined clears it.
   */
  async updateTopic(
    site: string,
    slug: string,
    patch: { title?: string; status?: string; message?: string; expectedBy?: string | null },
  ): Promise<Topic> {
    const invalid = checkExpectedBy(patch.expectedBy);
    if (invalid) throw toValidationError([invalid]);
    return this.db.tx(async (sql) => {
      const [row] = await sql.query<TopicRow>('SELECT *, 0 AS followers FROM topics WHERE site = $1 AND slug = $2 FOR UPDATE', [
        site,
        slug,
      ]);
      if (!row) throw new NotFoundError('No such topic.');
      if (row.merged_into) throw new ConflictError(`This topic was merged into “${row.merged_into}”.`);
      if (patch.expectedBy !== undefined)
        await sql.query('UPDATE topics SET expected_by = $3::date, updated_at = now() WHERE site = $1 AND slug = $2', [
          site,
          slug,
          patch.expectedBy,
        ]);
      if (patch.title)
        await sql.query('UPDATE topics SET title = $3, updated_at = now() WHERE site = $1 AND slug = $2', [site, slug, patch.title]);
      let news: 'incident' | 'status' = 'status';
      if (patch.status) {
        const incident = row.incident;
        const isIncident = (INCIDENT_STATUSES as readonly string[]).includes(patch.status);
        const isTopic = (TOPIC_STATUSES as readonly string[]).includes(patch.status);
        if (incident && isIncident) {
          const next = {
            ...incident,
            status: patch.status,
            ...(patch.status === 'resolved' ? { resolvedAt: new Date().toISOString() } : {}),
          };
          await sql.query('UPDATE topics SET incident = $3, updated_at = now() WHERE site = $1 AND slug = $2', [
            site,
            slug,
            JSON.stringify(next),
          ]);
        } else if (isTopic)
          await sql.query(
            `UPDATE topics SET status = $3, expected_by = CASE WHEN $4 THEN NULL ELSE expected_by END, updated_at = now()
              WHERE site = $1 AND slug = $2`,
            [site, slug, patch.status, (TOPIC_CLOSED_STATUSES as readonly string[]).includes(patch.status)],
          );
        else
          throw new ValidationError(
            'status',
            'invalid',
            `Status must be one of ${[...TOPIC_STATUSES, ...(incident ? INCIDENT_STATUSES : [])].join(', ')}.`,
          );
        await this.addUpdate(sql, site, slug, patch.status, patch.message);
        if (incident && isIncident) news = 'incident';
      }
      const topic = (await this.topic(sql, site, slug))!;
      if (patch.status)
        await this.mail?.topicNews(sql, site, slug, news, {
          status: patch.status,
          ...(patch.message && { text: patch.message }),
          ...(topic.expectedBy && { expectedBy: topic.expectedBy }),
        });
      await this.publish(sql, site, 'topic', topic);
      return topic;
    });
  }

  /** Tells everyone following a topic (and the public feed); returns how many followers it reaches. */
  async announce(
    site: string,
    input: { title: string; body: string; topic?: string },
  ): Promise<{ announcement: Announcement; followers: number }> {
    return this.db.tx(async (sql) => {
      let followers = 0;
      let expectedBy: string | undefined;
      if (input.topic) {
        const n = await topicFollowers(sql, site, input.topic);
        if (n === undefined) throw new NotFoundError('No such topic.');
        followers = n;
        const [t] = await sql.query<{ day: string | null; merged_into: string | null }>(
          "SELECT to_char(expected_by, 'YYYY-MM-DD') AS day, merged_into FROM topics WHERE site = $1 AND slug = $2",
          [site, input.topic],
        );
        if (t?.merged_into) throw new ConflictError(`This topic was merged into “${t.merged_into}”.`);
        expectedBy = t?.day ?? undefined;
      }
      const [r] = await sql.query<AnnouncementRow>(
        'INSERT INTO announcements (id, site, topic, title, body) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [randomUUID(), site, input.topic ?? null, input.title, input.body],
      );
      const announcement = toAnnouncement(r);
      await this.publish(sql, site, 'announcement', announcement);
      if (input.topic)
        await this.mail?.topicNews(sql, site, input.topic, 'announcement', {
          title: input.title,
          text: input.body,
          ...(expectedBy && { expectedBy }),
        });
      return { announcement, followers };
    });
  }
}
