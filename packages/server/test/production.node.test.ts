// Production pieces of the server on real PGlite: the one-time owner sign-in link, `voc-server sign-in-link`,
// GET /metrics behind a token, and what the logger may write. (The packed server in production, end to end:
// test/pack-install.node.test.ts.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createServer } from '../src/index.js';
import { redactUrl } from '../src/log.js';
import { FOLD_LOCK, FOLD_MS } from '../src/reads/cloud.js';
import { ADMIN_TOKEN, ORIGIN, call, createSite, startVoc, submit, team, sse } from './helpers.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const exchange = (base: string, token: string) => call(base, 'POST', '/v1/sign-in', { body: { token } });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('production: the one-time owner sign-in link', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voc-signin-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('a first start makes a link, not a token; the link is spent once, by one of two racing requests', async () => {
    const server = await createServer({ port: 0, dataDir, signIn: true, webhooks: false });
    try {
      const base = await server.listen();
      assert.equal(server.generatedAdminToken, undefined, 'no raw team token is printed in production');
      const link = server.signInToken!;
      assert.match(link, /^[A-Za-z0-9_-]{43}$/);
      assert.equal((await call(base, 'GET', '/v1/admin/sites', { headers: bearer(link) })).status, 401, 'the link opens nothing by itself');
      assert.equal((await exchange(base, 'not-the-link-0123456789abcdef')).status, 401);
      assert.equal((await call(base, 'POST', '/v1/sign-in', { body: {} })).status, 422, 'no token: a 422 naming the field');

      const answers = await Promise.all([exchange(base, link), exchange(base, link)]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 401]);
      const { token } = answers.find((a) => a.status === 201)!.body as { token: string };
      assert.equal((await call(base, 'GET', '/v1/admin/sites', { headers: bearer(token) })).status, 200);
      assert.equal((await exchange(base, link)).status, 401, 'spent');
      const tokens = (await call(base, 'GET', '/v1/admin/tokens', { headers: bearer(token) })).body.tokens as Array<{
        name: string;
        revokedAt?: string;
      }>;
      assert.ok(
        tokens.some((t) => t.name === 'one-time sign-in link' && t.revokedAt),
        'the spent link is listed as revoked',
      );
      assert.ok(!JSON.stringify(tokens).includes(link) && !JSON.stringify(tokens).includes(token), 'tokens are never shown again');
    } finally {
      await server.close();
    }
  });

  test('once a team token exists no link is made; `voc-server sign-in-link` prints one that works once', async () => {
    const { stdout } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', cli, 'sign-in-link'], {
      env: { ...process.env, VOC_DATA_DIR: dataDir, VOC_PUBLIC_URL: 'https://feedback.example.com/' },
    });
    const link = /https:\/\/feedback\.example\.com\/console#token=([A-Za-z0-9_-]+)/.exec(stdout)?.[1];
    assert.ok(link, stdout);
    const server = await createServer({ port: 0, dataDir, signIn: true, webhooks: false });
    try {
      const base = await server.listen();
      assert.equal(server.signInToken, undefined, 'the owner signed in before: no new link on start');
      assert.equal((await exchange(base, link)).status, 201);
      assert.equal((await exchange(base, link)).status, 401);
    } finally {
      await server.close();
    }
  });

  test('with VOC_ADMIN_TOKEN there is no link', async () => {
    const server = await createServer({ port: 0, dataDir: 'memory://', signIn: true, adminToken: ADMIN_TOKEN, webhooks: false });
    assert.equal(server.signInToken, undefined);
    await server.close();
  });
});

describe('production: GET /metrics', () => {
  const METRICS_TOKEN = 'metrics-scraper-token-0123456789';

  test('answers Prometheus text to the metrics token or a team token, 401 to anyone else', async () => {
    const voc = await startVoc('pglite', { metricsToken: METRICS_TOKEN });
    try {
      assert.equal((await call(voc.url, 'GET', '/metrics')).status, 401);
      assert.equal((await call(voc.url, 'GET', '/metrics', { headers: bearer('wrong-token-0123456789abcdef') })).status, 401);
      for (const token of [METRICS_TOKEN, ADMIN_TOKEN]) {
        const r = await call(voc.url, 'GET', '/metrics', { headers: bearer(token) });
        assert.equal(r.status, 200);
        assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
        assert.match(r.body, /^# TYPE voc_live_connections gauge$/m);
      }
    } finally {
      await voc.stop();
    }
  });

  test('counts submissions per site, rate-limited requests and live connections; reads the webhook backlog', async () => {
    const voc = await startVoc('pglite', {
      rateLimits: { write: { perMinute: 1, burst: 2 }, read: { perMinute: 600, burst: 120 } },
      // the test's webhook points at loopback, which only development allows
      allowPrivateWebhooks: true,
    });
    try {
      await createSite(voc.url, 'metered');
      // a webhook on new feedback; this server delivers none (webhooks off), so what is queued stays in the backlog
      const hook = await call(voc.url, 'POST', '/v1/admin/sites/metered/webhooks', {
        headers: team,
        body: { url: 'http://127.0.0.1:9/hook', events: ['feedback'] },
      });
      assert.equal(hook.status, 201);
      const headers = { origin: ORIGIN };
      assert.equal(
        (await submit(voc.url, 'metered', 'key-0000000000000001', { kind: 'idea', text: 'More oat milk' }, headers)).status,
        201,
      );
      assert.equal((await submit(voc.url, 'metered', 'key-0000000000000002', { kind: 'idea', text: 'Less noise' }, headers)).status, 201);
      assert.equal((await submit(voc.url, 'metered', 'key-0000000000000003', { kind: 'idea', text: 'Third one' }, headers)).status, 429);
      const live = sse(`${voc.url}/v1/sites/metered/events`, { origin: ORIGIN });
      await live.ready;
      const text = (await call(voc.url, 'GET', '/metrics', { headers: team })).body as string;
      live.close();
      assert.match(text, /^voc_submissions_total\{site="metered"\} 2$/m);
      assert.match(text, /^voc_rate_limited_requests_total 1$/m);
      assert.match(text, /^voc_live_connections 1$/m);
      assert.match(text, /^voc_webhook_backlog 2$/m);
      assert.match(text, /^voc_webhook_failed 0$/m);
      assert.match(text, /^voc_cloud_deltas_unfolded \d+$/m);
      // no mail configured: nothing queued, nothing failed
      assert.match(text, /^voc_mail_backlog 0$/m);
      assert.match(text, /^voc_mail_failed 0$/m);
    } finally {
      await voc.stop();
    }
  });

  test('reads the cloud deltas no fold has taken: they pile up while no instance can fold, and go once one can', async () => {
    const voc = await startVoc('postgres', { rateLimits: false });
    // another session holds the fold's lock, as an instance stuck in a fold would: this server sequences, cannot fold
    const holder = new pg.Client({ connectionString: voc.pg!.url });
    await holder.connect();
    const unfolded = async () => {
      const text = (await call(voc.url, 'GET', '/metrics', { headers: team })).body as string;
      return Number(/^voc_cloud_deltas_unfolded (\d+)$/m.exec(text)?.[1]);
    };
    try {
      await createSite(voc.url, 'unfolded');
      await holder.query('SELECT pg_advisory_lock($1)', [FOLD_LOCK]);
      const texts = ['More oat milk', 'Oat milk in the flat white', 'A quiet corner'];
      for (const [i, text] of texts.entries())
        assert.equal(
          (await submit(voc.url, 'unfolded', `key-000000000000001${i}`, { kind: 'idea', text }, { origin: ORIGIN })).status,
          201,
        );
      await new Promise((resolve) => setTimeout(resolve, FOLD_MS * 4)); // time for several folds, had one the lock
      assert.equal(await unfolded(), 3, 'one delta per submission, none folded');
      const cloud = (await call(voc.url, 'GET', '/v1/sites/unfolded/cloud')).body as { terms: Array<{ term: string; total: number }> };
      assert.equal(cloud.terms.find((t) => t.term === 'oat milk')?.total, 2, 'reads count the deltas not folded yet');

      await holder.query('SELECT pg_advisory_unlock($1)', [FOLD_LOCK]);
      let left = await unfolded();
      for (let tries = 0; left > 0 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        left = await unfolded();
      }
      assert.equal(left, 0, 'the next fold takes them all');
    } finally {
      await holder.end();
      await voc.stop();
    }
  });
});

describe('logs', () => {
  test('URLs lose receipts, tokens and email addresses; the rest stays readable', () => {
    assert.equal(redactUrl('/v1/threads/AbCdEfGhIjKlMnOpQrStUv/confirm'), '/v1/threads/…/confirm');
    assert.equal(redactUrl('/v1/admin/export?email=ann%40example.org'), '/v1/admin/export?email=…');
    assert.equal(redactUrl('/v1/admin/export?receipt=AbCdEfGhIjKlMnOpQrStUv&x=1'), '/v1/admin/export?receipt=…&x=1');
    assert.equal(redactUrl('/page?voc-receipt=AbCdEfGhIjKlMnOpQrStUv'), '/page?voc-receipt=…');
    assert.equal(redactUrl('/v1/admin/sites/demo/inbox?q=ann@example.org'), '/v1/admin/sites/demo/inbox?q=…');
    assert.equal(redactUrl('/v1/sites/demo/feed?limit=20&kinds=idea'), '/v1/sites/demo/feed?limit=20&kinds=idea');
  });
});
