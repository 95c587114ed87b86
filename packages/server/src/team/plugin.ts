/**
 * The team's API under `/v1/team` and the console page at `/console`: sign-in sessions (HttpOnly, SameSite=Strict
 * cookie; Origin checked on every state change), bearer tokens with a role for automation, role checks on every
 * route, and an audit entry for every team action. Reads and writes go through the existing Store where it has them.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '@voc-kit/protocol/errors.js';
import { INCIDENT_STATUSES, KINDS, TOPIC_STATUSES, type Kind } from '@voc-kit/protocol/model.js';
import {
  GROUP_MAX,
  INBOX_MAX,
  SEARCH_MAX,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  TEAM_ROLES,
  roleAllows,
  signature,
  type TeamActor,
  type TeamRole,
} from '@voc-kit/protocol/team.js';
import { RECEIPT } from '@voc-kit/protocol/query.js';
import { checkEmail, TOPIC_MAX } from '@voc-kit/protocol/validation.js';
import { HttpError, topicParam } from '../http.js';
import type { Store } from '../store/index.js';
import { sameHash, sha256 } from '../util.js';
import { spendSignInToken } from '../sign-in.js';
import { TeamSql, type InboxFilter } from './sql.js';
import { suggestGroups } from './suggest.js';
import { consolePage } from './page.js';

export interface TeamPluginOptions {
  store: Store;
  /** Filled with the OpenAPI paths of the team routes (from their schemas), for `/v1/openapi.json`. */
  paths: Record<string, Record<string, unknown>>;
  /** Content-Security-Policy of the console page. */
  csp: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least team role a route needs; routes without one are public. */
    role?: TeamRole;
  }
  interface FastifyRequest {
    actor?: TeamActor;
  }
  interface FastifySchema {
    /** One line for the OpenAPI document. */
    summary?: string;
  }
}

const uuid = { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' } as const;
const slug = { type: 'string', minLength: 1, maxLength: TOPIC_MAX } as const;
const str = (maxLength: number, minLength = 1) => ({ type: 'string', minLength, maxLength }) as const;
const role = { type: 'string', enum: [...TEAM_ROLES] } as const;
const siteParams = { type: 'object', properties: { site: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } }, required: ['site'] };
const itemParams = { ...siteParams, properties: { ...siteParams.properties, id: uuid }, required: ['site', 'id'] };
const topicParams = { ...siteParams, properties: { ...siteParams.properties, topic: slug }, required: ['site', 'topic'] };
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] };
const body = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const filterQuery = {
  q: { type: 'string', maxLength: SEARCH_MAX },
  kind: { type: 'string', enum: [...KINDS] },
  status: { type: 'string', enum: ['received', 'pending', 'heard', 'replied', 'resolved', 'reopened', 'hidden'] },
  topic: slug,
  // query strings are strings (the server does not coerce types): 'true' or 'false'
  contact: { type: 'string', enum: ['true', 'false'] },
  awaiting: { type: 'string', enum: ['true', 'false'] },
  reopened: { type: 'string', enum: ['true', 'false'] },
  term: { type: 'string', maxLength: 200 },
};

/** A whole number in a query string (the server does not coerce types); `intOf` checks its range. */
const queryInt = { type: 'string', pattern: '^\\d{1,4}$' };
function intOf(value: unknown, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ValidationError('limit', 'invalid', `limit is a whole number from 1 to ${max}.`);
  return n;
}

const LOCAL = /^(localhost|127\.0\.0\.1|\[::1\])$|\.localhost$/;
const STATE_CHANGE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export async function teamPlugin(app: FastifyInstance, { store, paths, csp }: TeamPluginOptions): Promise<void> {
  const team = new TeamSql(store.db);
  await app.register(cookie);

  // OpenAPI from the route schemas, so the document cannot drift from what the routes check
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/team')) return;
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const s = (route.schema ?? {}) as Record<string, { properties?: Record<string, unknown>; required?: string[] } | string | undefined>;
    const parameters = [
      ...Object.entries((s.params as { properties?: Record<string, unknown> })?.properties ?? {}).map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        schema,
      })),
      ...Object.entries((s.querystring as { properties?: Record<string, unknown> })?.properties ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        schema,
      })),
    ];
    const needed = route.config?.role;
    for (const method of ([] as string[]).concat(route.method)) {
      if (method === 'HEAD') continue;
      (paths[path] ??= {})[method.toLowerCase()] = {
        summary: s.summary,
        tags: ['team'],
        ...(needed && { security: [{ bearer: [] }, { session: [] }], description: `Needs the role ${needed} or above.` }),
        ...(parameters.length && { parameters }),
        ...(s.body && { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } }),
        responses: {
          '200': { description: 'OK' },
          '400': { description: 'Malformed request' },
          ...(needed && { '401': { description: 'Not signed in' }, '403': { description: 'Role too low, or cross-site request' } }),
        },
      };
    }
  });

  /** Who is asking: the session cookie, or a bearer token. */
  async function actorOf(req: FastifyRequest): Promise<TeamActor | undefined> {
    const header = req.headers.authorization;
    if (typeof header === 'string') {
      const match = /^Bearer ([A-Za-z0-9_.~+/=-]{1,256})$/.exec(header);
      if (!match) return undefined;
      const hash = sha256(match[1]);
      const token = await team.tokenActor(hash);
      return token && { via: 'token', role: token.role, name: token.name, title: '' };
    }
    const session = req.cookies[SESSION_COOKIE];
    if (!session) return undefined;
    const member = await team.sessionMember(session);
    return member && { via: 'session', role: member.role, name: member.name, title: member.title, memberId: member.id };
  }

  /** A state change with a session cookie must come from this origin (SameSite=Strict does the rest). */
  function checkOrigin(req: FastifyRequest) {
    const origin = req.headers.origin;
    let host: string | undefined;
    try {
      host = origin ? new URL(origin).host : undefined;
    } catch {
      host = undefined;
    }
    const fetchSite = req.headers['sec-fetch-site'];
    if (!host || host !== req.headers.host || (fetchSite !== undefined && fetchSite !== 'same-origin'))
      throw new HttpError(403, 'unauthorized', 'Cross-site request refused: team changes come from the console’s own origin.');
  }

  app.addHook('onRequest', async (req) => {
    const needed = req.routeOptions.config?.role;
    if (!needed || req.method === 'OPTIONS') return;
    const actor = await actorOf(req);
    if (!actor) throw new UnauthorizedError('Sign in to the console, or send a valid team token.');
    if (actor.via === 'session' && STATE_CHANGE.has(req.method)) checkOrigin(req);
    if (!roleAllows(actor.role, needed)) throw new HttpError(403, 'unauthorized', `This needs the ${needed} role; you are ${actor.role}.`);
    req.actor = actor;
  });

  const actor = (req: FastifyRequest) => req.actor!;
  const audit = (req: FastifyRequest, action: string, site?: string, target?: string) => {
    const a = actor(req);
    return team.audit(store.db, {
      actor: a.via === 'token' ? `${a.name} (token)` : signature(a),
      memberId: a.memberId,
      action,
      site,
      target,
    });
  };
  const siteOf = async (req: FastifyRequest) => (await store.requireSite((req.params as { site: string }).site)).key;
  const params = <T>(req: FastifyRequest) => req.params as T;

  const cookieOptions = (req: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: !LOCAL.test(req.hostname.replace(/:\d+$/, '')),
    path: '/',
  });

  // ——— sign-in ———

  app.post(
    '/v1/team/session',
    {
      schema: {
        summary: 'Sign in: exchange a team token, an invite or a one-time sign-in link token for a session cookie',
        body: body({ token: str(256) }, ['token']),
      },
    },
    async (req, reply) => {
      if (req.headers.origin) checkOrigin(req);
      const { token } = req.body as { token: string };
      let member = await team.useInvite(token);
      // the one-time owner link that `voc-server` prints in production
      if (!member && (await spendSignInToken(store.db, token))) member = await team.firstOwner();
      if (!member && /^[A-Za-z0-9_.~+/=-]{1,256}$/.test(token)) {
        const hash = sha256(token);
        const t = await team.tokenActor(hash);
        const stored = t && (await store.activeTokenHash(hash));
        if (t && stored && sameHash(stored, hash) && t.role === 'owner') member = await team.firstOwner();
      }
      if (!member) throw new UnauthorizedError('This sign-in link or token is not valid (used, expired or revoked).');
      const session = await team.startSession(member.id);
      await team.audit(store.db, { actor: signature(member), memberId: member.id, action: 'session.start' });
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(req), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
      return { member, expiresAt: session.expiresAt };
    },
  );

  app.get('/v1/team/session', { schema: { summary: 'Who is signed in' }, config: { role: 'viewer' } }, async (req) => {
    const a = actor(req);
    return { actor: a, ...(a.memberId && { member: await team.member(a.memberId) }) };
  });

  app.delete(
    '/v1/team/session',
    { schema: { summary: 'Sign out (ends this session)' }, config: { role: 'viewer' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await team.endSession(token);
      await audit(req, 'session.end');
      reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
      return reply.code(204).send();
    },
  );

  // ——— members ———

  app.get('/v1/team/members', { schema: { summary: 'Team members' }, config: { role: 'owner' } }, async () => ({
    members: await team.members(),
  }));

  const inviteOf = async (req: FastifyRequest, memberId: string) => {
    const token = await team.invite(memberId);
    return { token, url: `${req.protocol}://${req.headers.host}/console#token=${token}` };
  };

  app.post(
    '/v1/team/members',
    {
      schema: {
        summary: 'Invite a member: the link is shown once and signs them in',
        body: body({ name: str(100), title: str(100, 0), role }, ['name', 'role']),
      },
      config: { role: 'owner' },
    },
    async (req, reply) => {
      const b = req.body as { name: string; title?: string; role: TeamRole };
      const member = await team.addMember({ name: b.name.trim(), title: (b.title ?? '').trim(), role: b.role });
      await audit(req, 'member.invite', undefined, `${member.name} (${member.role})`);
      return reply.code(201).send({ member, invite: await inviteOf(req, member.id) });
    },
  );

  app.post(
    '/v1/team/members/:id/invite',
    { schema: { summary: 'A new sign-in link for a member (shown once)', params: idParams }, config: { role: 'owner' } },
    async (req, reply) => {
      const member = await team.member(params<{ id: string }>(req).id);
      if (!member) throw new NotFoundError('No such member.');
      await audit(req, 'member.link', undefined, member.name);
      return reply.code(201).send({ member, invite: await inviteOf(req, member.id) });
    },
  );

  app.patch(
    '/v1/team/members/:id',
    {
      schema: {
        summary: 'Change a member’s name, title or role',
        params: idParams,
        body: body({ name: str(100), title: str(100, 0), role }),
      },
      config: { role: 'owner' },
    },
    async (req) => {
      const member = await team.updateMember(
        params<{ id: string }>(req).id,
        req.body as { name?: string; title?: string; role?: TeamRole },
      );
      if (!member) throw new NotFoundError('No such member.');
      await audit(req, 'member.update', undefined, `${member.name} (${member.role})`);
      return member;
    },
  );

  app.delete(
    '/v1/team/members/:id',
    { schema: { summary: 'Remove a member (ends their sessions)', params: idParams }, config: { role: 'owner' } },
    async (req, reply) => {
      const id = params<{ id: string }>(req).id;
      if (id === actor(req).memberId) throw new ConflictError('You cannot remove yourself.');
      const member = await team.member(id);
      if (!member || !(await team.removeMember(id))) throw new NotFoundError('No such member.');
      await audit(req, 'member.remove', undefined, member.name);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/v1/team/members/:id/sessions',
    { schema: { summary: 'Sign a member out everywhere', params: idParams }, config: { role: 'owner' } },
    async (req) => {
      const member = await team.member(params<{ id: string }>(req).id);
      if (!member) throw new NotFoundError('No such member.');
      const revoked = await team.revokeSessionsOf(store.db, member.id);
      await audit(req, 'member.sign-out', undefined, member.name);
      return { revoked };
    },
  );

  // ——— tokens (automation) ———

  app.get('/v1/team/tokens', { schema: { summary: 'Bearer tokens and their roles' }, config: { role: 'owner' } }, async () => {
    const roles = await team.tokenRoles();
    return { tokens: (await store.tokens()).map((t) => ({ ...t, role: roles.get(t.id) ?? 'owner' })) };
  });

  app.post(
    '/v1/team/tokens',
    {
      schema: { summary: 'A bearer token with a role (shown once)', body: body({ name: str(100), role }, ['name', 'role']) },
      config: { role: 'owner' },
    },
    async (req, reply) => {
      const b = req.body as { name: string; role: TeamRole };
      const created = await store.createToken(b.name.trim());
      await team.setTokenRole(created.id, b.role);
      await audit(req, 'token.create', undefined, `${created.name} (${b.role})`);
      return reply.code(201).send({ ...created, role: b.role });
    },
  );

  app.delete(
    '/v1/team/tokens/:id',
    { schema: { summary: 'Revoke a bearer token', params: idParams }, config: { role: 'owner' } },
    async (req, reply) => {
      await store.revokeToken(params<{ id: string }>(req).id);
      await audit(req, 'token.revoke', undefined, params<{ id: string }>(req).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/team/audit',
    {
      schema: {
        summary: 'Audit log: who did what, when (newest first)',
        querystring: {
          type: 'object',
          properties: { before: { type: 'string', pattern: '^\\d{1,18}$' }, limit: queryInt },
        },
      },
      config: { role: 'owner' },
    },
    async (req) => {
      const q = req.query as { before?: string; limit?: string };
      return team.auditLog(q.before, intOf(q.limit, 200, 50));
    },
  );

  // ——— the console's reads ———

  app.get('/v1/team/sites', { schema: { summary: 'Sites' }, config: { role: 'viewer' } }, async () => ({ sites: await store.sites() }));

  const filterOf = (q: Record<string, unknown>): InboxFilter => ({
    q: typeof q.q === 'string' && q.q.trim() ? q.q.trim() : undefined,
    kind: q.kind as Kind | undefined,
    status: q.status as string | undefined,
    topic: topicParam(q.topic),
    contact: q.contact === 'true',
    awaiting: q.awaiting === 'true',
    reopened: q.reopened === 'true',
    term: typeof q.term === 'string' && q.term ? q.term : undefined,
  });

  app.get(
    '/v1/team/sites/:site/inbox',
    {
      schema: {
        summary: 'Inbox: filters, full-text search (q), cursor paging, newest first',
        params: siteParams,
        querystring: {
          type: 'object',
          properties: {
            ...filterQuery,
            cursor: { type: 'string', maxLength: 100 },
            limit: queryInt,
          },
        },
      },
      config: { role: 'viewer' },
    },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      return team.inbox(await siteOf(req), filterOf(q), q.cursor as string | undefined, intOf(q.limit, INBOX_MAX, 50));
    },
  );

  app.get(
    '/v1/team/sites/:site/terms',
    {
      schema: {
        summary: 'Terms of the matching items, most used first (the console’s cloud)',
        params: siteParams,
        querystring: { type: 'object', properties: { ...filterQuery, limit: queryInt } },
      },
      config: { role: 'viewer' },
    },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      return { terms: await team.terms(await siteOf(req), filterOf(q), intOf(q.limit, 500, 60)) };
    },
  );

  app.get(
    '/v1/team/sites/:site/suggestions',
    { schema: { summary: 'Suggested groupings of items not in a topic yet, with why', params: siteParams }, config: { role: 'viewer' } },
    async (req) => ({ suggestions: suggestGroups(await team.ungrouped(await siteOf(req), 1000)) }),
  );

  app.get(
    '/v1/team/sites/:site/items/:id',
    {
      schema: { summary: 'An item, its whole thread, and the same contact’s earlier feedback', params: itemParams },
      config: { role: 'viewer' },
    },
    async (req) => {
      const site = await siteOf(req);
      const { id } = params<{ id: string }>(req);
      const item = await store.feedbackItem(site, id);
      const email = item.feedback.contact?.email;
      return { ...item, earlier: email ? await team.earlier(site, id, email) : [] };
    },
  );

  // ——— triage and answers ———

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
    async (req) => ({ topics: await store.topicsOf(store.db, await siteOf(req)) }),
  );

  app.patch(
    '/v1/team/sites/:site/topics/:topic',
    {
      schema: {
        summary: 'Move a topic (heard → planned → in-progress → done, or declined with a reason) or an incident, with a dated note',
        params: topicParams,
        body: body({ status: { type: 'string', enum: [...TOPIC_STATUSES, ...INCIDENT_STATUSES] }, message: str(2000), title: str(200) }),
      },
      config: { role: 'agent' },
    },
    async (req) => {
      const site = await siteOf(req);
      const b = req.body as { status?: string; message?: string; title?: string };
      if (b.status === 'declined' && !b.message?.trim()) throw new ValidationError('message', 'required', 'Say why when you decline.');
      const slugValue = topicParam(params<{ topic: string }>(req).topic)!;
      const topic = await store.updateTopic(site, slugValue, b);
      await audit(req, `topic.${b.status ?? 'update'}`, site, slugValue);
      return topic;
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

  // ——— GDPR ———

  const who = (q: { email?: string; receipt?: string }) => {
    if (q.receipt) return { receipt: q.receipt };
    if (q.email && !checkEmail(q.email)) return { email: q.email.trim() };
    throw new ValidationError('email', 'required', 'Give the person’s email or receipt.');
  };
  const whoQuery = {
    type: 'object',
    properties: { email: { type: 'string', maxLength: 320 }, receipt: { type: 'string', pattern: RECEIPT.source } },
  };
  app.get(
    '/v1/team/export',
    { schema: { summary: 'GDPR: everything about one person', querystring: whoQuery }, config: { role: 'owner' } },
    async (req) => {
      const data = await store.exportData(who(req.query as { email?: string }));
      await audit(req, 'gdpr.export');
      return data;
    },
  );
  app.delete(
    '/v1/team/data',
    { schema: { summary: 'GDPR: delete everything about one person', querystring: whoQuery }, config: { role: 'owner' } },
    async (req) => {
      const result = await store.deleteData(who(req.query as { email?: string }));
      await audit(req, 'gdpr.delete', undefined, String(result.deleted));
      return result;
    },
  );

  // ——— the console page ———

  const page = (_req: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', csp)
      .header('cache-control', 'no-cache')
      .send(consolePage());
  app.get('/console', page);
  app.get('/console/', page);
}
