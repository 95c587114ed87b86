import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { NotFoundError } from '@voc-kit/protocol/errors.js';
import { HttpError, originAllowed } from '../http.js';
import { SITE_KEY } from '../schemas.js';
import type { Store } from '../store/index.js';

/**
 * Security headers everywhere, and CORS for `/v1`: a site's routes answer only its allowed origins (others get a
 * 403 before anything runs), threads answer the origins of any site, the team API and the OpenAPI document any
 * origin (they need a token, or are public). `@fastify/cors` writes the headers and answers preflights.
 */
async function corsPlugin(app: FastifyInstance, { store }: { store: Store }): Promise<void> {
  /** The origins a request may come from: a list, `null` for any, `false` for no CORS at all (not /v1). */
  const allowed = new WeakMap<FastifyRequest, readonly string[] | null | false>();

  async function originsFor(req: FastifyRequest): Promise<readonly string[] | null | false> {
    const url = req.url;
    if (!url.startsWith('/v1/')) return false;
    if (url.startsWith('/v1/sites/')) {
      const key = url.slice('/v1/sites/'.length).split(/[/?]/)[0];
      const site = SITE_KEY.test(key) ? await store.site(key) : null;
      if (!site) throw new NotFoundError('No such site.');
      return site.origins;
    }
    if (url.startsWith('/v1/threads/')) return store.anyOrigins();
    return null;
  }

  app.addHook('onRequest', async (req, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    if (!req.url.startsWith('/v1/')) return allowed.set(req, false);
    reply.header('cache-control', 'no-store');
    const origin = req.headers.origin;
    let list: readonly string[] | null | false;
    try {
      list = await originsFor(req);
    } catch (error) {
      // "no such site" must be readable by the page that asked, or it looks like a network failure
      if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      throw error;
    }
    allowed.set(req, list);
    if (origin && list && !originAllowed(origin, list) && req.method !== 'OPTIONS')
      throw new HttpError(403, 'unauthorized', 'This origin may not use this site.');
  });

  await app.register(cors, {
    hideOptionsRoute: true,
    delegator: async (req: FastifyRequest) => {
      // `null` (any origin) is a value here: `??` would turn it into `false`
      const list = allowed.has(req) ? allowed.get(req)! : false;
      const origin = req.headers.origin;
      return {
        origin: list === false ? false : list === null ? '*' : origin && originAllowed(origin, list) ? origin : false,
        methods: ['GET', 'POST', 'PATCH', 'DELETE'],
        allowedHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization', 'Last-Event-ID'],
        exposedHeaders: ['Retry-After'],
        maxAge: 600,
        strictPreflight: false,
      };
    },
  });
}

export default fp(corsPlugin, { name: 'voc-cors' });
