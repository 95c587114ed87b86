/**
 * The in-process cache of public reads (reads/cache.ts) on PostgreSQL, where transactions really run side by
 * side: an answer read while a write is still uncommitted is never kept under a version that counts the write;
 * a change announced out of commit order still changes the version; and page loads that arrive while the answer
 * is being computed for an older version wait for one new computation instead of each running their own. And
 * the instance that takes a submission gets its event to its own open streams with no notification heard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import http from 'node:http';
import { openDb, type Db } from '../src/db.js';
import { LiveHub } from '../src/live.js';
import { READS_CHANNEL } from '../src/reads/cache.js';
import { Sequencer } from '../src/sequencer.js';
import { Store } from '../src/store/index.js';
import { readsChanged } from '../src/reads/models.js';
import { call, createSite, sse, startVoc, submit, type Answer, type Running } from './helpers.js';

/** The site's `velvet` total in a cloud answer. */
const velvet = (body: { terms: Array<{ term: string; total: number }> }) => body.terms.find((t) => t.term === 'velvet')?.total;

describe('read cache on PostgreSQL', () => {
  let voc: Running;
  let db: Db;
  let n = 0;
  const key = () => `cache-key-${++n}-${Math.random().toString(36).slice(2)}`;

  before(async () => {
    voc = await startVoc('postgres', { rateLimits: false });
    db = voc.server.db;
  });
  after(async () => voc?.stop());

  /** A site with one sequenced submission saying "Velvet ribbons". */
  async function site(name: string): Promise<void> {
    await createSite(voc.url, name);
    const live = sse(`${voc.url}/v1/sites/${name}/events`);
    await live.ready;
    await submit(voc.url, name, key(), { kind: 'idea', text: 'Velvet ribbons' });
    await live.next((e) => e.type === 'cloud');
    live.close();
    await folded(name);
  }

  /**
   * Starts noting what this process hears on the reads channel; `until(site, version)` resolves once it heard
   * that. The server's cache listens on the same connection and was registered first, so it has heard it too.
   */
  async function notes() {
    const got = new Set<string>();
    const stop = await db.listen(READS_CHANNEL, (payload) => got.add(payload));
    return {
      async until(site: string, version: string) {
        while (!got.has(`${site}:${version}`)) await new Promise((r) => setTimeout(r, 5));
      },
      stop,
    };
  }

  /** Resolves once the site's cloud deltas are folded (the fold runs beside the sequencing and locks window rows). */
  async function folded(site: string): Promise<void> {
    for (;;) {
      const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cloud_deltas WHERE site = $1', [site]);
      if (r.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Adds `n` ideas to a term in every cloud window, as a change of the read model (not yet committed in `sql`). */
  const addToTerm = (sql: Pick<Db, 'query'>, site: string, term: string, n: number) =>
    sql.query('UPDATE cloud_windows SET idea = idea + $3, total = total + $3 WHERE site = $1 AND term = $2', [site, term, n]);

  test('an answer read before a write commits is not kept, nor confirmed by a 304, under a version counting the write', async () => {
    const name = 'uncommitted';
    await site(name);
    let during!: Answer;
    let version!: string;
    const heard = await notes();
    // this instance has not read the site's version yet: it reads it (with the write's number) during the write
    await db.tx(async (sql) => {
      await addToTerm(sql, name, 'velvet', 5);
      await readsChanged(sql, name);
      [{ v: version }] = await sql.query<{ v: string }>('SELECT last_value::text AS v FROM read_versions');
      during = await call(voc.url, 'GET', `/v1/sites/${name}/cloud`);
    });
    await heard.until(name, version);
    await heard.stop();
    assert.equal(during.status, 200);
    assert.equal(velvet(during.body), 1, 'read before the commit');
    const afterwards = await call(voc.url, 'GET', `/v1/sites/${name}/cloud`, { headers: { 'if-none-match': during.headers.get('etag')! } });
    assert.equal(afterwards.status, 200, 'the ETag given during the write no longer matches');
    assert.equal(velvet(afterwards.body), 6);
  });

  test('a change announced out of commit order (another instance) still changes the version', async () => {
    const name = 'reordered';
    await site(name);
    let cached!: Answer;
    let first!: string;
    const heard = await notes();
    // no markChanged in this process: the writes come, as from another instance, only through notifications
    await db.tx(async (t1) => {
      [{ v: first }] = await t1.query<{ v: string }>("SELECT nextval('read_versions')::text AS v");
      await addToTerm(t1, name, 'velvet', 5);
      let second!: string;
      await db.tx(async (t2) => {
        [{ v: second }] = await t2.query<{ v: string }>("SELECT nextval('read_versions')::text AS v");
        await addToTerm(t2, name, 'ribbons', 3);
        await t2.query('SELECT pg_notify($1, $2)', [READS_CHANNEL, `${name}:${second}`]);
      });
      await heard.until(name, second);
      // the answer for the version of the later number: it holds the second write, not the first
      cached = await call(voc.url, 'GET', `/v1/sites/${name}/cloud`);
      assert.equal(velvet(cached.body), 1);
      const repeat = await call(voc.url, 'GET', `/v1/sites/${name}/cloud`, { headers: { 'if-none-match': cached.headers.get('etag')! } });
      assert.equal(repeat.status, 304, 'nothing changed yet');
      await t1.query('SELECT pg_notify($1, $2)', [READS_CHANNEL, `${name}:${first}`]);
    });
    await heard.until(name, first);
    await heard.stop();
    const fresh = await call(voc.url, 'GET', `/v1/sites/${name}/cloud`, { headers: { 'if-none-match': cached.headers.get('etag')! } });
    assert.equal(fresh.status, 200, 'the earlier number, committed later, is a change too');
    assert.equal(velvet(fresh.body), 6);
  });

  test('page loads during a computation for an older version share one new computation, each as new as its request', async () => {
    const name = 'herd';
    await site(name);
    const path = `/v1/sites/${name}/cloud`;
    await call(voc.url, 'GET', path);
    // cloud answers read cloud_windows: while a transaction holds it locked, a computation waits in the database
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.tx(async (sql) => {
      await sql.query('LOCK TABLE cloud_windows IN ACCESS EXCLUSIVE MODE');
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;
    // counts the cloud computations (statements on cloud_windows outside transactions: the sequencer's are inside)
    let computations = 0;
    const query = db.query.bind(db);
    db.query = ((...args: Parameters<Db['query']>) => {
      if (args[0].includes('cloud_windows')) computations++;
      return query(...args);
    }) as Db['query'];
    try {
      const loads: Array<{ acknowledged: number; answer: Promise<Answer> }> = [];
      loads.push({ acknowledged: 1, answer: call(voc.url, 'GET', path) });
      // the first load's computation is waiting for the lock
      for (let i = 0; i < 500; i++) {
        const [w] = await query<{ n: number }>('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = to_regclass($1)', [
          'cloud_windows',
        ]);
        if (w.n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      // every submission moves the site's version; a page load follows each
      // (few enough that, one computation per load, they would not use up the pool of 10 while they wait)
      for (let i = 2; i <= 5; i++) {
        assert.equal((await submit(voc.url, name, key(), { kind: 'idea', text: `Velvet bow ${i}` })).status, 201);
        loads.push({ acknowledged: i, answer: call(voc.url, 'GET', path) });
      }
      release();
      await holder;
      for (const load of loads) {
        const answer = await load.answer;
        assert.equal(answer.status, 200);
        assert.ok(velvet(answer.body)! >= load.acknowledged, `a load sees every submission acknowledged before it: ${velvet(answer.body)}`);
      }
      assert.equal(computations, 2, 'the first computation, then one for all the loads that came meanwhile');
    } finally {
      release?.();
      delete (db as Partial<Db>).query;
    }
  });

  test('while submissions keep coming, an answer is computed at most once an interval, each as new as its request', async () => {
    // an instance of its own, whose interval is long enough for the submissions and loads below to fall in one
    const slow = await startVoc('postgres', { rateLimits: false, readIntervalMs: 2000 }, voc.pg);
    let computations = 0;
    const query = slow.server.db.query.bind(slow.server.db);
    try {
      const name = 'steady';
      await createSite(slow.url, name);
      await submit(slow.url, name, key(), { kind: 'idea', text: 'Velvet ribbons' });
      const path = `/v1/sites/${name}/cloud`;
      slow.server.db.query = ((...args: Parameters<Db['query']>) => {
        // the cloud's read (its top window terms, or its per-day terms), not the pruning of empty rows
        if (/cloud_windows|cloud_terms/.test(args[0]) && !/^\s*DELETE/.test(args[0])) computations++;
        return query(...args);
      }) as Db['query'];
      const first = await call(slow.url, 'GET', path);
      assert.equal(velvet(first.body), 1);
      assert.equal(computations, 1);
      // each submission moves the site's version, and a page load follows each, all within the interval
      const loads: Array<{ acknowledged: number; answer: Promise<Answer> }> = [];
      for (let i = 2; i <= 4; i++) {
        assert.equal((await submit(slow.url, name, key(), { kind: 'idea', text: `Velvet bow ${i}` })).status, 201);
        loads.push({ acknowledged: i, answer: call(slow.url, 'GET', path) });
      }
      for (const load of loads) {
        const answer = await load.answer;
        assert.equal(answer.status, 200);
        assert.equal(velvet(answer.body), 4, `a load sees every submission acknowledged before it, and those until its answer started`);
      }
      assert.equal(computations, 2, 'the first computation, then one when the interval was over, for all three loads');
    } finally {
      delete (slow.server.db as Partial<Db>).query;
      await slow.stop();
    }
  });

  test('a submission reaches the streams of the instance that took it with no notification heard', async () => {
    // an instance on its own database (no other instance's sequencer takes its events) that hears no notification
    // at all: not the submission's (which would wake its sequencer), not the sequencer's (which would make its
    // live hub read the events back); its sequencer's timer runs once an hour
    await db.exec('CREATE DATABASE quiet');
    const real = await openDb({ databaseUrl: voc.pg!.url.replace(/\/postgres$/, '/quiet'), poolSize: 4 });
    const deaf: Db = Object.create(real);
    let heard = 0;
    deaf.listen = async (channel) => real.listen(channel, () => heard++);
    const store = new Store(deaf);
    const sequencer = new Sequencer(store, 3_600_000);
    const hub = new LiveHub(store);
    await sequencer.start();
    await hub.start();
    const server = http.createServer((_req, res) => void hub.open('quiet', res, undefined, {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = sse(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    try {
      const site = await store.createSite({ key: 'quiet', name: 'Quiet', origins: [] });
      await live.ready;
      // the stream is open once its position arrives
      while (!live.raw.includes('event: position')) await new Promise((r) => setTimeout(r, 5));
      const ids: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const { id } = await store.submit(site, { kind: 'idea', text: `Quiet velvet ${i}` }, key());
        ids.push(id);
        await live.next((e) => e.type === 'feedback' && e.data.id === id);
      }
      // each in order, once, with its cloud event
      const feedback = live.events.filter((e) => e.type === 'feedback');
      assert.deepEqual(
        feedback.map((e) => e.type === 'feedback' && e.data.id),
        ids,
      );
      assert.equal(live.events.filter((e) => e.type === 'cloud').length, 3);
      const seqs = live.events.map((e) => Number(e.id));
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
      );
      assert.equal(hub.stats.readBack, 0, 'written as sequenced, never read back');
      for (let i = 0; i < 500 && heard === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(heard > 0, 'the notifications were sent, and not passed on');
    } finally {
      live.close();
      await hub.stop();
      await sequencer.stop();
      await new Promise((resolve) => server.close(resolve));
      await real.close();
    }
  });
});
