// Measures <voc-pulse> in the browser: weight (min+gzip) and, in headless Chromium, its first render (30 days and
// 12 months) from a year of feedback, the host page's main thread, layout shifts while it loads and during 50 live
// updates. Writes its section of docs/PERFORMANCE.md. (The server side of the pulse is scripts/bench-pulse.mjs.)
// Usage: node scripts/bench-pulse-element.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePage, initialLoad, kb, root, runOnHostPage, writePerformanceSection } from './lib/bench.mjs';

const src = join(root, 'packages/pulse/src');
const out = mkdtempSync(join(tmpdir(), 'voc-bench-pulse-'));

// ——— weight ———
const define = `import { VocPulse } from './pulse.js'; VocPulse.define('voc-pulse');`;
const withLit = await bundlePage(define, { resolveDir: src, outdir: join(out, 'with-lit') });
const own = await bundlePage(define, {
  resolveDir: src,
  outdir: join(out, 'own'),
  external: ['lit', 'lit/*', '@voc-kit/core', '@voc-kit/core/*', 'idb-keyval'],
});
const languages = Object.entries(own)
  .filter(([name]) => /^(de|fr|es|ja|ar)-/.test(name))
  .map(([name, f]) => `${name.slice(0, 2)} ${kb(f.gz)}`)
  .join(', ');

// ——— first render, main thread and layout shifts in Chromium ———
const ITEMS = 10_000;
const page = `
import { MemoryAdapter } from '@voc-kit/core';
import { VocPulse } from './pulse.js';
VocPulse.define('voc-pulse');
const longest = { load: 0, live: 0 };
const shifts = { load: 0, live: 0 };
let phase = 'load';
const end = Date.now();
let now = end - 365 * 86400000;
const a = new MemoryAdapter({ site: 'bench', now: () => now });
for (let t = 0; t < 8; t++) a.createTopic('topic-' + t, 'Topic number ' + t);
const kinds = ['compliment', 'idea', 'complaint'];
window.run = async () => {
  // a year of feedback, set up before anything is observed: the harness's work is not the element's
  for (let i = 0; i < ${ITEMS}; i++) {
    now += (365 * 86400000) / ${ITEMS};
    await a.submit({ kind: kinds[i % 3], text: 'Item ' + i, topic: 'topic-' + (i % 8) }, 'k' + i + 'xxxxxxxxxxxxxxxx');
  }
  now = end;
  for (let t = 0; t < 8; t++) a.setTopicStatus('topic-' + t, 'planned', 'We are on it; next update on Friday.');
  // answers computed beforehand, as an HTTP adapter's arrive: computing them is the backend's work, not the element's
  const answers = { '30d': await a.pulse({ since: '30d' }), '365d': await a.pulse({ since: '365d' }) };
  await new Promise((r) => setTimeout(r, 300));
  new PerformanceObserver((l) => { for (const e of l.getEntries()) longest[phase] = Math.max(longest[phase], e.duration); }).observe({ type: 'longtask' });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) shifts[phase] += e.value; }).observe({ type: 'layout-shift' });
  const adapter = Object.assign(Object.create(a), { pulse: async (q) => answers[q.since] });
  const el = document.createElement('voc-pulse');
  el.adapter = adapter;
  let t0 = performance.now();
  document.querySelector('#slot').append(el);
  await el.updateComplete;
  const first30 = performance.now() - t0;
  t0 = performance.now();
  el.since = '365d';
  await el.updateComplete;
  const year = performance.now() - t0;
  el.since = '30d';
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 500));
  phase = 'live';
  const times = [];
  for (let i = 0; i < 50; i++) {
    answers['30d'] = { ...answers['30d'], backlog: { ...answers['30d'].backlog, open: answers['30d'].backlog.open + 1 } };
    const t = performance.now();
    await el.reload();
    await el.updateComplete;
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 500));
  return { first30, year, live: times.sort((x, y) => x - y)[25], longest, shifts };
};
`;
const runs = await runOnHostPage({
  script: page,
  resolveDir: src,
  dir: join(out, 'page'),
  below: 'Content below the pulse.',
  viewport: { width: 1000, height: 900 },
});
rmSync(out, { recursive: true, force: true });
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const ms = (n) => `${Math.round(n)} ms`;
const r = {
  first30: median(runs.map((x) => x.first30)),
  year: median(runs.map((x) => x.year)),
  live: median(runs.map((x) => x.live)),
  longLoad: median(runs.map((x) => x.longest.load)),
  worstLoad: Math.max(...runs.map((x) => x.longest.load)),
  longLive: median(runs.map((x) => x.longest.live)),
  worstLive: Math.max(...runs.map((x) => x.longest.live)),
  clsLoad: Math.max(...runs.map((x) => x.shifts.load)),
  clsLive: Math.max(...runs.map((x) => x.shifts.live)),
};

const section = `## \`<voc-pulse>\` in the browser

Measured by \`node scripts/bench-pulse-element.mjs\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, headless
Chromium, shared 2-core machine (load average ${os.loadavg()[0].toFixed(1)} at the start); esbuild minified, gzip level 9).
The pulse answers come from a MemoryAdapter holding ${ITEMS.toLocaleString('en')} items over a year, computed before timing.

| what | result |
|---|---|
| element + Lit + the core it uses (what a page loads first, English) | ${kb(initialLoad(withLit).gz)} (${kb(initialLoad(withLit).min)} min) |
| element's own code, styles and English strings (Lit and core shared with the other elements) | ${kb(initialLoad(own).gz)} (${kb(initialLoad(own).min)} min) |
| other languages, each loaded only when the page speaks it | ${languages} |
| first render, 30 days (median of 3) | ${ms(r.first30)} |
| switch to 12 months: 365 columns (median of 3) | ${ms(r.year)} |
| a live refresh, from the answer to the updated DOM (median of 50, median of 3 runs) | ${r.live.toFixed(1)} ms |
| longest main-thread task (≥ 50 ms; 0 = none) while loading / during 50 live refreshes: median of 3 runs (worst) | ${ms(r.longLoad)} (${ms(r.worstLoad)}) / ${ms(r.longLive)} (${ms(r.worstLive)}) |
| layout shift (CLS) while loading / during live refreshes (worst of 3) | ${r.clsLoad.toFixed(3)} / ${r.clsLive.toFixed(3)} |

Timings on this shared machine swing with its load (see the load average above): read them against the other
elements' figures measured at the same time. A table's rows are made only when the reader opens it. Every block keeps
its size whatever the numbers (charts scale with the width, never with the data; room for five
topics): the first answer and live refreshes move nothing; the CLS while loading is the host page's content below
moving down when the element is inserted (a page that needs 0 reserves its room, e.g. \`voc-pulse { min-height: 80rem }\`). The bundle's own-code budget (6 kB, \`npm run size\`) is
checked on the script-tag bundle's chunk, which rollup builds a little smaller than esbuild.`;

writePerformanceSection('pulse-element', section);
console.log(section);
