/**
 * `GET /metrics` in Prometheus text format, for the operator's scraper: submissions, live connections, the
 * webhook and mail backlogs, the cloud deltas not folded yet and rate-limited requests, plus Node's own process
 * metrics. Behind a token: the one in
 * `VOC_METRICS_TOKEN` (for a scraper that should hold nothing else) or any team token.
 * Counters count on this instance since it started (Prometheus sums instances); backlogs are read from the
 * database, so every instance reports the same, whole backlog.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { UnauthorizedError } from '@voc-kit/protocol/errors.js';
import type { Db } from './db.js';
import type { LiveHub } from './live.js';
import { WEBHOOK_ATTEMPTS } from './store/index.js';
import { sameHash, sha256 } from './util.js';

export interface MetricsOptions {
  db: Db;
  hub: LiveHub;
  /** Resolves when the bearer token's hash is an active team token. */
  isTeamToken: (hash: string) => Promise<boolean>;
  /** A token for scrapers only (`VOC_METRICS_TOKEN`); team tokens work too. */
  metricsToken?: string;
}

const SUBMIT_ROUTE = '/v1/sites/:site/feedback';

/** Registers the counters' hooks and `GET /metrics`. Call before the routes it counts are registered. */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'voc_' });
  const submissions = new Counter({
    name: 'voc_submissions_total',
    help: 'Feedback submissions accepted (201) by this instance.',
    labelNames: ['site'],
    registers: [register],
  });
  const rateLimited = new Counter({
    name: 'voc_rate_limited_requests_total',
    help: 'Requests answered 429 (rate limited) by this instance.',
    registers: [register],
  });
  new Gauge({
    name: 'voc_live_connections',
    help: 'Open live-event (SSE) connections on this instance.',
    registers: [register],
    collect() {
      this.set(options.hub.size);
    },
  });
  /** A gauge counted in the database at each scrape (`from`: a table and its condition), the same from every instance. */
  const counted = (name: string, help: string, from: string, params: unknown[] = []) =>
    new Gauge({
      name,
      help,
      registers: [register],
      async collect() {
        const [row] = await options.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from}`, params);
        this.set(row?.n ?? 0);
      },
    });
  counted(
    'voc_webhook_backlog',
    'Webhook deliveries not yet delivered and not given up (all instances).',
    'webhook_deliveries WHERE delivered_at IS NULL AND attempts < $1',
    [WEBHOOK_ATTEMPTS],
  );
  counted(
    'voc_webhook_failed',
    'Webhook deliveries given up after every retry, kept a week (all instances).',
    'webhook_deliveries WHERE delivered_at IS NULL AND attempts >= $1',
    [WEBHOOK_ATTEMPTS],
  );
  counted(
    'voc_cloud_deltas_unfolded',
    'Cloud term deltas no fold has taken yet (all instances). Every cloud read adds them up; a number that keeps growing means no instance is folding.',
    'cloud_deltas',
  );
  counted(
    'voc_mail_backlog',
    'Mails waiting in the outbox, being sent or held by the hourly cap (all instances).',
    "mail_outbox WHERE status IN ('pending', 'sending')",
  );
  counted(
    'voc_mail_failed',
    'Mails given up after every retry or refused for good by the SMTP server (all instances).',
    "mail_outbox WHERE status = 'failed'",
  );

  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode === 429) rateLimited.inc();
    else if (reply.statusCode === 201 && req.method === 'POST' && req.routeOptions.url === SUBMIT_ROUTE)
      submissions.inc({ site: (req.params as { site: string }).site });
  });

  const metricsHash = options.metricsToken ? sha256(options.metricsToken) : undefined;
  const authorized = async (req: FastifyRequest) => {
    const match = /^Bearer ([A-Za-z0-9_.~+/=-]{1,256})$/.exec(req.headers.authorization ?? '');
    if (!match) return false;
    const hash = sha256(match[1]);
    if (metricsHash && sameHash(metricsHash, hash)) return true;
    return options.isTeamToken(hash);
  };
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (Authorization: Bearer VOC_METRICS_TOKEN or a team token)',
        tags: ['ops'],
        response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    async (req, reply) => {
      if (!(await authorized(req))) throw new UnauthorizedError();
      return reply
        .header('content-type', register.contentType)
        .header('cache-control', 'no-store')
        .send(await register.metrics());
    },
  );
  return register;
}
