// Pulse benchmark (issue 13): the pulse answer at the server with 1,000,000 feedback items over a year on
// PostgreSQL. Seeds a site through the bulk path shared with bench-scale (scripts/lib/scale-seed.mjs), recounts
// the read models, then times the store's pulse (what `GET /pulse` computes on a cache miss: the read models of
// reads/pulse.ts, in this process, no HTTP cache) for every window, p50/p95 of sequential calls. Before that it
// checks, on a smaller site in the same database, that the read-model pulse equals protocol's `computePulse` over
// every stored row, figure for figure.
// Usage: node scripts/bench-pulse.mjs [--items 1000000] [--check-items 10000] [--samples 50] [--keep DIR] [--no-seed]
//   [--rebuild]
//   --keep DIR: keep PostgreSQL's data folder in DIR and reuse it (and its seeded items) on the next run.
//   --no-seed: measure the items already in a kept database (a seeding cut short); --rebuild: recount the read
//   models first (needed after a seeding was cut short: it recounts only when it finishes).
// Writes its section of docs/PERFORMANCE.md (between <!-- bench-pulse:start --> and <!-- bench-pulse:end -->).
import { cpus, loadavg } from 'node:os';
import { option, runUnderTsx } from './lib/bench.mjs';

// the server and its helpers are TypeScript sources: `main` runs under tsx with the `source` condition
await runUnderTsx(main);

async function main() {
  const { startPostgres } = await import('../packages/server/test/postgres.ts');
  const { openDb } = await import('../packages/server/src/db.ts');
  const { Store } = await import('../packages/server/src/store/index.ts');
  const { rebuildReadModels } = await import('../packages/server/src/reads/rebuild.ts');
  const { readTopics } = await import('../packages/server/src/reads/topics.ts');
  const { toAnnouncement, toFeedback } = await import('../packages/server/src/store/rows.ts');
  const { computePulse } = await import('../packages/protocol/src/adapter-logic.ts');
  const { PULSE_WINDOWS } = await import('../packages/protocol/src/model.ts');
  const { terms, words } = await import('../packages/protocol/src/text/analyze.ts');
  const { writePerformanceSection } = await import('./lib/bench.mjs');
  const { seeder, timeIt } = await import('./lib/scale-seed.mjs');
  const { isDeepStrictEqual } = await import('node:util');

  const arg = option;
  const ITEMS = Number(arg('items', 1_000_000));
  const CHECK_ITEMS = Number(arg('check-items', 10_000));
  const SAMPLES = Number(arg('samples', 50));
  const KEEP = arg('keep', undefined);
  const NO_SEED = process.argv.includes('--no-seed');
  const REBUILD = process.argv.includes('--rebuild');
  const SITE = 'pulse-bench';
  const CHECK_SITE = 'pulse-check';
  const started = new Date();
  const loadBefore = loadavg()[0];
  const { seed, seedTeam } = seeder({ words, terms });

  const pg = await startPostgres({
    ...(KEEP && { keepDir: KEEP }),
    settings: { fsync: 'on', synchronous_commit: 'on', shared_buffers: '256MB', work_mem: '32MB', maintenance_work_mem: '256MB' },
  });
  let db;
  try {
    db = await openDb({ databaseUrl: pg.url, poolSize: 4 });
    const store = new Store(db);
    const count = async (site) => (await db.query('SELECT count(*)::int AS n FROM feedback WHERE site = $1', [site]))[0].n;
    const ensure = async (site, items) => {
      if (!(await store.site(site))) await store.createSite({ key: site, name: site, origins: [] });
      const have = await count(site);
      if (have >= items || NO_SEED) return { seeded: 0, seconds: 0 };
      const t0 = performance.now();
      await seed(db, site, have, items - have);
      await seedTeam(db, site, Math.max(1, Math.round((items - have) / 1000)));
      return { seeded: items - have, seconds: (performance.now() - t0) / 1000 };
    };

    // 1. the same figures as protocol's definition, over every stored row of a smaller site
    const check = await ensure(CHECK_SITE, CHECK_ITEMS);
    const big = await ensure(SITE, ITEMS);
    if (check.seeded || big.seeded || REBUILD) {
      const t0 = performance.now();
      await rebuildReadModels(db);
      await db.exec('ANALYZE');
      big.recount = (performance.now() - t0) / 1000;
    }
    const rows = await db.query('SELECT * FROM feedback WHERE site = $1', [CHECK_SITE]);
    const entries = await db.query(
      `SELECT e.* FROM thread_entries e JOIN feedback f ON f.id = e.feedback_id WHERE f.site = $1 ORDER BY e.at, e.id`,
      [CHECK_SITE],
    );
    const byItem = new Map();
    for (const e of entries) {
      const at = new Date(e.at).toISOString();
      const entry =
        e.type === 'reply'
          ? { type: 'reply', id: e.id, feedbackId: e.feedback_id, at, text: '' }
          : { type: 'confirmation', feedbackId: e.feedback_id, at, resolved: e.resolved === true };
      byItem.set(e.feedback_id, [...(byItem.get(e.feedback_id) ?? []), entry]);
    }
    const items = rows.map((r) => ({ feedback: toFeedback(r), receiptHash: '', terms: [], entries: byItem.get(r.id) ?? [] }));
    const announcements = (await db.query('SELECT * FROM announcements WHERE site = $1', [CHECK_SITE])).map(toAnnouncement);
    const topics = await readTopics(db, CHECK_SITE);
    const now = Date.now();
    const { readPulse } = await import('../packages/server/src/reads/pulse.ts');
    for (const since of PULSE_WINDOWS) {
      const fromModels = await readPulse(db, CHECK_SITE, since, now);
      const fromRows = computePulse({ site: CHECK_SITE, since, now, items, topics, announcements });
      if (!isDeepStrictEqual(fromModels, fromRows))
        throw new Error(`the read-model pulse (${since}) differs from computePulse:\n${JSON.stringify({ fromModels, fromRows })}`);
    }
    console.log(`pulse of ${rows.length} items: read models = computePulse for ${PULSE_WINDOWS.join(', ')}`);

    // 2. the pulse at size
    const size = await count(SITE);
    const results = {};
    for (const since of PULSE_WINDOWS) results[since] = await timeIt(() => store.pulse(SITE, since), SAMPLES);
    const sample = await store.pulse(SITE, '30d');
    console.log(`pulse at ${size} items`, JSON.stringify(results));
    const loadAfter = loadavg()[0];

    const fmt = (x) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
    const section = `## Pulse at a million items (\`scripts/bench-pulse.mjs\`)

Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version},
PostgreSQL 15 (fsync on); the bench and the database share these cores with other work (1-minute load average
${loadBefore.toFixed(1)} at the start → ${loadAfter.toFixed(1)} at the end), so figures vary between runs.
${size.toLocaleString('en')} items over the last 365 days (bulk path of \`scripts/lib/scale-seed.mjs\`, as bench-scale;
${sample.current.totals.complaint.toLocaleString('en')} public complaints in the last 30 days), read models recounted by
the backfill migrations. Each figure: the store's pulse (what \`GET /pulse\` runs on a cache miss: read models only,
reads/pulse.ts) called ${SAMPLES} times in a row after one warm-up call, in-process, server-side (SQL plus assembling
the answer; no HTTP, no in-process cache). Target (issue 13): p95 ≤ 50 ms.

| window | p50 / p95, ms | target |
|---|---|---|
${PULSE_WINDOWS.map((w) => `| ${w} | ${fmt(results[w].p50)} / ${fmt(results[w].p95)} | ${results[w].p95 <= 50 ? '✅' : '❌'} |`).join('\n')}

Same figures as protocol's rule: on a ${rows.length.toLocaleString('en')}-item site in the same database, the read-model
pulse equalled \`computePulse\` over every stored row (deep equality, every window).${
      big.seeded
        ? ` Seeding ${big.seeded.toLocaleString('en')} items took ${Math.round(big.seconds)} s, the recount ${Math.round(big.recount)} s.`
        : ` The seeded database was reused (\`--keep\`)${big.recount ? `; the read models were recounted in ${Math.round(big.recount)} s` : ''}.`
    }`;
    writePerformanceSection('bench-pulse', section);
    console.log('wrote docs/PERFORMANCE.md (bench-pulse section)');
  } finally {
    await db?.close();
    await pg.stop();
  }
  process.exit(0);
}
