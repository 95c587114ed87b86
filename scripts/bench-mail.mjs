// Mail benchmark: an announcement to 10,000 consenting followers on PostgreSQL, delivered over SMTP to a real
// SMTP server on loopback (smtp-server), and the submission rate of the same server before and during the send.
// Usage: node scripts/bench-mail.mjs [--followers 10000] [--seconds 8] [--concurrency 32] [--cpu-prof <dir>]
// Writes its section of docs/PERFORMANCE.md (between <!-- bench-mail:start --> and <!-- bench-mail:end -->).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { runUnderTsx } from './lib/bench.mjs';

// the server and its test helpers are TypeScript sources: run again under tsx with the `source` condition
// the server and its helpers are TypeScript sources: `main` runs under tsx with the `source` condition
await runUnderTsx(main);

async function main() {
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const { SMTPServer } = await import('smtp-server');
  const pg = await import('pg');
  const { startPostgres, freePort } = await import('../packages/server/test/postgres.ts');
  const { postFeedback, writePerformanceSection } = await import('./lib/bench.mjs');

  const ROOT = fileURLToPath(new URL('../', import.meta.url));
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const FOLLOWERS = arg('followers', 10_000);
  const SECONDS = arg('seconds', 8);
  const CONCURRENCY = arg('concurrency', 32);
  const TOKEN = 'bench-token-0123456789abcdefghijklmnop';

  // the catcher: a real SMTP conversation per message; it counts what it accepted and the distinct Message-IDs
  const received = { n: 0, ids: new Set(), first: 0, last: 0 };
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
        if (id) received.ids.add(id);
        received.n++;
        received.last = Date.now();
        received.first ||= received.last;
        callback();
      });
    },
  });
  smtp.on('error', () => {});
  const smtpPort = await new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve(smtp.server.address().port)));

  const db = await startPostgres();
  const port = await freePort();
  // --cpu-prof <dir>: the server writes a CPU profile there when it stops
  const profAt = process.argv.indexOf('--cpu-prof');
  const prof = profAt >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[profAt + 1]}`] : [];
  const child = spawn(process.execPath, [...prof, '--conditions=source', '--import', 'tsx', join(ROOT, 'packages/server/src/cli.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      VOC_ADMIN_TOKEN: TOKEN,
      NODE_ENV: 'production',
      VOC_RATE_LIMIT: 'off',
      DATABASE_URL: db.url,
      VOC_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      VOC_PUBLIC_URL: 'https://feedback.example.test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    await api('POST', '/v1/admin/sites/bench/topics', { slug: 'delivery', title: 'Delivery' });

    // 10,000 followers who said "me too" with their address (seeded in one statement: this bench measures mail)
    const client = new pg.default.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO followers (site, topic, who, contact_email)
       SELECT 'bench', 'delivery', 'key:bench-' || i, 'follower' || i || '@example.test' FROM generate_series(1, $1) AS i`,
      [FOLLOWERS],
    );

    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let seq = 0;
    const post = (key, body) => postFeedback(agent, port, key, body);
    /** Closed-loop load for `seconds` (or until `until()`), after one second of warm-up. */
    const submitRate = async (seconds, until = () => false) => {
      let ok = 0;
      const warm = Date.now() + 1000;
      const end = warm + seconds * 1000;
      let started = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (Date.now() < end && !until()) {
            const n = ++seq;
            const status = await post(
              `bench-mail-${n}-0123456789`,
              JSON.stringify({ kind: 'idea', text: `The parcel tracking could show the driver ${n}`, locale: 'en' }),
            );
            if (Date.now() < warm) continue;
            started ||= Date.now();
            if (status === 201) ok++;
          }
        }),
      );
      return Math.round(ok / ((Date.now() - started) / 1000));
    };

    const before = await submitRate(SECONDS);
    const t0 = Date.now();
    const announced = await api('POST', '/v1/admin/sites/bench/announcements', {
      topic: 'delivery',
      title: 'A new courier from Monday',
      body: 'We are sorry for the late parcels. From Monday a new courier delivers in two days.',
    });
    const enqueued = Date.now() - t0;
    // submissions while the announcement goes out
    const during = await submitRate(120, () => received.n >= FOLLOWERS);
    while (received.n < FOLLOWERS && Date.now() - t0 < 300_000) await new Promise((r) => setTimeout(r, 100));
    const total = (received.last - t0) / 1000;
    const [{ sent, queued }] = (
      await client.query("SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS queued FROM mail_outbox")
    ).rows;
    await client.end();

    const rows = [
      `| followers with consent | ${FOLLOWERS.toLocaleString('en')} (the announcement queued ${queued.toLocaleString('en')} mails; it says ${announced.followers.toLocaleString('en')} followers, from the read model, which this seeding bypasses) |`,
      `| outbox rows written with the announcement | ${enqueued} ms (one transaction) |`,
      `| mails accepted by the SMTP server | ${received.n.toLocaleString('en')}, ${received.ids.size.toLocaleString('en')} distinct Message-IDs; outbox says ${sent.toLocaleString('en')} sent |`,
      `| whole announcement out | ${total.toFixed(1)} s (${Math.round(received.n / total)} mails/s) |`,
      `| submissions/s before the send | ${before} |`,
      `| submissions/s during the send | ${during} (${Math.round((during / before) * 100)} %) |`,
    ];
    const md = `## Mail (\`npm run bench:mail\`)

An announcement to ${FOLLOWERS.toLocaleString('en')} consenting followers on PostgreSQL 15, one server instance, SMTP to
a real SMTP server on loopback (\`smtp-server\`), ${CONCURRENCY} clients submitting feedback before and during the send.
${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the end, ${new Date().toISOString().slice(0, 10)}.

| what | result |
|---|---|
${rows.join('\n')}
`;
    console.log(writePerformanceSection('bench-mail', md));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    smtp.close();
    await db.stop();
  }
}
