import { randomUUID } from 'node:crypto';
import { feedPage } from '@voc-kit/protocol/adapter-logic.js';
import { ConflictError, NotFoundError, ValidationError } from '@voc-kit/protocol/errors.js';
import {
  INCIDENT_STATUSES,
  TOPIC_STATUSES,
  type Announcement,
  type FeedPage,
  type FeedQuery,
  type IncidentStatus,
  type Kind,
  type Topic,
} from '@voc-kit/protocol/model.js';
import type { Sql } from '../db.js';
import { iso, sha256 } from '../util.js';
import { EventStore } from './events.js';
import { PRIVATE_STATUSES, toAnnouncement, zero, type AnnouncementRow, type TopicRow, type TopicUpdateRow } from './rows.js';

/** Topics (and incidents), their dated updates, followers and announcements. */
export class TopicStore extends EventStore {
  async topic(sql: Sql, site: string, slug: string): Promise<Topic | undefined> {
    return (await this.topicsOf(sql, site, slug))[0];
  }

  async topicsOf(sql: Sql, site: string, slug?: string): Promise<Topic[]> {
    const rows = await sql.query<TopicRow>(
      `SELECT t.*, (SELECT count(*)::int FROM followers fo WHERE fo.site = t.site AND fo.topic = t.slug) AS followers
       FROM topics t WHERE t.site = $1 AND ($2::text IS NULL OR t.slug = $2) ORDER BY t.slug`,
      [site, slug ?? null],
    );
    if (rows.length === 0) return [];
    const updates = await sql.query<TopicUpdateRow>(
      'SELECT id, topic, at, status, message FROM topic_updates WHERE site = $1 AND ($2::text IS NULL OR topic = $2) ORDER BY at, id',
      [site, slug ?? null],
    );
    const counts = await sql.query<{ topic: string; kind: Kind; n: number }>(
      `SELECT topic, kind, count(*)::int AS n FROM feedback WHERE site = $1 AND topic IS NOT NULL AND ($2::text IS NULL OR topic = $2)
       AND status <> ALL($3) GROUP BY topic, kind`,
      [site, slug ?? null, PRIVATE_STATUSES],
    );
    return rows.map((r) => {
      const c = zero();
      for (const k of counts) if (k.topic === r.slug) c[k.kind] = k.n;
      return {
        slug: r.slug,
        title: r.title,
        status: r.status,
        ...(r.incident ? { incident: r.incident } : {}),
        updates: updates
          .filter((u) => u.topic === r.slug)
          .map((u) => ({ id: u.id, at: iso(u.at), status: u.status, ...(u.message ? { message: u.message } : {}) })),
        followers: r.followers,
        counts: c,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
      };
    });
  }

  async feed(site: string, query: FeedQuery): Promise<FeedPage> {
    const topics = await this.topicsOf(this.db, site);
    const rows = await this.db.query<AnnouncementRow>('SELECT * FROM announcements WHERE site = $1 ORDER BY at DESC LIMIT 1000', [site]);
    return feedPage(rows.map(toAnnouncement), topics, query);
  }

  async meToo(site: string, slug: string, key: string, email?: string): Promise<{ followers: number }> {
    return this.db.tx(async (sql) => {
      const [t] = await sql.query('SELECT slug FROM topics WHERE site = $1 AND slug = $2', [site, slug]);
      if (!t) throw new NotFoundError('No such topic.');
      const added = await sql.query(
        'INSERT INTO followers (site, topic, who, contact_email) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING who',
        [site, slug, `key:${sha256(key)}`, email ?? null],
      );
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

  /** Moves a topic (or an incident) and publishes the dated update. */
  async updateTopic(site: string, slug: string, patch: { title?: string; status?: string; message?: string }): Promise<Topic> {
    return this.db.tx(async (sql) => {
      const [row] = await sql.query<TopicRow>('SELECT *, 0 AS followers FROM topics WHERE site = $1 AND slug = $2 FOR UPDATE', [
        site,
        slug,
      ]);
      if (!row) throw new NotFoundError('No such topic.');
      if (patch.title)
        await sql.query('UPDATE topics SET title = $3, updated_at = now() WHERE site = $1 AND slug = $2', [site, slug, patch.title]);
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
          await sql.query('UPDATE topics SET status = $3, updated_at = now() WHERE site = $1 AND slug = $2', [site, slug, patch.status]);
        else
          throw new ValidationError(
            'status',
            'invalid',
            `Status must be one of ${[...TOPIC_STATUSES, ...(incident ? INCIDENT_STATUSES : [])].join(', ')}.`,
          );
        await this.addUpdate(sql, site, slug, patch.status, patch.message);
        await this.mail?.topicNews(sql, site, slug, incident && isIncident ? 'incident' : 'status', {
          status: patch.status,
          ...(patch.message && { text: patch.message }),
        });
      }
      const topic = (await this.topic(sql, site, slug))!;
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
      if (input.topic) {
        const [t] = await sql.query<{ n: number }>(
          'SELECT (SELECT count(*)::int FROM followers WHERE site = $1 AND topic = $2) AS n FROM topics WHERE site = $1 AND slug = $2',
          [site, input.topic],
        );
        if (!t) throw new NotFoundError('No such topic.');
        followers = t.n;
      }
      const [r] = await sql.query<AnnouncementRow>(
        'INSERT INTO announcements (id, site, topic, title, body) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [randomUUID(), site, input.topic ?? null, input.title, input.body],
      );
      const announcement = toAnnouncement(r);
      await this.publish(sql, site, 'announcement', announcement);
      if (input.topic) await this.mail?.topicNews(sql, site, input.topic, 'announcement', { title: input.title, text: input.body });
      return { announcement, followers };
    });
  }
}
