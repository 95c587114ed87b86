import { PassThrough } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { openDb, type Db } from './db.js';
import { HttpError, type RateLimits } from './http.js';
import { LiveHub } from './live.js';
import { registerOpenApi } from './openapi.js';
import { registerErrors, send } from './plugins/errors.js';
import cors from './plugins/cors.js';
import { RateLimiter } from './plugins/rate-limit.js';
import { requireTeamToken } from './plugins/team-auth.js';
import { adminFeedbackRoutes } from './routes/admin-feedback.js';
import { adminSiteRoutes } from './routes/admin-sites.js';
import type { Ctx } from './routes/context.js';
import { opsRoutes } from './routes/ops.js';
import { publicRoutes } from './routes/public.js';
import { defaultBundleDir, staticRoutes } from './routes/static.js';
import { threadRoutes } from './routes/threads.js';
import { EVENTS_CHANNEL, Store } from './store/index.js';
import { ReadCache } from './reads/cache.js';
import { sameHash, sha256 } from './util.js';
import { WebhookWorker } from './webhooks.js';
import { seedDemo } from './demo.js';
import { Sequencer } from './sequencer.js';
import formbody from '@fastify/formbody';
import { MailOutbox, type MailOptions } from './mail/outbox.js';
import { MailWorker, devMailboxTransport, smtpTransport } from './mail/worker.js';
import { mailAdminRoutes, mailRoutes } from './mail/routes.js';
import { PAGE_CSP } from './routes/static.js';
import { teamPlugin } from './team/plugin.js';
import { loggerOptions } from './log.js';
import { registerMetrics } from './metrics.js';
import { firstSignInToken, registerSignIn } from './sign-in.js';

export { PAGE_CSP } from './routes/static.js';

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
  /** Folder served at `/` (the demo pages). None by default. */
  staticDir?: string;
  /** Folder of the script-tag bundle, served at `/voc.js` and beside it (default: `VOC_BUNDLE_DIR`, else the installed `@voc-kit/voc`). */
  bundleDir?: string;
  /** Development: creates the `demo` site (any http://localhost:* origin) with sample data on first start. */
  dev?: boolean;
  /** Rate limits per hashed client address and site (counted in the database), or `false` to turn them off (benchmarks). */
  rateLimits?: RateLimits | false;
  /** Largest request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** A request body must arrive within this many ms, or the answer is a JSON 408 (default 10 000). */
  bodyTimeoutMs?: number;
  /** Trust X-Forwarded-For from a proxy in front (default false): Fastify’s `trustProxy` (true, or the proxy addresses). */
  trustProxy?: boolean | string | string[];
  /** Deliver webhooks from this instance (default true). */
  webhooks?: boolean;
  /** Development only: let webhooks reach loopback, private and link-local addresses (default false). */
  allowPrivateWebhooks?: boolean;
  /** SSE heartbeat interval in ms (default 10 000). */
  heartbeatMs?: number;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * At most one computation of each public read answer starts in this many ms while writes keep changing it
   * (default 100; 0: back to back). Every answer still starts after its request arrived.
   */
  readIntervalMs?: number;
  /** JSON logs on stdout (default off). Tokens, receipts and contact addresses are never logged (see log.ts). */
  logger?: boolean;
  /** Mail to consenting customers (SMTP, or the dev mailbox in development); see the server README. */
  mail?: MailOptions;
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
  /** The mail outbox, and its worker when this instance delivers. */
  mail: { outbox: MailOutbox; worker?: MailWorker };
  /** The token generated on first start (no `adminToken`, no token stored yet): show it once, then it is gone. */
  generatedAdminToken?: string;
  /** The one-time sign-in token made on this start (`signIn`, no team token yet): print it as a link, once. */
  signInToken?: string;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /**
   * Stops cleanly: `/readyz` turns 503, no new connections, live clients are told to reconnect elsewhere,
   * in-flight requests and queued submissions finish, then webhook delivery, sequencing and the database stop.
   */
  close(): Promise<void>;
}

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
  const reads = new ReadCache(db, EVENTS_CHANNEL, { intervalMs: options.readIntervalMs });
  await reads.start();
  // the events this instance sequences reach its streams before their notification: its cache learns of them first
  store.sequencedListeners.add((batches) => {
    for (const b of batches) reads.sequenced(b.site, b.events.at(-1)!.id);
  });
  const hub = new LiveHub(store, options.heartbeatMs);
  await hub.start();
  const allowPrivateWebhooks = options.allowPrivateWebhooks ?? false;
  const webhooks = new WebhookWorker(store, allowPrivateWebhooks);
  if (options.webhooks !== false) webhooks.start();
  const limiter = new RateLimiter(db, options.rateLimits);
  await limiter.start();
  let stopping = false;

  const mailOptions: MailOptions = { devMailbox: options.dev === true, ...options.mail };
  const outbox = await MailOutbox.open(db, mailOptions);
  store.mail = outbox;
  let listening = '';
  const publicUrl = () => mailOptions.publicUrl ?? listening.replace('127.0.0.1', 'localhost');
  const mailWorker =
    outbox.enabled && mailOptions.deliver !== false
      ? new MailWorker(
          outbox,
          mailOptions.smtpUrl
            ? smtpTransport(mailOptions.smtpUrl, mailOptions.from ?? 'VoC Kit <no-reply@localhost>', mailOptions.concurrency ?? 16)
            : devMailboxTransport(db),
          publicUrl,
        )
      : undefined;

  const app = Fastify({
    // malformed URLs and the like, before routing: same error body as everything else
    frameworkErrors: (error, _req, reply) => send(reply, new HttpError(400, 'validation', error.message)),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    // no coercion, nothing removed: a wrong type is a 422 naming the field
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    // tokens, receipts and contact addresses never reach a log line (log.ts)
    logger: options.logger ? loggerOptions() : false,
    return503OnClosing: true,
  });
  registerErrors(app, options.logger ?? false);
  // counts every answer, so it hooks the root scope
  registerMetrics(app, {
    db,
    hub,
    metricsToken: options.metricsToken,
    isTeamToken: async (hash) => sameHash((await store.activeTokenHash(hash)) ?? '', hash),
  });
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of ([] as string[]).concat(route.method)) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });

  // a body must arrive in time: a slow sender gets a JSON 408, not a hung connection
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  app.addHook('preParsing', async (req, reply, payload) => {
    if (req.raw.complete) return payload;
    const out = new PassThrough();
    // an error nobody reads any more (the request was already answered) is not a crash
    out.on('error', () => {});
    const timer = setTimeout(() => {
      payload.unpipe(out);
      out.destroy(Object.assign(new Error('The request body took too long to arrive.'), { statusCode: 408 }));
    }, bodyTimeoutMs);
    const stop = () => clearTimeout(timer);
    payload.once('end', stop);
    payload.once('error', stop);
    reply.raw.once('close', stop);
    return payload.pipe(out);
  });

  await registerOpenApi(app);
  await app.register(cors, { store });
  const ctx: Ctx = { store, db, hub, limiter, reads, afterSubmitCommit: options.afterSubmitCommit };
  await app.register(opsRoutes, { db, stopping: () => stopping });
  await app.register(publicRoutes, ctx);
  await app.register(threadRoutes, ctx);
  // the team API: every route in this scope needs a team token
  await app.register(async (team) => {
    team.addHook('onRequest', requireTeamToken(store));
    await team.register(adminSiteRoutes, { ...ctx, allowPrivateWebhooks });
    await team.register(adminFeedbackRoutes, ctx);
    mailAdminRoutes(team, outbox);
  });
  // the one-click pages behind the links in mails (their forms post urlencoded)
  await app.register(async (scope) => {
    await scope.register(formbody);
    await mailRoutes(scope, { outbox, store, publicUrl, defaultThreadPage: (base) => (options.dev ? `${base}/status-feed/` : undefined) });
  });
  registerSignIn(app, store, db);
  // the team console and its API (/console, /v1/team)
  await app.register(teamPlugin, { store, paths: {}, csp: PAGE_CSP, allowPrivateWebhooks });
  await app.register(staticRoutes, { staticDir: options.staticDir, bundleDir: options.bundleDir ?? defaultBundleDir() });
  await app.ready();

  let closing: Promise<void> | undefined;
  return {
    app,
    routes,
    store,
    db,
    hub,
    webhooks,
    mail: { outbox, worker: mailWorker },
    generatedAdminToken,
    signInToken,
    async listen() {
      listening = await app.listen({ port: options.port ?? 8787, host: options.host ?? '127.0.0.1' });
      await mailWorker?.start();
      return listening;
    },
    close() {
      closing ??= (async () => {
        stopping = true;
        webhooks.stop();
        await mailWorker?.stop();
        // live clients reconnect (to another instance behind the balancer) and resume by event id
        await hub.stop();
        // stops accepting; in-flight requests finish (their submissions are answered)
        await app.close();
        await store.drain();
        await sequencer.stop();
        await reads.stop();
        await db.close();
      })();
      return closing;
    },
  };
}

export { sha256 };
