/**
 * The team's API under `/v1/team` and the console page at `/console`: sign-in sessions (HttpOnly, SameSite=Strict
 * cookie; Origin checked on every state change), bearer tokens with a role for automation, role checks on every
 * route, and an audit entry for every team action. The routes live by area in `*-routes.ts`.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/index.js';
import { accessRoutes } from './access-routes.js';
import { answerRoutes } from './answer-routes.js';
import { teamAccess, teamContext } from './context.js';
import { gdprRoutes } from './gdpr-routes.js';
import { consolePage } from './page.js';
import { readRoutes } from './read-routes.js';
import { settingsRoutes } from './settings-routes.js';

export interface TeamPluginOptions {
  store: Store;
  /** Filled with the OpenAPI paths of the team routes (from their schemas), for `/v1/openapi.json`. */
  paths: Record<string, Record<string, unknown>>;
  /** Content-Security-Policy of the console page. */
  csp: string;
  /** Webhooks may point at private addresses (tests and local development only). */
  allowPrivateWebhooks?: boolean;
}

export async function teamPlugin(
  app: FastifyInstance,
  { store, paths, csp, allowPrivateWebhooks = false }: TeamPluginOptions,
): Promise<void> {
  await app.register(cookie);
  const ctx = teamContext(store);
  teamAccess(app, ctx, paths);
  accessRoutes(app, ctx);
  readRoutes(app, ctx);
  answerRoutes(app, ctx);
  gdprRoutes(app, ctx);
  settingsRoutes(app, ctx, allowPrivateWebhooks);

  const page = (_req: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', csp)
      .header('cache-control', 'no-cache')
      .send(consolePage());
  app.get('/console', page);
  app.get('/console/', page);
}
