#!/usr/bin/env node
/**
 * `voc-server`: runs the reference server from the environment, from any folder.
 *
 *   voc-server                 serve (PGlite in ./voc-data, or PostgreSQL with DATABASE_URL)
 *   voc-server sign-in-link    print a new one-time owner sign-in link and exit (earlier unused links stop working)
 *
 * PORT (8787), HOST (127.0.0.1), NODE_ENV (production: no demo site, no sample data, JSON logs, a sign-in link),
 * VOC_PUBLIC_URL (the address people reach this server at, for links), VOC_DATA_DIR (./voc-data), DATABASE_URL,
 * VOC_ADMIN_TOKEN, VOC_METRICS_TOKEN, VOC_TRUST_PROXY=1, VOC_LOG=1|0, VOC_LOG_LEVEL, VOC_RATE_LIMIT=off,
 * VOC_POOL_SIZE, VOC_STATIC_DIR (pages served at /), VOC_BUNDLE_DIR (the script-tag bundle, default @voc-kit/voc),
 * VOC_WEBHOOKS_ALLOW_PRIVATE=1 (development only); mail: VOC_SMTP_URL, VOC_MAIL_FROM, VOC_SECRET, VOC_MAIL_LEASE_MS.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from './app.js';
import { defaultBundleDir } from './routes/static.js';
import { openDb } from './db.js';
import { createSignInToken, signInLink } from './sign-in.js';

const env = process.env;
const production = env.NODE_ENV === 'production';
const command = process.argv[2] ?? 'serve';
if (!['serve', 'sign-in-link'].includes(command)) {
  console.error(`Unknown command "${command}". Usage: voc-server [sign-in-link]`);
  process.exit(2);
}
const port = env.PORT === undefined ? 8787 : Number(env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${env.PORT}".`);
  process.exit(2);
}
const host = env.HOST ?? '127.0.0.1';
const trust = env.VOC_TRUST_PROXY;
const dataDir = resolve(env.VOC_DATA_DIR ?? 'voc-data');
const publicUrl = (env.VOC_PUBLIC_URL ?? `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(
  /\/+$/,
  '',
);
if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(publicUrl)) {
  console.error(`VOC_PUBLIC_URL must be an http(s) address such as https://feedback.example.com, not "${env.VOC_PUBLIC_URL}".`);
  process.exit(2);
}

/** The demo pages, in development inside the VoC Kit repository only (the npm package does not ship them). */
function demoFolder(): string | undefined {
  const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
  return !production && existsSync(`${examples}index.html`) ? examples : undefined;
}

if (command === 'sign-in-link') {
  const db = await openDb({ databaseUrl: env.DATABASE_URL || undefined, dataDir });
  const token = await createSignInToken(db);
  await db.close();
  console.log(`One-time owner sign-in link (earlier unused links no longer work):\n  ${signInLink(publicUrl, token)}`);
  process.exit(0);
}

const staticDir = env.VOC_STATIC_DIR ?? demoFolder();
const bundleDir = defaultBundleDir();
const server = await createServer({
  port,
  host,
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir,
  adminToken: env.VOC_ADMIN_TOKEN || undefined,
  metricsToken: env.VOC_METRICS_TOKEN || undefined,
  staticDir,
  bundleDir,
  dev: !production,
  signIn: production,
  trustProxy: trust === '1' ? true : trust ? trust.split(',').map((a) => a.trim()) : false,
  allowPrivateWebhooks: env.VOC_WEBHOOKS_ALLOW_PRIVATE === '1',
  ...(env.VOC_RATE_LIMIT === 'off' && { rateLimits: false as const }),
  ...(env.VOC_POOL_SIZE && { poolSize: Number(env.VOC_POOL_SIZE) }),
  logger: env.VOC_LOG === undefined ? production : env.VOC_LOG === '1',
  mail: {
    publicUrl,
    ...(env.VOC_SMTP_URL && { smtpUrl: env.VOC_SMTP_URL }),
    ...(env.VOC_MAIL_FROM && { from: env.VOC_MAIL_FROM }),
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
console.log(`VoC Kit server${production ? ' (production)' : ''} on ${storage}, listening at ${base}
  public URL   ${publicUrl}
  ${staticDir ? `pages        ${publicUrl}/ (from ${staticDir})` : 'pages        none (set VOC_STATIC_DIR to serve a folder at /)'}
  bundle       ${bundleDir ? `${publicUrl}/voc.js` : 'not found (install @voc-kit/voc or set VOC_BUNDLE_DIR)'}
  API          ${publicUrl}/v1/openapi.json
  metrics      ${publicUrl}/metrics (Authorization: Bearer VOC_METRICS_TOKEN or a team token)
  health       ${publicUrl}/healthz, ${publicUrl}/readyz
  live events  ${publicUrl}/v1/sites/${production ? '<site>' : 'demo'}/events`);
const mailStatus = env.VOC_SMTP_URL
  ? `mail         SMTP (VOC_SMTP_URL), links under ${publicUrl}`
  : !production
    ? 'mail         dev mailbox (no VOC_SMTP_URL): owners read it in the console and at /v1/admin/mail/dev-mailbox'
    : 'mail         OFF: set VOC_SMTP_URL, VOC_MAIL_FROM and VOC_PUBLIC_URL to tell customers what was done';
console.log(`  ${mailStatus}`);
if (server.signInToken)
  console.log(
    `\nOwner sign-in link (one-time; only its hash is stored; \`voc-server sign-in-link\` makes a new one):\n  ${signInLink(publicUrl, server.signInToken)}\n`,
  );
if (server.generatedAdminToken)
  console.log(
    `\nTeam token (shown once, stored only as a hash; set VOC_ADMIN_TOKEN to choose your own):\n  ${server.generatedAdminToken}\n`,
  );

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    // a clean stop: no new connections, live clients reconnect elsewhere, accepted submissions are written; 10 s at most
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
