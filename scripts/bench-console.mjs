// Team console benchmark: 100,000 feedback items on PostgreSQL; the inbox's first page and a full-text search,
// p95 at the server over loopback HTTP; the console's first load (min+gzip of /console/console.js); and the longest
// main-thread task while triaging 60 items by keyboard in headless Chromium (j, x, e).
// Usage: node scripts/bench-console.mjs [--items 100000] [--requests 200]   (needs `npm run build` first)
// Writes its section of docs/PERFORMANCE.md (between <!-- bench-console:start --> and <!-- bench-console:end -->).
import { numberOption, runUnderTsx } from './lib/bench.mjs';

// the server and its helpers are TypeScript sources: `main` runs under tsx with the `source` condition
await runUnderTsx(main);

async function main() {
  const { readFileSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  const { cpus, loadavg } = await import('node:os');
  const { startPostgres } = await import('../packages/server/test/postgres.ts');
  const { createServer } = await import('../packages/server/src/index.ts');
  const { root, writePerformanceSection } = await import('./lib/bench.mjs');
  const puppeteer = (await import('puppeteer-core')).default;
  const { CHROME_ARGS, findBrowser } = await import('./find-browser.mjs');

  const arg = numberOption;
  const ITEMS = arg('items', 100_000);
  const REQUESTS = arg('requests', 200);
  const TOKEN = 'bench-token-0123456789abcdefghijklmnop';

  const pg = await startPostgres();
  const server = await createServer({
    port: 0,
    databaseUrl: pg.url,
    adminToken: TOKEN,
    rateLimits: false,
    webhooks: false,
    bundleDir: `${root}packages/voc/dist`,
  });
  const url = (await server.listen()).replace('127.0.0.1', 'localhost');
  try {
    await server.store.createSite({ key: 'bench', name: 'Bench', origins: ['http://localhost:*'] });
    console.log(`seeding ${ITEMS} items…`);
    const nouns = ['delivery', 'coffee', 'croissant', 'parcel', 'refund', 'checkout', 'app', 'staff', 'price', 'table'];
    const states = ['late', 'cold', 'broken', 'lovely', 'slow', 'friendly', 'missing', 'expensive', 'great', 'noisy', 'crushed', 'perfect'];
    const arr = (a) => `ARRAY[${a.map((w) => `'${w}'`).join(',')}]`;
    await server.db.exec(`
      INSERT INTO feedback (id, site, kind, text, locale, status, receipt_hash, terms, created_at)
      SELECT gen_random_uuid(), 'bench', (ARRAY['compliment','idea','complaint'])[1 + i % 3],
        'The ' || (${arr(nouns)})[1 + i % ${nouns.length}] || ' was ' || (${arr(states)})[1 + (i / 7) % ${states.length}] || ' again, order ' || i,
        (ARRAY['en','de','fr','es','ja','ar'])[1 + i % 6], 'received', md5('r' || i),
        ARRAY[(${arr(nouns)})[1 + i % ${nouns.length}], (${arr(states)})[1 + (i / 7) % ${states.length}]],
        now() - i * interval '1 minute'
      FROM generate_series(1, ${ITEMS}) AS i;
      ANALYZE feedback;`);

    const headers = { authorization: `Bearer ${TOKEN}` };
    const p95 = async (paths) => {
      const times = [];
      for (let i = 0; i < REQUESTS; i++) {
        const path = paths[i % paths.length];
        const t0 = performance.now();
        const res = await fetch(url + path, { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return {
        p50: Math.round(times[Math.floor(times.length * 0.5)] * 10) / 10,
        p95: Math.round(times[Math.floor(times.length * 0.95)] * 10) / 10,
      };
    };
    const inbox = await p95(['/v1/team/sites/bench/inbox?limit=50']);
    const search = await p95(
      ['crushed delivery', 'cold coffee', 'refund', 'Lieferung', 'broken app', 'expensive'].map(
        (q) => `/v1/team/sites/bench/inbox?limit=50&q=${encodeURIComponent(q)}`,
      ),
    );
    const filtered = await p95(['/v1/team/sites/bench/inbox?limit=50&kind=complaint&term=delivery']);
    console.log({ inbox, search, filtered });

    const firstLoad = gzipSync(readFileSync(`${root}packages/voc/dist/console/console.js`), { level: 9 }).length;

    // triage by keyboard in the real console, signed in with the team token, watching for long tasks
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS, protocolTimeout: 120_000 });
    let longest = 0;
    let longTasks = 0;
    try {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(() => {
        window.__long = [];
        new PerformanceObserver((list) => window.__long.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      });
      await page.goto(`${url}/console#token=${TOKEN}`);
      await page.waitForFunction(
        () => (document.querySelector('voc-team-console')?.shadowRoot?.querySelectorAll('.items .item').length ?? 0) >= 50,
        {
          polling: 100,
          timeout: 60_000,
        },
      );
      await new Promise((r) => setTimeout(r, 1000));
      await page.evaluate(() => (window.__long = []));
      await page.focus('voc-team-console >>> #item-0 .open');
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('j');
        if (i % 3 === 0) await page.keyboard.press('x');
        if (i % 10 === 0) await page.keyboard.press('e');
      }
      await new Promise((r) => setTimeout(r, 1000));
      const long = await page.evaluate(() => window.__long);
      longTasks = long.length;
      longest = Math.round(Math.max(0, ...long));
    } finally {
      await browser.close();
    }
    console.log({ firstLoad, longest, longTasks });

    const mark = (ok) => (ok ? '✓' : '✗');
    const section = `## Team console (\`scripts/bench-console.mjs\`)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (load average ${loadavg()[0].toFixed(1)} while it ran: shared machine), PostgreSQL 15 started by
the script, ${ITEMS.toLocaleString('en')} items in six languages, ${REQUESTS} sequential requests each, measured over loopback HTTP
with a bearer token (so it includes the role check and JSON).

| what | result | target |
| --- | --- | --- |
| inbox first page (50 items, newest first): p50 / p95 | ${inbox.p50} ms / ${inbox.p95} ms | p95 ≤ 100 ms ${mark(inbox.p95 <= 100)} |
| full-text search (6 queries, e.g. "crushed delivery", "Lieferung"): p50 / p95 | ${search.p50} ms / ${search.p95} ms | p95 ≤ 100 ms ${mark(search.p95 <= 100)} |
| kind + term filter (the console's cloud): p50 / p95 | ${filtered.p50} ms / ${filtered.p95} ms | (reference) |
| console first load: /console/console.js, Lit included, min+gzip | ${(firstLoad / 1024).toFixed(1)} kB | ≤ 60 kB ${mark(firstLoad <= 60 * 1024)} |
| longest main-thread task while triaging 60 items by keyboard (j, x, e) | ${longest} ms (${longTasks} tasks ≥ 50 ms) | no task ≥ 50 ms ${mark(longTasks === 0)} |

Search uses a generated \`tsvector\` (the item's language stemmer plus 'simple' words) with a GIN index; the inbox pages by
\`(created_at, id)\` over \`feedback_site_status_created\`/\`feedback_site_created\`.`;
    writePerformanceSection('bench-console', section);
    console.log('wrote docs/PERFORMANCE.md (bench-console section)');
  } finally {
    await server.close();
    await pg.stop();
  }
  process.exit(0);
}
