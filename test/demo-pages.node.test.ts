// End to end: the reference server serves the demo pages (under its strict CSP) and the real script-tag bundle;
// headless Chromium loads every page as a visitor would, and a customer sends feedback through the bundle.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { ADMIN_TOKEN, startVoc, type Running } from '../packages/server/test/helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = `${root}packages/voc/dist`;
const PAGES = [
  '/',
  '/feedback-form/',
  '/status-feed/',
  '/pulse/',
  '/wall/',
  '/themed/',
  '/plain-local/',
  '/react/',
  '/vue/',
  '/svelte/',
  '/angular/',
];

/** Opens a page, recording CSP violations and script errors from the first line on. */
async function open(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource.*favicon/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

/** Every voc-* element on the page is defined and has rendered something. */
const rendered = (page: Page) =>
  page.waitForFunction(
    () => {
      const els = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('voc-'));
      return els.length > 0 && els.every((e) => customElements.get(e.localName) && e.shadowRoot && e.shadowRoot.childElementCount > 0);
    },
    { polling: 100, timeout: 20_000 },
  );

describe('demo pages with the real bundle, on the reference server', () => {
  let voc: Running;
  let browser: Browser;
  let base: string;

  before(async () => {
    assert.ok(existsSync(`${bundleDir}/voc.js`), 'the bundle is missing: `npm test` builds it first (or run `npm run build`)');
    voc = await startVoc('pglite', { dev: true, staticDir: `${root}examples`, bundleDir, rateLimits: false });
    // the demo site accepts http://localhost:* origins
    base = voc.url.replace('127.0.0.1', 'localhost');
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
  });

  after(async () => {
    await browser?.close();
    await voc?.stop();
  });

  for (const path of PAGES)
    test(`${path} renders every element under a strict CSP with Trusted Types, without errors`, async () => {
      const response = await fetch(`${voc.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /require-trusted-types-for 'script'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      const { page, problems } = await open(browser, `${base}${path}`);
      await rendered(page);
      await new Promise((r) => setTimeout(r, 300)); // late violations and errors
      assert.deepEqual(problems, []);
      await page.close();
    });

  test('the minified bundle keeps the spaces of the text it renders', async () => {
    const { page, problems } = await open(browser, `${base}/`);
    await rendered(page);
    await page.waitForFunction(() => (document.querySelector('voc-status-feed')?.shadowRoot?.querySelectorAll('.meta').length ?? 0) > 0, {
      polling: 100,
      timeout: 20_000,
    });
    const metas = await page.$$eval('voc-status-feed >>> .meta', (els) => els.map((e) => e.textContent!.replace(/\s+/g, ' ').trim()));
    assert.ok(
      metas.some((m) => m.includes(' · ')),
      metas.join(' | '),
    );
    for (const meta of metas) assert.doesNotMatch(meta, /\S·|·\S/, meta);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a customer sends an idea with the keyboard through the bundle; it reaches the server and its cloud', async () => {
    const { page, problems } = await open(browser, `${base}/`);
    await rendered(page);
    const form = 'voc-feedback-form:not([launcher])';
    await page.click(`${form} >>> input[value="idea"]`);
    await page.click(`${form} >>> textarea`);
    await page.keyboard.type('Oat milk for the flat white, please');
    await page.keyboard.press('Tab'); // leave the text box; submit with the keyboard below
    await page.focus(`${form} >>> button[type="submit"]`);
    await page.keyboard.press('Enter');
    // polling: a document-level observer does not see changes inside shadow roots
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('a[href]'),
      { polling: 100, timeout: 20_000 },
      form,
    );
    const link = await page.$eval(`${form} >>> a[href]`, (a) => (a as HTMLAnchorElement).href);
    assert.match(link, /[?&]voc-receipt=[A-Za-z0-9_-]{22}/);

    const inbox = await (
      await fetch(`${voc.url}/v1/admin/sites/demo/inbox`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json();
    const mine = inbox.items.filter((i: { text: string }) => i.text === 'Oat milk for the flat white, please');
    assert.equal(mine.length, 1);
    assert.equal(mine[0].kind, 'idea');
    // the cloud on the same page shows the new words, live
    await page.waitForFunction(
      () =>
        [...(document.querySelector('voc-cloud')?.shadowRoot?.querySelectorAll('[part~="term"]') ?? [])].some((t) =>
          /oat milk|flat white|milk/.test(t.textContent ?? ''),
        ),
      { polling: 100, timeout: 20_000 },
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const [path, framework] of [
    ['/react/', 'React'],
    ['/vue/', 'Vue'],
    ['/svelte/', 'Svelte'],
    ['/angular/', 'Angular'],
  ])
    test(`${framework}: the app's own handlers see voc-submitted and voc-term-select; its strings override shows`, async () => {
      assert.ok(existsSync(`${root}examples${path}dist/app.js`), 'the example is not built: `npm test` builds it (or `npm run build`)');
      const { page, problems } = await open(browser, `${base}${path}`);
      await rendered(page);
      const form = 'voc-feedback-form:not([launcher])';
      // the app's `strings` override replaces the button label
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('button[type="submit"]')?.textContent?.includes('Send to the café'),
        { polling: 100, timeout: 20_000 },
        form,
      );
      const text = `${framework} app: more seats by the window`;
      await page.click(`${form} >>> input[value="complaint"]`);
      await page.click(`${form} >>> textarea`);
      await page.keyboard.type(text);
      await page.click(`${form} >>> button[type="submit"]`);
      // the framework renders what its voc-submitted handler received, in the page's own list
      await page.waitForFunction(
        (t) => [...document.querySelectorAll('#sent-list li')].some((li) => li.textContent === `complaint: ${t}`),
        {
          polling: 100,
          timeout: 20_000,
        },
        text,
      );
      const inbox = await (
        await fetch(`${voc.url}/v1/admin/sites/demo/inbox`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      ).json();
      assert.equal(inbox.items.filter((i: { text: string; kind: string }) => i.text === text && i.kind === 'complaint').length, 1);

      // choosing a word in the cloud reaches the app's voc-term-select handler
      await page.waitForFunction(() => document.querySelector('voc-cloud')?.shadowRoot?.querySelector('[part~="term"]'), {
        polling: 100,
        timeout: 20_000,
      });
      const word = await page.$eval('voc-cloud >>> [part~="term"]', (t) => t.getAttribute('data-term') ?? '');
      assert.notEqual(word, '');
      // choose that very word with the keyboard: a live update (this test's own submission) may move the cloud's
      // words between finding one and a mouse click at its place
      await page.$eval(`voc-cloud >>> [part~="term"][data-term=${JSON.stringify(word)}]`, (t) => (t as HTMLElement).focus());
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#chosen-term')?.textContent?.includes('heard voc-term-select'), {
        polling: 100,
        timeout: 20_000,
      });
      const chosen = await page.$eval('#chosen-term', (p) => p.textContent ?? '');
      assert.ok(chosen.startsWith(`“${word}”: `), chosen);
      assert.match(chosen, /: \d+ mentions/);
      assert.deepEqual(problems, []);
      await page.close();
    });
});
