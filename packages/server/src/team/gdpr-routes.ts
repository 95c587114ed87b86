/** GDPR: export or delete everything about one person, by contact e-mail or receipt (owners only). */
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import { checkEmail } from '@voc-kit/protocol/validation.js';
import { whoQuery } from './schemas.js';
import type { TeamContext } from './context.js';

export function gdprRoutes(app: FastifyInstance, ctx: TeamContext): void {
  const { store, audit } = ctx;

  const who = (q: { email?: string; receipt?: string }) => {
    if (q.receipt) return { receipt: q.receipt };
    if (q.email && !checkEmail(q.email)) return { email: q.email.trim() };
    throw new ValidationError('email', 'required', 'Give the person’s email or receipt.');
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
}
