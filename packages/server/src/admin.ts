import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '@voc-kit/core/errors.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '@voc-kit/core/model.js';
import { checkEmail } from '@voc-kit/core/validation.js';
import { limit, object, text, topicParam, validOriginPattern } from './http.js';
import type { LiveHub } from './live.js';
import type { SiteSettings, Store } from './store/index.js';

const SITE_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const STATUSES = ['received', 'pending', 'heard', 'replied', 'resolved', 'reopened', 'hidden'];
const EVENT_TYPES = ['feedback', 'topic', 'announcement'];

function origins(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 50 || !value.every(validOriginPattern))
    throw new ValidationError('origins', 'invalid', 'origins is a list of origins like https://shop.example or http://localhost:*.');
  return value as string[];
}

function settings(value: unknown): SiteSettings | undefined {
  if (value === undefined) return undefined;
  const o = object(value);
  if (o.premoderation !== undefined && typeof o.premoderation !== 'boolean')
    throw new ValidationError('settings.premoderation', 'invalid', 'premoderation must be true or false.');
  const out: SiteSettings = {};
  if (o.premoderation !== undefined) out.premoderation = o.premoderation as boolean;
  if (o.rateLimit !== undefined) {
    const r = o.rateLimit as Record<string, unknown> | null;
    const ok = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1_000_000;
    if (typeof r !== 'object' || r === null || !ok(r.perMinute) || !ok(r.burst))
      throw new ValidationError('settings.rateLimit', 'invalid', 'rateLimit is { perMinute, burst }, whole numbers from 1 to 1,000,000.');
    out.rateLimit = { perMinute: r.perMinute as number, burst: r.burst as number };
  }
  return out;
}

function who(q: Record<string, unknown>): { email?: string; receipt?: string } {
  if (typeof q.receipt === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(q.receipt)) return { receipt: q.receipt };
  if (typeof q.email === 'string' && !checkEmail(q.email)) return { email: q.email.trim() };
  throw new ValidationError('email', 'required', 'Give the person’s email or receipt.');
}

/** `/v1/admin/...`: every route here runs after the token check in app.ts. */
export function registerAdminRoutes(app: FastifyInstance, store: Store, hub: LiveHub): void {
  const site = async (req: FastifyRequest) => (await store.requireSite((req.params as { site: string }).site)).key;
  const param = (req: FastifyRequest, name: string) => (req.params as Record<string, string>)[name];
  type Q = Record<string, unknown>;

  // sites
  app.get('/v1/admin/sites', async () => ({ sites: await store.sites() }));
  app.post('/v1/admin/sites', async (req, reply) => {
    const body = object(req.body);
    if (typeof body.key !== 'string' || !SITE_KEY.test(body.key) || body.key.length > 64)
      throw new ValidationError('key', 'invalid', 'key is a slug of lowercase letters, digits and single hyphens (at most 64).');
    const created = await store.createSite({
      key: body.key,
      name: text(body, 'name', 200)!,
      origins: origins(body.origins ?? []),
      settings: settings(body.settings),
    });
    return reply.code(201).send(created);
  });
  app.patch('/v1/admin/sites/:site', async (req) => {
    const body = object(req.body);
    return store.updateSite(await site(req), {
      name: text(body, 'name', 200, false),
      origins: body.origins === undefined ? undefined : origins(body.origins),
      settings: settings(body.settings),
    });
  });

  // tokens
  app.get('/v1/admin/tokens', async () => ({ tokens: await store.tokens() }));
  app.post('/v1/admin/tokens', async (req, reply) => {
    const created = await store.createToken(text(object(req.body), 'name', 100)!);
    return reply.code(201).send(created);
  });
  app.delete('/v1/admin/tokens/:id', async (req, reply) => {
    const id = param(req, 'id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('No such active token.');
    await store.revokeToken(id);
    return reply.code(204).send();
  });

  // inbox and moderation
  app.get('/v1/admin/sites/:site/inbox', async (req) => {
    const q = req.query as Q;
    if (q.status !== undefined && !STATUSES.includes(q.status as string))
      throw new ValidationError('status', 'invalid', `status is one of ${STATUSES.join(', ')}.`);
    if (q.kind !== undefined && !['compliment', 'idea', 'complaint'].includes(q.kind as string))
      throw new ValidationError('kind', 'invalid', 'kind is compliment, idea or complaint.');
    if (q.cursor !== undefined && typeof q.cursor !== 'string')
      throw new ValidationError('cursor', 'invalid', 'The cursor is not one this server gave.');
    return store.inbox(await site(req), {
      status: q.status as string | undefined,
      kind: q.kind as string | undefined,
      topic: topicParam(q.topic),
      cursor: q.cursor as string | undefined,
      limit: limit(q.limit, 200),
    });
  });
  app.get('/v1/admin/sites/:site/feedback/:id', async (req) => store.feedbackItem(await site(req), param(req, 'id')));
  for (const action of ['hide', 'restore', 'approve', 'heard'] as const)
    app.post(`/v1/admin/sites/:site/feedback/:id/${action}`, async (req) => store.moderate(await site(req), param(req, 'id'), action));
  app.post('/v1/admin/sites/:site/feedback/:id/topic', async (req) => {
    const slug = topicParam(object(req.body).topic);
    if (!slug) throw new ValidationError('topic', 'required', 'topic is required.');
    return store.groupIntoTopic(await site(req), param(req, 'id'), slug);
  });
  app.post('/v1/admin/sites/:site/feedback/:id/replies', async (req, reply) => {
    const body = object(req.body);
    const entry = await store.reply(await site(req), param(req, 'id'), text(body, 'text', 4000)!, text(body, 'author', 100, false));
    return reply.code(201).send(entry);
  });

  // topics, incidents, announcements
  app.get('/v1/admin/sites/:site/topics', async (req) => ({ topics: await store.topicsOf(store.db, await site(req)) }));
  app.post('/v1/admin/sites/:site/topics', async (req, reply) => {
    const body = object(req.body);
    const slug = topicParam(body.slug, 'slug');
    if (!slug) throw new ValidationError('slug', 'required', 'slug is required.');
    return reply.code(201).send(await store.createTopic(await site(req), { slug, title: text(body, 'title', 200)! }));
  });
  app.patch('/v1/admin/sites/:site/topics/:topic', async (req) => {
    const body = object(req.body);
    if (body.status !== undefined && typeof body.status !== 'string')
      throw new ValidationError('status', 'invalid', 'status must be a string.');
    return store.updateTopic(await site(req), topicParam(param(req, 'topic'))!, {
      title: text(body, 'title', 200, false),
      status: body.status as string | undefined,
      message: text(body, 'message', 2000, false),
    });
  });
  app.post('/v1/admin/sites/:site/incidents', async (req, reply) => {
    const body = object(req.body);
    const slug = topicParam(body.slug, 'slug');
    if (!slug) throw new ValidationError('slug', 'required', 'slug is required.');
    const status = (body.status ?? 'investigating') as IncidentStatus;
    if (!(INCIDENT_STATUSES as readonly string[]).includes(status))
      throw new ValidationError('status', 'invalid', `status is one of ${INCIDENT_STATUSES.join(', ')}.`);
    const topic = await store.createTopic(await site(req), {
      slug,
      title: text(body, 'title', 200)!,
      incident: status,
      message: text(body, 'message', 2000, false),
    });
    return reply.code(201).send(topic);
  });
  app.post('/v1/admin/sites/:site/announcements', async (req, reply) => {
    const body = object(req.body);
    const result = await store.announce(await site(req), {
      title: text(body, 'title', 200)!,
      body: text(body, 'body', 4000)!,
      topic: topicParam(body.topic),
    });
    return reply.code(201).send(result);
  });

  // webhooks
  app.get('/v1/admin/sites/:site/webhooks', async (req) => ({ webhooks: await store.webhooks(await site(req)) }));
  app.post('/v1/admin/sites/:site/webhooks', async (req, reply) => {
    const body = object(req.body);
    const url = text(body, 'url', 2000)!;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ValidationError('url', 'invalid', 'url must be an http(s) URL.');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new ValidationError('url', 'invalid', 'url must be an http(s) URL.');
    const events = body.events ?? EVENT_TYPES;
    if (!Array.isArray(events) || events.length === 0 || !events.every((e) => EVENT_TYPES.includes(e)))
      throw new ValidationError('events', 'invalid', `events is a list of ${EVENT_TYPES.join(', ')}.`);
    return reply.code(201).send(await store.addWebhook(await site(req), parsed.href, events as string[]));
  });
  app.delete('/v1/admin/sites/:site/webhooks/:id', async (req, reply) => {
    await store.removeWebhook(await site(req), param(req, 'id'));
    return reply.code(204).send();
  });

  // live: close this instance's streams (before a deploy); clients reconnect, elsewhere, and resume by event id
  app.post('/v1/admin/live/disconnect', async () => ({ disconnected: hub.disconnectAll() }));

  // GDPR: export and delete everything about one person, by receipt or by email
  app.get('/v1/admin/export', async (req) => store.exportData(who(req.query as Q)));
  app.delete('/v1/admin/data', async (req) => store.deleteData(who(req.query as Q)));
}
