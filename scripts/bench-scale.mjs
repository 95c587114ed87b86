// Scale benchmark (issue 16): public reads as feedback grows. Seeds a site through a bulk path (SQL
// generate_series into the same tables the live path writes, then `rebuildReadModels`, the backfill migration that
// recounts every read model), then at each size measures, server-side (the store's read methods, in this process,
// no HTTP cache): the cloud (several windows and limits), the feed's first page, the pulse, a thread and the
// inbox's first page, p50/p95 of sequential calls. On PostgreSQL it also measures submissions/s through HTTP (one
// server process) while 200 clients keep loading pages that embed the cloud, on an empty site first and at each
// size, in the same run.
// Usage: node scripts/bench-scale.mjs [--max 1000000] [--pglite-max 100000] [--samples 50] [--clients 200]
//   [--seconds 10] [--concurrency 32]
// Writes its section of docs/PERFORMANCE.md (between <!-- bench-scale:start --> and <!-- bench-scale:end -->)
// after every size, so a run cut short still leaves the sizes it reached.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { runUnderTsx } from './lib/bench.mjs';

// the server and its helpers are TypeScript sources: `main` runs under tsx with the `source` condition
await runUnderTsx(main);

async function main() {
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const { startPostgres, freePort } = await import('../packages/server/test/postgres.ts');
  const { openDb } = await import('../packages/server/src/db.ts');
  const { Store } = await import('../packages/server/src/store/index.ts');
  const { rebuildReadModels } = await import('../packages/server/src/reads/rebuild.ts');
  const { terms: termsOf, words } = await import('../packages/protocol/src/text/analyze.ts');
  const { writePerformanceSection } = await import('./lib/bench.mjs');
  const { seeder, quantile, timeIt } = await import('./lib/scale-seed.mjs');

  const ROOT = fileURLToPath(new URL('../', import.meta.url));
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const MAX = arg('max', 1_000_000);
  const PGLITE_MAX = arg('pglite-max', 100_000);
  const SAMPLES = arg('samples', 50);
  const CLIENTS = arg('clients', 200);
  const SECONDS = arg('seconds', 10);
  const CONCURRENCY = arg('concurrency', 32);
  const EMPTY_RUNS = arg('empty-runs', 1);
  const LOG_COMPARE = process.argv.includes('--log-compare');
  // --server-log FILE: the servers log every request (with its server-side responseTime) into FILE
  const SERVER_LOG = process.argv.includes('--server-log') ? process.argv[process.argv.indexOf('--server-log') + 1] : undefined;
  const serverLog = SERVER_LOG ? (await import('node:fs')).createWriteStream(SERVER_LOG) : undefined;
  const SIZES = [10_000, 100_000, 1_000_000];
  const TOKEN = 'bench-token-0123456789abcdefghijklmnop';
  const SITE = 'scale';
  const started = new Date();
  const loadBefore = loadavg()[0];

  // ——— realistic text (8–40 words, a 3,000-word vocabulary, 30 topics), written by the bulk path: scripts/lib ———
  const { vocab, seed, seedTeam, checkTerms, receiptFor } = seeder({ words, terms: termsOf });
  const q = quantile;
  const time = (fn) => timeIt(fn, SAMPLES);

  async function measureReads(db, store, site, receipt) {
    const out = {};
    const reads = {
      'cloud 30d, limit 100': () => store.cloud(site, { since: '30d', limit: 100 }),
      'cloud 7d, limit 1000': () => store.cloud(site, { since: '7d', limit: 1000 }),
      'cloud 365d, limit 1000': () => store.cloud(site, { since: '365d', limit: 1000 }),
      'cloud all, limit 1000': () => store.cloud(site, { since: 'all', limit: 1000 }),
      'cloud 30d, complaints, limit 100': () => store.cloud(site, { since: '30d', kinds: ['complaint'], limit: 100 }),
      'cloud 30d, one topic, limit 100': () => store.cloud(site, { since: '30d', topic: 'topic-3', limit: 100 }),
      'feed, first page': () => store.feed(site, {}),
      'pulse 30d': () => store.pulse(site, '30d'),
      'pulse 365d': () => store.pulse(site, '365d'),
      thread: () => store.thread(receipt),
      'inbox, first page': () => store.inbox(site, {}),
    };
    for (const [name, fn] of Object.entries(reads)) out[name] = await time(fn);
    const [c] = await db.query('SELECT count(*)::int AS n FROM cloud_terms WHERE site = $1', [site]);
    const [w] = await db.query('SELECT count(*)::int AS n FROM cloud_windows WHERE site = $1', [site]);
    return { reads: out, cloudTerms: c.n, cloudWindows: w.n };
  }

  // ——— HTTP: submissions while 200 clients load pages that embed the cloud ———

  const children = new Set();
  async function startServer(env) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'packages/server/src/cli.ts')], {
      cwd: ROOT,
      // warnings and errors only: one JSON line per request would go through a pipe this process drains while it
      // runs hundreds of clients, and a server writing to a full pipe waits (stdout to a pipe is synchronous)
      env: {
        ...process.env,
        PORT: String(port),
        VOC_ADMIN_TOKEN: TOKEN,
        NODE_ENV: 'production',
        VOC_RATE_LIMIT: 'off',
        VOC_LOG_LEVEL: SERVER_LOG ? 'info' : 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let out = '';
    await new Promise((resolve, reject) => {
      // keep the last few kB only (for an error report): the whole log, searched on every chunk, costs this process
      const onData = (c) => {
        serverLog?.write(c);
        out = (out + c).slice(-4000);
        if (out.includes('live events')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGTERM') console.error(`server exited (${code ?? signal}):\n${out.slice(-2000)}`);
    });
    return {
      port,
      async stop() {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
        children.delete(child);
      },
    };
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + CLIENTS });
  function request(port, method, path, headers = {}, body, onBody) {
    return new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
        let text = '';
        if (onBody) res.on('data', (c) => (text += c));
        else res.resume();
        res.on('end', () => {
          onBody?.(text);
          resolve(res.statusCode);
        });
      });
      // a refused or dropped request counts as failed, it does not end the run
      req.on('error', () => resolve(0));
      req.end(body);
    });
  }

  let seqNo = 0;
  /**
   * For SECONDS (after 1 s warm-up): CONCURRENCY clients submit one after another, and CLIENTS clients each load a
   * page that embeds the cloud (one cloud request, as the element makes on load) every 200 ms.
   */
  async function submitUnderLoad(port, site, submitters = CONCURRENCY) {
    const run = Date.now().toString(36);
    const warm = Date.now() + 1000;
    const end = warm + SECONDS * 1000;
    let ok = 0;
    let bad = 0;
    let loads = 0;
    let begun = 0;
    const loadMs = [];
    // live: a page's event stream; a submission is live when its `feedback` event arrives (ms after it was sent)
    const sentAt = new Map();
    const heardAt = new Map();
    const stream = http.get({ host: '127.0.0.1', port, path: `/v1/sites/${site}/events` }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        buf += c;
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const data = buf
            .slice(0, cut)
            .split('\n')
            .find((l) => l.startsWith('data: {'));
          buf = buf.slice(cut + 2);
          if (!data) continue;
          const e = JSON.parse(data.slice(6));
          if (e.type === 'feedback') heardAt.set(e.data.id, performance.now());
        }
      });
    });
    stream.on('error', () => {});
    const submitter = async () => {
      while (Date.now() < end) {
        const n = ++seqNo;
        const text = Array.from({ length: 8 + (n % 20) }, (_, i) => (i % 3 === 2 ? 'the' : vocab[(n * 31 + i * 17) % 3000])).join(' ');
        const body = JSON.stringify({ kind: ['compliment', 'idea', 'complaint'][n % 3], text, locale: 'en' });
        const t0 = performance.now();
        const status = await request(
          port,
          'POST',
          `/v1/sites/${site}/feedback`,
          { 'content-type': 'application/json', 'idempotency-key': `scale-${run}-${n}`, 'content-length': Buffer.byteLength(body) },
          body,
          (text) => {
            if (Date.now() >= warm && text.startsWith('{')) sentAt.set(JSON.parse(text).id, t0);
          },
        );
        if (Date.now() < warm) continue;
        begun ||= Date.now();
        if (status === 201) ok++;
        else bad++;
      }
    };
    const viewer = async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await request(port, 'GET', `/v1/sites/${site}/cloud?since=30d&limit=100`);
        if (Date.now() >= warm) {
          loads++;
          loadMs.push(performance.now() - t0);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    if (!submitters) begun = warm;
    await Promise.all([...Array.from({ length: submitters }, submitter), ...Array.from({ length: CLIENTS }, viewer)]);
    const seconds = (Date.now() - begun) / 1000;
    await new Promise((r) => setTimeout(r, 2000)); // the last events
    stream.destroy();
    const liveMs = [...sentAt].map(([id, t0]) => (heardAt.has(id) ? heardAt.get(id) - t0 : Infinity)).sort((a, b) => a - b);
    loadMs.sort((a, b) => a - b);
    return {
      perSecond: Math.round(ok / seconds),
      ok,
      bad,
      loadsPerSecond: Math.round(loads / seconds),
      loadP50: q(loadMs, 0.5),
      loadP95: q(loadMs, 0.95),
      // from sending a submission to its live event on an open stream (Infinity: not heard within 2 s of the end)
      liveP50: liveMs.length ? q(liveMs, 0.5) : undefined,
      liveP99: liveMs.length ? q(liveMs, 0.99) : undefined,
    };
  }

  // ——— the run ———

  const results = { postgres: [], pglite: [], empty: undefined, seeding: {} };
  const fmt = (x) => (x === undefined ? '—' : x < 10 ? x.toFixed(1) : Math.round(x).toString());
  const TARGETS = {
    'cloud 30d, limit 100': 20,
    'cloud 7d, limit 1000': 20,
    'cloud 365d, limit 1000': 20,
    'cloud all, limit 1000': 20,
    'cloud 30d, complaints, limit 100': 20,
    'cloud 30d, one topic, limit 100': 20,
    'feed, first page': 20,
    'pulse 30d': 50,
    'pulse 365d': 50,
    thread: 10,
  };

  function write() {
    const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`;
    const table = (rows, factor) => {
      if (!rows.length) return '(not reached)';
      const head = `| read (server-side p50 / p95, ms) | ${rows.map((r) => `${r.size.toLocaleString('en')} items`).join(' | ')} | target at the largest |\n|---|${rows.map(() => '---|').join('')}---|`;
      const lines = Object.keys(rows[0].reads).map((name) => {
        const last = rows.at(-1).reads[name];
        const first = rows[0].reads[name];
        const t = TARGETS[name];
        const verdict = t
          ? `≤ ${t * factor} ms${factor === 1 ? ` and ≤ 2× the 10k p95` : ''}: ${last.p95 <= t * factor && (factor !== 1 || last.p95 <= 2 * Math.max(first.p95, 1)) ? '✅' : '❌'}`
          : '(reference)';
        return `| ${name} | ${rows.map((r) => `${fmt(r.reads[name].p50)} / ${fmt(r.reads[name].p95)}`).join(' | ')} | ${verdict} |`;
      });
      const sizes = `| cloud_terms rows / cloud_windows rows | ${rows.map((r) => `${r.cloudTerms.toLocaleString('en')} / ${r.cloudWindows.toLocaleString('en')}`).join(' | ')} | |`;
      const seedRow = `| bulk seeding to this size, s | ${rows.map((r) => fmt(r.seedSeconds)).join(' | ')} | |`;
      return [head, ...lines, sizes, seedRow].join('\n');
    };
    const pg = results.postgres;
    const live = (r) => (r.liveP99 === undefined ? '—' : `${fmt(r.liveP50)} / ${fmt(r.liveP99)} ${r.liveP99 <= 1000 ? '✅' : '❌'}`);
    const subRows = pg.filter((r) => r.submit);
    const subs = results.empty
      ? `| database | submissions/s | cloud page loads/s (p50 / p95 ms) | live: submission to its event, p50 / p99 ms (target p99 ≤ 1,000) |\n|---|---|---|---|\n${results.loadsOnly ? `| empty site, page loads only (no submissions: the in-process cache answers) | — | ${results.loadsOnly.loadsPerSecond} (${fmt(results.loadsOnly.loadP50)} / ${fmt(results.loadsOnly.loadP95)}) | — |\n` : ''}| empty site (same run, start) | ${results.empty.perSecond} | ${results.empty.loadsPerSecond} (${fmt(results.empty.loadP50)} / ${fmt(results.empty.loadP95)}) | ${live(results.empty)} |\n${subRows
          .map(
            (r) =>
              `| ${r.size.toLocaleString('en')} items | ${r.submit.perSecond} (${Math.round((100 * r.submit.perSecond) / results.empty.perSecond)} % of empty${r.size >= 1_000_000 ? `; target ≥ 90 %: ${r.submit.perSecond >= 0.9 * results.empty.perSecond ? '✅' : '❌'}` : ''}) | ${r.submit.loadsPerSecond} (${fmt(r.submit.loadP50)} / ${fmt(r.submit.loadP95)}) | ${live(r.submit)} |`,
          )
          .join('\n')}`
      : '(not reached)';
    const section = `## Public reads at scale (\`scripts/bench-scale.mjs\`)

Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu}, Node ${process.version}, PostgreSQL 15 (fsync on) and
PGlite; the load generator, the server and the database share these cores with other work (1-minute load average
${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}), so figures vary between runs. Items are spread over the last 365 days: 8–40 words from
a 3,000-word vocabulary (Zipf-like) with stop words between, 30 % of them in one of 30 topics; 20–30 % replied, a
share of complaints confirmed resolved, 3 % hidden. They are written by a bulk path (SQL \`generate_series\` into
feedback, followers, thread entries and per-day cloud terms; terms checked against core's \`terms()\`), then
\`rebuildReadModels\` recounts every read model (the backfill migration). Each read is the store's method called
${SAMPLES} times in a row after one warm-up call, in-process (server-side: SQL plus assembling the answer; no HTTP,
no in-process cache). Sizes are the seeded items plus what the submission runs added.

### PostgreSQL 15

${table(pg, 1)}

### PGlite (targets: 3× PostgreSQL's)

${table(results.pglite, 3)}

### Submissions while ${CLIENTS} clients load pages that embed the cloud

${CONCURRENCY} clients submit one after another for ${SECONDS} s (after 1 s warm-up) through HTTP to one server process on
PostgreSQL, while ${CLIENTS} clients each load \`GET /cloud?since=30d&limit=100\` every 200 ms (what a page with
\`<voc-cloud>\` asks on load; answered from the in-process cache unless a submission changed the site since). A
submission changes the site's version (its ETag), and an answer is kept only for the version it was computed at (a
reader never gets an answer older than a write this server acknowledged), so with submissions arriving every few
milliseconds nearly every load is computed afresh: these rows measure the database reads under write load, the
"page loads only" row the cache.

${subs}

Seeding: ${Object.entries(results.seeding)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`;
    writePerformanceSection('bench-scale', section);
  }

  let pg;
  try {
    // PostgreSQL
    pg = await startPostgres({
      settings: { fsync: 'on', synchronous_commit: 'on', shared_buffers: '256MB', work_mem: '32MB', maintenance_work_mem: '256MB' },
    });
    const db = await openDb({ databaseUrl: pg.url, poolSize: 4 });
    const store = new Store(db);
    await store.createSite({ key: SITE, name: 'Scale', origins: [] });
    await store.createSite({ key: 'empty', name: 'Empty', origins: [] });
    const server = await startServer({ DATABASE_URL: pg.url, VOC_POOL_SIZE: '10' });
    // --empty-runs N: the empty-site run N times in a row (a cold server and database first, then warm ones);
    // --log-compare: each run twice, on this server and on a second one on the same database that logs every
    // request at level info to the pipe this process reads (interleaved, to see what that costs)
    // warm the fresh server first (V8 compiles the hot paths as they run: measured in-process, a cached cloud answer
    // costs ~3× the CPU on a cold server), on a site of its own, so the empty-site row is not a cold-start figure
    await store.createSite({ key: 'warmup', name: 'Warm-up', origins: [] });
    await submitUnderLoad(server.port, 'warmup');
    // the cache alone: the same page loads with no submission (every load after the first is a cached answer)
    results.loadsOnly = await submitUnderLoad(server.port, 'empty', 0);
    console.log('empty database, page loads only (no submissions):', results.loadsOnly);
    const noisy = LOG_COMPARE ? await startServer({ DATABASE_URL: pg.url, VOC_POOL_SIZE: '10', VOC_LOG_LEVEL: 'info' }) : undefined;
    for (let run = 1; run <= EMPTY_RUNS; run++) {
      results.empty = await submitUnderLoad(server.port, 'empty');
      console.log(`empty database (run ${run}): submissions/s`, results.empty);
      if (noisy) console.log(`empty database (run ${run}), server logging every request:`, await submitUnderLoad(noisy.port, 'empty'));
    }
    await noisy?.stop();
    let have = 0;
    for (const size of SIZES.filter((s) => s <= MAX)) {
      const t0 = performance.now();
      await seed(db, SITE, have, size - have);
      await seedTeam(db, SITE, Math.round((size - have) / 1000));
      await rebuildReadModels(db);
      await db.exec('ANALYZE');
      const seedSeconds = (performance.now() - t0) / 1000;
      results.seeding[`PostgreSQL to ${size.toLocaleString('en')}`] = `${seedSeconds.toFixed(0)} s`;
      have = size;
      if (size === SIZES[0]) await checkTerms(db, SITE);
      const receipt = await receiptFor(db, SITE);
      const point = { size, seedSeconds, ...(await measureReads(db, store, SITE, receipt)) };
      results.postgres.push(point);
      console.log(`PostgreSQL ${size}`, JSON.stringify(point));
      write();
      point.submit = await submitUnderLoad(server.port, SITE);
      console.log(`PostgreSQL ${size}: submissions/s`, point.submit);
      write();
    }
    await server.stop();
    await db.close();
    await pg.stop();
    pg = undefined;

    // PGlite (in memory, in this process)
    const lite = await openDb({ dataDir: 'memory://' });
    const liteStore = new Store(lite);
    await liteStore.createSite({ key: SITE, name: 'Scale', origins: [] });
    have = 0;
    for (const size of SIZES.filter((s) => s <= PGLITE_MAX)) {
      const t0 = performance.now();
      await seed(lite, SITE, have, size - have);
      await seedTeam(lite, SITE, Math.round((size - have) / 1000));
      await rebuildReadModels(lite);
      await lite.exec('ANALYZE');
      const seedSeconds = (performance.now() - t0) / 1000;
      results.seeding[`PGlite to ${size.toLocaleString('en')}`] = `${seedSeconds.toFixed(0)} s`;
      have = size;
      const receipt = await receiptFor(lite, SITE);
      const point = { size, seedSeconds, ...(await measureReads(lite, liteStore, SITE, receipt)) };
      results.pglite.push(point);
      console.log(`PGlite ${size}`, JSON.stringify(point));
      write();
    }
    await lite.close();
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await pg?.stop();
  }
  console.log('wrote docs/PERFORMANCE.md (bench-scale section)');
  process.exit(0);
}
