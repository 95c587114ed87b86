// Mail benchmark: announcements to 10,000 consenting followers on PostgreSQL, delivered over SMTP to a real SMTP
// server on loopback (smtp-server, in its own process), and what the same server does for submissions meanwhile.
//
// "Usual rate" is measured in the same run with the same client, without mail, side by side with the send:
// - realistic load (open loop): submissions arrive at a fixed rate well under the server's capacity (a share of the
//   capacity measured first); per phase: the share answered (201) within the deadline, and the p50/p95 latency
//   (from the moment each submission was due, so a slow server cannot hide behind a slow client). Quiet and
//   announcement phases alternate, `--rounds` times, to show the noise.
// - saturation (closed loop): `--concurrency` clients submit back to back, before and during one more announcement.
// The goal (the whole announcement out within one minute, submissions answered at ≥ 90 % of the usual rate) is
// judged on the open loop; see docs/PERFORMANCE.md.
//
// Usage: node scripts/bench-mail.mjs [--followers 10000] [--seconds 10] [--rounds 2] [--share 0.4] [--rate N]
//          [--deadline-ms 1000] [--concurrency 32] [--no-saturation] [--cpu-prof <dir>] [--no-write]
// Writes its section of docs/PERFORMANCE.md (between <!-- bench-mail:start --> and <!-- bench-mail:end -->).
import { fork } from 'node:child_process';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { numberOption, runUnderTsx, spawnServer } from './lib/bench.mjs';

if (process.argv.includes('--catcher')) await catcher();
// the server and its helpers are TypeScript sources: `main` runs under tsx with the `source` condition
else await runUnderTsx(main);

/**
 * The SMTP catcher, in a process of its own so its work does not slow the bench's clients: a real SMTP conversation
 * per message; it counts what it accepted, the distinct Message-IDs and the time of the last one, and tells the
 * parent when asked.
 */
async function catcher() {
  const { SMTPServer } = await import('smtp-server');
  const got = { n: 0, ids: new Set(), last: 0 };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 200,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c) => {
        if (head.length < 4096) head += c;
      });
      stream.on('end', () => {
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
        if (id) got.ids.add(id);
        got.n++;
        got.last = Date.now();
        callback();
      });
    },
  });
  smtp.on('error', () => {});
  smtp.listen(0, '127.0.0.1', () => process.send({ port: smtp.server.address().port }));
  process.on('message', () => process.send({ n: got.n, ids: got.ids.size, last: got.last }));
  process.on('disconnect', () => process.exit(0));
}

async function main() {
  const { fileURLToPath } = await import('node:url');
  const pg = await import('pg');
  const { startPostgres, freePort } = await import('../packages/server/test/postgres.ts');
  const { postFeedback, writePerformanceSection } = await import('./lib/bench.mjs');

  const ROOT = fileURLToPath(new URL('../', import.meta.url));
  const arg = numberOption;
  const FOLLOWERS = arg('followers', 10_000);
  const SECONDS = arg('seconds', 10);
  const ROUNDS = arg('rounds', 2);
  const SHARE = arg('share', 0.4);
  const DEADLINE = arg('deadline-ms', 1000);
  const CONCURRENCY = arg('concurrency', 32);
  const SATURATION = !process.argv.includes('--no-saturation');
  const TOKEN = 'bench-token-0123456789abcdefghijklmnop';
  const load = () => loadavg()[0].toFixed(1);

  const smtpChild = fork(fileURLToPath(import.meta.url), ['--catcher'], { stdio: 'inherit' });
  const smtpPort = await new Promise((resolve) => smtpChild.once('message', (m) => resolve(m.port)));
  /** What the catcher has accepted so far. */
  const caught = () =>
    new Promise((resolve) => {
      smtpChild.once('message', resolve);
      smtpChild.send('count');
    });

  const db = await startPostgres();
  const port = await freePort();
  // --cpu-prof <dir>: the server writes a CPU profile there when it stops
  const profAt = process.argv.indexOf('--cpu-prof');
  const prof = profAt >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[profAt + 1]}`] : [];
  const child = spawnServer({
    dir: ROOT,
    port,
    token: TOKEN,
    nodeArgs: prof,
    env: { DATABASE_URL: db.url, VOC_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, VOC_PUBLIC_URL: 'https://feedback.example.test' },
  });
  const client = new pg.default.Client({ connectionString: db.url });
  try {
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
    const base = `http://127.0.0.1:${port}`;
    const team = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const api = async (method, path, body) => {
      const res = await fetch(base + path, { method, headers: team, body: body && JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    await api('POST', '/v1/admin/sites', { key: 'bench', name: 'Café Bench', origins: [] });
    await client.connect();
    // one topic per announcement, each with its own FOLLOWERS followers who said "me too" with their address
    // (seeded in one statement each: this bench measures mail, not submissions)
    const announcements = 1 + ROUNDS + (SATURATION ? 1 : 0);
    for (let k = 1; k <= announcements; k++) {
      await api('POST', '/v1/admin/sites/bench/topics', { slug: `delivery-${k}`, title: `Delivery ${k}` });
      await client.query(
        `INSERT INTO followers (site, topic, who, contact_email)
         SELECT 'bench', $2, 'key:bench-' || $2 || '-' || i, 'follower' || i || '.' || $2 || '@example.test' FROM generate_series(1, $1) AS i`,
        [FOLLOWERS, `delivery-${k}`],
      );
    }

    const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    let seq = 0;
    const submitOne = () => {
      const n = ++seq;
      return postFeedback(
        agent,
        port,
        `bench-mail-${n}-0123456789`,
        JSON.stringify({ kind: 'idea', text: `The parcel tracking could show the driver ${n}`, locale: 'en' }),
      ).catch(() => 0);
    };
    const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);

    /** Closed loop: CONCURRENCY clients back to back for `seconds` (or until `until()`), after one second of warm-up. */
    const closedLoop = async (seconds, until = () => false) => {
      let ok = 0;
      const warm = Date.now() + 1000;
      const end = warm + seconds * 1000;
      let started = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (Date.now() < end && !until()) {
            const status = await submitOne();
            if (Date.now() < warm) continue;
            started ||= Date.now();
            if (status === 201) ok++;
          }
        }),
      );
      return ok / ((Date.now() - started) / 1000);
    };

    /**
     * Open loop: a submission is due every 1/rate s, sent when due whatever the answers before it, for at least
     * `seconds` and until `until()`. Returns how many were due, the share answered 201 within DEADLINE, and the
     * latency percentiles, each counted from the moment the submission was due.
     */
    const openLoop = async (rate, seconds, until = () => true) => {
      const start = performance.now();
      const latencies = [];
      const pending = [];
      let due = 0;
      let inTime = 0;
      while (performance.now() - start < seconds * 1000 || !until()) {
        const now = performance.now();
        while (start + (due * 1000) / rate <= now) {
          const at = start + (due++ * 1000) / rate;
          pending.push(
            submitOne().then((status) => {
              const ms = performance.now() - at;
              latencies.push(ms);
              if (status === 201 && ms <= DEADLINE) inTime++;
            }),
          );
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      const seconds_ = (performance.now() - start) / 1000;
      await Promise.all(pending);
      latencies.sort((a, b) => a - b);
      return { due, seconds: seconds_, answered: inTime / due, p50: pct(latencies, 0.5), p95: pct(latencies, 0.95) };
    };

    /** One announcement to FOLLOWERS, and what `load(done)` measured while it went out. */
    let announced = 0;
    const announce = async (during) => {
      const k = ++announced;
      const before = await caught();
      let got = before;
      let finished = false;
      const poll = (async () => {
        while (got.n - before.n < FOLLOWERS && !finished) {
          await new Promise((r) => setTimeout(r, 100));
          got = await caught();
        }
      })();
      const t0 = Date.now();
      await api('POST', '/v1/admin/sites/bench/announcements', {
        topic: `delivery-${k}`,
        title: 'A new courier from Monday',
        body: 'We are sorry for the late parcels. From Monday a new courier delivers in two days.',
      });
      const enqueuedMs = Date.now() - t0;
      const measured = await during(() => got.n - before.n >= FOLLOWERS || Date.now() - t0 > 600_000);
      finished = true;
      await poll;
      got = await caught();
      // the last batch is recorded as sent just after its last mail is accepted
      let sent = 0;
      for (let i = 0; i < 50; i++) {
        [{ sent }] = (
          await client.query("SELECT count(*)::int AS sent FROM mail_outbox WHERE topic = $1 AND status = 'sent'", [`delivery-${k}`])
        ).rows;
        if (sent >= FOLLOWERS) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const mails = got.n - before.n;
      const seconds = (got.last - t0) / 1000;
      return { ...measured, mails, ids: got.ids - before.ids, sent, enqueuedMs, mailSeconds: seconds, mailRate: mails / seconds };
    };

    // capacity: the closed loop without mail; the open loop runs at a share of it
    const capacity = await closedLoop(SECONDS);
    const RATE = arg('rate', Math.max(1, Math.round(capacity * SHARE)));
    console.log(`capacity ${capacity.toFixed(0)}/s (closed loop, ${CONCURRENCY} clients), open loop at ${RATE}/s, load ${load()}`);

    // the announcement alone: nothing else asks the server anything
    const aloneLoad = load();
    const alone = await announce(async (until) => {
      while (!until()) await new Promise((r) => setTimeout(r, 50));
      return {};
    });
    console.log('alone:', JSON.stringify(alone), aloneLoad);

    const rounds = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const quietLoad = load();
      const quiet = await openLoop(RATE, SECONDS);
      const mailLoad = load();
      const mail = await announce((until) => openLoop(RATE, 0, until));
      rounds.push({ quiet, mail, quietLoad, mailLoad, endLoad: load() });
      console.log(`round ${r}:`, JSON.stringify(rounds.at(-1)));
    }
    let saturation;
    if (SATURATION) {
      const quietLoad = load();
      const quiet = await closedLoop(SECONDS);
      const mailLoad = load();
      const mail = await announce((until) => closedLoop(Infinity, until).then((rate) => ({ rate })));
      saturation = { quiet, mail, quietLoad, mailLoad, endLoad: load() };
      console.log('saturation:', JSON.stringify(saturation));
    }

    const n = (x) => Math.round(x).toLocaleString('en');
    const ms = (x) => `${x.toFixed(0)} ms`;
    const share = (x) => `${(x * 100).toFixed(1)} %`;
    const met = (round) => round.mail.mailSeconds <= 60 && round.mail.answered >= 0.9 * round.quiet.answered;
    const rows = rounds.flatMap((round, i) => [
      `| ${i + 1} | without mail | ${round.quietLoad} | ${n(round.quiet.due)} in ${round.quiet.seconds.toFixed(1)} s | ${share(round.quiet.answered)} | ${ms(round.quiet.p50)} | ${ms(round.quiet.p95)} | |`,
      `| ${i + 1} | announcement going out | ${round.mailLoad}–${round.endLoad} | ${n(round.mail.due)} in ${round.mail.seconds.toFixed(1)} s | ${share(round.mail.answered)} (${share(round.mail.answered / round.quiet.answered)} of the round's usual) | ${ms(round.mail.p50)} | ${ms(round.mail.p95)} | ${n(round.mail.mails)} mails (${n(round.mail.ids)} distinct Message-IDs, outbox: ${n(round.mail.sent)} sent) in ${round.mail.mailSeconds.toFixed(1)} s = ${n(round.mail.mailRate)}/s; ${met(round) ? '**goal met**' : '**goal not met**'} |`,
    ]);
    const satRows = saturation
      ? `
Saturation (closed loop, ${CONCURRENCY} clients submitting back to back, so the server has no idle time at all):

| phase | load average | submissions/s | mail |
|---|---|---|---|
| without mail | ${saturation.quietLoad} | ${n(saturation.quiet)} | |
| announcement going out | ${saturation.mailLoad}–${saturation.endLoad} | ${n(saturation.mail.rate)} (${share(saturation.mail.rate / saturation.quiet)}) | ${n(saturation.mail.mails)} mails (${n(saturation.mail.ids)} distinct Message-IDs) in ${saturation.mail.mailSeconds.toFixed(1)} s = ${n(saturation.mail.mailRate)}/s |
`
      : '';
    const md = `## Mail (\`npm run bench:mail\`)

Announcements to ${n(FOLLOWERS)} consenting followers each, on PostgreSQL 15, one server instance, SMTP to a real SMTP
server on loopback (\`smtp-server\`, its own process). The announcement writes its ${n(FOLLOWERS)} outbox rows in one
transaction (${ms(alone.enqueuedMs)}). Alone, with no other request, it went out in ${alone.mailSeconds.toFixed(1)} s
(${n(alone.mailRate)} mails/s; ${n(alone.mails)} mails, ${n(alone.ids)} distinct Message-IDs, outbox: ${n(alone.sent)} sent;
load average ${aloneLoad}). ${cpus().length} cores shared with other work; load
average (1 min) given per phase; ${new Date().toISOString().slice(0, 10)}.

Realistic load (open loop): submissions arrive at ${n(RATE)}/s whether or not earlier ones were answered
(${Math.round(SHARE * 100)} % of the ${n(capacity)}/s this server answered back to back just before), first without
mail, then while an announcement goes out, ${ROUNDS} rounds side by side. Answered = 201 within ${DEADLINE} ms of the
moment the submission was due; latency counted from that moment.

| round | phase | load average | submissions due | answered | p50 | p95 | mail |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

The goal (the whole announcement out within one minute, the server answering submissions at ≥ 90 % of its usual
rate meanwhile) is judged on the open loop, round by round against the quiet phase just before: the usual rate is
the rate at which customers submit, which a server is sized to keep well under its capacity, and the question is
whether they are still answered, in time, while the mail goes out. In the closed loop below the clients submit as
fast as the server answers, so it has no idle time and whatever it does for mail comes out of submissions; that
table shows what the send costs at saturation, not the usual rate.
${satRows}`;
    if (!process.argv.includes('--no-write')) console.log(writePerformanceSection('bench-mail', md));
    else console.log(md);
  } finally {
    await client.end().catch(() => {});
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    smtpChild.kill();
    await db.stop();
  }
}
