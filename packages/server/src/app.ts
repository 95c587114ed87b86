import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { NotFoundError, RateLimitedError, UnauthorizedError, ValidationError, VocError } from '@voc-kit/core/errors.js';
import { checkIdempotencyKey, toValidationError, validateDraft, validateMeToo } from '@voc-kit/core/validation.js';
import { openDb, type Db } from './db.js';
import {
  DEFAULT_LIMITS,
  HttpError,
  RateLimiter,
  type Limit,
  kinds,
  limit,
  object,
  originAllowed,
  since,
  text,
  topicParam,
  type RateLimits,
} from './http.js';
import { LiveHub } from './live.js';
import { openApiDocument } from './openapi.js';
import { registerAdminRoutes } from './admin.js';
import { findFile, readStream } from './static.js';
import { Store } from './store.js';
import { randomToken, sameHash, sha256 } from './util.js';
import { WebhookWorker } from './webhooks.js';
import { seedDemo } from './demo.js';
import { Sequencer } from './sequencer.js';
import { loggerOptions } from './log.js';
import { registerMetrics } from './metrics.js';
import { firstSignInToken, registerSignIn } from './sign-in.js';

/** CSP of the pages served at `/`: nothing inline, nothing from elsewhere, Trusted Types required. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'self'; require-trusted-types-for 'script'";

export interface ServerOptions {
  /** Port to listen on (default 8787; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** PGlite data folder (default `memory://`, in memory). Ignored when `databaseUrl` is set. */
  dataDir?: string;
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  /** A team token to accept (stored hashed). Without it and without any token, one is generated: see `generatedAdminToken`. */
  adminToken?: string;
  /** Folder served at `/` (the demo pages). */
  staticDir?: string;
  /** Folder of the script-tag bundle, served at `/voc.js` and beside it. */
  bundleDir?: string;
  /** Development: creates the `demo` site (any http://localhost:* origin) with sample data on first start. */
  dev?: boolean;
  /** Rate limits per hashed IP and site, or `false` to turn them off (benchmarks). */
  rateLimits?: RateLimits | false;
  /** Largest request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Trust X-Forwarded-For from a proxy in front (default false). */
  trustProxy?: boolean;
  /** Deliver webhooks from this instance (default true). */
  webhooks?: boolean;
  /** SSE heartbeat interval in ms (default 10 000). */
  heartbeatMs?: number;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** JSON logs on stdout (default off). Tokens, receipts and contact addresses are never logged (see log.ts). */
  logger?: boolean;
  /** Production's first start: with no team token yet, make a one-time sign-in link (`signInToken`) instead of a token. */
  signIn?: boolean;
  /** A token that may read `GET /metrics` (team tokens may too). */
  metricsToken?: string;
  /** Crash-test hook: runs after a submission commits and before it is answered. */
  afterSubmitCommit?: () => void;
}

export interface VocServer {
  app: FastifyInstance;
  /** Every route registered (method and URL pattern), e.g. to check the OpenAPI document covers them. */
  routes: Array<{ method: string; url: string }>;
  store: Store;
  db: Db;
  hub: LiveHub;
  webhooks: WebhookWorker;
  /** The token generated on first start (no `adminToken`, no token stored yet): show it once, then it is gone. */
  generatedAdminToken?: string;
  /** The one-time sign-in token made on this start (`signIn`, no team token yet): print it as a link, once. */
  signInToken?: string;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops live streams, the HTTP server, webhook delivery and the database. */
  close(): Promise<void>;
}

const RECEIPT = /^[A-Za-z0-9_-]{16,64}$/;
const SITE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Opens the database (applying migrations) and builds the HTTP server. Call `listen()` to serve. */
export async function createServer(options: ServerOptions = {}): Promise<VocServer> {
  if (options.adminToken !== undefined && !/^[A-Za-z0-9_.~+/=-]{22,256}$/.test(options.adminToken))
    throw new Error(
      'VOC_ADMIN_TOKEN must be 22–256 characters of letters, digits and -._~+/= (at least 128 random bits), e.g. `openssl rand -base64 32`.',
    );
  const db = await openDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, poolSize: options.poolSize });
  const store = new Store(db);
  let generatedAdminToken: string | undefined;
  let signInToken: string | undefined;
  if (options.adminToken) await store.createToken('VOC_ADMIN_TOKEN', options.adminToken);
  else if (options.signIn) signInToken = await firstSignInToken(db);
  else if ((await store.tokenCount()) === 0) generatedAdminToken = (await store.createToken('generated on first start')).token;
  if (options.dev) await seedDemo(store);

  const sequencer = new Sequencer(store);
  await sequencer.start();
  const hub = new LiveHub(store, options.heartbeatMs);
  await hub.start();
  const webhooks = new WebhookWorker(store);
  if (options.webhooks !== false) webhooks.start();
  const limiter = new RateLimiter(options.rateLimits === undefined ? DEFAULT_LIMITS : options.rateLimits);

  const send = (reply: FastifyReply, error: VocError) => {
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfter));
    return reply.code(error.status).header('cache-control', 'no-store').send({ error: error.toJSON() });
  };

  const app = Fastify({
    // malformed URLs and the like, before routing: same error body as everything else
    frameworkErrors: (error, _req, reply) => send(reply, new HttpError(400, 'validation', error.message)),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    logger: options.logger ? loggerOptions() : false,
    // our own error bodies for everything
    return503OnClosing: true,
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (error instanceof VocError) return send(reply, error);
    const status = error.statusCode ?? 500;
    if (status === 413) return send(reply, new HttpError(413, 'validation', 'The request body is too large.'));
    if (status === 415) return send(reply, new HttpError(415, 'validation', 'Send JSON (Content-Type: application/json).'));
    if (status >= 400 && status < 500)
      return send(
        reply,
        new HttpError(status, 'validation', error.code?.startsWith('FST_ERR_CTP') ? 'The request body is not valid JSON.' : error.message),
      );
    // a 5xx is a bug: say so where operators look (with the logger off, on stderr)
    if (options.logger) reply.log.error(error);
    else console.error('[voc-server] 500:', error);
    return reply.code(500).send({ error: { code: 'server', message: 'The server failed; this is a bug.' } });
  });
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of ([] as string[]).concat(route.method)) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.setNotFoundHandler((_req, reply) => send(reply, new NotFoundError('No such route.')));
  registerMetrics(app, {
    db,
    hub,
    metricsToken: options.metricsToken,
    isTeamToken: async (hash) => sameHash((await store.activeTokenHash(hash)) ?? '', hash),
  });

  // ——— headers and CORS ———

  /** The origins a /v1 request may come from, or null for "any origin" (team API with tokens, OpenAPI). */
  async function allowedOrigins(req: FastifyRequest): Promise<readonly string[] | null> {
    const url = req.url;
    if (url.startsWith('/v1/sites/')) {
      const key = url.slice('/v1/sites/'.length).split(/[/?]/)[0];
      const site = SITE.test(key) ? await store.site(key) : null;
      if (!site) throw new NotFoundError('No such site.');
      return site.origins;
    }
    if (url.startsWith('/v1/threads/')) return store.anyOrigins();
    return null;
  }

  app.addHook('onRequest', async (req, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    if (!req.url.startsWith('/v1/')) return;
    reply.header('cache-control', 'no-store');
    const origin = req.headers.origin;
    let allowed: readonly string[] | null;
    try {
      allowed = await allowedOrigins(req);
    } catch (error) {
      // "no such site" must be readable by the page that asked, or it looks like a network failure
      if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      throw error;
    }
    if (origin) {
      if (allowed && !originAllowed(origin, allowed)) throw new HttpError(403, 'unauthorized', 'This origin may not use this site.');
      reply.header('access-control-allow-origin', allowed ? origin : '*');
      reply.header('vary', 'Origin');
      reply.header('access-control-expose-headers', 'Retry-After');
    }
    if (req.method === 'OPTIONS') {
      return reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, PATCH, DELETE')
        .header('access-control-allow-headers', 'Content-Type, Idempotency-Key, Authorization, Last-Event-ID')
        .header('access-control-max-age', '600')
        .send();
    }
  });
  // preflights for every /v1 route (the hook above answers them)
  app.options('/v1/*', async () => undefined);

  const ip = (req: FastifyRequest) => req.ip ?? 'unknown';
  const rate = (req: FastifyRequest, site: string, kind: 'read' | 'write', own?: Limit) => {
    const wait = limiter.take(ip(req), site, kind, own);
    if (wait) throw new RateLimitedError(wait);
  };

  const siteOf = async (req: FastifyRequest, kind: 'read' | 'write') => {
    const key = (req.params as { site: string }).site;
    const site = SITE.test(key) ? await store.site(key) : null;
    if (!site) throw new NotFoundError('No such site.');
    rate(req, site.key, kind, kind === 'write' ? site.settings.rateLimit : undefined);
    return site;
  };
  const receiptOf = (req: FastifyRequest) => {
    const receipt = (req.params as { receipt: string }).receipt;
    if (!RECEIPT.test(receipt)) throw new NotFoundError('No feedback for this link.');
    rate(req, 'threads', 'read');
    return receipt;
  };
  type Q = Record<string, unknown>;

  // ——— public protocol ———

  app.get('/v1/openapi.json', async () => openApiDocument());

  app.post('/v1/sites/:site/feedback', async (req, reply) => {
    const site = await siteOf(req, 'write');
    const key = req.headers['idempotency-key'];
    const keyError = checkIdempotencyKey(key, 'Idempotency-Key');
    if (keyError) throw toValidationError([keyError]);
    const body = object(req.body);
    // honeypot: a field people never see; bots fill it. Answer as if stored, store nothing.
    if (body.website !== undefined && body.website !== '')
      return reply.code(201).send({ id: crypto.randomUUID(), receipt: randomToken(16), status: 'received' });
    const checked = validateDraft(body);
    if (!checked.ok) throw toValidationError(checked.errors);
    const result = await store.submit(site, checked.value, key as string);
    options.afterSubmitCommit?.();
    return reply.code(201).send(result);
  });

  app.get('/v1/sites/:site/topics', async (req) => {
    const site = await siteOf(req, 'read');
    return { topics: await store.topicsOf(db, site.key) };
  });

  app.get('/v1/sites/:site/cloud', async (req) => {
    const site = await siteOf(req, 'read');
    const q = req.query as Q;
    return store.cloud(site.key, { since: since(q.since), kinds: kinds(q.kinds), topic: topicParam(q.topic), limit: limit(q.limit, 1000) });
  });

  app.get('/v1/sites/:site/quotes', async (req) => {
    const site = await siteOf(req, 'read');
    const q = req.query as Q;
    const term = typeof q.term === 'string' ? q.term.trim() : '';
    if (!term || term.length > 200) throw new ValidationError('term', 'required', 'term is required (at most 200 characters).');
    return { quotes: await store.quotes(site.key, term, { since: since(q.since), kinds: kinds(q.kinds), limit: limit(q.limit, 100) }) };
  });

  app.get('/v1/sites/:site/feed', async (req) => {
    const site = await siteOf(req, 'read');
    const q = req.query as Q;
    if (q.cursor !== undefined && (typeof q.cursor !== 'string' || q.cursor.length > 200))
      throw new ValidationError('cursor', 'invalid', 'The cursor is not one this server gave.');
    return store.feed(site.key, {
      cursor: (q.cursor as string) || undefined,
      limit: limit(q.limit, 100),
      kinds: kinds(q.kinds),
      topic: topicParam(q.topic),
    });
  });

  app.get('/v1/sites/:site/pulse', async (req) => {
    const site = await siteOf(req, 'read');
    return store.pulse(site.key, since((req.query as Q).since));
  });

  app.get('/v1/sites/:site/events', async (req, reply) => {
    const site = await siteOf(req, 'read');
    const raw = req.headers['last-event-id'] ?? (req.query as Q).lastEventId;
    if (raw !== undefined && (typeof raw !== 'string' || !/^\d{1,18}$/.test(raw)))
      throw new ValidationError('Last-Event-ID', 'invalid', 'Last-Event-ID is an event id this server gave.');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (typeof v === 'string') headers[k] = v;
    reply.hijack();
    await hub.open(site.key, reply.raw, raw as string | undefined, headers);
  });

  app.post('/v1/sites/:site/topics/:topic/me-too', async (req) => {
    const site = await siteOf(req, 'write');
    const slug = topicParam((req.params as { topic: string }).topic)!;
    const checked = validateMeToo(object(req.body));
    if (!checked.ok) throw toValidationError(checked.errors);
    return store.meToo(site.key, slug, checked.value.key, checked.value.contact?.email);
  });

  app.get('/v1/threads/:receipt', async (req) => store.thread(receiptOf(req)));

  app.post('/v1/threads/:receipt/confirm', async (req) => {
    const receipt = receiptOf(req);
    const body = object(req.body);
    if (typeof body.resolved !== 'boolean') throw new ValidationError('resolved', 'required', 'resolved must be true or false.');
    return store.confirm(receipt, body.resolved, text(body, 'comment', 2000, false));
  });

  app.delete('/v1/threads/:receipt', async (req, reply) => {
    await store.withdraw(receiptOf(req));
    return reply.code(204).send();
  });

  app.get('/v1/threads/:receipt/export', async (req) => store.exportData({ receipt: receiptOf(req) }));

  // ——— team API ———

  const requireToken = async (req: FastifyRequest) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_.~+/=-]{1,256})$/.exec(header) : null;
    if (!match) throw new UnauthorizedError();
    const hash = sha256(match[1]);
    const stored = await store.activeTokenHash(hash);
    if (!stored || !sameHash(stored, hash)) throw new UnauthorizedError();
  };
  await app.register(async (admin) => {
    admin.addHook('onRequest', async (req) => {
      if (req.method !== 'OPTIONS') await requireToken(req);
    });
    registerAdminRoutes(admin, store, hub);
  });
  registerSignIn(app, store, db);

  // ——— static files: the bundle beside /voc.js, the demo pages at / ———

  const staticDir = options.staticDir;
  const bundleDir = options.bundleDir;
  app.get('/*', async (req, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(req.url.split('?')[0]);
    } catch {
      throw new HttpError(400, 'validation', 'The address is not valid.');
    }
    if (path.includes('\0')) throw new NotFoundError('No such file.');
    const fromBundle = /\.(m?js|map|css)$/.test(path) ? findFile(bundleDir, path) : undefined;
    const file = fromBundle ?? findFile(staticDir, path);
    if (!file) {
      if (path === '/voc.js') throw new NotFoundError('The bundle is not built yet: run `npm run build`.');
      // browsers ask for it on every page; nothing to see, nothing to log as an error
      if (path === '/favicon.ico') return reply.code(204).send();
      throw new NotFoundError('No such file.');
    }
    // module scripts from another origin need CORS; the bundle is public
    if (fromBundle) reply.header('access-control-allow-origin', '*');
    // the demo pages run under the strict policy we promise the elements work with
    if (file.type.startsWith('text/html')) reply.header('content-security-policy', PAGE_CSP);
    return reply
      .header('content-type', file.type)
      .header('content-length', String(file.size))
      .header('cache-control', 'no-cache')
      .send(readStream(file));
  });

  let closed = false;
  return {
    app,
    routes,
    store,
    db,
    hub,
    webhooks,
    generatedAdminToken,
    signInToken,
    async listen() {
      return app.listen({ port: options.port ?? 8787, host: options.host ?? '127.0.0.1' });
    },
    async close() {
      if (closed) return;
      closed = true;
      webhooks.stop();
      await hub.stop();
      await sequencer.stop();
      await app.close();
      await db.close();
    },
  };
}

/** Repository folders the CLI serves by default. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export { sha256 };
