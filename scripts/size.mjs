// `npm run size`: min+gzip weight of each package's own output and of what a page loads through the script-tag
// bundle, checked against scripts/size-budgets.json. Builds first when a build is missing or --build is given.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const budgets = JSON.parse(readFileSync(new URL('./size-budgets.json', import.meta.url), 'utf8'));
const dist = 'packages/voc/dist';
if (process.argv.includes('--build') || !existsSync(join(dist, 'chunks.json'))) {
  execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
}

const gz = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;
const kB = (n) => `${(n / 1024).toFixed(2)} kB`;
const rows = [];
let failed = false;

// 1. Each package's own code (its dist, minified, with its dependencies left out).
const packages = readdirSync('packages').filter((p) => existsSync(`packages/${p}/dist/index.js`));
for (const name of packages) {
  const build = await rollup({
    input: `packages/${name}/dist/index.js`,
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es', plugins: [terser({ module: true, format: { comments: false } })] });
  const size = output.filter((c) => c.type === 'chunk').reduce((n, c) => n + gz(c.code), 0);
  rows.push([`@voc-kit/${name} (all it exports, its dependencies left out)`, size, '']);
}

// 2. What a page loads through the bundle: voc.js, then each element's chunk and everything it imports statically.
const graph = JSON.parse(readFileSync(join(dist, 'chunks.json'), 'utf8'));
const file = (f) => readFileSync(join(dist, f), 'utf8');
const closure = (roots) => {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of graph[f].imports) walk(i);
  };
  roots.forEach(walk);
  return seen;
};
const chunkOf = (needle) => Object.keys(graph).find((f) => graph[f].modules.some((m) => m.includes(needle)));
const weight = (files) => [...files].reduce((n, f) => n + gz(file(f)), 0); // each file travels gzipped on its own

const autoloader = gz(file('voc.js'));
const http = chunkOf('/adapter-http/dist/http-adapter.js');
// the form's sending machinery (validation, outbox, receipts), loaded on first focus or input, or when idle
const send = chunkOf('/feedback-form/dist/sending.js');
const launcher = chunkOf('/feedback-form/dist/launcher.js');
// Customer-facing elements by package; one whose package is not in this checkout (yet) is left out.
const ELEMENTS = { form: 'feedback-form', cloud: 'cloud', 'status feed': 'status-feed', pulse: 'pulse' };
const elements = Object.fromEntries(
  Object.entries(ELEMENTS)
    .filter(([, pkg]) => existsSync(`packages/${pkg}/src/define.ts`))
    .map(([name, pkg]) => [name, chunkOf(`/${pkg}/dist/define.js`)]),
);
const check = (key, size) => {
  const { label, max } = budgets[key];
  const ok = size <= max;
  failed ||= !ok;
  rows.push([label, size, `${ok ? '✓' : '✗ over'} budget ${kB(max)}`]);
};
check('autoloader', autoloader);
if (elements.form) check('formPaint', autoloader + weight(closure([elements.form])));
if (launcher) check('launcher', autoloader + weight(closure([launcher])));
else rows.push(['launcher <voc-feedback-form> (no launcher chunk built)', 0, '']);
for (const [name, chunk] of Object.entries(elements)) {
  if (!chunk) {
    rows.push([`<voc-${name.replace(' ', '-')}> (not built yet)`, 0, '']);
    continue;
  }
  const files = closure([chunk, ...(http ? [http] : []), ...(name === 'form' && send ? [send] : [])]);
  const size = autoloader + weight(files);
  if (name === 'form') check('form', size);
  else rows.push([`<voc-${name.replace(' ', '-')}> with Lit and http adapter, via voc.js`, size, '']);
}
// <voc-pulse>'s own code: what it loads that no other element does
if (elements.pulse) {
  const others = closure(Object.entries(elements).flatMap(([name, chunk]) => (name !== 'pulse' && chunk ? [chunk] : [])));
  check('pulse', weight([...closure([elements.pulse])].filter((f) => !others.has(f))));
}
// issue 9's baseline was measured when the form, the cloud and the status feed were all there was
const baseline = ['form', 'cloud', 'status feed'].map((name) => elements[name]);
if (baseline.every(Boolean))
  check('customerNoPulse', autoloader + weight(closure([...baseline, ...(http ? [http] : []), ...(send ? [send] : [])])));
const all = closure([...Object.values(elements).filter(Boolean), ...(http ? [http] : []), ...(send ? [send] : [])]);
check('customer', autoloader + weight(all));

// 3. The team console's own bundle (not in voc.js): what /console loads first (other languages load on demand).
// console.js and every chunk it imports statically (not the `import()`ed ones: <voc-cloud>, masking, languages)
const consoleFile = join(dist, 'console', 'console.js');
const staticClosure = (f, seen = new Set()) => {
  if (seen.has(f)) return seen;
  seen.add(f);
  const code = readFileSync(join(dist, 'console', f), 'utf8');
  for (const [, dep] of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+)["']/g)) staticClosure(dep, seen);
  return seen;
};
if (existsSync(consoleFile))
  check(
    'console',
    [...staticClosure('console.js')].reduce((n, f) => n + gz(readFileSync(join(dist, 'console', f), 'utf8')), 0),
  );
else rows.push(['<voc-team-console> (not built yet)', 0, '']);

// --verbose: each file of what a page loads, its weight and the modules in it (largest first).
if (process.argv.includes('--verbose')) {
  const short = (m) => m.replace(/^.*node_modules\//, '').replace(/^.*packages\//, '');
  const files = ['voc.js', ...[...all].sort((a, b) => gz(file(b)) - gz(file(a)))];
  const users = (f) =>
    Object.keys(elements).filter(
      (e) => elements[e] && closure([elements[e], ...(http ? [http] : []), ...(e === 'form' && send ? [send] : [])]).has(f),
    );
  rows.push(['', null, ''], ['files of the bundle that elements load (gzipped one by one)', null, 'modules']);
  for (const f of files)
    rows.push([`  ${f} (${f === 'voc.js' ? 'every page' : users(f).join(', ')})`, gz(file(f)), graph[f].modules.map(short).join(' ')]);
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'what'.padEnd(width)}  ${'min+gzip'.padStart(9)}  budget`);
for (const [label, size, note] of rows) console.log(`${label.padEnd(width)}  ${(size === null ? '' : kB(size)).padStart(9)}  ${note}`);
if (failed) {
  console.error('\nA size budget is exceeded (budgets: scripts/size-budgets.json).');
  process.exit(1);
}
