/** Triage and answers: moderation, replies, grouping into topics, topic and incident moves, announcements. */
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import { INCIDENT_STATUSES, TOPIC_STATUSES } from '@voc-kit/protocol/model.js';
import { GROUP_MAX, SEARCH_MAX, signature } from '@voc-kit/protocol/team.js';
import { topicParam } from '../http.js';
import { expectedBy } from '../schemas.js';
import { body, itemParams, siteParams, slug, str, topicParams, uuid } from './schemas.js';
import type { TeamContext } from './context.js';

export function answerRoutes(app: FastifyInstance, ctx: TeamContext): void {
  const { store, team, actor, audit, siteOf, params, filterOf } = ctx;

  app.post(
    '/v1/team/sites/:site/items/:id/:action',
    {
      schema: {
        summary: 'Mark heard, hide, restore or approve (pre-moderation) an item',
        params: {
          ...itemParams,
          properties: { ...itemParams.properties, action: { type: 'string', enum: ['heard', 'hide', 'restore', 'approve'] } },
        },
      },
      config: { role: 'agent' },
    },
    async (req) => {
      const site = await siteOf(req);
      const { id, action } = params<{ id: string; action: 'heard' | 'hide' | 'restore' | 'approve' }>(req);
      const item = await store.moderate(site, id, action);
      await audit(req, `item.${action}`, site, id);
      return item;
    },
  );

  app.post(
    '/v1/team/sites/:site/items/:id/replies',
    {
      schema: {
        summary: 'Reply to the customer (signed with your name and title)',
        params: itemParams,
        body: body({ text: str(4000) }, ['text']),
      },
      config: { role: 'agent' },
    },
    async (req, reply) => {
      const site = await siteOf(req);
      const { id } = params<{ id: string }>(req);
      const text = (req.body as { text: string }).text.trim();
      if (!text) throw new ValidationError('text', 'required', 'text is required.');
      const entry = await store.reply(site, id, text, signature(actor(req)));
      await audit(req, 'item.reply', site, id);
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/v1/team/sites/:site/group',
    {
      schema: {
        summary:
          'Group items into a topic in one action: given ids, or all matching a term or search; creates the topic when a title is given',
        params: siteParams,
        body: body(
          {
            topic: slug,
            title: str(200),
            ids: { type: 'array', items: uuid, maxItems: GROUP_MAX },
            term: str(200),
            q: str(SEARCH_MAX),
          },
          ['topic'],
        ),
      },
      config: { role: 'agent' },
    },
    async (req, reply) => {
      const site = await siteOf(req);
      const b = req.body as { topic: string; title?: string; ids?: string[]; term?: string; q?: string };
      const slugValue = topicParam(b.topic)!;
      if (!b.ids && !b.term && !b.q) throw new ValidationError('ids', 'required', 'Give ids, a term or a search (q).');
      let created = false;
      if (!(await store.topic(store.db, site, slugValue))) {
        if (!b.title) throw new ValidationError('title', 'required', 'No topic with this slug yet: give a title to create it.');
        await store.createTopic(site, { slug: slugValue, title: b.title.trim() });
        created = true;
      }
      const ids = new Set(b.ids ?? []);
      const f = filterOf({ q: b.q });
      if (b.term) for (const id of await team.idsWithTerm(site, b.term, f, GROUP_MAX)) ids.add(id);
      else if (b.q) for (const id of await team.matchingIds(site, f, GROUP_MAX)) ids.add(id);
      for (const id of ids) await store.groupIntoTopic(site, id, slugValue);
      await audit(req, created ? 'topic.create-and-group' : 'topic.group', site, `${slugValue} (${ids.size})`);
      return reply.code(created ? 201 : 200).send({ topic: await store.topic(store.db, site, slugValue), grouped: ids.size });
    },
  );

  app.get(
    '/v1/team/sites/:site/topics',
    { schema: { summary: 'Topics and incidents', params: siteParams }, config: { role: 'viewer' } },
    async (req) => ({ topics: await store.topicsOf(store.db, await siteOf(req), undefined, { merged: true }) }),
  );

  app.patch(
    '/v1/team/sites/:site/topics/:topic',
    {
      schema: {
        summary: 'Move a topic (heard → planned → in-progress → done, or declined with a reason) or an incident, with a dated note',
        params: topicParams,
        body: body({
          status: { type: 'string', enum: [...TOPIC_STATUSES, ...INCIDENT_STATUSES] },
          message: str(2000),
          title: str(200),
          expectedBy,
        }),
      },
      config: { role: 'agent' },
    },
    async (req) => {
      const site = await siteOf(req);
      const b = req.body as { status?: string; message?: string; title?: string; expectedBy?: string | null };
      if (b.status === 'declined' && !b.message?.trim()) throw new ValidationError('message', 'required', 'Say why when you decline.');
      const slugValue = topicParam(params<{ topic: string }>(req).topic)!;
      const topic = await store.updateTopic(site, slugValue, b);
      await audit(req, `topic.${b.status ?? 'update'}`, site, slugValue);
      return topic;
    },
  );

  app.post(
    '/v1/team/sites/:site/topics/:topic/merge',
    {
      schema: {
        summary: 'Merge this topic into another: its items, followers (each person once) and announcements move; it stays as "merged into"',
        params: topicParams,
        body: body({ into: slug }, ['into']),
      },
      config: { role: 'agent' },
    },
    async (req) => {
      const site = await siteOf(req);
      const from = topicParam(params<{ topic: string }>(req).topic)!;
      const into = topicParam((req.body as { into: string }).into, 'into')!;
      const result = await store.mergeTopic(site, from, into);
      await audit(req, 'topic.merge', site, `${from} → ${into} (${result.moved.items} items, ${result.moved.followers} followers)`);
      return result;
    },
  );

  app.post(
    '/v1/team/sites/:site/topics/:topic/announcements',
    {
      schema: {
        summary: 'Announce to everyone following a topic (and the public feed), signed with your name',
        params: topicParams,
        body: body({ title: str(200), body: str(3800) }, ['title', 'body']),
      },
      config: { role: 'agent' },
    },
    async (req, reply) => {
      const site = await siteOf(req);
      const slugValue = topicParam(params<{ topic: string }>(req).topic)!;
      const b = req.body as { title: string; body: string };
      const result = await store.announce(site, {
        title: b.title.trim(),
        body: `${b.body.trim()}\n\n— ${signature(actor(req))}`,
        topic: slugValue,
      });
      await audit(req, 'topic.announce', site, slugValue);
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/v1/team/sites/:site/incidents',
    {
      schema: {
        summary: 'Open an incident (investigating → identified → monitoring → resolved)',
        params: siteParams,
        body: body({ slug, title: str(200), status: { type: 'string', enum: [...INCIDENT_STATUSES] }, message: str(2000) }, [
          'slug',
          'title',
        ]),
      },
      config: { role: 'agent' },
    },
    async (req, reply) => {
      const site = await siteOf(req);
      const b = req.body as { slug: string; title: string; status?: (typeof INCIDENT_STATUSES)[number]; message?: string };
      const topic = await store.createTopic(site, {
        slug: topicParam(b.slug, 'slug')!,
        title: b.title.trim(),
        incident: b.status ?? 'investigating',
        message: b.message?.trim(),
      });
      await audit(req, 'incident.open', site, topic.slug);
      return reply.code(201).send(topic);
    },
  );
}
