import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { pendingMigrations } from '../db.js';

const status = (name: string) => ({ type: 'object', properties: { status: { type: 'string', const: name } }, required: ['status'] });

/** For load balancers and operators: `/healthz` (the process answers), `/readyz` (database reachable, schema current). */
export async function opsRoutes(app: FastifyInstance, opts: { db: Db; stopping: () => boolean }): Promise<void> {
  app.get(
    '/healthz',
    { schema: { summary: 'Liveness: the process answers', tags: ['operations'], response: { 200: status('ok') } } },
    async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: the database answers, every migration is applied, and the instance is not shutting down',
        tags: ['operations'],
        response: {
          200: status('ready'),
          503: { type: 'object', properties: { status: { type: 'string' }, reason: { type: 'string' } }, required: ['status', 'reason'] },
        },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      if (opts.stopping()) return reply.code(503).send({ status: 'unavailable', reason: 'shutting down' });
      try {
        const pending = await pendingMigrations(opts.db);
        if (pending.length) return reply.code(503).send({ status: 'unavailable', reason: `migrations pending: ${pending.join(', ')}` });
      } catch {
        return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
      }
      return { status: 'ready' };
    },
  );
}
