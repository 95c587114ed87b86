/** Owners' settings: a site's allowed origins, its webhooks, and the dev mailbox (development without SMTP). */
import type { FastifyInstance } from 'fastify';
import { WEBHOOK_EVENTS } from '../schemas.js';
import { origins } from '../routes/admin-sites.js';
import { checkWebhookUrl } from '../webhooks.js';
import { body, siteParams, str, uuid } from './schemas.js';
import type { TeamContext } from './context.js';

const webhookParams = { ...siteParams, properties: { ...siteParams.properties, id: uuid }, required: ['site', 'id'] };

export function settingsRoutes(app: FastifyInstance, ctx: TeamContext, allowPrivateWebhooks: boolean): void {
  const { store, audit, siteOf, params } = ctx;

  app.patch(
    '/v1/team/sites/:site',
    {
      schema: {
        summary: 'Change where a site’s widgets may run (its allowed origins)',
        params: siteParams,
        body: body({ origins: { type: 'array', maxItems: 50, items: str(200) } }, ['origins']),
      },
      config: { role: 'owner' },
    },
    async (req) => {
      const site = await siteOf(req);
      const updated = await store.updateSite(site, { origins: origins((req.body as { origins: unknown }).origins) });
      await audit(req, 'site.origins', site, updated.origins.join(' '));
      return updated;
    },
  );

  app.get(
    '/v1/team/sites/:site/webhooks',
    { schema: { summary: 'Webhooks with pending and failed deliveries', params: siteParams }, config: { role: 'owner' } },
    async (req) => ({ webhooks: await store.webhooks(await siteOf(req)) }),
  );

  app.post(
    '/v1/team/sites/:site/webhooks',
    {
      schema: {
        summary: 'Add a webhook; the answer holds its signing secret, shown once',
        params: siteParams,
        body: body(
          {
            url: str(2000),
            events: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { type: 'string', enum: [...WEBHOOK_EVENTS] } },
          },
          ['url'],
        ),
      },
      config: { role: 'owner' },
    },
    async (req, reply) => {
      const site = await siteOf(req);
      const b = req.body as { url: string; events?: string[] };
      const url = await checkWebhookUrl(b.url.trim(), allowPrivateWebhooks);
      const created = await store.addWebhook(site, url, b.events ?? [...WEBHOOK_EVENTS]);
      await audit(req, 'webhook.add', site, url);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/v1/team/sites/:site/webhooks/:id',
    { schema: { summary: 'Remove a webhook', params: webhookParams }, config: { role: 'owner' } },
    async (req, reply) => {
      const site = await siteOf(req);
      const { id } = params<{ id: string }>(req);
      await store.removeWebhook(site, id);
      await audit(req, 'webhook.remove', site, id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/team/mail/dev-mailbox',
    {
      schema: { summary: 'Development without SMTP: the mails that would have been sent, newest first (enabled: false otherwise)' },
      config: { role: 'owner' },
    },
    async () => {
      const outbox = store.mail;
      const enabled = !!outbox && outbox.enabled && !outbox.options.smtpUrl;
      return { enabled, mails: enabled ? await outbox.devMailbox(undefined) : [] };
    },
  );
}
