// Screenshots of the demo as a customer sees it: the café page at 390 px (a phone) and 1440 px (a laptop), light and
// dark, into docs/screenshots/. Runs the reference server as `npm start` does (development, sample data) on its own
// port and a fresh data folder, and headless Chromium through puppeteer-core.
// Usage: node scripts/screenshots.mjs [--port 8806] [--path /]   (builds the bundle first when it is missing)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findBrowser } from './find-browser.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = Number(arg('port', process.env.PORT ?? 8806));
const path = arg('path', '/');
const out = 'docs/screenshots';
const SHOTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1440, height: 900 },
];

if (!existsSync('packages/voc/dist/voc.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
mkdirSync(out, { recursive: true });
const data = mkdtempSync(join(tmpdir(), 'voc-shots-'));
const server = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts'], {
  stdio: ['ignore', 'ignore', 'inherit'], // its start-up lines hold a team token: not for the console
  env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', VOC_DATA_DIR: data },
});
const base = `http://localhost:${port}`;

try {
  // ready when the API answers
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v1/openapi.json`)).ok) break;
    } catch {
      // not yet
    }
    if (i > 1500) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
  try {
    for (const scheme of ['light', 'dark'])
      for (const { name, width, height } of SHOTS) {
        const page = await browser.newPage();
        await page.setViewport({ width, height, deviceScaleFactor: 1 });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(`${base}${path}`, { waitUntil: 'load', timeout: 90_000 }); // live updates keep a connection open
        // every element rendered, the cloud laid out
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('*')]
              .filter((e) => e.localName.startsWith('voc-') && !e.hasAttribute('launcher'))
              .every((e) => e.shadowRoot && e.shadowRoot.childElementCount > 0) &&
            [...document.querySelectorAll('voc-cloud')].every((c) => c.shadowRoot?.querySelector('.cloud button.term')),
          { polling: 200, timeout: 30_000 },
        );
        await new Promise((r) => setTimeout(r, 800)); // animations settle
        const file = `${out}/demo-${width}-${scheme}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file} (${name}, ${scheme})`);
        await page.close();
      }
  } finally {
    await browser.close();
  }
} finally {
  server.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
}
