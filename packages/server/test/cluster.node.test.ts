/**
 * Crashes and clusters: a server killed with SIGKILL right after a commit, and two instances sharing one
 * PostgreSQL, each delivering every live event.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, call, createSite, sse, startCli, startVoc, submit, type Running } from './helpers.js';
import { startPostgres, type PostgresServer } from './postgres.js';

const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve(child.signalCode) : child.once('exit', (_c, s) => resolve(s)),
  );

for (const engine of ['pglite', 'postgres'] as const) {
  describe(`SIGKILL right after commit (${engine})`, () => {
    let pg: PostgresServer | undefined;
    let dataDir: string;
    let env: Record<string, string>;
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'voc-crash-'));
      if (engine === 'postgres') pg = await startPostgres();
      env = engine === 'postgres' ? { DATABASE_URL: pg!.url } : { VOC_DATA_DIR: dataDir };
    });
    after(async () => {
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('the server dies between commit and answer; the retry after restart gets the stored item, once', async () => {
      const crashing = await startCli({ ...env, VOC_CRASH_AFTER_COMMIT: '1' });
      const key = `crash-key-${engine}-1`;
      const draft = { kind: 'complaint', text: `Crashed while saving (${engine})` };
      await assert.rejects(submit(crashing.url, 'demo', key, draft), 'the client never gets an answer');
      assert.equal(await exited(crashing.child), 'SIGKILL');

      const restarted = await startCli(env);
      try {
        const retry = await submit(restarted.url, 'demo', key, draft);
        assert.equal(retry.status, 201);
        const again = await submit(restarted.url, 'demo', key, draft);
        assert.deepEqual(again.body, retry.body);
        const thread = await call(restarted.url, 'GET', `/v1/threads/${retry.body.receipt}`);
        assert.equal(thread.status, 200);
        assert.equal(thread.body.feedback.text, draft.text);
        const inbox = await call(restarted.url, 'GET', '/v1/admin/sites/demo/inbox?kind=complaint&limit=200', {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        const copies = inbox.body.items.filter((i: { text: string }) => i.text === draft.text);
        assert.equal(copies.length, 1, 'stored exactly once');
        assert.equal(copies[0].id, retry.body.id, 'the retry answers with the id committed before the crash');
      } finally {
        restarted.child.kill('SIGKILL');
        await exited(restarted.child);
      }
    });

    test('killed right after answering: the retry gets the same id and receipt', async () => {
      const first = await startCli(env);
      const key = `crash-key-${engine}-2`;
      const draft = { kind: 'idea', text: `Answered then killed (${engine})` };
      const answer = await submit(first.url, 'demo', key, draft);
      first.child.kill('SIGKILL');
      assert.equal(answer.status, 201);
      assert.equal(await exited(first.child), 'SIGKILL');
      const second = await startCli(env);
      try {
        const retry = await submit(second.url, 'demo', key, draft);
        assert.equal(retry.status, 201);
        assert.deepEqual(retry.body, answer.body);
      } finally {
        second.child.kill('SIGKILL');
        await exited(second.child);
      }
    });
  });
}

describe('two instances on one PostgreSQL', () => {
  let pg: PostgresServer;
  let a: Running;
  let b: Running;
  before(async () => {
    pg = await startPostgres();
    // both start at once: migrations are applied once, under a lock
    [a, b] = await Promise.all([startVoc('postgres', { rateLimits: false }, pg), startVoc('postgres', { rateLimits: false }, pg)]);
    await createSite(a.url, 'shared');
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await pg?.stop();
  });

  test('a submission on one reaches a live subscriber of the other, and the other way round', async () => {
    const onB = sse(`${b.url}/v1/sites/shared/events`);
    const onA = sse(`${a.url}/v1/sites/shared/events`);
    await Promise.all([onA.ready, onB.ready]);
    const x = await submit(a.url, 'shared', 'cluster-key-a1', { kind: 'idea', text: 'Sent to instance A' });
    const y = await submit(b.url, 'shared', 'cluster-key-b1', { kind: 'complaint', text: 'Sent to instance B' });
    const seenOnB = await onB.next((e) => e.type === 'feedback' && e.data.id === x.body.id);
    const seenOnA = await onA.next((e) => e.type === 'feedback' && e.data.id === y.body.id);
    // both instances deliver the same events with the same ids, read back from one table
    const sameOnA = await onA.next((e) => e.id === seenOnB.id);
    const sameOnB = await onB.next((e) => e.id === seenOnA.id);
    assert.deepEqual(sameOnA, seenOnB);
    assert.deepEqual(sameOnB, seenOnA);
    onA.close();
    onB.close();
  });

  test('a subscriber that moves to the other instance resumes with Last-Event-ID and misses nothing', async () => {
    const first = sse(`${a.url}/v1/sites/shared/events`);
    await first.ready;
    const before = await submit(a.url, 'shared', 'cluster-key-a2', { kind: 'idea', text: 'Before the move' });
    const last = await first.next((e) => e.type === 'feedback' && e.data.id === before.body.id);
    first.close();
    const missed = await submit(a.url, 'shared', 'cluster-key-a3', { kind: 'idea', text: 'While moving' });
    const moved = sse(`${b.url}/v1/sites/shared/events`, { 'last-event-id': last.id });
    await moved.next((e) => e.type === 'feedback' && e.data.id === missed.body.id);
    const later = await submit(a.url, 'shared', 'cluster-key-a4', { kind: 'idea', text: 'After the move' });
    await moved.next((e) => e.type === 'feedback' && e.data.id === later.body.id);
    const feedbackIds = moved.events.filter((e) => e.type === 'feedback').map((e) => e.data.id);
    assert.deepEqual(feedbackIds, [missed.body.id, later.body.id], 'each once, in order');
    moved.close();
  });

  test('the same idempotency key on both instances at once stores one row', async () => {
    const draft = { kind: 'compliment', text: 'Raced across instances' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submit(i % 2 ? a.url : b.url, 'shared', 'cluster-race-key', draft)),
    );
    assert.equal(new Set(answers.map((r) => r.body.id)).size, 1);
    const rows = await a.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE text = $1', [draft.text]);
    assert.equal(rows[0].n, 1);
  });

  test('rate limits are counted in the database: two instances enforce one limit, per forwarded address and site', async () => {
    const limits = { write: { perMinute: 6, burst: 3 }, read: { perMinute: 600, burst: 100 } };
    // behind a proxy on loopback: the client address is the one it forwards
    const [c, d] = await Promise.all([
      startVoc('postgres', { rateLimits: limits, trustProxy: '127.0.0.1' }, pg),
      startVoc('postgres', { rateLimits: limits, trustProxy: '127.0.0.1' }, pg),
    ]);
    try {
      await createSite(c.url, 'limited');
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await submit(
              i % 2 ? d.url : c.url,
              'limited',
              `limit-key-${i}-xxxx`,
              { kind: 'idea', text: `Limited ${i}` },
              from('203.0.113.7'),
            )
          ).status,
        );
      assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429], 'one budget across both instances');
      const other = await submit(d.url, 'limited', 'limit-key-other-xx', { kind: 'idea', text: 'Another person' }, from('203.0.113.8'));
      assert.equal(other.status, 201, 'another address has its own budget');
      const otherSite = await createSite(c.url, 'limited-too');
      assert.equal(otherSite.key, 'limited-too');
      const sameIpOtherSite = await submit(
        c.url,
        'limited-too',
        'limit-key-site-xxx',
        { kind: 'idea', text: 'Other site' },
        from('203.0.113.7'),
      );
      assert.equal(sameIpOtherSite.status, 201, 'and another site too');
      const keys = await c.server.db.query<{ key: string }>('SELECT key FROM rate_buckets');
      assert.ok(keys.length >= 3);
      assert.ok(!JSON.stringify(keys).includes('203.0.113'), 'addresses are stored only hashed');
    } finally {
      await Promise.all([c.stop(), d.stop()]);
    }
  });

  test('SIGTERM under load: the instance stops within 10 s, live clients are told to reconnect, nothing accepted is lost', async () => {
    const cli = await startCli({ DATABASE_URL: pg.url, VOC_RATE_LIMIT: 'off', NODE_ENV: 'production' });
    const live = sse(`${cli.url}/v1/sites/shared/events`);
    await live.ready;
    const total = 240;
    const text = (i: number) => `Under load ${i} ${cli.url}`;
    const answers: Array<{ status: number; id?: string }> = new Array(total);
    let next = 0;
    let signalled = 0;
    const exit = exited(cli.child);
    const worker = async () => {
      while (next < total) {
        const i = next++;
        if (i === 60) {
          signalled = Date.now();
          cli.child.kill('SIGTERM');
        }
        try {
          const r = await submit(cli.url, 'shared', `load-key-${i}-${cli.url.slice(-5)}`, { kind: 'idea', text: text(i) });
          answers[i] = { status: r.status, id: r.body?.id };
        } catch {
          answers[i] = { status: 0 };
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await exit;
    const stoppedIn = Date.now() - signalled;
    assert.equal(cli.child.exitCode, 0, 'a clean exit');
    assert.ok(stoppedIn < 10_000, `stopped in ${stoppedIn} ms`);
    assert.match(live.raw, /event: reconnect/, 'the live client was told to reconnect');
    live.close();
    const accepted = answers.filter((a) => a.status === 201).length;
    assert.ok(accepted >= 16, `${accepted} accepted before the stop`);
    assert.ok(
      answers.every((a) => a.status === 201 || a.status === 503 || a.status === 0),
      JSON.stringify(answers.filter((a) => a.status !== 201)),
    );
    // what was refused or cut off is retried elsewhere, with the same key, as the element's outbox does
    for (let i = 0; i < total; i++)
      if (answers[i].status !== 201) {
        const retry = await submit(a.url, 'shared', `load-key-${i}-${cli.url.slice(-5)}`, { kind: 'idea', text: text(i) });
        assert.equal(retry.status, 201);
        answers[i] = { status: 201, id: retry.body.id };
      }
    const rows = await a.server.db.query<{ id: string; text: string }>('SELECT id::text AS id, text FROM feedback WHERE text LIKE $1', [
      `Under load % ${cli.url}`,
    ]);
    assert.equal(rows.length, total, 'every submission stored once');
    const byText = new Map(rows.map((r) => [r.text, r.id]));
    for (let i = 0; i < total; i++) assert.equal(byText.get(text(i)), answers[i].id, `submission ${i} is the one answered`);
  });
});
