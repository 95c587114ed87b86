// Server benchmark: submissions per second through HTTP on PGlite and on PostgreSQL (beside pgbench's raw
// single-row insert rate of the same PostgreSQL, in the same run), and live delivery: open SSE connections held
// by one instance and the latency (p50/p99) of one event reaching all of them.
// Usage: node scripts/bench-server.mjs [--seconds 10] [--concurrency 64] [--connections 10000] [--events 20]
//          [--baseline <git-ref>] [--rounds 2] [--only pglite|postgres] [--profile <dir>]
// With --baseline, the server of that commit (checked out into a temporary git worktree, node_modules hard-linked)
// runs beside the current one and the submission runs alternate (base, current, base, current…) in the same run, so
// a shared machine's load hits both alike; both columns go into the table.
// Each run also reports the CPU time spent per submission by the server process (all its threads, and its main
// thread alone) and, on PostgreSQL, by the database's processes, which a shared machine's load disturbs far less
// than the rate (at a low rate, the server's idle work weighs more per submission).
// --only runs one engine (and writes nothing into docs); --profile writes a V8 CPU profile of each server's main
// thread during each measured run into that folder (scripts/lib/cpu-profile.mjs).
// Writes its section of docs/PERFORMANCE.md (between <!-- bench-server:start --> and <!-- bench-server:end -->).
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { numberOption, runUnderTsx, spawnServer } from './lib/bench.mjs';

// the server and its helpers are TypeScript sources: `main` runs under tsx with the `source` condition
await runUnderTsx(main);

async function main() {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const { startPostgres, freePort } = await import('../packages/server/test/postgres.ts');

  const ROOT = fileURLToPath(new URL('../', import.meta.url));
  const arg = numberOption;
  const SECONDS = arg('seconds', 10);
  const CONCURRENCY = arg('concurrency', 64);
  const CONNECTIONS = arg('connections', 10_000);
  const EVENTS = arg('events', 20);
  const at = process.argv.indexOf('--baseline');
  const BASELINE = at >= 0 ? process.argv[at + 1] : undefined;
  if (at >= 0 && (!BASELINE || BASELINE.startsWith('--'))) throw new Error('--baseline needs a git ref, e.g. --baseline 4ca1dcf');
  const ROUNDS = arg('rounds', BASELINE ? 2 : 1);
  const { option } = await import('./lib/bench.mjs');
  const ONLY = option('only', undefined);
  if (ONLY && ONLY !== 'pglite' && ONLY !== 'postgres') throw new Error('--only takes pglite or postgres');
  const PROFILE = option('profile', undefined);
  const TOKEN = 'bench-token-0123456789abcdefghijklmnop';
  const children = new Set();

  /** Checks `ref` out into a temporary worktree with this checkout's node_modules hard-linked; returns its folder. */
  function checkoutBaseline(ref, dir) {
    const sha = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
    execFileSync('git', ['worktree', 'add', '--detach', dir, sha], { cwd: ROOT, stdio: 'ignore' });
    // workspace packages are relative symlinks in node_modules, so they resolve to the baseline's own packages
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
    return sha;
  }

  async function startServer(env, root = ROOT, name = 'server') {
    const port = await freePort();
    // SIGUSR2 starts and stops a profile of the main thread (scripts/lib/cpu-profile.mjs): one per measured run
    const profile = PROFILE ? ['--import', join(ROOT, 'scripts/lib/cpu-profile.mjs')] : [];
    const child = spawnServer({
      dir: root,
      port,
      token: TOKEN,
      nodeArgs: profile,
      env: { VOC_LOG: '0', ...(PROFILE && { VOC_PROFILE_DIR: PROFILE, VOC_PROFILE_NAME: `${name}-${port}` }), ...env },
    });
    children.add(child);
    let out = '';
    await new Promise((resolve, reject) => {
      const onData = (c) => {
        out += c;
        if (out.includes('live events')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const res = await fetch(`${url}/v1/admin/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'bench', name: 'Bench', origins: [] }),
    });
    if (res.status !== 201 && res.status !== 422) throw new Error(`site: ${res.status}`);
    return {
      url,
      port,
      pid: child.pid,
      async stop() {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
        children.delete(child);
      },
    };
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const WORDS =
    'delivery parcel courier checkout payment refund support chat app login search price discount size colour fabric shoes jacket return exchange warehouse driver box label tracking invoice voucher newsletter website mobile basket'.split(
      ' ',
    );
  let seq = 0;
  const { postFeedback } = await import('./lib/bench.mjs');
  const post = (port, key, body) => postFeedback(agent, port, key, body);

  /** CPU time (user + system, ms) each of `pids` has used so far; a process that is gone counts 0. */
  const { readFileSync, readdirSync } = await import('node:fs');
  function cpuMs(pids) {
    let sum = 0;
    for (const pid of pids) {
      try {
        // the fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ');
        sum += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        // exited
      }
    }
    return sum;
  }
  /** The processes of a PostgreSQL server: the postmaster and its children (backends and helpers). */
  function postgresPids(pg) {
    const postmaster = Number(readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const pids = [postmaster];
    for (const d of readdirSync('/proc'))
      if (/^\d+$/.test(d))
        try {
          if (Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ').at(-1).split(' ')[1]) === postmaster) pids.push(Number(d));
        } catch {
          // exited meanwhile
        }
    return pids;
  }
  /** `submitRate` with the CPU time per submission of `servers` (node processes) and of `pg` (PostgreSQL) beside it. */
  async function measured(servers, pg) {
    const serverPids = servers.map((s) => s.pid);
    const dbBefore = pg ? new Map(postgresPids(pg).map((pid) => [pid, cpuMs([pid])])) : undefined;
    const before = cpuMs(serverPids);
    const mainPaths = serverPids.map((pid) => `${pid}/task/${pid}`);
    const mainBefore = cpuMs(mainPaths);
    if (PROFILE) for (const pid of serverPids) process.kill(pid, 'SIGUSR2');
    const r = await submitRate(...servers.map((s) => s.port));
    if (PROFILE) for (const pid of serverPids) process.kill(pid, 'SIGUSR2');
    const perItem = (ms) => Math.round((ms / Math.max(1, r.answered)) * 1000) / 1000;
    const out = { ...r, serverCpuMs: perItem(cpuMs(serverPids) - before), mainCpuMs: perItem(cpuMs(mainPaths) - mainBefore) };
    if (pg) {
      // a backend that started during the run counts from 0; one that ended is missed (pool connections stay)
      const used = postgresPids(pg).reduce((sum, pid) => sum + cpuMs([pid]) - (dbBefore.get(pid) ?? 0), 0);
      out.dbCpuMs = perItem(used);
    }
    return out;
  }

  /** Closed-loop load: CONCURRENCY clients each submit one after another for SECONDS. */
  async function submitRate(...ports) {
    const run = `${Date.now().toString(36)}`;
    let ok = 0;
    let bad = 0;
    // every 201, the warm-up's too (for the CPU per submission)
    let answered = 0;
    const warm = Date.now() + 1000;
    const end = warm + SECONDS * 1000;
    let started = 0;
    const worker = async (_, w) => {
      const port = ports[w % ports.length];
      while (Date.now() < end) {
        const n = ++seq;
        const w = (i) => WORDS[(n * 7 + i * 13) % WORDS.length];
        const body = JSON.stringify({
          kind: ['compliment', 'idea', 'complaint'][n % 3],
          text: `The ${w(1)} and the ${w(2)} were ${w(3)} number ${n}`,
          locale: 'en',
        });
        const status = await post(port, `bench-${run}-${n}`, body);
        if (status === 201) answered++;
        if (Date.now() < warm) continue;
        if (!started) started = Date.now();
        if (status === 201) ok++;
        else bad++;
      }
    };
    // one reader asks for the 30-day cloud again and again meanwhile: how long a public read takes under this write load
    const readLatencies = [];
    let readFailed = 0;
    const reader = async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        const res = await fetch(`http://127.0.0.1:${ports[0]}/v1/sites/bench/cloud?since=30d&limit=200`);
        await res.arrayBuffer();
        if (res.status !== 200) readFailed++;
        else if (Date.now() >= warm) readLatencies.push(performance.now() - t0);
      }
    };
    await Promise.all([reader(), ...Array.from({ length: CONCURRENCY }, (_, w) => worker(_, w))]);
    const elapsed = (Date.now() - started) / 1000;
    readLatencies.sort((a, b) => a - b);
    const q = (p) => Math.round(readLatencies[Math.min(readLatencies.length - 1, Math.floor(p * readLatencies.length))] ?? NaN);
    return {
      perSecond: Math.round(ok / elapsed),
      ok,
      bad,
      seconds: Math.round(elapsed * 10) / 10,
      answered,
      readP50: q(0.5),
      readP95: q(0.95),
      reads: readLatencies.length,
      readFailed,
    };
  }

  function pgbenchInsert(pg) {
    const args = ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres'];
    pg.run('psql', [
      ...args,
      '-qc',
      'CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, v double precision, t text)',
      'postgres',
    ]);
    const script = join(pg.dataDir, 'insert.sql');
    writeFileSync(script, "INSERT INTO bench_rows (v, t) VALUES (random(), 'one row');\n");
    const out = pg.run('pgbench', [
      ...args,
      '-n',
      '-c',
      String(Math.min(CONCURRENCY, 16)),
      '-j',
      '2',
      '-T',
      String(SECONDS),
      '-f',
      script,
      'postgres',
    ]);
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
    // no tps line when not one transaction finished (a starved machine)
    return Number.isFinite(tps) ? Math.round(tps) : 'n/a';
  }

  /** Opens `count` SSE connections; resolves with them once each has its 200. */
  async function openStreams(port, count) {
    const streams = [];
    const sseAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    let failed = 0;
    const openOne = () =>
      new Promise((resolve) => {
        const s = { res: undefined, buf: '', onEvent: undefined };
        const req = http.get({ host: '127.0.0.1', port, path: '/v1/sites/bench/events', agent: sseAgent }, (res) => {
          if (res.statusCode !== 200) {
            failed++;
            res.resume();
            return resolve();
          }
          s.res = res;
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            s.buf += chunk;
            let cut;
            while ((cut = s.buf.indexOf('\n\n')) >= 0) {
              const frame = s.buf.slice(0, cut);
              s.buf = s.buf.slice(cut + 2);
              if (frame.includes('\nevent: ') || frame.startsWith('event: ')) continue;
              const data = frame.split('\n').find((l) => l.startsWith('data: '));
              if (data) s.onEvent?.(JSON.parse(data.slice(6)));
            }
          });
          streams.push(s);
          resolve();
        });
        req.on('error', () => {
          failed++;
          resolve();
        });
      });
    // open in batches so the accept queue keeps up
    for (let i = 0; i < count; i += 500) await Promise.all(Array.from({ length: Math.min(500, count - i) }, openOne));
    return { streams, failed, close: () => streams.forEach((s) => s.res.destroy()) };
  }

  /** Submits one item at a time; each time, how long until every stream has its `feedback` event. */
  async function deliveryLatency(port, streams) {
    const latencies = [];
    let missed = 0;
    for (let e = 0; e < EVENTS; e++) {
      const text = `Live bench event ${e} ${Date.now()}`;
      let pending = streams.length;
      let resolveAll;
      const all = new Promise((r) => (resolveAll = r));
      const t0 = performance.now();
      let id;
      for (const s of streams)
        s.onEvent = (event) => {
          if (event.type !== 'feedback' || (id && event.data.id !== id)) return;
          s.onEvent = undefined;
          latencies.push(performance.now() - t0);
          if (--pending === 0) resolveAll();
        };
      const res = await fetch(`http://127.0.0.1:${port}/v1/sites/bench/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `live-${Date.now()}-${e}` },
        body: JSON.stringify({ kind: 'idea', text }),
      });
      id = (await res.json()).id;
      await Promise.race([all, new Promise((r) => setTimeout(r, 10_000))]);
      missed += pending;
      for (const s of streams) s.onEvent = undefined;
    }
    latencies.sort((a, b) => a - b);
    const q = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN);
    return { p50: q(0.5), p99: q(0.99), max: Math.round(latencies.at(-1) ?? NaN), deliveries: latencies.length, missed };
  }

  const results = {};
  const loadBefore = loadavg()[0];
  const dataDir = mkdtempSync(join(tmpdir(), 'voc-bench-'));
  const baseDir = join(dataDir, 'baseline');
  let pg;
  /** The servers compared: the baseline (with --baseline) and this checkout. */
  const variants = [{ name: 'current', root: ROOT, runs: {} }];
  try {
    if (BASELINE) {
      const sha = checkoutBaseline(BASELINE, baseDir);
      variants.unshift({ name: 'base', root: baseDir, sha, runs: {} });
      console.log(`baseline ${BASELINE} (${sha.slice(0, 7)}) checked out in ${baseDir}`);
    }
    console.log(
      `bench-server: ${SECONDS} s per run, ${ROUNDS} round(s), ${CONCURRENCY} concurrent clients, ${CONNECTIONS} live connections, ${EVENTS} events`,
    );
    /** Runs `measure(variant)` ROUNDS times for each variant, alternating variants, and keeps every result. */
    const interleaved = async (label, measure) => {
      for (let round = 0; round < ROUNDS; round++)
        for (const v of variants) {
          const r = await measure(v);
          (v.runs[label] ??= []).push({ ...r, load: loadavg()[0] });
          console.log(`${label} ${v.name} round ${round + 1}:`, r, `load ${loadavg()[0].toFixed(1)}`);
        }
    };

    if (ONLY !== 'postgres') {
      for (const v of variants) v.lite = await startServer({ VOC_DATA_DIR: join(dataDir, `pglite-${v.name}`) }, v.root, `${v.name}-pglite`);
      await interleaved('pglite', (v) => measured([v.lite]));

      // live connections on the default deployment (PGlite), this checkout only
      if (!ONLY) {
        const current = variants.at(-1);
        const { streams, failed, close } = await openStreams(current.lite.port, CONNECTIONS);
        results.live = { open: streams.length, failed, ...(await deliveryLatency(current.lite.port, streams)) };
        console.log('live', results.live);
        close();
      }
      for (const v of variants) await v.lite.stop();
    }

    if (ONLY !== 'pglite') {
      pg = await startPostgres({ settings: { fsync: 'on', synchronous_commit: 'on', shared_buffers: '256MB' } });
      if (!ONLY) {
        results.pgbench = pgbenchInsert(pg);
        console.log('pgbench single-row inserts/s', results.pgbench);
      }
      for (const v of variants) {
        // each variant has its own database (their migrations differ)
        pg.run('psql', ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-qc', `CREATE DATABASE voc_${v.name}`, 'postgres']);
        const url = pg.url.replace(/\/postgres$/, `/voc_${v.name}`);
        v.pg = [
          await startServer({ DATABASE_URL: url, VOC_POOL_SIZE: '20' }, v.root, `${v.name}-pg1`),
          await startServer({ DATABASE_URL: url, VOC_POOL_SIZE: '20' }, v.root, `${v.name}-pg2`),
        ];
      }
      await interleaved('postgres', (v) => measured([v.pg[0]], pg));
      await interleaved('postgres2', (v) => measured(v.pg, pg));
      if (!ONLY) {
        results.pgbenchAfter = pgbenchInsert(pg);
        console.log('pgbench single-row inserts/s (after)', results.pgbenchAfter);
      }
      for (const v of variants) for (const s of v.pg) await s.stop();
    }
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await pg?.stop();
    if (BASELINE) {
      try {
        execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT, stdio: 'ignore' });
      } catch {
        // the folder goes below anyway; `git worktree prune` forgets it
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (BASELINE) execFileSync('git', ['worktree', 'prune'], { cwd: ROOT, stdio: 'ignore' });
  }

  // CPU per submission, mean of the runs: the number a busy machine disturbs least
  const cpuOf = (v, label, key) => {
    const runs = v.runs[label] ?? [];
    const xs = runs.map((r) => r[key]).filter((x) => x !== undefined);
    return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : undefined;
  };
  for (const label of ['pglite', 'postgres', 'postgres2'])
    for (const v of variants)
      if (v.runs[label])
        console.log(
          `cpu per submission ${label} ${v.name}: server ${cpuOf(v, label, 'serverCpuMs')} ms (main thread ${cpuOf(v, label, 'mainCpuMs')} ms)${
            label === 'pglite' ? '' : `, database ${cpuOf(v, label, 'dbCpuMs')} ms`
          }`,
        );
  if (ONLY) process.exit(0);

  const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`;
  const load = `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
  const mark = (ok) => (ok ? '✅' : '❌');
  const fmt = (n) => n.toLocaleString('en');
  /** Mean of a variant's runs of one measure, with each run and what was refused. */
  const summary = (v, label) => {
    const runs = v.runs[label];
    const mean = Math.round(runs.reduce((sum, r) => sum + r.perSecond, 0) / runs.length);
    const refused = runs.reduce((sum, r) => sum + r.bad, 0);
    return { mean, text: `**${fmt(mean)}** (${runs.map((r) => fmt(r.perSecond)).join(', ')}${refused ? `; ${refused} refused` : ''})` };
  };
  const [base, current] = BASELINE ? variants : [undefined, variants[0]];
  const rows = [
    ['submissions/s, embedded PostgreSQL (PGlite)', 'pglite', (n) => `≥ 1,000 ${mark(n >= 1000)}`],
    ['submissions/s, PostgreSQL 15', 'postgres', (n) => `≥ 3,000 ${mark(n >= 3000)}`],
    ['submissions/s, PostgreSQL 15, two server instances (clients split between them)', 'postgres2', () => '(scaling out)'],
  ];
  const head = BASELINE
    ? `| measure | base \`${base.sha.slice(0, 7)}\`${base.sha.startsWith(BASELINE) ? '' : ` (${BASELINE})`} | current | current / base | target |\n|---|---|---|---|---|`
    : '| measure | result | target |\n|---|---|---|';
  const lines = rows.map(([title, label, target]) => {
    const c = summary(current, label);
    if (!BASELINE) return `| ${title} | ${c.text} | ${target(c.mean)} |`;
    const b = summary(base, label);
    return `| ${title} | ${b.text} | ${c.text} | ${Math.round((100 * c.mean) / b.mean)} % | ${target(c.mean)} |`;
  });
  /** The reader's latencies of a variant's runs of one measure: p50 / p95 of each run. */
  const reads = (v, label) =>
    v.runs[label]
      .map((r) => `${r.readP50} / ${r.readP95} ms (${fmt(r.reads)}${r.readFailed ? `; ${r.readFailed} failed` : ''})`)
      .join(', ');
  for (const [title, label] of [
    ['30-day cloud read during the PGlite submissions: p50 / p95 per run (reads)', 'pglite'],
    ['30-day cloud read during the PostgreSQL submissions: p50 / p95 per run (reads)', 'postgres'],
  ])
    lines.push(
      BASELINE
        ? `| ${title} | ${reads(base, label)} | ${reads(current, label)} | | (reference) |`
        : `| ${title} | ${reads(current, label)} | (reference) |`,
    );
  /** CPU ms per submission of a variant's runs of one measure: the server process (its main thread), and PostgreSQL. */
  const cpuCell = (v, label) => {
    const f = (key) => cpuOf(v, label, key)?.toFixed(2);
    return `${f('serverCpuMs')} (${f('mainCpuMs')})${label === 'pglite' ? '' : ` / ${f('dbCpuMs')}`} ms`;
  };
  for (const [title, label] of [
    ['CPU per submission, PGlite: server process (its main thread), mean of the runs', 'pglite'],
    ['CPU per submission, PostgreSQL: server process (its main thread) / PostgreSQL, mean of the runs', 'postgres'],
    ['CPU per submission, two instances: both server processes (main threads) / PostgreSQL, mean of the runs', 'postgres2'],
  ]) {
    const ratio = BASELINE ? Math.round((100 * cpuOf(current, label, 'serverCpuMs')) / cpuOf(base, label, 'serverCpuMs')) : 0;
    lines.push(
      BASELINE
        ? `| ${title} | ${cpuCell(base, label)} | ${cpuCell(current, label)} | server ${ratio} % | (lower is better) |`
        : `| ${title} | ${cpuCell(current, label)} | (lower is better) |`,
    );
  }
  // the rows below measure one thing for both (pgbench) or the current server only (live)
  const gap = BASELINE ? ' | | | ' : ' | ';
  const section = `## Server (\`scripts/bench-server.mjs\`)

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu}, Node ${process.version}; the load generator, the server and
PostgreSQL share these cores. ${CONCURRENCY} keep-alive clients submit for ${SECONDS} s (after 1 s warm-up), each a different text, through HTTP
to one server process (rate limits off). PostgreSQL runs with fsync and synchronous commit on. The machine is shared
(1-minute load average ${load} during the run), so results vary between runs by up to ±50 %.${
    BASELINE
      ? `

\`--baseline ${BASELINE}\`: the server of that commit ran beside this one, each on its own data (its own PGlite folder, its own
database in the same PostgreSQL), and the ${SECONDS}-s runs alternated base, current, base, current (${ROUNDS} rounds); each cell is the
mean, with every run in brackets. Load average at each run: ${variants
          .flatMap((v) =>
            Object.entries(v.runs).map(([label, runs]) => `${v.name} ${label} ${runs.map((r) => r.load.toFixed(1)).join('/')}`),
          )
          .join('; ')}.`
      : ''
  }

${head}
${lines.join('\n')}
| pgbench raw single-row inserts/s, same PostgreSQL, same run (before / after the server runs) | ${results.pgbench.toLocaleString('en')} / ${results.pgbenchAfter.toLocaleString('en')}${gap}(reference) |
| live connections held by one instance (current) | ${results.live.open} open, ${results.live.failed} failed${gap}10,000 ${mark(results.live.open >= 10_000)} |
| one event to all of them: p50 / p99 / max (current) | ${results.live.p50} ms / ${results.live.p99} ms / ${results.live.max} ms (${results.live.deliveries} deliveries, ${results.live.missed} missed, ${EVENTS} events)${gap}p99 ≤ 1 s ${mark(results.live.p99 <= 1000 && results.live.missed === 0)} |

Each submission is durable when answered: the idempotency claim, the row, its cloud-term delta, the read-model counters
(status counts, pulse days and hours, topic counts), two live events and the webhook outbox commit together
(submissions that arrive together share one statement and one commit); the sequencer numbers the events at once and,
at most every 500 ms, folds the cloud deltas into the per-day and per-window counts; reads add the deltas not folded
yet. Meanwhile one more client reads the 30-day cloud (\`GET /v1/sites/bench/cloud?since=30d&limit=200\`) again and
again; its latencies show what a public read costs under that write load.`;
  const { writePerformanceSection } = await import('./lib/bench.mjs');
  writePerformanceSection('bench-server', section);
  console.log(`wrote docs/PERFORMANCE.md (bench-server section)`);
  process.exit(0);
}
