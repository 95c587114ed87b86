// Server-side rendering (Next.js, Nuxt, SvelteKit, Astro) imports modules in Node, where there is no DOM:
// every entry point a package exports — its index and its define.js included — must import there without
// throwing and register nothing. Each run is a fresh Node process, once on the built dist/ (what npm users get)
// and once on the TypeScript sources (what the monorepo's tools read through the `source` condition).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** Every import specifier the published packages offer (wildcard subpaths stand for their index). */
function entryPoints(): string[] {
  const specifiers: string[] = [];
  for (const dir of readdirSync(`${root}packages`)) {
    const file = `${root}packages/${dir}/package.json`;
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; private?: boolean; exports?: Record<string, unknown> };
    if (pkg.private || !pkg.exports) continue;
    // modules only: `./package.json` and `./custom-elements.json` are data
    for (const key of Object.keys(pkg.exports))
      if (!key.includes('*') && !key.endsWith('.json')) specifiers.push(key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`);
  }
  return specifiers.sort();
}

const TAGS = ['voc-feedback-form', 'voc-cloud', 'voc-status-feed', 'voc-pulse', 'voc-team-console'];

/** Imports every specifier in a new Node process; returns what failed and which tags ended up registered. */
async function importAll(specifiers: string[], nodeArgs: string[]) {
  const program = `
    const failed = [];
    for (const s of ${JSON.stringify(specifiers)}) {
      try { await import(s); } catch (e) { failed.push(s + ': ' + (e && e.message)); }
    }
    const registry = globalThis.customElements;
    const registered = ${JSON.stringify(TAGS)}.filter((t) => registry?.get?.(t) !== undefined);
    console.log(JSON.stringify({ failed, registered, window: typeof window, document: typeof document }));
  `;
  const { stdout } = await run(process.execPath, [...nodeArgs, '--input-type=module', '--eval', program], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { failed: string[]; registered: string[]; window: string; document: string };
}

describe('importing the packages in Node without a DOM (server-side rendering)', () => {
  const specifiers = entryPoints();

  test('the packages offer the entry points this test imports', () => {
    for (const s of ['@voc-kit/core', '@voc-kit/feedback-form/define.js', '@voc-kit/cloud/define.js', '@voc-kit/status-feed/define.js'])
      assert.ok(specifiers.includes(s), `${s} in ${specifiers.join(', ')}`);
    assert.ok(specifiers.includes('@voc-kit/voc'), 'the script-tag bundle too');
  });

  test('the built dist/ files import without throwing and register no element', async () => {
    assert.ok(
      existsSync(`${root}packages/feedback-form/dist/define.js`),
      'the packages are not built: `npm test` builds them (or `npm run build`)',
    );
    const result = await importAll(specifiers, []);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.registered, []);
    assert.equal(result.document, 'undefined', 'no module fakes a document');
  });

  test('the TypeScript sources import without throwing and register no element', async () => {
    // (the script-tag bundle has no source: @voc-kit/voc resolves to its built file here too)
    const result = await importAll(specifiers, ['--conditions=source', '--import', 'tsx']);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.registered, []);
    assert.equal(result.document, 'undefined');
  });

  test('without the guard the same import would have registered: Lit offers a registry in Node', async () => {
    // proves the assertions above can fail: Lit's Node build installs a customElements shim that accepts definitions
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '--eval',
        `import { LitElement } from 'lit'; customElements.define('voc-probe', class extends LitElement {}); console.log(String(customElements.get('voc-probe') !== undefined));`,
      ],
      { cwd: root },
    );
    assert.equal(stdout.trim(), 'true');
  });
});
