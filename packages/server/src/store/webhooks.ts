import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@voc-kit/protocol/errors.js';
import { randomToken } from '../util.js';
import { TopicMergeStore } from './topics-merge.js';
import { WEBHOOK_ATTEMPTS, type DeliveryRow, type WebhookRow } from './rows.js';

/** Webhooks of a site and their delivery queue (shared by every instance). */
export class WebhookStore extends TopicMergeStore {
  /** Adds a webhook; its signing secret is returned here, once. */
  async addWebhook(site: string, url: string, events: string[]): Promise<{ id: string; url: string; events: string[]; secret: string }> {
    const id = randomUUID();
    const secret = `whsec_${randomToken(32)}`;
    await this.db.query('INSERT INTO webhooks (id, site, url, events, secret) VALUES ($1, $2, $3, $4, $5)', [
      id,
      site,
      url,
      events,
      secret,
    ]);
    return { id, url, events, secret };
  }

  async webhooks(site: string): Promise<Array<{ id: string; url: string; events: string[]; pending: number; failed: number }>> {
    const rows = await this.db.query<WebhookRow>(
      `SELECT w.id, w.url, w.events,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts < $2) AS pending,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts >= $2) AS failed
       FROM webhooks w WHERE site = $1 ORDER BY created_at`,
      [site, WEBHOOK_ATTEMPTS],
    );
    return rows.map((r) => ({ id: r.id, url: r.url, events: r.events, pending: r.pending, failed: r.failed }));
  }

  async removeWebhook(site: string, id: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('No such webhook.');
    const rows = await this.db.query('DELETE FROM webhooks WHERE site = $1 AND id = $2 RETURNING id', [site, id]);
    if (!rows[0]) throw new NotFoundError('No such webhook.');
  }

  /** Claims due webhook deliveries (SKIP LOCKED: several instances share the work). */
  async dueDeliveries(limit = 20): Promise<DeliveryRow[]> {
    return this.db.tx(async (sql) => {
      const rows = await sql.query<DeliveryRow>(
        `SELECT d.id::text AS id, w.id AS webhook_id, w.url, w.secret, d.payload, d.attempts FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.delivered_at IS NULL AND d.next_at <= now() AND d.attempts < $1 ORDER BY d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
        [WEBHOOK_ATTEMPTS, limit],
      );
      // lease them for a minute so another instance does not send them at the same time
      if (rows.length)
        await sql.query("UPDATE webhook_deliveries SET next_at = now() + interval '60 seconds' WHERE id = ANY($1::bigint[])", [
          rows.map((r) => r.id),
        ]);
      return rows;
    });
  }

  async deliveryDone(id: string, error?: string, attempts = 0): Promise<void> {
    if (!error) await this.db.query('UPDATE webhook_deliveries SET delivered_at = now(), attempts = attempts + 1 WHERE id = $1', [id]);
    else
      await this.db.query(
        'UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $2, next_at = now() + make_interval(secs => $3) WHERE id = $1',
        [id, error.slice(0, 500), Math.min(3600, 2 ** attempts * 5)],
      );
  }
}
