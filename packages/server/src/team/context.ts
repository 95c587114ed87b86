/**
 * What every team route needs: who is asking (session cookie or bearer token, with the Origin check on state
 * changes), the role check, the audit entry, and the OpenAPI entry of each route (from its schema, so the document
 * cannot drift from what the routes check).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '@voc-kit/protocol/errors.js';
import type { Kind } from '@voc-kit/protocol/model.js';
import { SESSION_COOKIE, roleAllows, signature, type TeamActor, type TeamRole } from '@voc-kit/protocol/team.js';
import { HttpError, topicParam } from '../http.js';
import type { Store } from '../store/index.js';
import { sha256 } from '../util.js';
import { TeamSql, type InboxFilter } from './sql.js';

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

const LOCAL = /^(localhost|127\.0\.0\.1|\[::1\])$|\.localhost$/;
const STATE_CHANGE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The helpers the team's route modules share. */
export interface TeamContext {
  store: Store;
  team: TeamSql;
  /** The signed-in member or token behind a request that passed the role check. */
  actor(req: FastifyRequest): TeamActor;
  /** One audit-log entry for a team action. */
  audit(req: FastifyRequest, action: string, site?: string, target?: string): Promise<unknown>;
  /** The `:site` parameter as a known site's key (404 otherwise). */
  siteOf(req: FastifyRequest): Promise<string>;
  params<T>(req: FastifyRequest): T;
  /** A state change with a session cookie must come from this origin (SameSite=Strict does the rest). */
  checkOrigin(req: FastifyRequest): void;
  cookieOptions(req: FastifyRequest): { httpOnly: true; sameSite: 'strict'; secure: boolean; path: string };
  /** The inbox filter of a query string or body. */
  filterOf(q: Record<string, unknown>): InboxFilter;
}

export function teamContext(store: Store): TeamContext {
  const team = new TeamSql(store.db);
  const actor = (req: FastifyRequest) => req.actor!;
  return {
    store,
    team,
    actor,
    audit: (req, action, site, target) => {
      const a = actor(req);
      return team.audit(store.db, {
        actor: a.via === 'token' ? `${a.name} (token)` : signature(a),
        memberId: a.memberId,
        action,
        site,
        target,
      });
    },
    siteOf: async (req) => (await store.requireSite((req.params as { site: string }).site)).key,
    params: <T>(req: FastifyRequest) => req.params as T,
    checkOrigin(req) {
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
    },
    cookieOptions: (req) => ({
      httpOnly: true,
      sameSite: 'strict',
      secure: !LOCAL.test(req.hostname.replace(/:\d+$/, '')),
      path: '/',
    }),
    filterOf: (q) => ({
      q: typeof q.q === 'string' && q.q.trim() ? q.q.trim() : undefined,
      kind: q.kind as Kind | undefined,
      status: q.status as string | undefined,
      topic: topicParam(q.topic),
      contact: q.contact === 'true',
      awaiting: q.awaiting === 'true',
      reopened: q.reopened === 'true',
      term: typeof q.term === 'string' && q.term ? q.term : undefined,
    }),
  };
}

/** Who is asking: the session cookie, or a bearer token. */
async function actorOf(team: TeamSql, req: FastifyRequest): Promise<TeamActor | undefined> {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer ([A-Za-z0-9_.~+/=-]{1,256})$/.exec(header);
    if (!match) return undefined;
    const token = await team.tokenActor(sha256(match[1]));
    return token && { via: 'token', role: token.role, name: token.name, title: '' };
  }
  const session = req.cookies[SESSION_COOKIE];
  if (!session) return undefined;
  const member = await team.sessionMember(session);
  return member && { via: 'session', role: member.role, name: member.name, title: member.title, memberId: member.id };
}

/** The role check on every route with `config.role`, and each team route's OpenAPI entry into `paths`. */
export function teamAccess(app: FastifyInstance, ctx: TeamContext, paths: Record<string, Record<string, unknown>>): void {
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

  app.addHook('onRequest', async (req) => {
    const needed = req.routeOptions.config?.role;
    if (!needed || req.method === 'OPTIONS') return;
    const actor = await actorOf(ctx.team, req);
    if (!actor) throw new UnauthorizedError('Sign in to the console, or send a valid team token.');
    if (actor.via === 'session' && STATE_CHANGE.has(req.method)) ctx.checkOrigin(req);
    if (!roleAllows(actor.role, needed)) throw new HttpError(403, 'unauthorized', `This needs the ${needed} role; you are ${actor.role}.`);
    req.actor = actor;
  });
}
