// Cloud layout benchmark in headless Chromium: our engine (packages/cloud/src/layout) beside d3-cloud and
// wordcloud2 on the same word lists (50, 250, 500, 1000 terms; 600×400 px; same font sizes).
// Records time to lay out, words placed, longest main-thread task, and time to add one term to a finished
// layout; prints a table and writes it between the bench-cloud markers of docs/PERFORMANCE.md.
// Usage: node scripts/bench-cloud.mjs [--runs 3] [--sizes 50,250,500,1000] [--no-write]
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { CHROME_ARGS, findBrowser } from './find-browser.mjs';
import { option, writePerformanceSection } from './lib/bench.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const arg = option;
const RUNS = Number(arg('runs', 3));
const SIZES = arg('sizes', '50,250,500,1000').split(',').map(Number);
const WIDTH = 600;
const HEIGHT = 400;
const FONT = 'sans-serif';
/** The smallest term `<voc-cloud>` draws (CSS px), for the fitted layouts as the element uses them. */
const MIN_FONT = 12;
const require = createRequire(import.meta.url);
const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

// The page: the three engines, and one function per engine that lays out a word list and reports.
const entry = `
import { CloudLayout, yieldToEventLoop } from './packages/cloud/src/layout/layout.ts';
import cloud from 'd3-cloud';
import WordCloud from 'wordcloud';

let longest = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); })
  .observe({ type: 'longtask', buffered: false });
const settle = () => new Promise((r) => setTimeout(r, 60)); // long-task entries arrive asynchronously
const canvas = document.createElement('canvas');
const ctx = canvas.getContext('2d');
const measureFont = '600 100px ${FONT}';
// as <voc-cloud> measures: advance width and ink extents, so boxes follow the ink as d3-cloud's sprites do
const measure = (text) => {
  if (ctx.font !== measureFont) ctx.font = measureFont;
  const m = ctx.measureText(text);
  return { width: m.width, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent };
};

// Ink coverage: the share of the box's pixels that carry ink, each engine's words drawn as it places them.
function inkOf(c) {
  const data = c.getContext('2d').getImageData(0, 0, ${WIDTH}, ${HEIGHT}).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
  return ink / (${WIDTH} * ${HEIGHT});
}
function paper() {
  const c = document.createElement('canvas');
  c.width = ${WIDTH}; c.height = ${HEIGHT};
  return c;
}
function coverageOurs(placed) {
  const c = paper(); const g = c.getContext('2d');
  for (const w of placed) {
    g.font = '600 ' + w.fontSize + 'px ${FONT}';
    // the box is the word's ink: its top is the ink's top, its left the advance's start
    g.fillText(w.text, w.x, w.y + g.measureText(w.text).actualBoundingBoxAscent);
  }
  return inkOf(c);
}
function coverageD3(placed) {
  const c = paper(); const g = c.getContext('2d');
  g.textAlign = 'center';
  // d3-cloud's words are centred on (x, y) from the middle of the box, y on the baseline
  for (const w of placed) { g.font = '600 ' + w.size + 'px ${FONT}'; g.fillText(w.text, ${WIDTH / 2} + w.x, ${HEIGHT / 2} + w.y); }
  return inkOf(c);
}

// seeded random for d3-cloud, so its runs are repeatable too
function seeded(seed) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }

async function ours(words, extra, mode) {
  // 'same': no fitting to the area (the sizes d3-cloud gets); words that do not fit are shrunk, not dropped
  // 'fitted' (as <voc-cloud>): sizes scaled together, down to fit or up to fill the box, none under 12 px (the
  // element's smallest legible size): words that do not fit at 12 px stay out, and the element says so
  const layout = new CloudLayout({ width: ${WIDTH}, height: ${HEIGHT}, measure, seed: 1, padding: 1,
    ...(mode === 'same' ? { density: 1e9 } : { fill: true, minFontSize: ${MIN_FONT} }) });
  await settle(); longest = 0;
  let slice = 0;
  const t0 = performance.now();
  let missed;
  if (mode !== 'sliced') missed = layout.layout(words);
  else {
    let last = performance.now();
    missed = await layout.layoutAsync(words, { budget: 8, yieldTo: () => { slice = Math.max(slice, performance.now() - last);
      return yieldToEventLoop().then(() => { last = performance.now(); }); } });
    slice = Math.max(slice, performance.now() - last);
  }
  const time = performance.now() - t0;
  const coverage = coverageOurs(layout.placed());
  // performance.now() is coarsened to 0.1 ms here: time the 20 adds together for the mean, each for the max
  const adds = [];
  const a0 = performance.now();
  for (const w of extra) { const a = performance.now(); layout.add(w); adds.push(performance.now() - a); }
  const add = (performance.now() - a0) / extra.length;
  const addMax = Math.max(...adds);
  const shrunk = layout.placed().filter((w) => w.shrunk).length;
  await settle();
  return { time, coverage, placed: words.length - missed.length, shrunk, scale: layout.scale, longest, slice: mode === 'sliced' ? slice : time,
    add, addMax, adds, addedPlaced: extra.filter((w) => layout.get(w.id)).length };
}

function d3run(words) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    cloud().size([${WIDTH}, ${HEIGHT}]).words(words.map((w) => ({ text: w.text, size: w.size })))
      .padding(1).rotate(0).font('${FONT}').fontWeight(600).fontSize((d) => d.size).random(seeded(1))
      .on('end', (placed) => { const time = performance.now() - t0; resolve({ time, placed: placed.length, coverage: coverageD3(placed) }); }).start();
  });
}

async function d3(words, extra) {
  await settle(); longest = 0;
  const first = await d3run(words);
  await settle();
  const lay = longest;
  // d3-cloud cannot add a word to a finished layout: a new term means laying out all words again
  const again = await d3run([...words, extra[0]]);
  return { ...first, longest: lay, add: again.time, addMax: again.time };
}

function wordcloud2(words) {
  return new Promise(async (resolve) => {
    const c = document.createElement('canvas');
    c.width = ${WIDTH}; c.height = ${HEIGHT};
    document.body.append(c);
    let placed = 0;
    c.addEventListener('wordclouddrawn', (e) => { if (e.detail.drawn) placed++; });
    await settle(); longest = 0;
    const t0 = performance.now();
    c.addEventListener('wordcloudstop', async () => {
      const time = performance.now() - t0;
      await settle();
      const coverage = inkOf(c);
      c.remove();
      resolve({ time, placed, longest, coverage });
    });
    WordCloud(c, { list: words.map((w) => [w.text, w.size]), fontFamily: '${FONT}', fontWeight: 600, rotateRatio: 0, shuffle: false, wait: 0,
      backgroundColor: 'rgba(0,0,0,0)', color: '#000' });
  });
}

window.bench = { ours, d3, wordcloud2 };
`;

/** Deterministic word lists: pseudo-words and a few two-word phrases, Zipf-like counts, sqrt font sizes 10–60 px. */
function wordList(n) {
  const syllables = [
    'de',
    'li',
    'ver',
    'sup',
    'port',
    'check',
    'out',
    'late',
    'price',
    'app',
    'fast',
    'slow',
    'or',
    'der',
    'help',
    'ship',
    'ping',
    'box',
    'pay',
    'ment',
    'ac',
    'count',
    'mo',
    'bile',
    'ser',
    'vice',
    'qual',
    'ty',
    're',
    'fund',
  ];
  const random = (
    (seed) => () =>
      (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296
  )(42);
  const texts = new Set();
  while (texts.size < n + 40) {
    const parts = 1 + Math.floor(random() * 4);
    let w = '';
    for (let i = 0; i < parts; i++) w += syllables[Math.floor(random() * syllables.length)];
    if (w.length < 3) continue;
    if (random() < 0.12 && texts.size > 0) w = `${[...texts][Math.floor(random() * texts.size)].split(' ')[0]} ${w}`;
    texts.add(w);
  }
  const all = [...texts];
  const counts = all.slice(0, n).map((_, i) => Math.max(1, Math.round(1000 / (i + 1) ** 0.8)));
  const lo = Math.sqrt(Math.min(...counts));
  const hi = Math.sqrt(Math.max(...counts));
  const size = (c) => 10 + (50 * (Math.sqrt(c) - lo)) / (hi - lo || 1);
  const words = all.slice(0, n).map((text, i) => ({ id: text, text, size: size(counts[i]) }));
  const extra = all.slice(n).map((text) => ({ id: text, text, size: 14 }));
  return { words, extra };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (v) => (v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pct = (v) => (v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const task = (v) => (v > 0 ? `${v.toFixed(0)} ms` : '< 50 ms');

// The element page: <voc-cloud> on a MemoryAdapter with N terms; a live update is timed from the adapter's event
// (its 60 ms burst coalescing skipped by calling the flush directly) to the rendered, styled and laid-out DOM.
const elementEntry = `
import { VocCloud } from './packages/cloud/src/cloud.ts';
import { MemoryAdapter } from './packages/protocol/src/memory-adapter.ts';
VocCloud.define('voc-cloud');
let longest = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); })
  .observe({ type: 'longtask', buffered: false });
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));
window.benchElement = async (texts, extra) => {
  const adapter = new MemoryAdapter();
  let k = 0;
  for (const [text, times] of texts) for (let i = 0; i < times; i++) await adapter.submit({ kind: ['compliment', 'idea', 'complaint'][k++ % 3], text }, 'bench-key-' + k);
  const el = document.createElement('voc-cloud');
  el.maxTerms = texts.length + extra.length; // room for every new term
  el.adapter = adapter;
  el.style.width = '600px';
  await settle(); longest = 0;
  const t0 = performance.now();
  document.body.append(el);
  const items = () => el.shadowRoot?.querySelectorAll('.cloud li').length ?? 0;
  while (items() < Math.min(texts.length, 20) || el.placed.size === 0) await new Promise((r) => requestAnimationFrame(r));
  el.shadowRoot.querySelector('.cloud').offsetHeight;
  const load = performance.now() - t0;
  const shown = items();
  await settle(200);
  const loadLongest = longest;
  const times = [];
  const parts = [];
  let moved = 0;
  for (const text of extra) {
    const before = [...el.shadowRoot.querySelectorAll('.cloud li')].map((li) => li.style.left + li.style.top);
    await adapter.submit({ kind: 'idea', text }, 'bench-extra-' + times.length);
    const a = performance.now();
    el.flush();
    const b = performance.now();
    await el.updateComplete;
    const c = performance.now();
    el.shadowRoot.querySelector('.cloud').offsetHeight; // style and layout included
    times.push(performance.now() - a);
    if (window.BENCH_DEBUG) parts.push([b - a, c - b, performance.now() - c, el.placed.has(text)].map((x) => typeof x === 'number' ? +x.toFixed(1) : x).join('/'));
    const after = [...el.shadowRoot.querySelectorAll('.cloud li')].map((li) => li.style.left + li.style.top);
    moved += before.filter((p, i) => p !== after[i]).length;
  }
  await settle(200);
  el.remove();
  // the page's first live update runs code the browser has not compiled yet: reported apart as well
  const warm = times.slice(1).map((t) => +t.toFixed(1));
  times.sort((x, y) => x - y);
  return { load, shown, loadLongest, median: times[times.length >> 1], max: times.at(-1), moved, added: items() - shown, all: times.map((t) => +t.toFixed(1)), warm, parts };
};
`;

async function main() {
  // each page script as one minified IIFE, sources through the `source` condition
  const iife = async (contents, sourcefile) =>
    (
      await build({
        stdin: { contents, resolveDir: root, sourcefile, loader: 'js' },
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2022',
        minify: true,
        conditions: ['source'],
        logLevel: 'error',
      })
    ).outputFiles[0].text;
  const elementCode = await iife(elementEntry, 'bench-element.js');
  const code = await iife(entry, 'bench-entry.js');
  const loadBefore = os.loadavg()[0];
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
  const rows = [];
  const elementRows = [];
  try {
    const fresh = async () => {
      const page = await browser.newPage();
      await page.goto('about:blank');
      await page.addScriptTag({ content: code });
      return page;
    };
    for (const n of SIZES) {
      const { words, extra } = wordList(n);
      const runs = { sync: [], sliced: [], same: [], d3: [], wc: [] };
      for (let r = 0; r < RUNS; r++) {
        const page = await fresh();
        // warm up our engine once per page, as any page that lays out more than once would be
        await page.evaluate((w, e) => window.bench.ours(w, e, 'sync'), words, extra);
        runs.sync.push(await page.evaluate((w, e) => window.bench.ours(w, e, 'sync'), words, extra));
        runs.sliced.push(await page.evaluate((w, e) => window.bench.ours(w, e, 'sliced'), words, extra));
        runs.same.push(await page.evaluate((w, e) => window.bench.ours(w, e, 'same'), words, extra));
        await page.close();
        const p2 = await fresh();
        runs.d3.push(await p2.evaluate((w, e) => window.bench.d3(w, e), words, extra));
        await p2.close();
        if (r === 0) {
          // wordcloud2 draws one word per timer tick: slow by design, so it runs once
          const p3 = await fresh();
          runs.wc.push(await p3.evaluate((w) => window.bench.wordcloud2(w), words));
          await p3.close();
        }
        process.stdout.write('.');
      }
      const pick = (list) => {
        const time = median(list.map((x) => x.time));
        return { ...list.find((x) => x.time === time), longest: Math.max(...list.map((x) => x.longest)) };
      };
      rows.push({
        n,
        sync: pick(runs.sync),
        sliced: pick(runs.sliced),
        same: pick(runs.same),
        d3: pick(runs.d3),
        wc: pick(runs.wc),
        addAll: [...runs.sliced, ...runs.sync, ...runs.same].flatMap((x) => x.adds),
      });
    }
    // the element: live updates into a cloud of 100 and 300 terms, on a page of its own loopback origin (a secure
    // context: the adapter hashes receipts with crypto.subtle)
    const server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>'),
    );
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${server.address().port}/`;
    for (const n of [100, 300]) {
      const { words, extra } = wordList(n);
      const texts = words.map((w, i) => [w.text.replace(/ /g, '-'), Math.max(1, Math.round(60 / (i + 1) ** 0.7))]);
      const results = [];
      for (let r = 0; r < RUNS; r++) {
        const page = await browser.newPage();
        await page.setViewport({ width: 800, height: 700 });
        await page.goto(origin);
        if (process.env.BENCH_DEBUG) await page.evaluate(() => (window.BENCH_DEBUG = true));
        await page.addScriptTag({ content: elementCode });
        // new words only (no phrase of known words), so "others moved" counts terms the update did not touch
        const known = new Set(words.flatMap((w) => w.text.split(' ')));
        const fresh = extra.map((w) => w.text).filter((t) => !t.includes(' ') && !known.has(t));
        results.push(await page.evaluate((t, e) => window.benchElement(t, e), texts, fresh));
        await page.close();
        process.stdout.write('.');
      }
      if (process.env.BENCH_DEBUG)
        console.log(
          n,
          results.map((x) => x.parts.join(' ')),
        );
      const byMedian = results.sort((a, b) => a.median - b.median)[results.length >> 1];
      const all = results.flatMap((x) => x.all).sort((a, b) => a - b);
      const warm = results.flatMap((x) => x.warm).sort((a, b) => a - b);
      elementRows.push({
        n,
        ...byMedian,
        updates: all.length,
        median: all[all.length >> 1],
        p95: all[Math.floor(all.length * 0.95)],
        warmMedian: warm[warm.length >> 1],
        warmP95: warm[Math.floor(warm.length * 0.95)],
        max: all.at(-1),
        added: results.reduce((k, x) => k + x.added, 0),
        moved: results.reduce((k, x) => k + x.moved, 0),
        loadLongest: Math.max(...results.map((x) => x.loadLongest)),
      });
    }
    server.close();
  } finally {
    await browser.close();
  }
  process.stdout.write('\n');
  const loadAfter = os.loadavg()[0];

  const lines = [];
  lines.push(
    `Measured ${new Date().toISOString().slice(0, 10)} by \`node scripts/bench-cloud.mjs\` (median of ${RUNS} runs; wordcloud2 once) in headless Chromium on ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, a shared machine (1-minute load average ${loadBefore.toFixed(1)} at the start, ` +
      `${loadAfter.toFixed(1)} at the end: times are comparable within this run, not across runs). ${WIDTH}×${HEIGHT} px, the same words and font sizes (10–60 px, ` +
      `square-root of Zipf-like counts) for every engine; d3-cloud ${version('d3-cloud')}, wordcloud2 ${version('wordcloud')} (default grid), ` +
      'no rotation. "Longest task" is the longest main-thread task the Long Tasks API reported (it reports only tasks ≥ 50 ms). ' +
      'Our engine measures words by their canvas ink extents (as `<voc-cloud>` does), fits the sizes to the area and shrinks words ' +
      'rather than dropping them; d3-cloud and wordcloud2 drop words that do not fit. ' +
      `Ours fitted scales all sizes by one factor so the words cover the box, none under ${MIN_FONT} px (as \`<voc-cloud>\` lays out: ` +
      'the words that do not fit legibly stay out, the element says how many and its list view holds them); ' +
      '"same sizes" keeps the sizes d3-cloud gets (down to 6 px) and shrinks only the words ' +
      'that find no room. "Add one term": ours adds to the finished layout (mean and max of 20 adds); d3-cloud has no incremental API, ' +
      'so it is a full re-layout.',
    '',
    '| terms | engine | time to lay out | words placed | ink coverage of the box | longest task | add one term |',
    '|---:|---|---:|---:|---:|---:|---:|',
  );
  for (const { n, sync, sliced, same, d3, wc } of rows) {
    lines.push(
      `| ${n} | **ours**, fitted (×${sliced.scale.toFixed(2)}), 8 ms slices | ${ms(sliced.time)} ms | ${sliced.placed} | ${pct(sliced.coverage)} | ` +
        `${task(sliced.longest)} (slices ≤ ${ms(sliced.slice)} ms) | ${ms(sliced.add)} ms (max ${ms(sliced.addMax)}) |`,
    );
    lines.push(
      `| ${n} | ours, fitted, in one go | ${ms(sync.time)} ms | ${sync.placed} | ${pct(sync.coverage)} | ${task(sync.longest)} | ${ms(sync.add)} ms (max ${ms(sync.addMax)}) |`,
    );
    lines.push(
      `| ${n} | ours, same sizes, in one go | ${ms(same.time)} ms | ${same.placed} (${same.shrunk} shrunk) | ${pct(same.coverage)} | ${task(same.longest)} | ` +
        `${ms(same.add)} ms (max ${ms(same.addMax)}) |`,
    );
    lines.push(
      `| ${n} | d3-cloud | ${ms(d3.time)} ms | ${d3.placed} | ${pct(d3.coverage)} | ${task(d3.longest)} | ${ms(d3.add)} ms (re-layout) |`,
    );
    lines.push(`| ${n} | wordcloud2 | ${ms(wc.time)} ms | ${wc.placed} | ${pct(wc.coverage)} | ${task(wc.longest)} | re-layout |`);
  }
  const at500 = rows.find((r) => r.n === 500);
  const verdict = [];
  if (at500) {
    const speed = at500.d3.time / at500.sliced.time;
    const same = at500.d3.time / at500.same.time;
    verdict.push(
      `- At 500 terms: ${speed.toFixed(1)}× faster than d3-cloud fitted and sliced, ${same.toFixed(1)}× with the same sizes in one go ` +
        `(target ≥ 10×): **${Math.min(speed, same) >= 10 ? 'met' : 'missed'}**; placed ${at500.sliced.placed} (same sizes: ${at500.same.placed}) ` +
        `vs ${at500.d3.placed} (target: at least as many): **${Math.min(at500.sliced.placed, at500.same.placed) >= at500.d3.placed ? 'met' : 'missed'}**.`,
    );
  }
  const thin = rows.filter((r) => r.sliced.coverage < r.d3.coverage);
  verdict.push(
    `- Ink coverage of the box (share of its pixels with ink), ours fitted against d3-cloud on the same words: ` +
      rows
        .map((r) => `${r.n} terms ${pct(r.sliced.coverage)} vs ${pct(r.d3.coverage)} (placed ${r.sliced.placed} vs ${r.d3.placed})`)
        .join(', ') +
      ` (target: at least d3-cloud's): **${thin.length ? `missed at ${thin.map((r) => r.n).join(', ')}` : 'met'}**.`,
  );
  const adds = rows.flatMap((r) => r.addAll).sort((a, b) => a - b);
  const p = (q) => adds[Math.min(adds.length - 1, Math.floor(q * adds.length))];
  verdict.push(
    `- Adding one term (${adds.length} adds over all runs and sizes): median ${ms(p(0.5))} ms, 95th percentile ${ms(p(0.95))} ms, ` +
      `99th ${ms(p(0.99))} ms, max ${ms(adds.at(-1))} ms (target ≤ 2 ms): **${p(0.99) <= 2 ? 'met' : 'missed'}** at the 99th percentile` +
      `${adds.at(-1) > 2 ? `; ${adds.filter((a) => a > 2).length} single adds took longer` : ''}.`,
  );
  const worstTask = Math.max(...rows.map((r) => r.sliced.longest));
  verdict.push(
    `- Longest task of the sliced layout: ${task(worstTask)} (target: no task ≥ 50 ms): **${worstTask === 0 ? 'met' : 'missed'}**; ` +
      `the one-go variant is what a caller gets from \`layout()\`; the element uses \`layoutAsync()\`.`,
  );
  lines.push(
    '',
    '`<voc-cloud>` itself (600 px wide, MemoryAdapter): first load to laid-out terms, and a live update from the event to the ' +
      'rendered, styled and laid-out DOM (each update a new term), how many of the new terms found room (the rest ' +
      'wait for a bigger cloud or the next full layout), and how many other terms moved (must be 0). "After the first" leaves out ' +
      "each page's first live update, which runs code the browser has not compiled yet (it is in the first column).",
    '',
    '| terms | first load | longest task while loading | terms shown | live update (median / 95th pct / max) | after the first (median / 95th pct) | new terms placed | others moved |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...elementRows.map(
      (r) =>
        `| ${r.n} | ${ms(r.load)} ms | ${task(r.loadLongest)} | ${r.shown} | ${ms(r.median)} / ${ms(r.p95)} / ${ms(r.max)} ms | ` +
        `${ms(r.warmMedian)} / ${ms(r.warmP95)} ms | ` +
        `${r.added} of ${r.updates} | ${r.moved} |`,
    ),
    '',
  );
  const worstLive = Math.max(...elementRows.map((r) => r.p95));
  verdict.push(
    `- Element live update (new term, rendered and laid out): 95th percentile at most ${ms(worstLive)} ms (target ≤ 2 ms): **${worstLive <= 2 ? 'met' : 'missed'}**; ` +
      `after each page's first update at most ${ms(Math.max(...elementRows.map((r) => r.warmP95)))} ms; ` +
      `other terms moved: ${elementRows.reduce((n, r) => n + r.moved, 0)}.`,
  );
  lines.push(...verdict);
  const table = lines.join('\n');
  console.log(`\n${table}\n`);

  if (args.includes('--no-write')) return;
  writePerformanceSection('bench-cloud', `## Cloud layout\n\n${table}`);
  console.log('Wrote docs/PERFORMANCE.md (bench-cloud section)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
