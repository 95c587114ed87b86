/** The console's reads: sites, the inbox with filters and full-text search, its cloud of terms, suggested groupings, one item. */
import type { FastifyInstance } from 'fastify';
import { INBOX_MAX } from '@voc-kit/protocol/team.js';
import { suggestGroups } from './suggest.js';
import { filterQuery, intOf, itemParams, queryInt, siteParams } from './schemas.js';
import type { TeamContext } from './context.js';

export function readRoutes(app: FastifyInstance, ctx: TeamContext): void {
  const { store, team, siteOf, params, filterOf } = ctx;

  app.get('/v1/team/sites', { schema: { summary: 'Sites' }, config: { role: 'viewer' } }, async () => ({ sites: await store.sites() }));

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
}
