/** Sign-in sessions, members and their invites, bearer tokens with a role, and the audit log. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, UnauthorizedError } from '@voc-kit/protocol/errors.js';
import { SESSION_COOKIE, SESSION_TTL_MS, signature, type TeamRole } from '@voc-kit/protocol/team.js';
import { sameHash, sha256 } from '../util.js';
import { spendSignInToken } from '../sign-in.js';
import { body, idParams, intOf, queryInt, role, str } from './schemas.js';
import type { TeamContext } from './context.js';

export function accessRoutes(app: FastifyInstance, ctx: TeamContext): void {
  const { store, team, actor, audit, params, checkOrigin, cookieOptions } = ctx;

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
}
