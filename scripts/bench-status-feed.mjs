// Measures <voc-status-feed>: weight (min+gzip) and, in headless Chromium, the host page's main thread and layout
// shifts while a feed of 20 items renders and 100 live updates arrive. Writes its section of docs/PERFORMANCE.md.
// Usage: node scripts/bench-status-feed.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePage, initialLoad, kb, root, runOnHostPage, writePerformanceSection } from './lib/bench.mjs';

const src = join(root, 'packages/status-feed/src');
const out = mkdtempSync(join(tmpdir(), 'voc-bench-feed-'));

const bundle = (contents, external, outdir) => bundlePage(contents, { resolveDir: src, outdir, external });

// ——— weight ———
const define = `import { VocStatusFeed } from './status-feed.js'; VocStatusFeed.define('voc-status-feed');`;
const withLit = await bundle(define, [], join(out, 'with-lit'));
const own = await bundle(define, ['lit', 'lit/*', '@voc-kit/core', '@voc-kit/core/*', 'idb-keyval'], join(out, 'own'));
const entryOf = initialLoad;
const threadChunk = Object.entries(own).find(([name]) => name.startsWith('thread-'))?.[1];
const languages = Object.entries(own)
  .filter(([name]) => /^(de|fr|es|ja|ar)-/.test(name))
  .map(([name, f]) => `${name.slice(0, 2)} ${kb(f.gz)}`)
  .join(', ');

// ——— main thread and layout shifts in Chromium ———
const page = `
import { MemoryAdapter } from '@voc-kit/core';
import { VocStatusFeed } from './status-feed.js';
VocStatusFeed.define('voc-status-feed');
const longest = { load: 0, live: 0 };
const shifts = { load: 0, live: 0 };
let phase = 'load';
let now = Date.now() - 30 * 86400000;
const a = new MemoryAdapter({ site: 'bench', now: () => (now += 60000) });
for (let i = 0; i < 100; i++) {
  a.createTopic('topic-' + i, 'Topic number ' + i);
  for (const s of ['planned', 'in-progress']) a.setTopicStatus('topic-' + i, s, 'We are working on topic ' + i + ' and will report back by Friday.');
}
for (let i = 0; i < 50; i++) a.announce('Announcement ' + i, 'What we changed this week, number ' + i + '.');
window.run = async () => {
  // observed from here on: the harness's own set-up above is not the element's work
  await new Promise((r) => setTimeout(r, 300));
  new PerformanceObserver((l) => { for (const e of l.getEntries()) longest[phase] = Math.max(longest[phase], e.duration); }).observe({ type: 'longtask' });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) shifts[phase] += e.value; }).observe({ type: 'layout-shift' });
  // answers computed beforehand, as an HTTP adapter's arrive: the memory adapter's own copying is not the element's work
  const page = await a.feed({ limit: 20 });
  const topics = await a.topics();
  const adapter = Object.assign(Object.create(a), { feed: async () => page, topics: async () => topics });
  const el = document.createElement('voc-status-feed');
  el.adapter = adapter;
  el.pageSize = 20;
  el.threadRefresh = 0;
  const t0 = performance.now();
  document.querySelector('#slot').append(el);
  await el.updateComplete;
  const firstRender = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
  phase = 'live';
  const times = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    a.setTopicStatus('topic-' + (i % 100), i % 2 ? 'done' : 'in-progress', 'Live update ' + i);
    await el.updateComplete;
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  const live = times.sort((x, y) => x - y)[50];
  await new Promise((r) => setTimeout(r, 500));
  return { firstRender, live, longest, shifts, items: el.shadowRoot.querySelectorAll('.item').length };
};
`;
const runs = await runOnHostPage({
  script: page,
  resolveDir: src,
  dir: join(out, 'page'),
  below: 'Content below the feed.',
  viewport: { width: 1000, height: 800 },
});
// ——— layout shift while loading, as the README recommends: the page's own markup and voc.js in <head> ———
// voc.js (from source) reserves the element's box before its code arrives; the page's own script only hands the
// element its backend (a property set before the element is defined, which it picks up when it is).
const markupPage = `
import '../../voc/src/voc.ts';
import { MemoryAdapter } from '@voc-kit/core';
let cls = 0;
const moved = [];
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) if (!e.hadRecentInput) (cls += e.value), moved.push(...e.sources.map((s) => s.node?.nodeName));
}).observe({ type: 'layout-shift', buffered: true });
let now = Date.now() - 30 * 86400000;
const a = new MemoryAdapter({ site: 'bench', now: () => (now += 60000) });
for (let i = 0; i < 100; i++) {
  a.createTopic('topic-' + i, 'Topic number ' + i);
  for (const s of ['planned', 'in-progress']) a.setTopicStatus('topic-' + i, s, 'We are working on topic ' + i + ' and will report back by Friday.');
}
for (let i = 0; i < 50; i++) a.announce('Announcement ' + i, 'What we changed this week, number ' + i + '.');
// answered after a network-like wait, so the loading state is painted first
const later = (v) => new Promise((r) => setTimeout(() => r(v), 200));
const page = a.feed({ limit: %LIMIT% });
const topics = a.topics();
const el = document.querySelector('voc-status-feed');
el.adapter = Object.assign(Object.create(a), { feed: () => page.then(later), topics: () => topics.then(later) });
window.run = async () => {
  await customElements.whenDefined('voc-status-feed');
  while (!el.shadowRoot?.querySelector('.item:not(.placeholder)')) await new Promise((r) => setTimeout(r, 50));
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 500));
  return { cls, moved, items: el.shadowRoot.querySelectorAll('.item').length };
};
`;
const markupRuns = async (attrs, limit) =>
  runOnHostPage({
    script: markupPage.replace('%LIMIT%', String(limit)),
    resolveDir: src,
    dir: join(out, `markup-${limit}`),
    body: `<h1>Host page</h1><voc-status-feed ${attrs} thread-refresh="0"></voc-status-feed><p>Content below the feed.</p>`,
    viewport: { width: 1000, height: 800 },
  });
const markup = { default: await markupRuns('', 10), twenty: await markupRuns('page-size="20"', 20) };
rmSync(out, { recursive: true, force: true });
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const ms = (n) => `${Math.round(n)} ms`;
const r = {
  firstRender: median(runs.map((x) => x.firstRender)),
  live: median(runs.map((x) => x.live)),
  longLoad: median(runs.map((x) => x.longest.load)),
  longLive: median(runs.map((x) => x.longest.live)),
  worstLoad: Math.max(...runs.map((x) => x.longest.load)),
  worstLive: Math.max(...runs.map((x) => x.longest.live)),
  clsLoad: Math.max(...runs.map((x) => x.shifts.load)),
  clsMarkup: Math.max(...markup.default.map((x) => x.cls)),
  clsMarkup20: Math.max(...markup.twenty.map((x) => x.cls)),
  clsLive: Math.max(...runs.map((x) => x.shifts.live)),
};

const section = `## \`<voc-status-feed>\`

Measured by \`node scripts/bench-status-feed.mjs\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, headless
Chromium, shared 2-core machine (load average ${os.loadavg()[0].toFixed(1)} at the start); esbuild minified, gzip level 9).

| what | result |
|---|---|
| element + Lit + the core it uses (what a page loads first, English) | ${kb(entryOf(withLit).gz)} (${kb(entryOf(withLit).min)} min) |
| element's own code, styles and English strings, without the thread (Lit and core shared with the other elements) | ${kb(entryOf(own).gz)} (${kb(entryOf(own).min)} min) |
| the customer's own thread (loaded only when this browser holds a receipt) | ${kb(threadChunk.gz)} (${kb(threadChunk.min)} min) |
| other languages, each loaded only when the page speaks it | ${languages} |
| first render of 20 items (page-size="20") from a 150-item feed (median of 3) | ${ms(r.firstRender)} |
| longest main-thread task (≥ 50 ms; 0 = none) while loading / during 100 live updates: median of 3 runs (worst) | ${ms(r.longLoad)} (${ms(r.worstLoad)}) / ${ms(r.longLive)} (${ms(r.worstLive)}) |
| one live topic update, from the event to the updated DOM (median of 100, median of 3 runs) | ${r.live.toFixed(1)} ms |
| layout shift (CLS) while loading, the page's own markup and \`voc.js\` in \`<head>\` (README), 1000×800 viewport, default page size / \`page-size="20"\` (worst of 3) | ${r.clsMarkup.toFixed(3)} / ${r.clsMarkup20.toFixed(3)} |
| layout shift (CLS) while the element is appended by script and loads / during live updates, feed in view (worst of 3) | ${r.clsLoad.toFixed(3)} / ${r.clsLive.toFixed(3)} |

A topic on screen changes in place; new topics and announcements wait behind "Show new updates", which floats over
the list, and a changed topic grows by one timeline line. While loading, the feed holds the room of a page of items
(placeholder rows, at most 10), and \`voc.js\` reserves the same box before the element is defined, so the page
below does not move when the items arrive. An element appended by script moves what is below it when it is
inserted (the second row): reserve its room (e.g. \`voc-status-feed { min-height: 40rem }\`) on such pages. A feed much shorter
than a page of items shrinks when it arrives.`;

writePerformanceSection('status-feed', section);
console.log(section);
