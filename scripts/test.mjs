// `npm test`: lint, type check, Node tests, then browser tests in headless Chromium; ends with "N passed, N failed".
// Flags: --only lint|types|build|node|browser (repeatable), --no-build, and file filters after `--` for node/browser runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--only' ? [args[i + 1]] : []));
const dash = args.indexOf('--');
const filters = dash >= 0 ? args.slice(dash + 1) : [];
const want = (step) => only.length === 0 || only.includes(step);
const tmp = mkdtempSync(join(tmpdir(), 'voc-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** A check without its own test count (lint, types) counts as one test. */
async function check(name, cmd, cmdArgs) {
  console.log(`\n▶ ${name}`);
  const code = await run(cmd, cmdArgs);
  totals[code === 0 ? 'passed' : 'failed']++;
  lines.push(`${name}: ${code === 0 ? 'ok' : 'FAILED'}`);
}

/** Every file under `dir`, skipping node_modules and build output. */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : walk(path);
    return [path];
  });
}

const bin = (name) => join('node_modules', '.bin', name);

if (want('lint')) {
  await check('prettier', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
  await check('eslint', bin('eslint'), ['--max-warnings', '0', '.']);
}
if (want('types')) await check('typecheck', bin('tsc'), ['-p', 'tsconfig.json']);
// the end-to-end tests load the real script-tag bundle: build it (and the manifests) from these sources first
if (want('build') || ((want('node') || want('browser')) && !args.includes('--no-build'))) {
  await check('build', bin('rollup'), ['-c', '--silent']);
  await check('custom elements manifest', process.execPath, ['scripts/cem.mjs']);
  await check('framework examples', process.execPath, ['scripts/build-examples.mjs']);
}

if (want('node')) {
  console.log('\n▶ node tests');
  const files = (filters.length ? filters : walk('packages').concat(walk('test'))).filter((f) => f.endsWith('.node.test.ts')).sort();
  if (files.length === 0) {
    totals.failed++;
    lines.push('node tests: FAILED (no test files found)');
  } else {
    const tap = join(tmp, 'node.tap');
    const code = await run(process.execPath, [
      '--conditions=source',
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ]);
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const num = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
    const counts = { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') };
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // the runner itself failed
    for (const k of Object.keys(totals)) totals[k] += counts[k];
    lines.push(`node tests: ${counts.passed} passed, ${counts.failed} failed (${files.length} files)`);
  }
}

if (want('browser')) {
  console.log('\n▶ browser tests (headless Chromium)');
  const countsFile = join(tmp, 'browser.json');
  const env = { VOC_TEST_COUNTS: countsFile };
  if (filters.length) env.VOC_BROWSER_FILES = filters.filter((f) => !f.endsWith('.node.test.ts')).join(',');
  const code = await run(bin('web-test-runner'), ['--config', 'web-test-runner.config.mjs'], env);
  const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  lines.push(`browser tests: ${counts.passed} passed, ${counts.failed} failed`);
}

console.log(`\n${lines.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
