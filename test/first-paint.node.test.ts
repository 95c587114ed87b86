// End to end, with the real script-tag bundle on the reference server: what the form does with only its first-paint
// chunks, and an item an earlier visit left in the outbox.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { ADMIN_TOKEN, startVoc, type Running } from '../packages/server/test/helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = `${root}packages/voc/dist`;
const FORM = '#main-form';

type Graph = Record<string, { imports: string[]; dynamicImports: string[]; modules: string[] }>;

/** The bundle's files that hold the form's sending machinery and nothing the form needs to paint. */
function machineryFiles(): string[] {
  const graph = JSON.parse(readFileSync(`${bundleDir}/chunks.json`, 'utf8')) as Graph;
  const chunkOf = (needle: string) => Object.keys(graph).find((f) => graph[f].modules.some((m) => m.includes(needle)))!;
  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const walk = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      graph[f].imports.forEach(walk);
    };
    roots.forEach(walk);
    return seen;
  };
  const paint = closure([chunkOf('/feedback-form/dist/define.js')]);
  const machinery = closure([chunkOf('/feedback-form/dist/sending.js'), chunkOf('/adapter-http/dist/http-adapter.js')]);
  return [...machinery].filter((f) => !paint.has(f));
}

/** A page whose requests matching `block` fail, as when a network drops; records every request. */
async function open(browser: BrowserContext, block: (url: string, method: string) => boolean): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    requests.push(`${r.method()} ${r.url()}`);
    if (block(r.url(), r.method())) void r.abort('internetdisconnected');
    else void r.continue();
  });
  return { page, requests };
}

const shadow = (page: Page, selector: string) =>
  page.waitForFunction(
    (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('textarea'),
    { polling: 100, timeout: 20_000 },
    selector,
  );

describe('the form with its first-paint chunks only, through the real bundle', () => {
  let voc: Running;
  let browser: Browser;
  let base: string;

  before(async () => {
    assert.ok(existsSync(`${bundleDir}/chunks.json`), 'the bundle is missing: `npm test` builds it first (or run `npm run build`)');
    voc = await startVoc('pglite', { dev: true, staticDir: `${root}examples`, bundleDir, rateLimits: false });
    base = voc.url.replace('127.0.0.1', 'localhost');
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
  });

  after(async () => {
    await browser?.close();
    await voc?.stop();
  });

  test('the draft survives a reload when the sending machinery never arrives', async () => {
    const context = await browser.createBrowserContext(); // its own storage
    const machinery = machineryFiles();
    assert.ok(machinery.length >= 2, `the sending machinery is its own files: ${machinery.join(', ')}`);
    const { page, requests } = await open(context, (url) => machinery.some((f) => url.endsWith(f)));
    await page.goto(`${base}/feedback-form/`, { waitUntil: 'load' });
    await shadow(page, FORM);
    await page.click(`${FORM} >>> input[value="complaint"]`);
    await page.click(`${FORM} >>> textarea`);
    await page.keyboard.type('The queue at noon is too long');
    await page.reload({ waitUntil: 'load' });
    await shadow(page, FORM);
    const restored = await page.$eval(`${FORM} >>> textarea`, (t) => (t as HTMLTextAreaElement).value);
    assert.equal(restored, 'The queue at noon is too long');
    assert.equal(await page.$eval(`${FORM} >>> input[value="complaint"]`, (i) => (i as HTMLInputElement).checked), true);
    // the page asked for the machinery (focus, idle) and never got it: the draft needed none of it
    assert.ok(requests.some((r) => machinery.some((f) => r.endsWith(f))));
    await context.close();
  });

  test('an item saved offline on an earlier visit is delivered on the next load, with no interaction', async () => {
    const context = await browser.createBrowserContext(); // its own storage, kept between its pages
    const text = `Saved offline ${Date.now()}`;
    const feedback = (url: string, method: string) => method === 'POST' && url.includes('/v1/sites/demo/feedback');
    const offline = await open(context, feedback);
    await offline.page.goto(`${base}/feedback-form/`, { waitUntil: 'load' });
    await shadow(offline.page, FORM);
    await offline.page.click(`${FORM} >>> input[value="idea"]`);
    await offline.page.click(`${FORM} >>> textarea`);
    await offline.page.keyboard.type(text);
    await offline.page.click(`${FORM} >>> button[type="submit"]`);
    await offline.page.waitForFunction(
      (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('#done'),
      { polling: 100, timeout: 20_000 },
      FORM,
    );
    await offline.page.close();

    const inbox = async () =>
      (
        (await (await fetch(`${voc.url}/v1/admin/sites/demo/inbox`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
          items: Array<{ text: string }>;
        }
      ).items.filter((i) => i.text === text);
    assert.equal((await inbox()).length, 0, 'nothing reached the server while offline');

    const online = await open(context, () => false);
    await online.page.goto(`${base}/feedback-form/`, { waitUntil: 'load' });
    // no click, no key, no focus: only the load
    const deadline = Date.now() + 20_000;
    while ((await inbox()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal((await inbox()).length, 1);
    await context.close();
  });
});
