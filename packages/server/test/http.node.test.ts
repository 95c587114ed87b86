/**
 * The server's edges on PGlite: refused bodies always get their JSON answer, health checks, migrations of any SQL,
 * webhooks that cannot reach private addresses, and live clouds that follow moderation.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { migrate } from '../src/index.js';
import { isBlockedAddress } from '../src/webhooks.js';
import { call, createSite, sse, startVoc, submit, team, type Running } from './helpers.js';

const execFileAsync = promisify(execFile);
let n = 0;
const key = () => `http-key-${++n}-${Math.random().toString(36).slice(2)}`;

/**
 * A POST from curl, as a new user tries the API: for a large body curl announces it (`Expect: 100-continue`), sends
 * it after the go-ahead and reads the answer only then. This is the client that lost its 413 to a reset connection.
 */
async function curlPost(url: string, file: string): Promise<{ status: number; code?: string }> {
  const { stdout } = await execFileAsync('curl', [
    '-s',
    '-w',
    '\n%{http_code}',
    '-X',
    'POST',
    '-H',
    'content-type: application/json',
    '-H',
    `idempotency-key: ${key()}`,
    '--data-binary',
    `@${file}`,
    url,
  ]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const cut = stdout.lastIndexOf('\n');
  const status = Number(stdout.slice(cut + 1));
  try {
    return { status, code: JSON.parse(stdout.slice(0, cut)).error?.code };
  } catch {
    return { status, code: `not JSON: ${stdout.slice(0, 40)}` };
  }
}

describe('refused bodies, health, migrations', () => {
  let voc: Running;
  before(async () => {
    voc = await startVoc('pglite', { rateLimits: false, bodyTimeoutMs: 500 });
    await createSite(voc.url, 'edge');
  });
  after(async () => voc?.stop());

  test('30 tries of a 2 MB POST all get a JSON 413, never a dropped connection', async () => {
    const big = JSON.stringify({ kind: 'idea', text: 'x'.repeat(2 * 1024 * 1024) });
    const dir = mkdtempSync(join(tmpdir(), 'voc-big-'));
    const bigFile = join(dir, 'big.json');
    writeFileSync(bigFile, big);
    after(() => rmSync(dir, { recursive: true, force: true }));
    const answers: Array<{ status: number; code?: string }> = [];
    for (let i = 0; i < 30; i++) {
      // as curl sends a large body: announced, then sent after `100 Continue`
      if (i % 3 === 2) {
        answers.push(await curlPost(`${voc.url}/v1/sites/edge/feedback`, bigFile));
        continue;
      }
      // with a Content-Length, or streamed (chunked), as browsers send them
      const chunked = i % 3 === 1;
      const body = chunked
        ? new ReadableStream({
            start(controller) {
              for (let at = 0; at < big.length; at += 64 * 1024)
                controller.enqueue(new TextEncoder().encode(big.slice(at, at + 64 * 1024)));
              controller.close();
            },
          })
        : big;
      try {
        const res = await fetch(`${voc.url}/v1/sites/edge/feedback`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'idempotency-key': key() },
          ...(chunked && { duplex: 'half' }),
        } as RequestInit);
        const json = await res.json();
        answers.push({ status: res.status, code: json.error?.code });
      } catch (error) {
        answers.push({ status: 0, code: String((error as Error).cause ?? error) });
      }
    }
    assert.deepEqual(
      answers.filter((a) => a.status !== 413 || a.code !== 'validation'),
      [],
    );
    // and the server still serves
    assert.equal((await submit(voc.url, 'edge', key(), { kind: 'idea', text: 'After the big ones' })).status, 201);
  });

  test('a body that stops arriving gets a JSON 408; a wrong content type a JSON 415', async () => {
    const { port } = new URL(voc.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /v1/sites/edge/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
            `Idempotency-Key: ${key()}\r\nContent-Length: 100\r\n\r\n{"kind":"idea",`,
        );
        // …and nothing more
      });
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => resolve(text), 5000);
    });
    assert.match(answer, /^HTTP\/1\.1 408/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.equal(body.error.code, 'validation');
    const wrongType = await call(voc.url, 'POST', '/v1/sites/edge/feedback', {
      raw: 'kind=idea',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key() },
    });
    assert.equal(wrongType.status, 415);
    assert.equal(wrongType.body.error.code, 'validation');
  });

  test('/healthz answers while alive; /readyz when the database answers and the schema is current', async () => {
    const health = await call(voc.url, 'GET', '/healthz');
    assert.deepEqual([health.status, health.body], [200, { status: 'ok' }]);
    const ready = await call(voc.url, 'GET', '/readyz');
    assert.deepEqual([ready.status, ready.body], [200, { status: 'ready' }]);
    // a migration file the database has not seen makes the instance not ready
    await voc.server.db.query("DELETE FROM schema_migrations WHERE name = '004_webhook_secrets.sql'");
    const behind = await call(voc.url, 'GET', '/readyz');
    assert.equal(behind.status, 503);
    assert.match(behind.body.reason, /004_webhook_secrets/);
    await voc.server.db.query("INSERT INTO schema_migrations (name) VALUES ('004_webhook_secrets.sql')");
    assert.equal((await call(voc.url, 'GET', '/readyz')).status, 200);
  });

  test('migrations run any valid SQL: functions, DO blocks, semicolons in strings, in one transaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voc-migrations-'));
    try {
      writeFileSync(
        join(dir, '900_any_sql.sql'),
        `-- a comment; with a semicolon
CREATE TABLE t900 (v text);
CREATE FUNCTION f900(x text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN x || ';';
END;
$$;
DO $$ BEGIN INSERT INTO t900 VALUES (f900('a;b')); END $$;
INSERT INTO t900 VALUES ('c;d');`,
      );
      assert.deepEqual(await migrate(voc.server.db, dir), ['900_any_sql.sql']);
      const rows = await voc.server.db.query<{ v: string }>('SELECT v FROM t900 ORDER BY v');
      assert.deepEqual(
        rows.map((r) => r.v),
        ['a;b;', 'c;d'],
      );
      assert.deepEqual(await migrate(voc.server.db, dir), [], 'applied once');
      writeFileSync(join(dir, '901_broken.sql'), 'CREATE TABLE t901 (v text); SELECT no_such_function();');
      await assert.rejects(migrate(voc.server.db, dir));
      const t901 = await voc.server.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 't901'");
      assert.equal(t901.length, 0, 'a failing migration leaves nothing behind');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('webhooks never reach private addresses', () => {
  let voc: Running;
  before(async () => {
    voc = await startVoc('pglite', { rateLimits: false });
    await createSite(voc.url, 'hooks');
  });
  after(async () => voc?.stop());

  test('the address check knows loopback, private, link-local, metadata and mapped addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ])
      assert.equal(isBlockedAddress(a), true, a);
    for (const a of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) assert.equal(isBlockedAddress(a), false, a);
  });

  test('refused at creation: a URL whose host is or resolves to a private address', async () => {
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://localhost/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://10.0.0.7/x',
      'http://[::ffff:7f00:1]/x',
    ]) {
      const r = await call(voc.url, 'POST', '/v1/admin/sites/hooks/webhooks', { headers: team, body: { url } });
      assert.equal(r.status, 422, url);
      assert.equal(r.body.error.field, 'url', url);
      assert.equal(r.body.error.rule, 'private_address', url);
    }
    const listed = await call(voc.url, 'GET', '/v1/admin/sites/hooks/webhooks', { headers: team });
    assert.deepEqual(listed.body.webhooks, []);
  });

  test('refused again at delivery, after DNS resolution (a host that turned private since)', async () => {
    let reached = 0;
    const receiver = createHttpServer((_req, res) => {
      reached++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as { port: number }).port;
    try {
      // as if the name resolved to a public address when the team added it, and to loopback now
      await voc.server.db.query(
        "INSERT INTO webhooks (id, site, url, events, secret) VALUES (gen_random_uuid(), 'hooks', $1, '{announcement}', 'whsec_test')",
        [`http://localhost:${port}/hook`],
      );
      await call(voc.url, 'POST', '/v1/admin/sites/hooks/announcements', { headers: team, body: { title: 'Rebound', body: 'x' } });
      assert.equal(await voc.server.webhooks.tick(), 0);
      const [d] = await voc.server.db.query<{ last_error: string; delivered_at: unknown }>(
        'SELECT last_error, delivered_at FROM webhook_deliveries',
      );
      assert.match(d.last_error, /refused/);
      assert.equal(d.delivered_at, null);
      assert.equal(reached, 0, 'the receiver on loopback was never reached');
    } finally {
      receiver.close();
    }
  });
});

describe('live clouds follow moderation and topics', () => {
  let voc: Running;
  before(async () => {
    voc = await startVoc('pglite', { rateLimits: false });
    await createSite(voc.url, 'mod');
  });
  after(async () => voc?.stop());

  const cloud = async (query = '') =>
    Object.fromEntries(
      ((await call(voc.url, 'GET', `/v1/sites/mod/cloud${query}`)).body.terms as Array<{ term: string; total: number }>).map((t) => [
        t.term,
        t.total,
      ]),
    );

  test('hiding an item takes its terms out of every live cloud; restoring puts them back', async () => {
    const live = sse(`${voc.url}/v1/sites/mod/events`);
    await live.ready;
    const r = await submit(voc.url, 'mod', key(), { kind: 'complaint', text: 'Marmalade jars leaking', locale: 'en' });
    await live.next((e) => e.type === 'cloud' && e.data.terms.includes('marmalade') && e.data.delta === undefined);
    assert.equal((await cloud()).marmalade, 1);
    assert.equal((await call(voc.url, 'POST', `/v1/admin/sites/mod/feedback/${r.body.id}/hide`, { headers: team })).status, 200);
    const gone = await live.next((e) => e.type === 'cloud' && e.data.terms.includes('marmalade') && e.data.delta === -1);
    assert.equal(gone.type === 'cloud' && gone.data.kind, 'complaint');
    assert.equal((await cloud()).marmalade, undefined);
    await call(voc.url, 'POST', `/v1/admin/sites/mod/feedback/${r.body.id}/restore`, { headers: team });
    const cloudEvents = () => live.events.filter((e) => e.type === 'cloud' && e.data.terms.includes('marmalade'));
    await live.next(() => cloudEvents().length === 3);
    assert.deepEqual(
      cloudEvents().map((e) => (e.type === 'cloud' ? (e.data.delta ?? 1) : 0)),
      [1, -1, 1],
    );
    assert.equal((await cloud()).marmalade, 1);
    live.close();
  });

  test('moving an item to another topic moves its cloud counts', async () => {
    await call(voc.url, 'POST', '/v1/admin/sites/mod/topics', { headers: team, body: { slug: 'jars', title: 'Jars' } });
    const r = await submit(voc.url, 'mod', key(), { kind: 'idea', text: 'Quince compote please', topic: 'preserves', locale: 'en' });
    assert.equal((await cloud('?topic=preserves')).quince, 1);
    const live = sse(`${voc.url}/v1/sites/mod/events`);
    await live.ready;
    const moved = await call(voc.url, 'POST', `/v1/admin/sites/mod/feedback/${r.body.id}/topic`, {
      headers: team,
      body: { topic: 'jars' },
    });
    assert.equal(moved.status, 200);
    await live.next((e) => e.type === 'cloud' && e.data.topic === 'preserves' && e.data.delta === -1);
    await live.next((e) => e.type === 'cloud' && e.data.topic === 'jars' && e.data.delta === undefined);
    live.close();
    assert.equal((await cloud('?topic=preserves')).quince, undefined);
    assert.equal((await cloud('?topic=jars')).quince, 1);
    assert.equal((await cloud()).quince, 1, 'the whole cloud counts it once');
  });
});
