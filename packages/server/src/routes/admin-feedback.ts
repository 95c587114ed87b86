import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import { INCIDENT_STATUSES, KINDS, type IncidentStatus } from '@voc-kit/protocol/model.js';
import { limit, object, text, topicParam } from '../http.js';
import * as S from '../schemas.js';
import { body, list, param, schema, siteKey } from './admin.js';
import type { Ctx, Q } from './context.js';

/** `/v1/admin/sites/:site/…`: the inbox, moderation, replies, topics, incidents and announcements (team token). */
export async function adminFeedbackRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  const { store } = ctx;
  const site = (req: FastifyRequest) => siteKey(store, req);

  app.get(
    '/v1/admin/sites/:site/inbox',
    {
      schema: schema(
        'The inbox, newest first, with contact details',
        {
          params: S.params.site,
          querystring: body({
            status: { type: 'string', enum: [...S.FEEDBACK_STATUSES] },
            kind: { type: 'string', enum: [...KINDS] },
            topic: S.query.topic,
            cursor: S.query.any,
            limit: S.query.limit,
          }),
        },
        { 200: { ...list('items', S.InboxItem), properties: { items: { type: 'array', items: S.InboxItem }, next: { type: 'string' } } } },
      ),
    },
    async (req) => {
      const q = req.query as Q;
      return store.inbox(await site(req), {
        status: q.status as string | undefined,
        kind: q.kind as string | undefined,
        topic: topicParam(q.topic),
        cursor: q.cursor as string | undefined,
        limit: limit(q.limit, LIMITS.inbox),
      });
    },
  );
  app.get(
    '/v1/admin/sites/:site/feedback/:id',
    { schema: schema('One item with its thread and contact', { params: S.params.siteId }, { 200: S.TeamThread }) },
    async (req) => store.feedbackItem(await site(req), param(req, 'id')),
  );
  for (const action of ['hide', 'restore', 'approve', 'heard'] as const)
    app.post(
      `/v1/admin/sites/:site/feedback/:id/${action}`,
      { schema: schema(`Moderation: ${action}`, { params: S.params.siteId }, { 200: S.InboxItem }) },
      async (req) => store.moderate(await site(req), param(req, 'id'), action),
    );
  app.post(
    '/v1/admin/sites/:site/feedback/:id/topic',
    {
      schema: schema(
        'Group into a topic (its counts move with it)',
        { params: S.params.siteId, body: body({ topic: S.query.topic }) },
        { 200: S.InboxItem },
      ),
    },
    async (req) => {
      const slug = topicParam(object(req.body).topic);
      if (!slug) throw new ValidationError('topic', 'required', 'topic is required.');
      return store.groupIntoTopic(await site(req), param(req, 'id'), slug);
    },
  );
  app.post(
    '/v1/admin/sites/:site/feedback/:id/replies',
    {
      schema: schema(
        'Reply (the author sees it by receipt)',
        { params: S.params.siteId, body: body({ text: S.textField(4000), author: S.textField(100) }) },
        { 201: S.ThreadEntry },
      ),
    },
    async (req, reply) => {
      const b = object(req.body);
      const entry = await store.reply(await site(req), param(req, 'id'), text(b, 'text', 4000)!, text(b, 'author', 100, false));
      return reply.code(201).send(entry);
    },
  );

  app.get(
    '/v1/admin/sites/:site/topics',
    { schema: schema('Topics and incidents', { params: S.params.site }, { 200: list('topics', S.Topic) }) },
    async (req) => ({ topics: await store.topicsOf(store.db, await site(req), undefined, { merged: true }) }),
  );
  app.post(
    '/v1/admin/sites/:site/topics',
    {
      schema: schema(
        'Create a topic',
        { params: S.params.site, body: body({ slug: S.query.topic, title: S.textField(200) }) },
        { 201: S.Topic },
      ),
    },
    async (req, reply) => {
      const b = object(req.body);
      const slug = topicParam(b.slug, 'slug');
      if (!slug) throw new ValidationError('slug', 'required', 'slug is required.');
      return reply.code(201).send(await store.createTopic(await site(req), { slug, title: text(b, 'title', 200)! }));
    },
  );
  app.patch(
    '/v1/admin/sites/:site/topics/:topic',
    {
      schema: schema(
        'Move a topic or incident (a dated update)',
        {
          params: S.params.siteTopic,
          body: body({
            title: S.textField(200),
            status: { type: 'string', maxLength: 100 },
            message: S.textField(2000),
            expectedBy: S.expectedBy,
          }),
        },
        { 200: S.Topic },
      ),
    },
    async (req) => {
      const b = object(req.body);
      return store.updateTopic(await site(req), topicParam(param(req, 'topic'))!, {
        title: text(b, 'title', 200, false),
        status: b.status as string | undefined,
        message: text(b, 'message', 2000, false),
        expectedBy: b.expectedBy as string | null | undefined,
      });
    },
  );
  app.post(
    '/v1/admin/sites/:site/incidents',
    {
      schema: schema(
        'Open an incident',
        {
          params: S.params.site,
          body: body({
            slug: S.query.topic,
            title: S.textField(200),
            status: { type: 'string', maxLength: 100 },
            message: S.textField(2000),
          }),
        },
        { 201: S.Topic },
      ),
    },
    async (req, reply) => {
      const b = object(req.body);
      const slug = topicParam(b.slug, 'slug');
      if (!slug) throw new ValidationError('slug', 'required', 'slug is required.');
      const status = (b.status ?? 'investigating') as IncidentStatus;
      if (!(INCIDENT_STATUSES as readonly string[]).includes(status))
        throw new ValidationError('status', 'invalid', `status is one of ${INCIDENT_STATUSES.join(', ')}.`);
      const topic = await store.createTopic(await site(req), {
        slug,
        title: text(b, 'title', 200)!,
        incident: status,
        message: text(b, 'message', 2000, false),
        ...(b.expectedBy !== undefined && { expectedBy: b.expectedBy as string | null }),
      });
      return reply.code(201).send(topic);
    },
  );
  app.post(
    '/v1/admin/sites/:site/announcements',
    {
      schema: schema(
        'Announce (to the feed and a topic’s followers)',
        { params: S.params.site, body: body({ title: S.textField(200), body: S.textField(4000), topic: S.query.topic }) },
        {
          201: {
            type: 'object',
            properties: { announcement: S.Announcement, followers: { type: 'integer' } },
            required: ['announcement', 'followers'],
          },
        },
      ),
    },
    async (req, reply) => {
      const b = object(req.body);
      const result = await store.announce(await site(req), {
        title: text(b, 'title', 200)!,
        body: text(b, 'body', 4000)!,
        topic: topicParam(b.topic),
      });
      return reply.code(201).send(result);
    },
  );
}
