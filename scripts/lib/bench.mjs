// Plumbing shared by the benchmark scripts: bundling a test page, serving it, and writing a section of
// docs/PERFORMANCE.md between `<!-- NAME:start -->` and `<!-- NAME:end -->` without touching the others.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const root = new URL('../..', import.meta.url).pathname;
/** The value of `--name` on the command line, or `fallback` when it is not given; `--name` with no value is an error. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** `option` as a number; a value that is not one is an error. */
export function numberOption(name, fallback) {
  const value = option(name, undefined);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, not ${value}`);
  return n;
}

export const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

/**
 * Bundles `contents` (TypeScript, resolved from `resolveDir`, sources through the `source` condition) the way a
 * site would (minified ESM with lazy chunks) into `outdir`. Returns every output file by name with its
 * min/gzip size, whether it is the entry, and the files it imports statically.
 */
export async function bundlePage(contents, { resolveDir, outdir, external = [] }) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    legalComments: 'none',
    conditions: ['source'],
    external,
    outdir,
    write: true,
    metafile: true,
    logLevel: 'error',
    tsconfig: join(root, 'tsconfig.base.json'),
  });
  const files = {};
  for (const [path, meta] of Object.entries(result.metafile.outputs)) {
    const code = readFileSync(join(process.cwd(), path));
    const imports = meta.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path.split('/').pop());
    // the page's own entry (esbuild also marks each chunk a dynamic import starts as an entry point)
    files[path.split('/').pop()] = {
      min: code.length,
      gz: gzipSync(code, { level: 9 }).length,
      entry: meta.entryPoint === '<stdin>',
      imports,
    };
  }
  return files;
}

/** What a page loads before the element shows: the entry file and everything it imports statically. */
export function initialLoad(files) {
  const seen = new Set();
  const walk = (name) => {
    if (seen.has(name) || !files[name]) return;
    seen.add(name);
    files[name].imports.forEach(walk);
  };
  walk(Object.keys(files).find((name) => files[name].entry));
  return [...seen].reduce((sum, name) => ({ min: sum.min + files[name].min, gz: sum.gz + files[name].gz }), { min: 0, gz: 0 });
}

/** Serves the files of `dir` on 127.0.0.1 (index.html at `/`); resolves to `{ url, close }`. */
export async function serveDir(dir) {
  const server = createServer((req, res) => {
    const file = join(dir, req.url === '/' ? 'index.html' : req.url.slice(1).split('?')[0]);
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(readFileSync(file));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Replaces (or appends) the section `name` of docs/PERFORMANCE.md; `markdown` excludes the markers. */
export function writePerformanceSection(name, markdown) {
  const docs = join(root, 'docs/PERFORMANCE.md');
  mkdirSync(join(root, 'docs'), { recursive: true });
  const before = existsSync(docs)
    ? readFileSync(docs, 'utf8')
    : '# Performance\n\nEach section is written by its own script under `scripts/`.\n';
  const section = `<!-- ${name}:start -->\n${markdown.trim()}\n<!-- ${name}:end -->`;
  const re = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`);
  writeFileSync(docs, re.test(before) ? before.replace(re, () => section) : `${before.trimEnd()}\n\n${section}\n`);
  return section;
}

/**
 * Measures an element on a host page: bundles `script` (which defines `window.run(arg)`) into `dir`, beside an
 * HTML page with a heading, the `#slot` the script fills and a paragraph below it (or with `body` as the page's own
 * markup, the script render-blocking in `<head>`), then calls `run` in `runs`
 * fresh tabs of headless Chromium and returns what each returned. Removes `dir` afterwards.
 */
export async function runOnHostPage({ script, resolveDir, dir, below, body, viewport, runs = 3, arg = (i) => i }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const { CHROME_ARGS, findBrowser } = await import('../find-browser.mjs');
  const { rmSync } = await import('node:fs');
  await bundlePage(script, { resolveDir, outdir: dir });
  writeFileSync(
    join(dir, 'index.html'),
    body
      ? // the page's own markup, its script in <head> with blocking="render" (as the README recommends for voc.js)
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="stdin.js" blocking="render"></script></head><body>${body}</body></html>`
      : `<!doctype html><html lang="en"><meta charset="utf-8"><body><h1>Host page</h1><div id="slot"></div><p>${below}</p><script type="module" src="stdin.js"></script></body></html>`,
  );
  const server = await serveDir(dir);
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const tab = await browser.newPage();
      await tab.setViewport(viewport);
      await tab.goto(server.url);
      results.push(await tab.evaluate((a) => window.run(a), arg(i)));
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** Posts one feedback JSON `body` to the site `bench` on 127.0.0.1:`port` over `agent`; resolves to the status code. */
export function postFeedback(agent, port, key, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/sites/bench/feedback',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'idempotency-key': key, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Runs `main` under tsx with the `source` condition, for benches that import the server's TypeScript sources: the
 * first run starts this script again so, and exits with its code.
 */
export async function runUnderTsx(main) {
  if (process.env.VOC_BENCH_CHILD) return main();
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, VOC_BENCH_CHILD: '1' },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}

/**
 * Spawns the reference server of the checkout at `dir` from its TypeScript sources (under tsx) on `port`, as the
 * server benches run it: production mode, rate limits off, the given admin token; `env` adds or overrides variables
 * and `nodeArgs` go before the script (e.g. a CPU profiler). Its output is piped for the caller to read.
 */
export function spawnServer({ dir = root, port, token, env = {}, nodeArgs = [] }) {
  return spawn(process.execPath, [...nodeArgs, '--conditions=source', '--import', 'tsx', join(dir, 'packages/server/src/cli.ts')], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), VOC_ADMIN_TOKEN: token, NODE_ENV: 'production', VOC_RATE_LIMIT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
