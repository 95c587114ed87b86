// Scale benchmark (issue 16): public reads as feedback grows. Seeds a site through a bulk path (SQL
// generate_series into the same tables the live path writes, then `rebuildReadModels`, the backfill migration that
// recounts every read model), then at each size measures, server-side (the store's read methods, in this process,
// no HTTP cache): the cloud (several windows and limits), the feed's first page, the pulse, a thread and the
// inbox's first page, p50/p95 of sequential calls. On PostgreSQL it also measures, through HTTP to one server
// process, submissions/s and how long a submission takes to reach an open event stream, while 200 clients keep
// loading pages that embed the cloud (each page's element keeping its event stream open), on an empty site first
// and at each size, in the same run.
// Usage: node scripts/bench-scale.mjs [--max 1000000] [--pglite-max 100000] [--samples 50] [--clients 200]
//   [--streams 200] [--seconds 10] [--concurrency 32] [--keep DIR --site NAME] [--baseline REF [--rounds 2]]
//   [--server-log FILE] [--cpu-prof DIR] [--statements] [--explain FILE [--explain-ms 400]] [--fresh-max N]
//   [--pg NAME=VALUE,…] [--kept-rounds 3] [--text zipf|uniform] [--load-every MS]
//   --text: what the measured submissions say. zipf (default): drawn like the seeded items (8–40 words, 40 % stop
//     words, the rest from the 3,000-word vocabulary, Zipf-like), so a fold meets the vocabulary as the seeded site
//     did; uniform: every vocabulary word equally often, cycling through all 3,000 (each fold touches far more term
//     rows: the worst case, and what runs before 2026-12-02 18:30 UTC measured).
//   --keep DIR --site NAME: the largest point (above 100,000) is the site NAME of the PostgreSQL data folder DIR,
//     already seeded (scripts/bench-pulse.mjs --keep DIR seeds `pulse-bench` with the same bulk path), measured
//     as it is, without reseeding (measured last; the run waits for DIR if it is not there yet); the smaller sizes
//     are seeded on a fresh database as usual. Its submission rate is measured in --kept-rounds rounds, each beside
//     an empty database on a PostgreSQL of its own and the kept database's own empty site, alternating.
//   --baseline REF: the empty-site run of the server at git ref REF (checked out into a temporary worktree) beside
//     this checkout's, each on its own database in the same PostgreSQL, alternating, --rounds times each.
//   --max 0 --pglite-max 0: the empty-site runs only. --fresh-max N: the fresh PostgreSQL database grows only to N
//     (with --keep and --fresh-max 0 --pglite-max 0: the empty-site runs, then the kept site).
// Writes its section of docs/PERFORMANCE.md (between <!-- bench-scale:start --> and <!-- bench-scale:end -->)
// after every size, so a run cut short still leaves the sizes it reached.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { runUnderTsx, spawnServer } from './lib/bench.mjs';

// the server and its helpers are TypeScript sources: `main` runs under tsx with the `source` condition
await runUnderTsx(main);

async function main() {
  const { join } = await import('node:path');
  const { existsSync, mkdtempSync, rmSync, createWriteStream } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { fileURLToPath } = await import('node:url');
  const { startPostgres, freePort } = await import('../packages/server/test/postgres.ts');
  const { openDb } = await import('../packages/server/src/db.ts');
  const { Store } = await import('../packages/server/src/store/index.ts');
  const { rebuildReadModels } = await import('../packages/server/src/reads/rebuild.ts');
  const { foldCloud } = await import('../packages/server/src/reads/cloud.ts');
  const { terms: termsOf, words } = await import('../packages/protocol/src/text/analyze.ts');
  const { numberOption, option, writePerformanceSection } = await import('./lib/bench.mjs');
  const { seeder, quantile, timeIt } = await import('./lib/scale-seed.mjs');

  const ROOT = fileURLToPath(new URL('../', import.meta.url));
  const str = option;
  const arg = numberOption;
  const MAX = arg('max', 1_000_000);
  const PGLITE_MAX = arg('pglite-max', 100_000);
  const SAMPLES = arg('samples', 50);
  const CLIENTS = arg('clients', 200);
  const STREAMS = arg('streams', CLIENTS);
  const SECONDS = arg('seconds', 10);
  // --load-every MS: each page-loading client starts a load every MS ms on schedule, so every site is offered the
  // same page loads (a load not answered by its client's next turn makes it skip that turn, counted as missed);
  // 0 (the default): each client loads again 200 ms after its answer, so a slower site is offered fewer loads
  const LOAD_EVERY = arg('load-every', 0);
  const CONCURRENCY = arg('concurrency', 32);
  const KEEP = str('keep', undefined);
  const KEEP_SITE = str('site', 'pulse-bench');
  const BASELINE = str('baseline', undefined);
  const ROUNDS = arg('rounds', BASELINE ? 2 : 1);
  // the kept database's rounds (each: an empty database beside it, its empty site, its kept site)
  const KEPT_ROUNDS = arg('kept-rounds', Math.max(ROUNDS, 3));
  // --server-log FILE: the servers log every request (with its server-side responseTime) into FILE
  const SERVER_LOG = str('server-log', undefined);
  const serverLog = SERVER_LOG ? createWriteStream(SERVER_LOG) : undefined;
  // --cpu-prof DIR: each server writes a V8 CPU profile into DIR when it stops
  const CPU_PROF = str('cpu-prof', undefined);
  // --statements: PostgreSQL's pg_stat_statements on the fresh database; the empty-site runs print its top statements
  const STATEMENTS = process.argv.includes('--statements');
  // --explain FILE [--explain-ms 400]: the fresh database logs the plan (EXPLAIN ANALYZE, by auto_explain) of every
  // statement slower than that during the empty-site runs, copied into FILE
  const EXPLAIN = str('explain', undefined);
  const EXPLAIN_MS = arg('explain-ms', 400);
  const SIZES = [10_000, 100_000, 1_000_000].filter((s) => s <= MAX);
  // with --keep, the sizes above 100,000 are the kept site (one point, as large as it is)
  // --fresh-max N: seed the fresh PostgreSQL database only up to N (0: the empty-site runs only, then the kept site)
  const FRESH_MAX = arg('fresh-max', MAX);
  const FRESH_SIZES = (KEEP ? SIZES.filter((s) => s <= 100_000) : SIZES).filter((s) => s <= FRESH_MAX);
  const TOKEN = 'bench-token-0123456789abcdefghijklmnop';
  const SITE = 'scale';
  // --pg NAME=VALUE,…: PostgreSQL settings for every database of the run, over these defaults
  const PG_SETTINGS = {
    fsync: 'on',
    synchronous_commit: 'on',
    shared_buffers: '256MB',
    work_mem: '32MB',
    maintenance_work_mem: '256MB',
    // WAL sized to this write rate, as on a production server: with the default 1 GB a large database checkpoints
    // back to back (PostgreSQL logs "checkpoints are occurring too frequently"), and each checkpoint makes the first
    // change of every page a full-page image in the WAL: on the million-item database 74–78 % of the empty
    // database's rate in three runs, against 85–97 % in four with these (the same for every database of a run)
    max_wal_size: '8GB',
    checkpoint_timeout: '15min',
    ...Object.fromEntries(
      str('pg', '')
        .split(',')
        .filter(Boolean)
        .map((kv) => kv.split('=')),
    ),
  };
  const started = new Date();
  const loadBefore = loadavg()[0];

  // ——— realistic text (8–40 words, a 3,000-word vocabulary, 30 topics), written by the bulk path: scripts/lib ———
  const { vocab, STOP, seed, seedTeam, checkTerms, receiptFor } = seeder({ words, terms: termsOf });
  const TEXT = str('text', 'zipf');
  if (TEXT !== 'zipf' && TEXT !== 'uniform') throw new Error('--text takes zipf or uniform');
  /** The text of measured submission `n`, the same in every run (see --text). */
  const submissionText = (n) => {
    if (TEXT === 'uniform')
      return Array.from({ length: 8 + (n % 20) }, (_, i) => (i % 3 === 2 ? 'the' : vocab[(n * 31 + i * 17) % 3000])).join(' ');
    // mulberry32 seeded by n: as scale-seed's SQL draws, 8–40 words, 40 % stop words, vocab index 3000 · r^2.5
    let a = n >>> 0;
    const random = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return Array.from({ length: 8 + ((n * 13) % 33) }, () =>
      random() < 0.4 ? STOP[Math.floor(random() * 10)] : vocab[Math.floor(3000 * random() ** 2.5)],
    ).join(' ');
  };
  const q = quantile;
  /** The middle value (the lower middle of an even count: a real run's value). */
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const time = (fn) => timeIt(fn, SAMPLES);

  async function measureReads(db, store, site, receipt) {
    const out = {};
    // the site's busiest topic (a topic with no items would measure nothing)
    const [busiest] = await db.query(
      'SELECT topic FROM topic_counts WHERE site = $1 ORDER BY compliment + idea + complaint DESC, topic LIMIT 1',
      [site],
    );
    const topic = busiest?.topic ?? 'topic-1';
    const reads = {
      'cloud 30d, limit 100': () => store.cloud(site, { since: '30d', limit: 100 }),
      'cloud 7d, limit 1000': () => store.cloud(site, { since: '7d', limit: 1000 }),
      'cloud 365d, limit 1000': () => store.cloud(site, { since: '365d', limit: 1000 }),
      'cloud all, limit 1000': () => store.cloud(site, { since: 'all', limit: 1000 }),
      'cloud 30d, complaints, limit 100': () => store.cloud(site, { since: '30d', kinds: ['complaint'], limit: 100 }),
      'cloud 30d, one topic, limit 100': () => store.cloud(site, { since: '30d', topic, limit: 100 }),
      'cloud 365d, one topic, limit 1000': () => store.cloud(site, { since: '365d', topic, limit: 1000 }),
      // two kinds at once: no rank of their own (reads/cloud.ts, pairRows)
      'cloud 30d, ideas and complaints, limit 100': () => store.cloud(site, { since: '30d', kinds: ['idea', 'complaint'], limit: 100 }),
      'feed, first page': () => store.feed(site, {}),
      'pulse 30d': () => store.pulse(site, '30d'),
      'pulse 365d': () => store.pulse(site, '365d'),
      thread: () => store.thread(receipt),
      'inbox, first page': () => store.inbox(site, {}),
    };
    for (const [name, fn] of Object.entries(reads)) out[name] = await time(fn);
    const [c] = await db.query('SELECT count(*)::int AS n FROM cloud_terms WHERE site = $1', [site]);
    const [w] = await db.query('SELECT count(*)::int AS n FROM cloud_windows WHERE site = $1', [site]);
    return { reads: out, cloudTerms: c.n, cloudWindows: w.n, load: loadavg()[0] };
  }
  const countItems = async (db, site) => (await db.query('SELECT count(*)::int AS n FROM feedback WHERE site = $1', [site]))[0].n;

  // ——— HTTP: submissions while 200 clients load pages that embed the cloud ———

  const children = new Set();
  /** This checkout's server (or the one in `root`) on `env.DATABASE_URL`; resolves when it listens. */
  async function startServer(env, root = ROOT) {
    const port = await freePort();
    const prof = CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : [];
    const child = spawnServer({
      dir: root,
      port,
      token: TOKEN,
      nodeArgs: prof,
      // warnings and errors only: one JSON line per request would go through a pipe this process drains while it
      // runs hundreds of clients, and a server writing to a full pipe waits (stdout to a pipe is synchronous)
      env: { VOC_POOL_SIZE: '10', VOC_LOG_LEVEL: SERVER_LOG ? 'info' : 'warn', ...env },
    });
    children.add(child);
    let out = '';
    let stopping = false;
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
      if (!stopping) console.error(`server exited (${code ?? signal}):\n${out.slice(-2000)}`);
    });
    const server = {
      port,
      async stop() {
        stopping = true;
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
        children.delete(child);
      },
      async createSite(key) {
        const body = JSON.stringify({ key, name: key, origins: [] });
        const status = await request(
          port,
          'POST',
          '/v1/admin/sites',
          { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          body,
        );
        if (status !== 201 && status !== 409) throw new Error(`site ${key}: ${status}`);
      },
    };
    return server;
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
   * page that embeds the cloud (one cloud request, as the element makes on load) every 200 ms, while STREAMS event
   * streams stay open (the pages' elements; read and dropped here) and one more, the probe, notes when each
   * submission's `feedback` event arrives.
   */
  async function submitUnderLoad(port, site, submitters = CONCURRENCY, seconds = SECONDS) {
    const run = Date.now().toString(36);
    let ok = 0;
    let bad = 0;
    let loads = 0;
    let begun = 0;
    const loadMs = [];
    // the pages' streams: the server writes every event to each of them
    const streams = Array.from({ length: submitters ? STREAMS : 0 }, () => {
      const s = http.get({ host: '127.0.0.1', port, path: `/v1/sites/${site}/events`, agent: false }, (res) => res.resume());
      s.on('error', () => {});
      return s;
    });
    // live: a page's event stream; a submission is live when its `feedback` event arrives (ms after it was sent)
    const sentAt = new Map();
    const ackAt = new Map();
    const heardAt = new Map();
    // the probe is counted from its `position` (the stream is open from there): a submission answered before the
    // server opened the stream is not one it owes the probe (the first run measured with 200 streams opening at once
    // counted those as never heard)
    let opened;
    const open = new Promise((resolve) => (opened = resolve));
    const stream = http.get({ host: '127.0.0.1', port, path: `/v1/sites/${site}/events`, agent: false }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        buf += c;
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          if (buf.slice(0, cut).includes('event: position')) opened();
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
    await Promise.race([open, new Promise((r) => setTimeout(r, 15_000))]);
    const warm = Date.now() + 1000;
    const end = warm + seconds * 1000;
    const submitter = async () => {
      while (Date.now() < end) {
        const n = ++seqNo;
        const text = submissionText(n);
        const body = JSON.stringify({ kind: ['compliment', 'idea', 'complaint'][n % 3], text, locale: 'en' });
        const t0 = performance.now();
        const status = await request(
          port,
          'POST',
          `/v1/sites/${site}/feedback`,
          { 'content-type': 'application/json', 'idempotency-key': `scale-${run}-${n}`, 'content-length': Buffer.byteLength(body) },
          body,
          (text) => {
            if (Date.now() >= warm && text.startsWith('{')) {
              const { id } = JSON.parse(text);
              sentAt.set(id, t0);
              ackAt.set(id, performance.now());
            }
          },
        );
        if (Date.now() < warm) continue;
        begun ||= Date.now();
        if (status === 201) ok++;
        else bad++;
      }
    };
    let missed = 0;
    const viewer = async (_, i) => {
      // on schedule: the clients' turns spread evenly over one period
      let turn = Date.now() + (LOAD_EVERY * i) / CLIENTS;
      while (Date.now() < end) {
        if (LOAD_EVERY) await new Promise((r) => setTimeout(r, turn - Date.now()));
        const t0 = performance.now();
        await request(port, 'GET', `/v1/sites/${site}/cloud?since=30d&limit=100`);
        if (Date.now() >= warm) {
          loads++;
          loadMs.push(performance.now() - t0);
        }
        if (!LOAD_EVERY) await new Promise((r) => setTimeout(r, 200));
        else for (turn += LOAD_EVERY; turn < Date.now(); turn += LOAD_EVERY) if (turn >= warm && turn < end) missed++;
      }
    };
    if (!submitters) begun = warm;
    await Promise.all([...Array.from({ length: submitters }, submitter), ...Array.from({ length: CLIENTS }, viewer)]);
    const elapsed = (Date.now() - begun) / 1000;
    // the last events: until every answered submission's event came, or 15 s
    for (let i = 0; i < 150 && [...sentAt.keys()].some((id) => !heardAt.has(id)); i++) await new Promise((r) => setTimeout(r, 100));
    stream.destroy();
    for (const s of streams) s.destroy();
    // from sending a submission to its live event on an open stream (Infinity: not heard within 15 s of the end)
    const liveMs = [...sentAt].map(([id, t0]) => (heardAt.has(id) ? heardAt.get(id) - t0 : Infinity)).sort((a, b) => a - b);
    // where the time goes: sending to the submission's answer (201), and that answer to the event
    const ackMs = [...sentAt].map(([id, t0]) => ackAt.get(id) - t0).sort((a, b) => a - b);
    const eventMs = [...ackAt].map(([id, t1]) => (heardAt.has(id) ? heardAt.get(id) - t1 : Infinity)).sort((a, b) => a - b);
    loadMs.sort((a, b) => a - b);
    const at = (list, p) => (list.length ? q(list, p) : undefined);
    return {
      perSecond: Math.round(ok / elapsed),
      ok,
      bad,
      loadsPerSecond: Math.round(loads / elapsed),
      ...(LOAD_EVERY && { loadsMissed: missed }),
      loadP50: at(loadMs, 0.5),
      loadP95: at(loadMs, 0.95),
      liveP50: at(liveMs, 0.5),
      liveP99: at(liveMs, 0.99),
      ackP50: at(ackMs, 0.5),
      ackP99: at(ackMs, 0.99),
      eventP50: at(eventMs, 0.5),
      eventP99: at(eventMs, 0.99),
      load: loadavg()[0],
    };
  }

  // ——— the document ———

  const results = { postgres: [], pglite: [], live: [], loadsOnly: undefined, seeding: {}, baseline: undefined };
  const fmt = (x) => (x === undefined ? '—' : !Number.isFinite(x) ? 'not heard' : x < 10 ? x.toFixed(1) : Math.round(x).toString());
  const TARGETS = {
    'cloud 30d, limit 100': 20,
    'cloud 7d, limit 1000': 20,
    'cloud 365d, limit 1000': 20,
    'cloud all, limit 1000': 20,
    'cloud 30d, complaints, limit 100': 20,
    'cloud 30d, one topic, limit 100': 20,
    'cloud 365d, one topic, limit 1000': 20,
    'cloud 30d, ideas and complaints, limit 100': 20,
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
      const seedRow = `| bulk seeding to this size, s | ${rows.map((r) => (r.reused ? 'kept' : fmt(r.seedSeconds))).join(' | ')} | |`;
      const loadRow = `| load average while measured | ${rows.map((r) => r.load.toFixed(1)).join(' | ')} | |`;
      return [head, ...lines, sizes, seedRow, loadRow].join('\n');
    };
    const live = (r) => (r.liveP99 === undefined ? '—' : `${fmt(r.liveP50)} / ${fmt(r.liveP99)} ${r.liveP99 <= 1000 ? '✅' : '❌'}`);
    const split = (r) => (r.ackP50 === undefined ? '—' : `${fmt(r.ackP50)} / ${fmt(r.ackP99)} · ${fmt(r.eventP50)} / ${fmt(r.eventP99)}`);
    const empty = results.live.filter((r) => r.variant === 'current');
    // the median of the empty-site rounds (a 10-second run varies by ±15 % on these shared cores)
    const emptyRate = empty.length ? median(empty.map((r) => r.perSecond)) : undefined;
    const row = (label, r, target) =>
      `| ${label} | ${r.perSecond}${r.rounds?.length > 1 ? ` (median of ${r.rounds.join(', ')})` : ''}${target ?? ''} | ${r.loadsPerSecond} (${fmt(r.loadP50)} / ${fmt(r.loadP95)})${r.loadsMissed ? `, ${r.loadsMissed} turns missed` : ''} | ${live(r)} | ${split(r)} | ${r.load.toFixed(1)} |`;
    const subRows = [
      ...results.live.map((r) =>
        row(`empty site${BASELINE ? `, ${r.variant === 'base' ? `\`${BASELINE}\` (before)` : 'this checkout'}` : ''}, round ${r.round}`, r),
      ),
      ...results.postgres
        .filter((r) => r.submit)
        .flatMap((r) => {
          // the target compares the kept site with the empty database measured beside it in the same rounds (a
          // fresh size with this run's first empty-site rounds), and the kept site also with an empty site on itself
          const share = (base) => Math.round((100 * r.submit.perSecond) / base);
          const base = r.submitFresh?.perSecond ?? emptyRate;
          const target = base
            ? ` (${share(base)} % of the empty database${r.submitFresh ? ' beside it' : ''}${r.size >= 1_000_000 ? `; target ≥ 90 %: ${r.submit.perSecond >= 0.9 * base ? '✅' : '❌'}` : ''}${r.submitEmpty ? `; ${share(r.submitEmpty.perSecond)} % of the empty site on the same database` : ''})`
            : '';
          return [
            ...(r.submitFresh ? [row('empty database beside the kept one (same rounds as the next two rows)', r.submitFresh)] : []),
            ...(r.submitEmpty ? [row('empty site on the kept database (same rounds)', r.submitEmpty)] : []),
            row(`${r.size.toLocaleString('en')} items${r.reused ? ` (kept site \`${KEEP_SITE}\`)` : ''}`, r.submit, target),
          ];
        }),
    ];
    const subs = subRows.length
      ? `| database | submissions/s | cloud page loads/s (p50 / p95 ms) | live: submission to its event, p50 / p99 ms (target p99 ≤ 1,000) | of which: submission answered · answer to event, p50 / p99 ms | load average |\n|---|---|---|---|---|---|\n${results.loadsOnly ? `| empty site, page loads only (no submissions: the in-process cache answers) | — | ${results.loadsOnly.loadsPerSecond} (${fmt(results.loadsOnly.loadP50)} / ${fmt(results.loadsOnly.loadP95)}) | — | — | ${results.loadsOnly.load.toFixed(1)} |\n` : ''}${subRows.join('\n')}`
      : '(not reached)';
    const section = `## Public reads at scale (\`scripts/bench-scale.mjs\`)

Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu}, Node ${process.version}, PostgreSQL 15 (${Object.entries(
      PG_SETTINGS,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}) and
PGlite; the load generator, the server and the database share these cores with other work (1-minute load average
${loadBefore.toFixed(1)} at the start → ${loadavg()[0].toFixed(1)} at the end; each row gives its own), so figures vary between runs. Items are spread over the last 365 days: 8–40 words from
a 3,000-word vocabulary (Zipf-like) with stop words between, 30 % of them in one of 30 topics; 20–30 % replied, a
share of complaints confirmed resolved, 3 % hidden. They are written by a bulk path (SQL \`generate_series\` into
feedback, followers, thread entries and per-day cloud terms; terms checked against core's \`terms()\`), then
\`rebuildReadModels\` recounts every read model (the backfill migration).${KEEP ? ` The largest point is the site \`${KEEP_SITE}\` of a kept database (\`--keep\`), seeded earlier by the same bulk path (\`scripts/bench-pulse.mjs --keep\`) and measured as it is.` : ''} Each read is the store's method called
${SAMPLES} times in a row after one warm-up call, in-process (server-side: SQL plus assembling the answer; no HTTP,
no in-process cache). Sizes are the seeded items plus what the submission runs added.

### PostgreSQL 15

${table(results.postgres, 1)}

### PGlite (targets: 3× PostgreSQL's)

${table(results.pglite, 3)}

### Submissions while ${CLIENTS} clients load pages that embed the cloud

${CONCURRENCY} clients submit one after another for ${SECONDS} s (after 1 s warm-up) through HTTP to one server process on
PostgreSQL (pool of 10), ${TEXT === 'zipf' ? 'each a text drawn as the seeded items are (`--text zipf`: 8–40 words, 40 % stop words, the rest from the vocabulary, Zipf-like)' : 'each a text cycling evenly through all 3,000 words of the vocabulary (`--text uniform`, the worst case for the cloud fold)'}, while ${CLIENTS} clients each load \`GET /cloud?since=30d&limit=100\` ${LOAD_EVERY ? `every ${LOAD_EVERY} ms on schedule (\`--load-every ${LOAD_EVERY}\`: every site is offered ${Math.round((CLIENTS * 1000) / LOAD_EVERY)} loads/s; a load not answered by its client's next turn skips that turn)` : '200 ms after each answer (so a slower site is offered fewer loads; `--load-every MS` offers each the same)'} (what a page with
\`<voc-cloud>\` asks on load) and ${STREAMS} event streams stay open (the pages' elements), plus one that notes when each
submission's \`feedback\` event arrives. A submission changes the site's version (its ETag) and an answer is kept
only for the version it was computed at (a reader never gets an answer older than a write this server
acknowledged); one computation per answer runs at a time, and the page loads that arrive meanwhile take the next
one. "Live" is from sending a submission to its event on the open stream; it splits into the submission's own
answer (201) and the time from that answer to the event (sequencing, notification, fan-out); "not heard": the
event had not come 15 s after the run ended. The run starts once the probe's stream is open (its \`position\` came). The million-item target compares the kept site's median
round with the median round of an empty database measured beside it, in the same rounds (${KEPT_ROUNDS} each, alternating,
every other round in reverse order: an empty database on a PostgreSQL of its own, the kept database's empty site, the
kept site), after the kept database's tables and indexes were read into the OS page cache (as on a server with
memory for its data; the fresh database is in memory anyway); the empty-site rows at the top are this run's first
rounds. After each bulk seeding the database is vacuumed and checkpointed before it is measured.${BASELINE ? ` With \`--baseline ${BASELINE}\`, that commit's server (${results.baseline}) ran the empty-site run beside this checkout's, alternating, each on its own database in the same PostgreSQL.` : ''}

${subs}

Seeding: ${
      Object.entries(results.seeding)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ') || 'none'
    }.`;
    writePerformanceSection('bench-scale', section);
  }

  /** `shared_preload_libraries` for the libraries asked for (both --statements and --explain may ask). */
  const preload = (libraries) => {
    const list = libraries.filter(Boolean);
    return list.length ? { shared_preload_libraries: list.join(',') } : {};
  };

  /** With --statements: the top statements since the last reset (pg_stat_statements), then a reset. */
  async function topStatements(on) {
    console.table(
      await on.query(
        `SELECT calls, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 1)::float AS mean_ms,
           round(max_exec_time)::int AS max_ms, round(shared_blks_read::numeric / calls, 1)::float AS reads_per_call,
           round(wal_fpi::numeric / calls, 1)::float AS fpi_per_call, round(wal_bytes / calls / 1024)::int AS wal_kb_per_call,
           left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8`,
      ),
    );
    // the whole server's WAL since the last reset (full-page images: the first change of a page after a checkpoint)
    console.table(await on.query('SELECT wal_records, wal_fpi, round(wal_bytes / 1048576)::int AS wal_mb FROM pg_stat_wal'));
    // which tables and indexes the round read from disk, and (pg_walinspect) which relations its full-page images were of
    console.table(
      await on.query(
        `SELECT relname, heap_blks_read AS heap_read, idx_blks_read AS idx_read FROM pg_statio_user_tables
         WHERE heap_blks_read + coalesce(idx_blks_read, 0) > 0 ORDER BY heap_blks_read + coalesce(idx_blks_read, 0) DESC LIMIT 8`,
      ),
    );
    console.table(
      await on.query(
        `SELECT indexrelname, idx_blks_read AS idx_read FROM pg_statio_user_indexes WHERE idx_blks_read > 0
         ORDER BY idx_blks_read DESC LIMIT 10`,
      ),
    );
    const [{ lsn }] = await on.query('SELECT pg_current_wal_flush_lsn()::text AS lsn');
    if (walFrom.has(on)) {
      await on.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
      console.table(
        await on.query(
          `SELECT coalesce(c.relname, m[1]) AS relation, count(*)::int AS fpi
           FROM pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn) w,
                regexp_matches(w.block_ref, 'rel \\d+/\\d+/(\\d+) fork main blk \\d+ \\(FPW\\)', 'g') m
           LEFT JOIN pg_class c ON c.relfilenode = m[1]::oid
           GROUP BY 1 ORDER BY 2 DESC LIMIT 12`,
          [walFrom.get(on), lsn],
        ),
      );
    }
    walFrom.set(on, lsn);
    await on.query('SELECT pg_stat_statements_reset()');
    await on.query("SELECT pg_stat_reset_shared('wal')");
    await on.query('SELECT pg_stat_reset()');
  }
  const walFrom = new Map();

  // ——— the run ———

  /** Seeds `site` up to each of `sizes` (what it holds already counts) and measures reads (and, with a server, submissions). */
  async function grow(engine, db, store, sizes, server, into) {
    let have = await countItems(db, SITE);
    for (const size of sizes) {
      const t0 = performance.now();
      if (size > have) {
        await seed(db, SITE, have, size - have);
        await seedTeam(db, SITE, Math.round((size - have) / 1000));
        await rebuildReadModels(db);
        // what an operator does after a bulk import: otherwise autovacuum works through the new rows (and the read
        // models' dead ones) while the submissions are measured
        await db.exec('VACUUM (ANALYZE)');
        // and the import's dirty pages written out now, not by a checkpoint in the middle of the measured rounds
        if (engine === 'PostgreSQL') await db.exec('CHECKPOINT');
        results.seeding[`${engine} to ${size.toLocaleString('en')}`] = `${((performance.now() - t0) / 1000).toFixed(0)} s`;
        if (have === 0) await checkTerms(db, SITE);
        have = size;
      }
      const receipt = await receiptFor(db, SITE);
      const point = {
        size: await countItems(db, SITE),
        seedSeconds: (performance.now() - t0) / 1000,
        ...(await measureReads(db, store, SITE, receipt)),
      };
      into.push(point);
      console.log(`${engine} ${size}`, JSON.stringify(point));
      write();
      if (server) {
        point.submit = await submitUnderLoad(server.port, SITE);
        console.log(`${engine} ${size}: submissions/s`, point.submit);
        write();
      }
    }
  }

  let pg;
  let baseDir;
  try {
    // PostgreSQL, a fresh database
    pg = await startPostgres({
      settings: {
        ...PG_SETTINGS,
        ...preload([STATEMENTS && 'pg_stat_statements', EXPLAIN && 'auto_explain']),
        ...(EXPLAIN && { 'auto_explain.log_min_duration': EXPLAIN_MS, 'auto_explain.log_analyze': 'on' }),
      },
    });
    const db = await openDb({ databaseUrl: pg.url, poolSize: 4 });
    if (STATEMENTS) await db.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const store = new Store(db);
    const variants = [{ name: 'current', root: ROOT, url: pg.url }];
    if (BASELINE) {
      // the baseline's server on a database of its own (it applies its own migrations)
      const sha = execFileSync('git', ['rev-parse', '--verify', `${BASELINE}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
      baseDir = join(mkdtempSync(join(tmpdir(), 'voc-scale-')), 'baseline');
      execFileSync('git', ['worktree', 'add', '--detach', baseDir, sha], { cwd: ROOT, stdio: 'ignore' });
      // workspace packages are relative symlinks in node_modules, so they resolve to the baseline's own packages
      execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(baseDir, 'node_modules')]);
      await db.exec('CREATE DATABASE voc_base');
      variants.unshift({ name: 'base', root: baseDir, url: pg.url.replace(/\/postgres$/, '/voc_base') });
      results.baseline = sha.slice(0, 7);
      console.log(`baseline ${BASELINE} (${results.baseline}) in ${baseDir}`);
    }
    for (const v of variants) {
      v.server = await startServer({ DATABASE_URL: v.url }, v.root);
      for (const site of ['warmup', 'empty', SITE]) await v.server.createSite(site);
      // warm the fresh server first (V8 compiles the hot paths as they run: measured in-process, a cached cloud
      // answer costs ~3× the CPU on a cold server), on a site of its own, so the empty-site row is not a cold start
      await submitUnderLoad(v.server.port, 'warmup', CONCURRENCY, Math.min(SECONDS, 5));
    }
    const server = variants.at(-1).server;
    // the cache alone: the same page loads with no submission (every load after the first is a cached answer)
    results.loadsOnly = await submitUnderLoad(server.port, 'empty', 0);
    console.log('empty site, page loads only (no submissions):', results.loadsOnly);
    for (let round = 1; round <= ROUNDS; round++)
      for (const v of variants) {
        if (STATEMENTS) await db.query('SELECT pg_stat_statements_reset()');
        const r = { variant: v.name, round, ...(await submitUnderLoad(v.server.port, 'empty')) };
        if (STATEMENTS) await topStatements(db);
        results.live.push(r);
        console.log(`empty site, ${v.name}, round ${round}:`, r);
        write();
      }
    for (const v of variants.slice(0, -1)) await v.server.stop();

    if (EXPLAIN) execFileSync('cp', [join(pg.dataDir, 'server.log'), EXPLAIN]);
    await grow('PostgreSQL', db, store, FRESH_SIZES, server, results.postgres);
    await server.stop();
    await db.close();
    await pg.stop();
    pg = undefined;

    // PGlite (in memory, in this process)
    const liteSizes = [10_000, 100_000, 1_000_000].filter((s) => s <= PGLITE_MAX);
    if (liteSizes.length) {
      const lite = await openDb({ dataDir: 'memory://' });
      const liteStore = new Store(lite);
      await liteStore.createSite({ key: SITE, name: 'Scale', origins: [] });
      await grow('PGlite', lite, liteStore, liteSizes, undefined, results.pglite);
      await lite.close();
    }
    // PostgreSQL, the kept database: its site as it is
    if (KEEP && SIZES.some((s) => s > 100_000)) {
      // a folder still being copied or seeded elsewhere: wait for it (up to an hour)
      for (let i = 0; i < 720 && !existsSync(join(KEEP, 'PG_VERSION')); i++) {
        if (i === 0) console.log(`waiting for ${KEEP}`);
        await new Promise((r) => setTimeout(r, 5000));
      }
      pg = await startPostgres({
        keepDir: KEEP,
        settings: { ...PG_SETTINGS, ...preload([STATEMENTS && 'pg_stat_statements']) },
      });
      const kept = await openDb({ databaseUrl: pg.url, poolSize: 4 });
      const keptStore = new Store(kept);
      const size = await countItems(kept, KEEP_SITE);
      if (size === 0)
        throw new Error(`--keep ${KEEP}: site ${KEEP_SITE} holds no items (seed it with scripts/bench-pulse.mjs --keep ${KEEP})`);
      // what an earlier run left pending is folded, and the cloud windows roll forward to today (as the server's
      // sequencer does on its first run of a day)
      while ((await keptStore.sequence()).more);
      await kept.tx((sql) => foldCloud(sql, 1_000_000_000));
      // as after the fresh sizes' seeding: a kept folder just seeded still has its vacuum to come
      const tv = performance.now();
      await kept.exec('VACUUM (ANALYZE)');
      await kept.exec('CHECKPOINT');
      results.seeding['VACUUM of the kept database'] = `${((performance.now() - tv) / 1000).toFixed(0)} s`;
      // its tables and indexes read into the OS page cache, as on a database server with memory for its data (the
      // fresh database is in memory too), so the rate does not depend on how much of the kept one the OS still
      // caches after the run seeded other databases
      const tw = performance.now();
      await kept.exec('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
      const [{ mb }] = await kept.query(
        `SELECT round(sum(pg_prewarm(c.oid, 'read')) * current_setting('block_size')::int / 1048576.0)::int AS mb
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')`,
      );
      results.seeding['kept database read into the page cache'] =
        `${mb.toLocaleString('en')} MB in ${((performance.now() - tw) / 1000).toFixed(0)} s`;
      const receipt = await receiptFor(kept, KEEP_SITE);
      const point = { size, reused: true, ...(await measureReads(kept, keptStore, KEEP_SITE, receipt)) };
      results.postgres.push(point);
      console.log(`PostgreSQL kept ${KEEP_SITE}`, JSON.stringify(point));
      write();
      const keptServer = await startServer({ DATABASE_URL: pg.url });
      // sites of this run's own (the kept database may hold an earlier run's)
      const stamp = Date.now().toString(36);
      await keptServer.createSite(`warmup-${stamp}`);
      await submitUnderLoad(keptServer.port, `warmup-${stamp}`, CONCURRENCY, Math.min(SECONDS, 5));
      // the empty-site rate on this same database and server: the million-item rate is also compared with it
      const emptyKey = `empty-${stamp}`;
      await keptServer.createSite(emptyKey);
      // the million-item target's comparison: an empty database beside the kept one (a PostgreSQL of its own, same
      // settings, its own server), measured in the same rounds, so both see the same load on these shared cores
      // (the empty-database rounds at the start of a run can be 20 % faster or slower than ten minutes later)
      const side = await startPostgres({ settings: PG_SETTINGS });
      const sideServer = await startServer({ DATABASE_URL: side.url });
      await sideServer.createSite('warmup');
      await sideServer.createSite('empty');
      await submitUnderLoad(sideServer.port, 'warmup', CONCURRENCY, Math.min(SECONDS, 5));
      // KEPT_ROUNDS rounds, alternating; each row shows the round with the median rate (the lower middle one of
      // an even number)
      const runs = { fresh: [], empty: [], full: [] };
      const measure = {
        fresh: () => submitUnderLoad(sideServer.port, 'empty'),
        empty: () => submitUnderLoad(keptServer.port, emptyKey),
        full: () => submitUnderLoad(keptServer.port, KEEP_SITE),
      };
      if (STATEMENTS) {
        await kept.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
        await kept.query('SELECT pg_stat_statements_reset()');
      }
      for (let round = 1; round <= KEPT_ROUNDS; round++) {
        // every other round in the reverse order, so no database always runs right after the other's writes
        for (const which of round % 2 ? ['fresh', 'empty', 'full'] : ['full', 'empty', 'fresh']) {
          runs[which].push(await measure[which]());
          if (STATEMENTS && which !== 'fresh') await topStatements(kept);
          console.log(
            `round ${round}, ${which === 'fresh' ? 'empty database beside' : which === 'empty' ? 'kept database, empty site' : `kept ${KEEP_SITE}`}: submissions/s`,
            runs[which].at(-1),
          );
        }
      }
      const medianRun = (rs) => ({
        ...[...rs].sort((a, b) => a.perSecond - b.perSecond)[(rs.length - 1) >> 1],
        rounds: rs.map((r) => r.perSecond),
      });
      point.submitFresh = medianRun(runs.fresh);
      point.submitEmpty = medianRun(runs.empty);
      point.submit = medianRun(runs.full);
      console.log(`PostgreSQL kept ${KEEP_SITE}: submissions/s`, point.submit);
      write();
      await sideServer.stop();
      await side.stop();
      await keptServer.stop();
      await kept.close();
      await pg.stop();
      pg = undefined;
    }

    write();
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await pg?.stop();
    if (baseDir) {
      execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT, stdio: 'ignore' });
      rmSync(join(baseDir, '..'), { recursive: true, force: true });
    }
  }
  console.log('wrote docs/PERFORMANCE.md (bench-scale section)');
  process.exit(0);
}
