import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '@voc-kit/protocol/errors.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import { checkEmail } from '@voc-kit/protocol/validation.js';
import { object, text, validOriginPattern } from '../http.js';
import * as S from '../schemas.js';
import type { SiteSettings } from '../store/index.js';
import { checkWebhookUrl } from '../webhooks.js';
import { body, list, param, schema, siteKey } from './admin.js';
import type { Ctx, Q } from './context.js';

const none = { 204: { type: 'null', description: 'Done' } };
const who = body({ email: { type: 'string', maxLength: 1000 }, receipt: { type: 'string', maxLength: 200 } });
const exported = {
  type: 'object',
  properties: {
    feedback: { type: 'array', items: S.TeamThread },
    follows: { type: 'array', items: body({ site: { type: 'string' }, topic: { type: 'string' } }) },
  },
  required: ['feedback', 'follows'],
};
const siteBody = body({
  key: { type: 'string', maxLength: 200 },
  name: S.textField(200),
  origins: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 200 } },
  settings: S.SiteSettings,
});

/** The allowed origins of a site, checked (also used by the team's settings). */
export function origins(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 50 || !value.every(validOriginPattern))
    throw new ValidationError('origins', 'invalid', 'origins is a list of origins like https://shop.example or http://localhost:*.');
  return value as string[];
}

function settings(value: unknown): SiteSettings | undefined {
  if (value === undefined) return undefined;
  const o = object(value);
  const out: SiteSettings = {};
  if (typeof o.premoderation === 'boolean') out.premoderation = o.premoderation;
  if (o.rateLimit !== undefined) {
    const r = o.rateLimit as Record<string, unknown>;
    const ok = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1_000_000;
    if (!ok(r.perMinute) || !ok(r.burst))
      throw new ValidationError('settings.rateLimit', 'invalid', 'rateLimit is { perMinute, burst }, whole numbers from 1 to 1,000,000.');
    out.rateLimit = { perMinute: r.perMinute as number, burst: r.burst as number };
  }
  if (o.threadUrl !== undefined) {
    let ok = false;
    try {
      ok = typeof o.threadUrl === 'string' && o.threadUrl.length <= 2000 && /^https?:$/.test(new URL(o.threadUrl).protocol);
    } catch {
      // not a URL
    }
    if (!ok)
      throw new ValidationError('settings.threadUrl', 'invalid', 'threadUrl is the http(s) address of your page with <voc-status-feed>.');
    out.threadUrl = o.threadUrl as string;
  }
  return out;
}

function person(q: Q): { email?: string; receipt?: string } {
  if (typeof q.receipt === 'string' && S.RECEIPT.test(q.receipt)) return { receipt: q.receipt };
  if (typeof q.email === 'string' && !checkEmail(q.email)) return { email: q.email.trim() };
  throw new ValidationError('email', 'required', 'Give the person’s email or receipt.');
}

/** `/v1/admin/…`: sites, tokens, webhooks, live connections and GDPR requests (team token). */
export async function adminSiteRoutes(app: FastifyInstance, ctx: Ctx & { allowPrivateWebhooks: boolean }): Promise<void> {
  const { store, hub } = ctx;
  const site = (req: FastifyRequest) => siteKey(store, req);

  app.get('/v1/admin/sites', { schema: schema('All sites', {}, { 200: list('sites', S.Site) }) }, async () => ({
    sites: await store.sites(),
  }));
  app.post('/v1/admin/sites', { schema: schema('Create a site', { body: siteBody }, { 201: S.Site }) }, async (req, reply) => {
    const b = object(req.body);
    if (typeof b.key !== 'string' || !S.SITE_KEY.test(b.key) || b.key.length > LIMITS.site.max)
      throw new ValidationError(
        'key',
        'invalid',
        `key is a slug of lowercase letters, digits and single hyphens (at most ${LIMITS.site.max}).`,
      );
    const created = await store.createSite({
      key: b.key,
      name: text(b, 'name', 200)!,
      origins: origins(b.origins ?? []),
      settings: settings(b.settings),
    });
    return reply.code(201).send(created);
  });
  app.patch(
    '/v1/admin/sites/:site',
    { schema: schema('Change a site', { params: S.params.site, body: siteBody }, { 200: S.Site }) },
    async (req) => {
      const b = object(req.body);
      return store.updateSite(await site(req), {
        name: text(b, 'name', 200, false),
        origins: b.origins === undefined ? undefined : origins(b.origins),
        settings: settings(b.settings),
      });
    },
  );

  app.get(
    '/v1/admin/tokens',
    { schema: schema('Team tokens (never the tokens themselves)', {}, { 200: list('tokens', S.TokenInfo) }) },
    async () => ({
      tokens: await store.tokens(),
    }),
  );
  app.post(
    '/v1/admin/tokens',
    {
      schema: schema(
        'Create a team token (shown once)',
        { body: body({ name: S.textField(100) }) },
        {
          201: {
            type: 'object',
            properties: { id: { type: 'string' }, name: { type: 'string' }, token: { type: 'string' } },
            required: ['id', 'name', 'token'],
          },
        },
      ),
    },
    async (req, reply) => reply.code(201).send(await store.createToken(text(object(req.body), 'name', 100)!)),
  );
  app.delete('/v1/admin/tokens/:id', { schema: schema('Revoke a team token', { params: S.params.id }, none) }, async (req, reply) => {
    const id = param(req, 'id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('No such active token.');
    await store.revokeToken(id);
    return reply.code(204).send();
  });

  app.get(
    '/v1/admin/sites/:site/webhooks',
    { schema: schema('Webhooks with pending and failed deliveries', { params: S.params.site }, { 200: list('webhooks', S.Webhook) }) },
    async (req) => ({
      webhooks: await store.webhooks(await site(req)),
    }),
  );
  app.post(
    '/v1/admin/sites/:site/webhooks',
    {
      schema: schema(
        'Add a webhook; the answer holds its signing secret, shown once',
        {
          params: S.params.site,
          body: body({ url: S.textField(2000), events: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 100 } } }),
        },
        {
          201: {
            type: 'object',
            properties: { ...S.Webhook.properties, secret: { type: 'string' } },
            required: ['id', 'url', 'events', 'secret'],
          },
        },
      ),
    },
    async (req, reply) => {
      const b = object(req.body);
      const url = await checkWebhookUrl(text(b, 'url', 2000)!, ctx.allowPrivateWebhooks);
      const events = b.events ?? S.WEBHOOK_EVENTS;
      if (!Array.isArray(events) || events.length === 0 || !events.every((e) => (S.WEBHOOK_EVENTS as readonly string[]).includes(e)))
        throw new ValidationError('events', 'invalid', `events is a list of ${S.WEBHOOK_EVENTS.join(', ')}.`);
      return reply.code(201).send(await store.addWebhook(await site(req), url, events as string[]));
    },
  );
  app.delete(
    '/v1/admin/sites/:site/webhooks/:id',
    { schema: schema('Remove a webhook', { params: S.params.siteId }, none) },
    async (req, reply) => {
      await store.removeWebhook(await site(req), param(req, 'id'));
      return reply.code(204).send();
    },
  );

  // live: close this instance's streams (before a deploy); clients reconnect, elsewhere, and resume by event id
  app.post(
    '/v1/admin/live/disconnect',
    {
      schema: schema(
        'Close this instance’s live streams',
        {},
        { 200: { type: 'object', properties: { disconnected: { type: 'integer' } }, required: ['disconnected'] } },
      ),
    },
    async () => ({ disconnected: hub.disconnectAll() }),
  );

  // GDPR: export and delete everything about one person, by receipt or by email
  app.get(
    '/v1/admin/export',
    { schema: schema('Export everything about one person', { querystring: who }, { 200: exported }) },
    async (req) => store.exportData(person(req.query as Q)),
  );
  app.delete(
    '/v1/admin/data',
    {
      schema: schema(
        'Delete everything about one person',
        { querystring: who },
        { 200: { type: 'object', properties: { deleted: { type: 'integer' } }, required: ['deleted'] } },
      ),
    },
    async (req) => store.deleteData(person(req.query as Q)),
  );
}
