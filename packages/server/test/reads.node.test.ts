/**
 * Public reads from read models (issue 16), against both engines: the incremental read models equal a recount
 * from the stored rows after every kind of write; the pulse v2 answer; cloud windows that roll at midnight; and
 * HTTP caching (ETag, 304 without a query, live at once, correct across two instances).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Db, Sql } from '../src/db.js';
import { WINDOW_DAYS, foldCloud, readCloud } from '../src/reads/cloud.js';
import { computePulse, feedPage, type StoredFeedback } from '@voc-kit/protocol/adapter-logic.js';
import type { Pulse, PulseWindow, ThreadEntry } from '@voc-kit/protocol/model.js';
import { readPulse } from '../src/reads/pulse.js';
import { rebuildReadModels } from '../src/reads/rebuild.js';
import { toAnnouncement, toFeedback, type AnnouncementRow, type EntryRow, type FeedbackRow } from '../src/store/rows.js';
import { readTopics } from '../src/reads/topics.js';
import { FEED_ANNOUNCEMENTS } from '../src/reads/feed.js';
import { call, createSite, sse, startVoc, submit, team, type Engine, type Running } from './helpers.js';

const engines: Engine[] = ['pglite', 'postgres'];
const TABLES = {
  topic_counts: 'site, topic',
  status_counts: 'site, kind, status',
  pulse_days: 'site, day, kind',
  pulse_hours: 'site, day, hour',
  topic_days: 'site, day, topic',
  pulse_durations: 'site, day, metric, bucket',
  pulse_duration_months: 'site, month, metric, bucket',
  cloud_windows: 'site, win, topic, term',
};

/** Every read-model row of a site (zero rows left out: a recount does not write them). */
async function snapshot(db: Db, site: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE site = $1 ORDER BY ${key}`, [site]);
    // counters are kept in stripes (one per concurrent submission batch); a recount writes stripe 0
    const merged = new Map<string, Record<string, unknown>>();
    for (const { stripe: _stripe, ...r } of rows) {
      const id = key
        .split(', ')
        .map((k) => String(r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k]))
        .join('|');
      const m = merged.get(id);
      if (!m) merged.set(id, r);
      else for (const [k, v] of Object.entries(r)) if (!key.split(', ').includes(k)) m[k] = Number(m[k]) + Number(v);
    }
    out[table] = [...merged.values()]
      .filter((r) => ['n', 'total', 'complaints'].every((c) => !(c in r) || Number(r[c]) !== 0))
      .filter((r) => !('followers' in r) || Number(r.followers) + Number(r.compliment) + Number(r.idea) + Number(r.complaint) !== 0)
      .map((r) => JSON.stringify({ ...r, day: r.day instanceof Date ? r.day.toISOString().slice(0, 10) : r.day }));
  }
  return out;
}

/**
 * The pulse by protocol's definition (`computePulse`, as the memory and local adapters answer it) over every stored
 * row of a site: what the read-model pulse must equal, figure for figure.
 */
async function pulseFromRows(db: Db, site: string, since: PulseWindow, now: number): Promise<Pulse> {
  const rows = await db.query<FeedbackRow>('SELECT * FROM feedback WHERE site = $1', [site]);
  const entries = await db.query<EntryRow>('SELECT * FROM thread_entries WHERE feedback_id = ANY($1::uuid[]) ORDER BY at, id', [
    rows.map((r) => r.id),
  ]);
  const items: StoredFeedback[] = rows.map((r) => ({
    feedback: toFeedback(r),
    receiptHash: '',
    terms: [],
    entries: entries
      .filter((e) => e.feedback_id === r.id)
      .map((e): ThreadEntry =>
        e.type === 'reply'
          ? { type: 'reply', id: e.id, feedbackId: r.id, at: new Date(e.at as string).toISOString(), text: '' }
          : { type: 'confirmation', feedbackId: r.id, at: new Date(e.at as string).toISOString(), resolved: e.resolved === true },
      ),
  }));
  const announcements = (await db.query<AnnouncementRow>('SELECT * FROM announcements WHERE site = $1', [site])).map(toAnnouncement);
  return computePulse({ site, since, now, items, topics: await readTopics(db, site), announcements });
}

/** Waits until the sequencer folded every cloud delta. */
async function folded(db: Db): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cloud_deltas');
    if (r.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('cloud deltas were not folded');
}

/** Counts the queries a database runs while `fn` runs. */
async function countQueries(db: Db, fn: () => Promise<void>): Promise<number> {
  let n = 0;
  const query = db.query.bind(db);
  const tx = db.tx.bind(db);
  db.query = ((...args: Parameters<Db['query']>) => (n++, query(...args))) as Db['query'];
  db.tx = ((fn2: Parameters<Db['tx']>[0]) => (n++, tx(fn2))) as Db['tx'];
  try {
    await fn();
  } finally {
    delete (db as Partial<Db>).query;
    delete (db as Partial<Db>).tx;
  }
  return n;
}

for (const engine of engines) {
  describe(`public reads from read models on ${engine}`, () => {
    let voc: Running;
    let base: string;
    let n = 0;
    const key = () => `key-${engine}-${++n}-${Math.random().toString(36).slice(2)}`;

    before(async () => {
      voc = await startVoc(engine, { rateLimits: false });
      base = voc.url;
    });
    after(async () => voc?.stop());

    test('after every kind of write, the read models equal a recount from the stored rows', async () => {
      const site = `models-${engine}`;
      await createSite(base, site);
      const a = await submit(base, site, key(), { kind: 'complaint', text: 'Slow delivery again', topic: 'delivery' });
      const b = await submit(base, site, key(), { kind: 'complaint', text: 'Slow delivery, cold food', topic: 'delivery' });
      const c = await submit(base, site, key(), {
        kind: 'idea',
        text: 'Offer gift wrapping',
        contact: { email: 'x@example.com', consent: true },
      });
      await submit(base, site, key(), { kind: 'compliment', text: 'Quick delivery, friendly courier', topic: 'courier' });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${a.body.id}/hide`, { headers: team });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${a.body.id}/restore`, { headers: team });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${b.body.id}/hide`, { headers: team });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${c.body.id}/heard`, { headers: team });
      await call(base, 'POST', `/v1/admin/sites/${site}/topics`, { headers: team, body: { slug: 'wrapping', title: 'Gift wrapping' } });
      const grouped = await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${c.body.id}/topic`, {
        headers: team,
        body: { topic: 'wrapping' },
      });
      assert.equal(grouped.status, 200, JSON.stringify(grouped.body));
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${a.body.id}/replies`, { headers: team, body: { text: 'On it' } });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${a.body.id}/replies`, { headers: team, body: { text: 'Still on it' } });
      await call(base, 'POST', `/v1/threads/${a.body.receipt}/confirm`, { body: { resolved: false } });
      await call(base, 'POST', `/v1/threads/${a.body.receipt}/confirm`, { body: { resolved: true } });
      await call(base, 'POST', `/v1/sites/${site}/topics/delivery/me-too`, { body: { key: 'me-too-key-0123456789abcdef' } });
      await call(base, 'POST', `/v1/sites/${site}/topics/wrapping/me-too`, {
        body: { key: 'me-too-key-abcdef0123456789', contact: { email: 'y@example.com', consent: true } },
      });
      const d = await submit(base, site, key(), { kind: 'idea', text: 'Withdraw me later please', topic: 'courier' });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${d.body.id}/replies`, { headers: team, body: { text: 'Thanks' } });
      assert.equal((await call(base, 'DELETE', `/v1/threads/${d.body.receipt}`)).status, 204);
      assert.equal((await call(base, 'DELETE', '/v1/admin/data?email=y%40example.com', { headers: team })).status, 200);

      // a reply while hidden counts once the item is restored; a resolution that is reopened leaves the medians
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${b.body.id}/replies`, { headers: team, body: { text: 'Hidden' } });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${b.body.id}/restore`, { headers: team });
      await call(base, 'POST', `/v1/threads/${b.body.receipt}/confirm`, { body: { resolved: true } });
      await call(base, 'POST', `/v1/threads/${b.body.receipt}/confirm`, { body: { resolved: false } });

      const db = voc.server.db;
      await folded(db);
      for (const since of ['7d', '30d'] as const) {
        const now = Date.now();
        assert.deepEqual(await readPulse(db, site, since, now), await pulseFromRows(db, site, since, now), `pulse ${since}`);
      }
      const incremental = await snapshot(db, site);
      assert.ok(incremental.topic_counts.length >= 3 && incremental.pulse_durations.length >= 2, JSON.stringify(incremental));
      await rebuildReadModels(db);
      assert.deepEqual(incremental, await snapshot(db, site));
    });

    test('a recount rewrites the cloud windows compactly: recounting again does not grow the table', async () => {
      const site = `compact-${engine}`;
      await createSite(base, site);
      for (let i = 0; i < 20; i++) await submit(base, site, key(), { kind: 'idea', text: `Lantern ${i} by the garden path ${i}` });
      const db = voc.server.db;
      await folded(db);
      const pages = async () => (await db.query<{ n: number }>("SELECT (pg_relation_size('cloud_windows') / 8192)::int AS n"))[0].n;
      await rebuildReadModels(db);
      const first = await pages();
      assert.ok(first > 1, `the windows of every site so far span ${first} pages`);
      await rebuildReadModels(db);
      await rebuildReadModels(db);
      assert.equal(await pages(), first, 'the same rows in the same number of pages');
    });

    test('the cloud deltas, a queue every fold empties, are vacuumed after a fold, not left to autovacuum', async () => {
      const site = `vacuum-${engine}`;
      await createSite(base, site);
      const { db, store } = voc.server;
      // manual vacuums only (the server's), not autovacuum's
      const vacuums = async () =>
        (
          await db.query<{ n: number }>(
            "SELECT coalesce((SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'cloud_deltas'), 0)::int AS n",
          )
        )[0].n;
      const before = await vacuums();
      await submit(base, site, key(), { kind: 'idea', text: 'Vacuum the queue please' });
      await folded(db);
      // a run that folds with no wait between vacuums (the server's own runs wait DELTAS_VACUUM_MS)
      await submit(base, site, key(), { kind: 'idea', text: 'And once more' });
      for (let i = 0; i < 100 && (await vacuums()) === before; i++) {
        await store.sequence(5000, 0, 0);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok((await vacuums()) > before, 'cloud_deltas was vacuumed');
    });

    /** A new site whose ideas mention each text that many times, folded; returns its top terms and their counts. */
    const mentioned = async (site: string, mentions: (readonly [string, number])[]) => {
      await createSite(base, site);
      for (const [text, times] of mentions) for (let i = 0; i < times; i++) await submit(base, site, key(), { kind: 'idea', text });
      await folded(voc.server.db);
      return (limit: number, sql: Sql, since: '7d' | '30d' = '30d') =>
        readCloud(sql, site, { since, limit }, since === '7d' ? 7 : 30).then((c) => c.terms.map((t) => [t.term, t.total]));
    };

    test('a pending delta that lowers a top term lets the next one in: the read looks that much further down', async () => {
      const site = `lowered-${engine}`;
      const top = await mentioned(site, [
        ['Zephyr', 5],
        ['Quartz', 4],
        ['Kayak', 3],
      ]);
      const db = voc.server.db;
      const three = await top(3, db);
      assert.deepEqual(
        three.map(([, n]) => n),
        [5, 4, 3],
      );
      const [[first], second, third] = three;
      // a hidden item's terms wait as a negative delta until the next fold: the first term falls to 2
      const lowered = await db.tx(async (sql) => {
        await sql.query(
          `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES ($1, current_date, 'idea', '', ARRAY[$2], -3)`,
          [site, first],
        );
        const answer = await top(2, sql);
        await sql.query('DELETE FROM cloud_deltas WHERE site = $1', [site]);
        return answer;
      });
      assert.deepEqual(lowered, [second, third], 'the two terms now on top, the second found past the limit');
    });

    test('a pending term below the top that its deltas lift into it is counted whole, in every window', async () => {
      const site = `lifted-${engine}`;
      const top = await mentioned(site, [
        ['Zephyr', 6],
        ['Quartz', 5],
        ['Kayak', 3],
        ['Nectar', 1],
        ['Velvet lantern', 1],
      ]);
      const db = voc.server.db;
      assert.deepEqual(await top(2, db), [
        ['zephyr', 6],
        ['quartz', 5],
      ]);
      const answers = await db.tx(async (sql) => {
        // new mentions wait as deltas until the next fold: Kayak (3 folded) gets 3 more, Nectar (1 folded) 1 more, and
        // the phrase "velvet lantern" (seen once: not ranked, not shown) a second mention
        await sql.query(
          `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta)
           VALUES ($1, current_date, 'idea', '', ARRAY[$2], 3), ($1, current_date, 'idea', '', ARRAY[$3, $4], 1)`,
          [site, 'kayak', 'nectar', 'velvet lantern'],
        );
        const answer = [await top(2, sql), await top(4, sql), await top(2, sql, '7d'), await top(10, sql)];
        await sql.query('DELETE FROM cloud_deltas WHERE site = $1', [site]);
        return answer;
      });
      // Kayak's window count (3) and its deltas (3) together: 6, level with Zephyr and first by code point order
      assert.deepEqual(answers[0], [
        ['kayak', 6],
        ['zephyr', 6],
      ]);
      // below the top too, each with its whole count (Nectar 1 + 1), not its deltas alone
      assert.deepEqual(answers[1], [
        ['kayak', 6],
        ['zephyr', 6],
        ['quartz', 5],
        ['nectar', 2],
      ]);
      assert.deepEqual(answers[2], answers[0], 'the 7-day window as the 30-day one');
      // fewer terms than the limit: every pending term counted whole, the phrase now seen twice among them
      assert.deepEqual(answers[3].slice(3), [
        ['nectar', 2],
        ['velvet lantern', 2],
        ['lantern', 1],
        ['velvet', 1],
      ]);
    });

    test('reads whose limit falls among counts below 16 (many level) equal the per-day sum, folded and pending, by every kind and pair of kinds, for the site and for a topic', async () => {
      const site = `low-ranks-${engine}`;
      await createSite(base, site);
      const db = voc.server.db;
      const kinds = ['compliment', 'idea', 'complaint'] as const;
      // 30 words with counts 1 to 20 spread over the kinds and the last five days (many level), and phrases seen
      // once, twice and three times
      // (each day's row about topic tea, coffee or none, so a topic's cloud ranks a part of the site's counts)
      const rows: Array<[number, string, string, number, string]> = [];
      const topics = ['tea', 'coffee', ''];
      for (let w = 0; w < 30; w++)
        for (let k = 0; k < 3; k++) {
          const n = (w * 7 + k * 5) % 21;
          if (n) rows.push([(w + k) % 5, kinds[k], `lowword${String(w).padStart(2, '0')}`, n, topics[(w + k) % 3]]);
          // the same word about tea on another day: a topic's count is not the site's
          if (n > 3 && w % 2) rows.push([(w + k + 2) % 5, kinds[k], `lowword${String(w).padStart(2, '0')}`, n >> 1, 'tea']);
        }
      for (const [i, n] of [1, 1, 2, 2, 3].entries()) rows.push([i, kinds[i % 3], `low phrase${i}`, n, topics[i % 2]]);
      // a phrase seen once as an idea and once as a complaint: rank 0 in each kind, 2 together
      rows.push([0, 'idea', 'pair phrase', 1, 'tea'], [1, 'complaint', 'pair phrase', 1, 'tea']);
      // a word low in every kind, which pending deltas lift to the top (below)
      rows.push([2, 'idea', 'midword', 3, 'tea'], [3, 'complaint', 'midword', 3, '']);
      await db.query(
        `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta)
         SELECT $1, current_date - x.d, x.k, x.p, ARRAY[x.t], x.n FROM jsonb_to_recordset($2::jsonb) AS x(d int, k text, t text, n int, p text)`,
        [site, JSON.stringify(rows.map(([d, k, t, n, p]) => ({ d, k, t, n, p })))],
      );
      await db.tx((sql) => foldCloud(sql, 1_000_000));
      const compared = await db.tx(async (sql) => {
        // pending deltas besides: some terms lowered (a hidden item), one lifted, one new
        await sql.query(
          `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES
             ($1, current_date, 'idea', '', ARRAY['lowword03', 'lowword11'], -2), ($1, current_date, 'complaint', '', ARRAY['lowword05'], 4),
             ($1, current_date, 'idea', '', ARRAY['lowfresh', 'low phrase0'], 2), ($1, current_date, 'complaint', '', ARRAY['midword'], 24),
             ($1, current_date, 'idea', 'tea', ARRAY['lowword04', 'midword'], 9), ($1, current_date, 'compliment', 'tea', ARRAY['lowword06'], -2)`,
          [site],
        );
        let n = 0;
        let own = 0;
        // every kind alone, and every two kinds together (bounded through each kind's ranks)
        const choices = [undefined, ...kinds.map((k) => [k]), ...kinds.map((_, i) => kinds.filter((_k, j) => j !== i))];
        for (const topic of [undefined, 'tea'])
          for (const chosen of choices)
            for (const limit of [1, 2, 3, 5, 8, 13, 21, 34, 55])
              for (const [since, days] of [
                ['7d', 7],
                ['30d', 30],
              ] as const) {
                const query = { since, limit, ...(chosen && { kinds: chosen }), ...(topic && { topic }) };
                const fast = await readCloud(sql, site, query, days);
                // 14 days, kept by no window: the per-day rows summed (every row is within five days)
                const reference = await readCloud(sql, site, query, 14);
                assert.deepEqual(fast.terms, reference.terms, JSON.stringify(query));
                // a topic's cloud is its own, not the site's
                if (topic && !isDeepStrictEqual(fast.terms, (await readCloud(sql, site, { ...query, topic: undefined }, days)).terms))
                  own++;
                n++;
              }
        await sql.query('DELETE FROM cloud_deltas WHERE site = $1', [site]);
        return { n, own };
      });
      assert.equal(compared.n, 252);
      // (124 of the 126 topic reads differ from the site's: the data is fixed, so this is no flaky bound)
      assert.ok(compared.own >= 120, `a topic's cloud is its own: ${compared.own} of 126 differ from the site's`);
      // two kinds where the limit-th best of each kind's first rows is 2: a phrase seen once as each kind (rank 0 in
      // both) sums to 2 too, and comes first by code point
      const edge = `pair-edge-${engine}`;
      await createSite(base, edge);
      await db.query(
        `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES ($1, current_date, 'idea', '', ARRAY['alpha', 'aa phrase'], 1),
           ($1, current_date, 'idea', '', ARRAY['alpha'], 1), ($1, current_date, 'complaint', '', ARRAY['beta'], 2),
           ($1, current_date - 1, 'complaint', '', ARRAY['aa phrase'], 1)`,
        [edge],
      );
      await db.tx((sql) => foldCloud(sql, 1_000_000));
      const pair = await readCloud(db, edge, { since: '7d', kinds: ['idea', 'complaint'], limit: 2 }, 7);
      assert.deepEqual(
        pair.terms.map((t) => [t.term, t.total]),
        [
          ['aa phrase', 2],
          ['alpha', 2],
        ],
      );
    });

    test('pending terms that are new (no window row) are left out only when they cannot be shown: ties at the limit count', async () => {
      const site = `new-pending-${engine}`;
      const top = await mentioned(site, [
        ['Zephyr', 5],
        ['Quartz', 3],
        ['Kayak', 2],
      ]);
      const db = voc.server.db;
      const answers = await db.tx(async (sql) => {
        // the same answers summed from the per-day rows (a 14-day window has no running totals): the reference
        const reference = (limit: number) =>
          readCloud(sql, site, { since: '30d', limit }, 14).then((c) => c.terms.map((t) => [t.term, t.total]));
        const both = async (limit: number) => [await top(limit, sql), await reference(limit)];
        // terms never folded: forty seen once, and one seen twice, level with Kayak (the third) and before it by code point
        const once = Array.from({ length: 40 }, (_, i) => `pendingword${i}`);
        await sql.query(
          `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta)
           VALUES ($1, current_date, 'idea', '', $2, 1), ($1, current_date, 'idea', '', ARRAY['aardvark'], 2)`,
          [site, once],
        );
        const level = [...(await both(3)), ...(await both(50))];
        // and one seen three times, level with Quartz
        await sql.query(
          `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES ($1, current_date, 'idea', '', ARRAY['walrus'], 3)`,
          [site],
        );
        const more = [...(await both(3)), ...(await both(5))];
        await sql.query('DELETE FROM cloud_deltas WHERE site = $1', [site]);
        return [...level, ...more];
      });
      // a new term level with the limit-th counts, and first among them by code point
      assert.deepEqual(answers[0], [
        ['zephyr', 5],
        ['quartz', 3],
        ['aardvark', 2],
      ]);
      // under the limit: every term, the forty seen once among them
      assert.equal(answers[2].length, 44);
      assert.deepEqual(answers[4], [
        ['zephyr', 5],
        ['quartz', 3],
        ['walrus', 3],
      ]);
      assert.deepEqual(answers[6], [
        ['zephyr', 5],
        ['quartz', 3],
        ['walrus', 3],
        ['aardvark', 2],
        ['kayak', 2],
      ]);
      for (let i = 0; i < answers.length; i += 2) assert.deepEqual(answers[i], answers[i + 1], `answer ${i / 2} as the per-day sum`);
    });

    test('pulse v2: totals, every day, hour of week, backlog, medians, top complaint topics — the route, and the same from read models', async () => {
      const site = `pulse-${engine}`;
      await createSite(base, site);
      const complaints = [];
      for (let i = 0; i < 3; i++)
        complaints.push(await submit(base, site, key(), { kind: 'complaint', text: `Card payment failed ${i}`, topic: 'payments' }));
      await submit(base, site, key(), { kind: 'complaint', text: 'Courier was late', topic: 'courier' });
      await submit(base, site, key(), { kind: 'idea', text: 'Dark mode please' });
      await call(base, 'PATCH', `/v1/admin/sites/${site}/topics/payments`, {
        headers: team,
        body: { status: 'in-progress', message: 'Fix ships Friday', expectedBy: '2031-05-02' },
      });
      await call(base, 'POST', `/v1/admin/sites/${site}/announcements`, { headers: team, body: { title: 'Fixed', body: 'Payments work' } });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${complaints[0].body.id}/replies`, {
        headers: team,
        body: { text: 'Sorry' },
      });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${complaints[1].body.id}/replies`, {
        headers: team,
        body: { text: 'Sorry' },
      });
      await call(base, 'POST', `/v1/threads/${complaints[0].body.receipt}/confirm`, { body: { resolved: true } });
      await call(base, 'POST', `/v1/threads/${complaints[2].body.receipt}/confirm`, { body: { resolved: false } });

      const pulse = await call(base, 'GET', `/v1/sites/${site}/pulse`);
      assert.equal(pulse.status, 200);
      const p = pulse.body;
      assert.equal(p.since, '30d');
      assert.equal(p.days.length, 30, 'every day of the period, zeros included');
      const today = new Date().toISOString().slice(0, 10);
      assert.deepEqual(p.days.at(-1), { date: today, compliment: 0, idea: 1, complaint: 4 });
      assert.deepEqual(p.days[0], { date: p.current.from.slice(0, 10), compliment: 0, idea: 0, complaint: 0 });
      assert.equal(p.current.to, new Date(Date.parse(today) + 86_400_000).toISOString());
      assert.equal(p.previous.to, p.current.from);
      assert.deepEqual(p.current.totals, { compliment: 0, idea: 1, complaint: 4 });
      assert.deepEqual(p.previous.totals, { compliment: 0, idea: 0, complaint: 0 });
      assert.deepEqual(p.current.actions, { statusMoves: 1, announcements: 1, incidentsResolved: 0 });
      assert.equal(p.hourOfWeek.length, 168);
      const now = new Date();
      assert.equal(p.hourOfWeek[((now.getUTCDay() + 6) % 7) * 24 + now.getUTCHours()] >= 1, true);
      assert.equal(
        p.hourOfWeek.reduce((s: number, x: number) => s + x, 0),
        5,
      );
      // durations of a few milliseconds: the middle of the first bucket (protocol's bucketMedian)
      assert.equal(p.current.medianFirstReplyHours, 0.5);
      assert.equal(p.current.medianResolutionHours, 0.5);
      assert.equal(p.current.confirmedResolvedShare, 1 / 4);
      assert.equal(p.previous.confirmedResolvedShare, null);
      assert.equal(p.previous.medianFirstReplyHours, null);
      // protocol: open = every public complaint not resolved (replied and reopened included)
      assert.deepEqual(p.backlog, { open: 3, awaitingConfirmation: 1, reopened: 1 });
      // the route answers from the read models exactly what protocol's computePulse makes of the stored rows
      const at = Date.parse(p.current.to) - 1;
      const fromRows = await pulseFromRows(voc.server.db, site, '30d', at);
      assert.deepEqual(await readPulse(voc.server.db, site, '30d', at), fromRows);
      assert.deepEqual(p, fromRows);
      assert.deepEqual(
        p.topComplaintTopics.map((t: { slug: string; count: number }) => [t.slug, t.count]),
        [
          ['payments', 3],
          ['courier', 1],
        ],
      );
      assert.equal(p.topComplaintTopics[0].status, 'in-progress');
      assert.equal(p.topComplaintTopics[0].latestUpdate?.message, 'Fix ships Friday');
      assert.equal(p.topComplaintTopics[0].expectedBy, '2031-05-02');
      assert.equal((await call(base, 'GET', `/v1/sites/${site}/pulse?since=7d`)).body.days.length, 7);
      assert.equal((await call(base, 'GET', `/v1/sites/${site}/pulse?since=365d`)).body.days.length, 365);
      const bad = await call(base, 'GET', `/v1/sites/${site}/pulse?since=12d`);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.field, 'since');
    });

    test('pulse medians over two years: whole months read by month, the edges by day, equal to protocol at every month edge', async () => {
      const site = `pulse-months-${engine}`;
      await createSite(base, site);
      const items: Array<{ id: string; receipt: string }> = [];
      for (let i = 0; i < 24; i++)
        items.push((await submit(base, site, key(), { kind: i % 4 === 3 ? 'idea' : 'complaint', text: `Parcel ${i} lost` })).body);
      for (const [i, item] of items.entries()) {
        if (i % 6 === 5) continue;
        await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${item.id}/replies`, { headers: team, body: { text: 'On it' } });
        if (i % 3 === 0) await call(base, 'POST', `/v1/threads/${item.receipt}/confirm`, { body: { resolved: true } });
      }
      // spread over two years, each item's reply and confirmation some hours or days after it
      const db = voc.server.db;
      for (const [i, item] of items.entries()) {
        const back = `${i * 31 + (i % 7)} days ${i * 5} hours`;
        await db.query(`UPDATE feedback SET created_at = created_at - $2::interval WHERE id = $1`, [item.id, back]);
        await db.query(`UPDATE thread_entries SET at = at - $2::interval + $3::interval WHERE feedback_id = $1`, [
          item.id,
          back,
          `${(i % 5) * 19} hours`,
        ]);
      }
      await rebuildReadModels(db);
      const [{ months }] = await db.query<{ months: number }>(
        'SELECT count(DISTINCT month)::int AS months FROM pulse_duration_months WHERE site = $1',
        [site],
      );
      assert.ok(months >= 12, `durations in ${months} months`);
      const today = new Date();
      const nows = [
        Date.now(),
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1, 0, 30),
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0, 23, 30),
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 5, 15, 12),
        Date.UTC(today.getUTCFullYear() - 1, 2, 1, 1),
      ];
      let medians = 0;
      for (const now of nows)
        for (const since of ['7d', '30d', '90d', '365d'] as const) {
          const expected = await pulseFromRows(db, site, since, now);
          assert.deepEqual(await readPulse(db, site, since, now), expected, `${since} at ${new Date(now).toISOString()}`);
          for (const p of [expected.current, expected.previous])
            medians += Number(p.medianFirstReplyHours !== null) + Number(p.medianResolutionHours !== null);
        }
      assert.ok(medians >= 20, `the comparison covered medians (${medians})`);
    });

    test("the feed reads only what a page can show and pages exactly as protocol's feedPage over every announcement", async () => {
      const site = `feed-page-${engine}`;
      await createSite(base, site);
      for (const [topic, kind] of [
        ['alpha', 'complaint'],
        ['beta', 'idea'],
      ])
        assert.equal((await submit(base, site, key(), { kind, text: `About ${topic}`, topic })).status, 201);
      const db = voc.server.db;
      // announcements in the same millisecond (apart in microseconds), with and without topics, and a run over time
      const ats = [
        '2026-01-01T00:00:00.123100Z',
        '2026-01-01T00:00:00.123900Z',
        '2026-01-01T00:00:00.123500Z',
        '2026-01-01T00:00:00.124000Z',
      ];
      for (let i = 0; i < 12; i++)
        await db.query('INSERT INTO announcements (id, site, topic, at, title, body) VALUES ($1, $2, $3, $4, $5, $6)', [
          randomUUID(),
          site,
          [null, 'alpha', 'beta'][i % 3],
          i < 8 ? ats[i % 4] : `2026-0${i - 6}-01T10:00:00Z`,
          `News ${i}`,
          'b',
        ]);
      const all = (await db.query<AnnouncementRow>('SELECT * FROM announcements WHERE site = $1', [site])).map(toAnnouncement);
      const topics = await readTopics(db, site);
      for (const query of [{}, { limit: 1 }, { limit: 3 }, { topic: 'alpha', limit: 2 }, { kinds: ['complaint' as const], limit: 2 }]) {
        let cursor: string | undefined;
        let pages = 0;
        do {
          const asked = { ...query, ...(cursor && { cursor }) };
          const qs = new URLSearchParams(Object.entries(asked).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])).toString();
          const page = await call(base, 'GET', `/v1/sites/${site}/feed${qs ? `?${qs}` : ''}`);
          assert.equal(page.status, 200);
          assert.deepEqual(page.body, JSON.parse(JSON.stringify(feedPage(all, topics, asked))), `feed ${qs}`);
          cursor = page.body.next;
          pages++;
        } while (cursor);
        assert.ok(pages >= 1);
      }
    });

    test('past the newest FEED_ANNOUNCEMENTS, the feed pages by index exactly as feedPage over the newest ones, ties at the edge included', async () => {
      const site = `feed-cap-${engine}`;
      await createSite(base, site);
      assert.equal((await submit(base, site, key(), { kind: 'idea', text: 'About alpha', topic: 'alpha' })).status, 201);
      const db = voc.server.db;
      // FEED_ANNOUNCEMENTS + 5, one a second, but ten in one millisecond (apart in microseconds) across the edge:
      // which of those ten are among the newest is decided by their ids, as the feed's order decides it
      const n = FEED_ANNOUNCEMENTS + 5;
      await db.query(
        `INSERT INTO announcements (id, site, topic, at, title, body)
         SELECT gen_random_uuid(), $1, CASE WHEN g % 7 = 0 THEN 'alpha' END,
           CASE WHEN g BETWEEN $2 - 6 AND $2 + 3 THEN timestamptz '2026-06-01T00:00:00.500Z' + (g % 10) * interval '1 microsecond'
             ELSE timestamptz '2026-06-01T00:00:00Z' + ($2 - g) * interval '1 second' END,
           'News ' || g, 'b'
         FROM generate_series(1, $3) AS g`,
        [site, FEED_ANNOUNCEMENTS, n],
      );
      const all = (await db.query<AnnouncementRow>('SELECT * FROM announcements WHERE site = $1', [site])).map(toAnnouncement);
      assert.equal(all.length, n);
      const key_ = (a: { at: string; id: string }) => `${a.at}|${a.id}`;
      const kept = [...all].sort((a, b) => (key_(b) < key_(a) ? -1 : 1)).slice(0, FEED_ANNOUNCEMENTS);
      const topics = await readTopics(db, site);
      const read = async (query: { topic?: string; limit?: number; cursor?: string }) => {
        const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
        const page = await call(base, 'GET', `/v1/sites/${site}/feed?${qs}`);
        assert.equal(page.status, 200, qs);
        assert.deepEqual(page.body, JSON.parse(JSON.stringify(feedPage(kept, topics, query))), `feed ${qs}`);
        return page.body as { items: unknown[]; next?: string };
      };
      for (const query of [{ limit: 100 }, { limit: 7 }, { topic: 'alpha', limit: 50 }]) {
        let cursor: string | undefined;
        let items = 0;
        do {
          const page = await read({ ...query, ...(cursor && { cursor }) });
          items += page.items.length;
          cursor = page.next;
        } while (cursor);
        const topicItems = query.topic ? 1 : topics.length;
        assert.equal(
          items,
          (query.topic ? kept.filter((a) => a.topic === query.topic).length : kept.length) + topicItems,
          JSON.stringify(query),
        );
      }
      // cursors no page gave: inside the tie, past the last kept announcement, after everything, and not a cursor
      const edge = kept[FEED_ANNOUNCEMENTS - 3];
      for (const cursor of [
        key_(edge),
        `${edge.at}|`,
        `${edge.at}|~`,
        key_(kept.at(-1)!),
        '0000',
        'zzz',
        `${edge.at}`,
        '2026-06-01T00:00:00.500Z|',
        // shaped like the feed's cursors, but no instant (PostgreSQL would refuse them as a time)
        '2026-13-45T99:99:99.999Z|x',
        '2026-06-01T24:00:00.000Z|x',
      ])
        for (const limit of [1, 5, 100]) await read({ cursor, limit });
    });

    test('cloud windows roll forward at midnight and agree with summing the days, for every window and kind, of the site and a topic', async () => {
      const site = `roll-${engine}`;
      await createSite(base, site);
      const db = voc.server.db;
      // a year of per-day counts written directly, as a bulk load does, then recounted
      await db.query(
        `INSERT INTO cloud_terms (site, day, kind, topic, term, count)
         SELECT $1, current_date - d, (ARRAY['compliment', 'idea', 'complaint'])[1 + (d + w) % 3], CASE WHEN (d + 2 * w) % 3 = 0 THEN 'tea' ELSE '' END,
           'w' || w, 1 + (d * w) % 5
         FROM generate_series(0, 400) AS d, generate_series(1, 40) AS w WHERE (d + w) % 4 <> 0`,
        [site],
      );
      await db.query(
        `INSERT INTO cloud_terms (site, day, kind, topic, term, count)
         SELECT $1, current_date - d, 'idea', '', 'w' || d || ' phrase', 1 FROM generate_series(0, 400) AS d`,
        [site],
      );
      await rebuildReadModels(db);
      // the windows as they stood yesterday: each holds the day that leaves it today
      await db.query(
        `INSERT INTO cloud_windows AS t (site, win, topic, term, compliment, idea, complaint, total)
         SELECT ct.site, w.win, CASE WHEN b.own THEN ct.topic ELSE '' END, ct.term, coalesce(sum(ct.count) FILTER (WHERE kind = 'compliment'), 0),
           coalesce(sum(ct.count) FILTER (WHERE kind = 'idea'), 0), coalesce(sum(ct.count) FILTER (WHERE kind = 'complaint'), 0), sum(ct.count)
         FROM cloud_terms ct JOIN (VALUES (7), (30), (90), (365)) AS w(win) ON ct.day = current_date - w.win
         JOIN (VALUES (false), (true)) AS b(own) ON NOT b.own OR ct.topic <> '' WHERE ct.site = $1
         GROUP BY 1, 2, 3, 4
         ON CONFLICT (site, term, topic, win) DO UPDATE SET compliment = t.compliment + EXCLUDED.compliment, idea = t.idea + EXCLUDED.idea,
           complaint = t.complaint + EXCLUDED.complaint, total = t.total + EXCLUDED.total`,
        [site],
      );
      await db.query('UPDATE cloud_window_state SET as_of = current_date - 1 WHERE site = $1', [site]);
      // the next sequencer run rolls the windows, in the transaction that gives this submission its event id
      const live = sse(`${base}/v1/sites/${site}/events`);
      await live.ready;
      // words the analyzer keeps, so the submission leaves a cloud delta and the sequencer folds (and rolls)
      await submit(base, site, key(), { kind: 'complaint', text: 'Parcel arrived broken again' });
      await live.next((e) => e.type === 'cloud');
      live.close();
      await folded(db);
      // the windows rolled: the reads below take the windows' rows, not the per-day sums
      const state = async () =>
        (await db.query<{ behind: boolean }>('SELECT as_of < current_date AS behind FROM cloud_window_state WHERE site = $1', [site]))[0];
      for (let i = 0; i < 100 && (await state()).behind; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal((await state()).behind, false, 'the windows rolled forward');
      // limits that cut through a rank many words share (the index holds coarse ranks, the answer exact counts)
      for (const topic of [undefined, 'tea'])
        for (const since of ['7d', '30d', '90d', '365d', 'all'] as const)
          for (const kinds of [undefined, ['idea' as const], ['complaint' as const], ['compliment' as const, 'complaint' as const]])
            for (const limit of [1, 7, 25]) {
              const days = since === 'all' ? null : Number.parseInt(since, 10);
              const fast = await readCloud(db, site, { since, kinds, limit, topic }, days);
              const slow = await db.query<{ term: string; total: number }>(
                `SELECT term, sum(count)::int AS total FROM cloud_terms WHERE site = $1 AND ($2::int IS NULL OR day > current_date - $2::int)
                 AND ($3::text[] IS NULL OR kind = ANY($3)) AND ($5::text IS NULL OR topic = $5)
               GROUP BY term HAVING sum(count) > 0 AND (position(' ' in term) = 0 OR sum(count) > 1) ORDER BY 2 DESC, term COLLATE "C" LIMIT $4`,
                [site, days, kinds ?? null, limit, topic ?? null],
              );
              assert.deepEqual(
                fast.terms.map((t) => [t.term, t.total]),
                slow.map((r) => [r.term, r.total]),
                `${topic ?? 'site'} ${since} ${kinds ?? 'all kinds'} limit ${limit}`,
              );
            }
      // deltas not folded yet join the windows' rows: one for the window's least frequent word (far below the top
      // rows a small limit reads), one for a term the windows do not hold
      const before = (await readCloud(db, site, { since: '30d', limit: 1000 }, 30)).terms.filter((t) => !t.term.includes(' ')).at(-1)!;
      // in one transaction, so the sequencer's fold cannot take the delta first
      const after = await db.tx(async (sql) => {
        await sql.query(
          `INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES ($1, current_date, 'idea', '', ARRAY[$2, 'pendingterm'], 500)`,
          [site, before.term],
        );
        return readCloud(sql, site, { since: '30d', limit: 3 }, 30);
      });
      assert.deepEqual(
        after.terms.slice(0, 2).map((t) => [t.term, t.total, t.counts.idea]),
        [
          [before.term, before.total + 500, before.counts.idea + 500],
          ['pendingterm', 500, 500],
        ],
      );
      if (engine === 'postgres') {
        // the fold's usual update (a count that keeps its rank) writes no index entry: a HOT update, counted by the
        // statistics of this transaction; and no statement of the pool is JIT-compiled
        const hot = await db.tx(async (sql) => {
          // this backend's counters not reported yet (earlier transactions' may be among them): before and after
          const counters = async () =>
            (
              await sql.query<{ updated: number; hot: number; jit: string }>(
                `SELECT pg_stat_get_xact_tuples_updated('cloud_windows'::regclass)::int AS updated,
                   pg_stat_get_xact_tuples_hot_updated('cloud_windows'::regclass)::int AS hot, current_setting('jit') AS jit`,
              )
            )[0];
          const [row] = await sql.query<{ term: string }>(
            `SELECT term FROM cloud_windows WHERE site = $1 AND topic = '' AND win = 0 AND position(' ' in term) = 0
               AND cloud_rank(total + 1, term) = rank_total AND cloud_rank(idea + 1, term) = rank_idea ORDER BY total DESC LIMIT 1`,
            [site],
          );
          const before = await counters();
          await sql.query(
            `INSERT INTO cloud_windows AS t (site, win, term, idea, total) VALUES ($1, 0, $2, 1, 1)
             ON CONFLICT (site, term, topic, win) DO UPDATE SET idea = t.idea + EXCLUDED.idea, total = t.total + EXCLUDED.total`,
            [site, row.term],
          );
          const after = await counters();
          return { updated: after.updated - before.updated, hot: after.hot - before.hot, jit: after.jit };
        });
        assert.deepEqual(hot, { updated: 1, hot: 1, jit: 'off' });
      }
    });

    test('feedback ids are time-ordered (UUID v7), so new items append to the primary key', async () => {
      const site = `ids-${engine}`;
      await createSite(base, site);
      const ids: string[] = [];
      const from = Date.now();
      for (const text of ['First tomato', 'Second tomato', 'Third tomato']) {
        const r = await submit(base, site, key(), { kind: 'idea', text });
        assert.equal(r.status, 201);
        ids.push((r.body as { id: string }).id);
        await new Promise((done) => setTimeout(done, 3));
      }
      const to = Date.now();
      for (const id of ids) {
        assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
        assert.ok(ms >= from && ms <= to, `${id}: its time ${ms} lies within the submissions' ${from}…${to}`);
      }
      assert.deepEqual([...ids].sort(), ids);
      assert.equal(new Set(ids).size, 3);
      const stored = await voc.server.db.query<{ id: string }>('SELECT id::text AS id FROM feedback WHERE site = $1 ORDER BY id', [site]);
      assert.deepEqual(
        stored.map((r) => r.id),
        ids,
      );
    });

    test("the fold writes a term's rows of every window side by side, on one heap page", async () => {
      // 600 new terms in one fold: keyed or ordered by window first, a term's five rows would lie 600 rows apart
      const site = `layout-${engine}`;
      await createSite(base, site);
      const db = voc.server.db;
      const terms = Array.from({ length: 600 }, (_, i) => `layoutterm${i}`);
      await db.query(`INSERT INTO cloud_deltas (site, day, kind, topic, terms, delta) VALUES ($1, current_date, 'idea', '', $2, 1)`, [
        site,
        terms,
      ]);
      // the server's own fold takes them (it runs every FOLD_MS)
      await folded(db);
      const rows = await db.query<{ term: string; windows: number; pages: number }>(
        `SELECT term, count(*)::int AS windows, count(DISTINCT (ctid::text::point)[0])::int AS pages
         FROM cloud_windows WHERE site = $1 GROUP BY term`,
        [site],
      );
      assert.equal(rows.length, 600);
      assert.ok(rows.every((r) => r.windows === WINDOW_DAYS.length));
      // a term's rows may straddle the end of a page
      const spread = rows.filter((r) => r.pages > 2);
      assert.deepEqual(spread, []);
      assert.ok(rows.filter((r) => r.pages === 1).length > 400, 'most terms on one page');
    });

    test('a repeated read with the same ETag gets 304 and no database query; a new submission shows live at once', async () => {
      const site = `cache-${engine}`;
      await createSite(base, site);
      const sequenced = sse(`${base}/v1/sites/${site}/events`);
      await sequenced.ready;
      await submit(base, site, key(), { kind: 'idea', text: 'Marmalade muffins' });
      // the submission has its event id: nothing else is on its way
      await sequenced.next((e) => e.type === 'cloud');
      sequenced.close();
      const db = voc.server.db;
      for (const path of [`/v1/sites/${site}/cloud`, `/v1/sites/${site}/feed`, `/v1/sites/${site}/pulse`]) {
        const first = await call(base, 'GET', path);
        assert.equal(first.status, 200);
        const etag = first.headers.get('etag')!;
        assert.match(etag, /^W\/"\d+-\d+-\d+-\d{8}"$/);
        assert.equal(first.headers.get('cache-control'), 'public, max-age=5, stale-while-revalidate=30');
        let again!: Awaited<ReturnType<typeof call>>;
        const queries = await countQueries(db, async () => {
          again = await call(base, 'GET', path, { headers: { 'if-none-match': etag } });
        });
        assert.equal(again.status, 304, path);
        assert.equal(again.headers.get('etag'), etag);
        assert.equal(queries, 0, `${path}: a 304 runs no query`);
        const cached = await countQueries(db, async () => {
          assert.deepEqual((await call(base, 'GET', path)).body, first.body);
        });
        assert.equal(cached, 0, `${path}: a repeated read is answered from memory`);
      }
      const before = await call(base, 'GET', `/v1/sites/${site}/cloud`);
      const live = sse(`${base}/v1/sites/${site}/events`);
      await live.ready;
      await submit(base, site, key(), { kind: 'complaint', text: 'Marmalade too sweet' });
      await live.next((e) => e.type === 'cloud');
      live.close();
      const cloud = await call(base, 'GET', `/v1/sites/${site}/cloud`, { headers: { 'if-none-match': before.headers.get('etag')! } });
      assert.equal(cloud.status, 200, 'the old ETag no longer matches');
      assert.equal(cloud.body.terms.find((t: { term: string }) => t.term === 'marmalade').total, 2);
      const feed = await call(base, 'GET', `/v1/sites/${site}/pulse`);
      assert.equal(feed.body.current.totals.complaint, 1);
      // moderation has no live event: the answer changes at once all the same
      const items = await call(base, 'GET', `/v1/admin/sites/${site}/inbox?kind=complaint`, { headers: team });
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${items.body.items[0].id}/hide`, { headers: team });
      assert.equal((await call(base, 'GET', `/v1/sites/${site}/pulse`)).body.current.totals.complaint, 0);
      assert.equal(
        (await call(base, 'GET', `/v1/sites/${site}/cloud`)).body.terms.find((t: { term: string }) => t.term === 'marmalade').total,
        1,
      );
    });

    test('a thread is cached privately by its receipt and revalidated; withdrawing it ends it at once', async () => {
      const site = `thread-${engine}`;
      await createSite(base, site);
      const live = sse(`${base}/v1/sites/${site}/events`);
      await live.ready;
      const r = await submit(base, site, key(), { kind: 'complaint', text: 'Broken zipper', topic: 'zippers' });
      await live.next((e) => e.type === 'cloud');
      live.close();
      const first = await call(base, 'GET', `/v1/threads/${r.body.receipt}`);
      assert.equal(first.headers.get('cache-control'), 'private, no-cache');
      assert.equal(first.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(first.body.topic.counts.complaint, 1);
      const second = await call(base, 'GET', `/v1/threads/${r.body.receipt}`);
      const queries = await countQueries(voc.server.db, async () => {
        const third = await call(base, 'GET', `/v1/threads/${r.body.receipt}`, {
          headers: { 'if-none-match': second.headers.get('etag')! },
        });
        assert.equal(third.status, 304);
      });
      assert.ok(queries <= 1, `at most the CORS origin list: ${queries}`);
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${r.body.id}/replies`, {
        headers: team,
        body: { text: 'New zipper sent' },
      });
      const replied = await call(base, 'GET', `/v1/threads/${r.body.receipt}`, {
        headers: { 'if-none-match': second.headers.get('etag')! },
      });
      assert.equal(replied.status, 200);
      assert.equal(replied.body.entries[0].text, 'New zipper sent');
      assert.equal((await call(base, 'DELETE', `/v1/threads/${r.body.receipt}`)).status, 204);
      assert.equal((await call(base, 'GET', `/v1/threads/${r.body.receipt}`)).status, 404);
    });
  });
}

describe('two instances on one PostgreSQL', () => {
  let a: Running;
  let b: Running;
  before(async () => {
    a = await startVoc('postgres', { rateLimits: false });
    b = await startVoc('postgres', { rateLimits: false }, a.pg);
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  test('a write on one instance changes the cached answers of the other through its notifications', async () => {
    await createSite(a.url, 'pair');
    // the submission has its event id (and B heard it) before B answers: nothing else is on its way
    const first = sse(`${b.url}/v1/sites/pair/events`);
    await first.ready;
    await submit(a.url, 'pair', 'pair-key-000000000001', { kind: 'idea', text: 'Velvet ribbons' });
    await first.next((e) => e.type === 'cloud');
    first.close();
    const cached = await call(b.url, 'GET', '/v1/sites/pair/cloud');
    assert.equal(cached.body.terms.find((t: { term: string }) => t.term === 'velvet').total, 1);
    assert.equal(
      (await call(b.url, 'GET', '/v1/sites/pair/cloud', { headers: { 'if-none-match': cached.headers.get('etag')! } })).status,
      304,
    );
    const live = sse(`${b.url}/v1/sites/pair/events`);
    await live.ready;
    await submit(a.url, 'pair', 'pair-key-000000000002', { kind: 'idea', text: 'Velvet boxes' });
    await live.next((e) => e.type === 'cloud');
    live.close();
    const fresh = await call(b.url, 'GET', '/v1/sites/pair/cloud', { headers: { 'if-none-match': cached.headers.get('etag')! } });
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.terms.find((t: { term: string }) => t.term === 'velvet').total, 2);
    // a hide on A (no live event) reaches B through its notification
    const inbox = await call(a.url, 'GET', '/v1/admin/sites/pair/inbox', { headers: team });
    await call(a.url, 'POST', `/v1/admin/sites/pair/feedback/${inbox.body.items[0].id}/hide`, { headers: team });
    let total = 2;
    for (let i = 0; i < 250 && total !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      total = (await call(b.url, 'GET', '/v1/sites/pair/cloud')).body.terms.find((t: { term: string }) => t.term === 'velvet').total;
    }
    assert.equal(total, 1, 'B sees the hide (through its notification)');
  });
});
