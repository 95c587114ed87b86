import type { FastifyInstance } from 'fastify';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import { checkPulseWindow } from '@voc-kit/protocol/adapter-logic.js';
import { CLOUD_WINDOWS, PULSE_WINDOWS, type CloudWindow } from '@voc-kit/protocol/model.js';
import { validateMeToo } from '@voc-kit/protocol/me-too.js';
import { checkIdempotencyKey, toValidationError, validateDraft } from '@voc-kit/protocol/validation.js';
import { checkQuoteTerm } from '@voc-kit/protocol/query.js';
import { kinds, limit, object, since, topicParam } from '../http.js';
import * as S from '../schemas.js';
import { randomToken } from '../util.js';
import { siteOf, type Ctx, type Q } from './context.js';

const errors = { '4xx': { $ref: 'Error#' } };
const tags = ['public'];

/** `/v1/sites/:site/…`: what a site's pages use (CORS for the site's origins, rate limits per hashed address). */
export async function publicRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  const { store, hub, reads } = ctx;

  app.post(
    '/v1/sites/:site/feedback',
    {
      schema: {
        summary: 'Submit feedback (exactly once per Idempotency-Key, forever)',
        tags,
        params: S.params.site,
        headers: S.idempotencyHeader,
        body: S.Draft,
        response: { 201: S.SubmitResult, ...errors },
      },
    },
    async (req, reply) => {
      const site = await siteOf(ctx, req, 'write');
      const key = req.headers['idempotency-key'];
      const keyError = checkIdempotencyKey(key, 'Idempotency-Key');
      if (keyError) throw toValidationError([keyError]);
      const body = object(req.body);
      // honeypot: a field people never see; bots fill it. Answer as if stored, store nothing.
      if (body.website !== undefined && body.website !== '')
        return reply.code(201).send({ id: crypto.randomUUID(), receipt: randomToken(16), status: 'received' });
      const checked = validateDraft(body);
      if (!checked.ok) throw toValidationError(checked.errors);
      const result = await store.submit(site, checked.value, key as string);
      ctx.afterSubmitCommit?.();
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/v1/sites/:site/topics',
    {
      schema: {
        summary: 'Public topics and incidents',
        tags,
        params: S.params.site,
        response: { 200: { type: 'object', properties: { topics: { type: 'array', items: S.Topic } }, required: ['topics'] }, ...errors },
      },
    },
    async (req) => {
      const site = await siteOf(ctx, req, 'read');
      return { topics: await store.topicsOf(ctx.db, site.key) };
    },
  );

  app.get(
    '/v1/sites/:site/cloud',
    {
      schema: {
        summary: 'Cloud snapshot: terms with counts per kind',
        tags,
        params: S.params.site,
        querystring: {
          type: 'object',
          properties: { since: S.query.cloudSince, kinds: S.query.kinds, topic: S.query.topic, limit: S.query.limit },
        },
        headers: S.ifNoneMatchHeader,
        response: { 200: S.CloudSnapshot, 304: S.notModified, ...errors },
      },
    },
    async (req, reply) => {
      const site = await siteOf(ctx, req, 'read');
      const q = req.query as Q;
      const query = {
        since: since(q.since, CLOUD_WINDOWS) as CloudWindow | undefined,
        kinds: kinds(q.kinds),
        topic: topicParam(q.topic),
        limit: limit(q.limit, LIMITS.cloud),
      };
      return reads.serve(req, reply, site.key, () => store.cloud(site.key, query));
    },
  );

  app.get(
    '/v1/sites/:site/quotes',
    {
      schema: {
        summary: 'Public quotes behind a cloud term',
        tags,
        params: S.params.site,
        querystring: {
          type: 'object',
          properties: {
            term: { type: 'string', maxLength: LIMITS.quoteTerm.max },
            since: S.query.since,
            kinds: S.query.kinds,
            limit: S.query.limit,
          },
        },
        response: { 200: { type: 'object', properties: { quotes: { type: 'array', items: S.Quote } }, required: ['quotes'] }, ...errors },
      },
    },
    async (req) => {
      const site = await siteOf(ctx, req, 'read');
      const q = req.query as Q;
      const badTerm = checkQuoteTerm(q.term);
      if (badTerm) throw toValidationError([badTerm]);
      return {
        quotes: await store.quotes(site.key, q.term as string, {
          since: since(q.since),
          kinds: kinds(q.kinds),
          limit: limit(q.limit, LIMITS.quotes),
        }),
      };
    },
  );

  app.get(
    '/v1/sites/:site/feed',
    {
      schema: {
        summary: '“We heard you” feed: announcements and topic updates, newest first',
        tags,
        params: S.params.site,
        querystring: {
          type: 'object',
          properties: { cursor: S.query.any, limit: S.query.limit, kinds: S.query.kinds, topic: S.query.topic },
        },
        headers: S.ifNoneMatchHeader,
        response: { 200: S.FeedPage, 304: S.notModified, ...errors },
      },
    },
    async (req, reply) => {
      const site = await siteOf(ctx, req, 'read');
      const q = req.query as Q;
      if (q.cursor !== undefined && (typeof q.cursor !== 'string' || q.cursor.length > 200))
        throw new ValidationError('cursor', 'invalid', 'The cursor is not one this server gave.');
      const query = {
        cursor: (q.cursor as string) || undefined,
        limit: limit(q.limit, LIMITS.feed),
        kinds: kinds(q.kinds),
        topic: topicParam(q.topic),
      };
      return reads.serve(req, reply, site.key, () => store.feed(site.key, query));
    },
  );

  app.get(
    '/v1/sites/:site/topics/:topic/updates',
    {
      schema: {
        summary: "A topic's earlier dated updates, oldest first, by cursor (topics and the feed carry the latest)",
        tags,
        params: S.params.siteTopic,
        querystring: {
          type: 'object',
          properties: {
            before: { ...S.query.any, description: 'The id of an update: the page holds the ones just before it' },
            limit: S.query.limit,
          },
        },
        headers: S.ifNoneMatchHeader,
        response: { 200: S.TopicUpdatesPage, 304: S.notModified, ...errors },
      },
    },
    async (req, reply) => {
      const site = await siteOf(ctx, req, 'read');
      const slug = topicParam((req.params as { topic: string }).topic)!;
      const q = req.query as Q;
      // `before` is checked with the rest of the query by protocol's `topicUpdatesPage` (store.topicUpdates)
      const query = {
        ...(q.before !== undefined && q.before !== '' && { before: q.before as string }),
        limit: limit(q.limit, LIMITS.topicUpdates),
      };
      return reads.serve(req, reply, site.key, () => store.topicUpdates(site.key, slug, query));
    },
  );

  app.get(
    '/v1/sites/:site/pulse',
    {
      schema: {
        summary: 'Pulse: volume per day and kind, top complaint topics, actions, median resolution',
        tags,
        params: S.params.site,
        querystring: {
          type: 'object',
          properties: { since: { type: 'string', enum: [...PULSE_WINDOWS], default: LIMITS.since.pulseDefault } },
        },
        headers: S.ifNoneMatchHeader,
        response: { 200: S.Pulse, 304: S.notModified, ...errors },
      },
    },
    async (req, reply) => {
      const site = await siteOf(ctx, req, 'read');
      const window = checkPulseWindow((req.query as Q).since);
      return reads.serve(req, reply, site.key, () => store.pulse(site.key, window));
    },
  );

  app.get(
    '/v1/sites/:site/events',
    {
      schema: {
        summary: 'Live events (Server-Sent Events); resume with Last-Event-ID',
        tags,
        params: S.params.site,
        querystring: { type: 'object', properties: { lastEventId: S.query.any } },
        headers: { type: 'object', properties: { 'last-event-id': { type: 'string', maxLength: 100 } } },
        response: {
          200: { description: 'text/event-stream of LiveEvent frames', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const site = await siteOf(ctx, req, 'read');
      const raw = req.headers['last-event-id'] ?? (req.query as Q).lastEventId;
      if (raw !== undefined && (typeof raw !== 'string' || !/^\d{1,18}$/.test(raw)))
        throw new ValidationError('Last-Event-ID', 'invalid', 'Last-Event-ID is an event id this server gave.');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(reply.getHeaders())) if (typeof v === 'string') headers[k] = v;
      reply.hijack();
      await hub.open(site.key, reply.raw, raw as string | undefined, headers);
    },
  );

  app.post(
    '/v1/sites/:site/topics/:topic/me-too',
    {
      schema: {
        summary: '“Me too”: follow a topic (once per key)',
        tags,
        params: S.params.siteTopic,
        body: S.MeToo,
        response: { 200: { type: 'object', properties: { followers: { type: 'integer' } }, required: ['followers'] }, ...errors },
      },
    },
    async (req) => {
      const site = await siteOf(ctx, req, 'write');
      const slug = topicParam((req.params as { topic: string }).topic)!;
      const checked = validateMeToo(object(req.body));
      if (!checked.ok) throw toValidationError(checked.errors);
      return store.meToo(site.key, slug, checked.value.key, checked.value.contact?.email);
    },
  );
}
