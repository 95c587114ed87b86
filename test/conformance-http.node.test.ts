/**
 * The adapter conformance suite against `HttpAdapter` talking to the real reference server, in process, on both
 * engines: PGlite (embedded) and a real PostgreSQL this file starts. The team's side goes through the server's
 * admin API with a team token, as the team console would; only `age` (time passing) writes SQL (and recounts the read models).
 */
import { after, before, describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import { HttpAdapter } from '@voc-kit/adapter-http';
import { adapterConformance, type ConformanceFixtures } from '@voc-kit/protocol/testing';
import { call, createSite, startVoc, team, type Engine, type Running } from '../packages/server/test/helpers.js';
import { rebuildReadModels } from '../packages/server/src/reads/rebuild.js';

for (const engine of ['pglite', 'postgres'] as Engine[]) {
  describe(`HttpAdapter + reference server on ${engine}`, () => {
    let voc: Running;
    let sites = 0;
    before(async () => {
      voc = await startVoc(engine, { rateLimits: false });
    });
    after(async () => voc?.stop());

    adapterConformance(
      `HttpAdapter (${engine})`,
      async () => {
        const site = `conformance-${++sites}`;
        await createSite(voc.url, site);
        const admin = async (method: string, path: string, body?: unknown) => {
          const r = await call(voc.url, method, `/v1/admin/sites/${site}${path}`, { headers: team, body });
          if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        };
        const fixtures: ConformanceFixtures = {
          createTopic: (slug, title, incident) =>
            incident ? admin('POST', '/incidents', { slug, title, status: incident }) : admin('POST', '/topics', { slug, title }),
          setTopicStatus: (slug, status, message, expectedBy) =>
            admin('PATCH', `/topics/${slug}`, { status, ...(message && { message }), ...(expectedBy && { expectedBy }) }),
          reply: (id, text) => admin('POST', `/feedback/${id}/replies`, { text }),
          announce: (title, body, topic) => admin('POST', '/announcements', { title, body, ...(topic && { topic }) }),
          hide: (id) => admin('POST', `/feedback/${id}/hide`),
          // time passing: every dated row of this site moves back by whole days. In one transaction, deltas before
          // terms: a delta the server is folding into cloud_terms meanwhile is either locked by us or already there.
          // Then the read models are recounted from the moved rows, as after a bulk load.
          age: async (days) => {
            await voc.server.db.tx(async (sql) => {
              await sql.query('UPDATE feedback SET created_at = created_at - make_interval(days => $2) WHERE site = $1', [site, days]);
              await sql.query('UPDATE cloud_deltas SET day = day - $2::int WHERE site = $1', [site, days]);
              await sql.query('UPDATE cloud_terms SET day = day - $2::int WHERE site = $1', [site, days]);
            });
            await rebuildReadModels(voc.server.db);
          },
        };
        const adapter = new HttpAdapter({ endpoint: voc.url, site, EventSource: EventSource as unknown as typeof globalThis.EventSource });
        return { adapter, fixtures };
      },
      { describe, it },
    );
  });
}
