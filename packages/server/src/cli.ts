#!/usr/bin/env node
/**
 * `voc-server`: runs the reference server from the environment.
 * PORT (8787), HOST (127.0.0.1), VOC_DATA_DIR (.data/ in the working folder), DATABASE_URL, VOC_ADMIN_TOKEN,
 * NODE_ENV, VOC_STATIC_DIR (demo pages; default examples/ in the working folder when there is one), VOC_BUNDLE_DIR
 * (default: the installed @voc-kit/voc), VOC_TRUST_PROXY (1, or comma-separated proxy addresses), VOC_LOG=1,
 * VOC_RATE_LIMIT=off, VOC_POOL_SIZE, VOC_WEBHOOKS_ALLOW_PRIVATE=1 (development only);
 * mail: VOC_SMTP_URL, VOC_MAIL_FROM, VOC_PUBLIC_URL, VOC_SECRET, VOC_MAIL_LEASE_MS.
 * SIGTERM/SIGINT: a clean stop within 10 s (see `VocServer.close`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer } from './app.js';
import { defaultBundleDir } from './routes/static.js';

const env = process.env;
const dev = env.NODE_ENV !== 'production';
const port = env.PORT === undefined ? 8787 : Number(env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${env.PORT}".`);
  process.exit(2);
}

const dataDir = env.VOC_DATA_DIR?.startsWith('memory://') ? env.VOC_DATA_DIR : resolve(env.VOC_DATA_DIR ?? '.data');
const staticDir = env.VOC_STATIC_DIR ?? (existsSync('examples/index.html') ? resolve('examples') : undefined);
const bundleDir = defaultBundleDir();
const trust = env.VOC_TRUST_PROXY;
const server = await createServer({
  port,
  host: env.HOST ?? '127.0.0.1',
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir,
  adminToken: env.VOC_ADMIN_TOKEN || undefined,
  staticDir,
  bundleDir,
  dev,
  trustProxy: trust === '1' ? true : trust ? trust.split(',').map((a) => a.trim()) : false,
  allowPrivateWebhooks: env.VOC_WEBHOOKS_ALLOW_PRIVATE === '1',
  ...(env.VOC_RATE_LIMIT === 'off' && { rateLimits: false as const }),
  ...(env.VOC_POOL_SIZE && { poolSize: Number(env.VOC_POOL_SIZE) }),
  logger: env.VOC_LOG === '1',
  mail: {
    ...(env.VOC_SMTP_URL && { smtpUrl: env.VOC_SMTP_URL }),
    ...(env.VOC_MAIL_FROM && { from: env.VOC_MAIL_FROM }),
    ...(env.VOC_PUBLIC_URL && { publicUrl: env.VOC_PUBLIC_URL }),
    ...(env.VOC_SECRET && { secret: env.VOC_SECRET }),
    ...(env.VOC_MAIL_LEASE_MS && { leaseMs: Number(env.VOC_MAIL_LEASE_MS) }),
  },
  // crash tests only: die the hard way between the commit of a submission and its answer
  ...(env.VOC_CRASH_AFTER_COMMIT === '1' && { afterSubmitCommit: () => process.kill(process.pid, 'SIGKILL') }),
}).catch((error: Error) => {
  console.error(`VoC Kit server could not start: ${error.message}`);
  process.exit(2);
});
const address = await server.listen();
const base = address.replace('127.0.0.1', 'localhost');
const storage = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL (PGlite) in ${dataDir}`;
console.log(`VoC Kit server on ${storage}
  demo pages   ${staticDir ? `${base}/` : 'none (set VOC_STATIC_DIR to a folder of pages to serve them at /)'}
  bundle       ${bundleDir ? `${base}/voc.js` : 'none (install @voc-kit/voc or set VOC_BUNDLE_DIR to serve /voc.js)'}
  health       ${base}/healthz, ${base}/readyz
  API          ${base}/v1/openapi.json
  live events  ${base}/v1/sites/demo/events${dev ? '' : '  (no demo site in production)'}`);
const mailStatus = env.VOC_SMTP_URL
  ? `mail         SMTP (VOC_SMTP_URL), links under ${env.VOC_PUBLIC_URL ?? base}`
  : dev
    ? 'mail         dev mailbox (no VOC_SMTP_URL): owners read it in the console and at /v1/admin/mail/dev-mailbox'
    : 'mail         OFF: set VOC_SMTP_URL, VOC_MAIL_FROM and VOC_PUBLIC_URL to tell customers what was done';
console.log(`  ${mailStatus}`);
if (server.generatedAdminToken)
  console.log(
    `\nTeam token (shown once, stored only as a hash; set VOC_ADMIN_TOKEN to choose your own):\n  ${server.generatedAdminToken}\n`,
  );

// a clean stop: no new connections, live clients reconnect elsewhere, accepted submissions are written; 10 s at most
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => {
      console.error('VoC Kit server: clean stop took over 10 s; exiting.');
      process.exit(1);
    }, 10_000).unref();
    server.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`VoC Kit server: stop failed: ${error.message}`);
        process.exit(1);
      },
    );
  });
