// Browser tests: every *.test.ts beside the code (not *.node.test.ts) in real headless Chromium.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { findBrowser, CHROME_ARGS } from './scripts/find-browser.mjs';
import { vocServerPlugin } from './test/wtr-voc-server.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.base.json', import.meta.url));

/** Counts tests for scripts/test.mjs's closing line (VOC_TEST_COUNTS names the file). */
function countReporter() {
  const count = (suite, acc) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) acc.skipped++;
      else if (test.passed) acc.passed++;
      else acc.failed++;
    }
    for (const child of suite?.suites ?? []) count(child, acc);
    return acc;
  };
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, acc);
        // a file that failed to load or threw outside a test counts as one failure
        if (!session.passed && (session.errors?.length || !session.testResults)) acc.failed++;
      }
      if (process.env.VOC_TEST_COUNTS) writeFileSync(process.env.VOC_TEST_COUNTS, JSON.stringify(acc));
    },
  };
}

/**
 * `executeServerCommand('voc-media', { 'prefers-color-scheme': 'dark', 'forced-colors': 'active' })`: emulates any CSS
 * media feature through the DevTools protocol (web-test-runner's `emulateMedia` passes only colour scheme and reduced
 * motion to Chromium); `{}` resets them all.
 */
function mediaPlugin() {
  // one DevTools session per page, kept open: an emulation ends with the session that set it
  const sessions = new WeakMap();
  return {
    name: 'voc-media',
    async executeCommand({ command, payload, session }) {
      if (command !== 'voc-media') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const features = Object.entries(payload ?? {}).map(([name, value]) => ({ name, value }));
      await sessions.get(page).send('Emulation.setEmulatedMedia', { features });
      return true;
    },
  };
}

/**
 * `executeServerCommand('voc-unreachable', { path })`: every request for `path` (a URL path, query left out) fails
 * with 503 until the command comes again without one, as when the reader went offline or a deploy removed a chunk
 * (a test of a lazily loaded module that cannot load); `{}` makes it reachable again. The runner lets the browser
 * cache every file it serves (for a year, failures too), so a test blocks an address no other test file asks for.
 */
function unreachable() {
  let path;
  return {
    middleware: (ctx, next) => (path && ctx.path === path ? void (ctx.status = 503) : next()),
    plugin: {
      name: 'voc-unreachable',
      executeCommand({ command, payload }) {
        if (command !== 'voc-unreachable') return undefined;
        path = payload?.path;
        return true;
      },
    },
  };
}
const blocked = unreachable();

const files = process.env.VOC_BROWSER_FILES?.split(',') ?? ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', '!**/*.node.test.ts'];

export default {
  files,
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  middleware: [blocked.middleware],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig }), vocServerPlugin(), mediaPlugin(), blocked.plugin],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findBrowser(), headless: true, args: CHROME_ARGS },
    }),
  ],
  // one page at a time: background tabs in headless Chromium get no animation frames, which fixtures wait for
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 420_000,
  testFramework: { config: { timeout: 10_000 } },
  reporters: [process.env.CI ? summaryReporter({ flatten: false }) : defaultReporter(), countReporter()],
};
