// End to end: a customer on the demo site and an agent in the team console at /console, both in real Chromium
// against the real reference server and the real bundles. Complaint with e-mail consent → agent finds it by search,
// groups it with two similar items by choosing a term, replies, announces → the customer sees the reply live and
// confirms → the console shows it resolved. Plus: a viewer cannot reply; a signed-out request is refused.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { call, startVoc, submit, team, type Running } from '../packages/server/test/helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = `${root}packages/voc/dist`;
const C = 'voc-team-console';

async function open(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

/** Waits until the console's shadow root text matches. */
const consoleShows = (page: Page, pattern: RegExp, timeout = 20_000) =>
  page.waitForFunction(
    (source, flags) => new RegExp(source, flags).test(document.querySelector('voc-team-console')?.shadowRoot?.textContent ?? ''),
    { polling: 100, timeout },
    pattern.source,
    pattern.flags,
  );

describe('the team console, end to end with a customer on the demo site', () => {
  let voc: Running;
  let browser: Browser;
  let base: string;

  before(async () => {
    assert.ok(existsSync(`${bundleDir}/console/console.js`), 'the console bundle is missing: run `npm run build`');
    voc = await startVoc('pglite', { dev: true, staticDir: `${root}examples`, bundleDir, rateLimits: false });
    base = voc.url.replace('127.0.0.1', 'localhost');
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
  });
  after(async () => {
    await browser?.close();
    await voc?.stop();
  });

  test('complaint → search → group by a term → reply → announce → live reply → customer confirms → resolved', async () => {
    // two similar complaints from other customers
    for (const text of ['Somebody took my umbrella from the stand', 'The umbrella stand by the door is always full'])
      assert.equal((await submit(voc.url, 'demo', crypto.randomUUID(), { kind: 'complaint', text, locale: 'en' })).status, 201);

    // the customer, on the demo site: a complaint with e-mail and consent
    const customer = await open(browser, `${base}/status-feed/`);
    const form = 'voc-feedback-form';
    await customer.page.waitForFunction((f) => document.querySelector(f)?.shadowRoot?.querySelector('textarea'), { polling: 100 }, form);
    await customer.page.click(`${form} >>> input[value="complaint"]`);
    await customer.page.click(`${form} >>> textarea`);
    await customer.page.keyboard.type('My umbrella vanished from the rack while I had breakfast');
    await customer.page.type(`${form} >>> input[type="email"]`, 'maria@example.com');
    await customer.page.click(`${form} >>> #consent`);
    await customer.page.click(`${form} >>> button[part="submit"]`);
    await customer.page.waitForFunction(
      (f) => document.querySelector(f)?.shadowRoot?.querySelector('[part="receipt-link"]'),
      { polling: 100, timeout: 20_000 },
      form,
    );

    // the owner invites an agent; the agent opens the link: signed in at /console
    const invite = await call(voc.url, 'POST', '/v1/team/members', {
      headers: team,
      body: { name: 'Priya', title: 'Customer care', role: 'agent' },
    });
    assert.equal(invite.status, 201);
    const agent = await open(browser, `${base}/console#token=${invite.body.invite.token}`);
    const p = agent.page;
    await consoleShows(p, /Signed in as Priya, Customer care/);
    assert.equal(new URL(p.url()).hash, '', 'the sign-in token leaves the address bar');
    assert.equal((await p.evaluate(() => JSON.stringify(localStorage))).includes(invite.body.invite.token), false);

    // finds it by search
    await p.click(`${C} >>> #search`);
    await p.keyboard.type('vanished');
    await p.keyboard.press('Enter');
    await p.waitForFunction(
      () => {
        const rows = document.querySelector('voc-team-console')?.shadowRoot?.querySelectorAll('.items .item') ?? [];
        return rows.length === 1 && /umbrella vanished/.test(rows[0].textContent ?? '');
      },
      { polling: 100, timeout: 20_000 },
    );
    // clear the search; choose the term in the console's cloud: every item using it
    await p.click(`${C} >>> #search`, { count: 3 });
    await p.keyboard.press('Backspace');
    await p.keyboard.press('Enter');
    // the inbox's <voc-cloud> (its own chunk, loaded when the inbox shows it): the person chooses the term
    // (the cloud counts the whole inbox again once the search is cleared: "stand" is only in the other two items)
    const cloudTerm = (term: string) => `${C} >>> voc-cloud >>> button.term[data-term="${term}"]`;
    await p.waitForSelector(cloudTerm('stand'), { visible: true, timeout: 20_000 });
    const umbrella = await p.waitForSelector(cloudTerm('umbrella'), { visible: true, timeout: 20_000 });
    // by keyboard (a click could land on a neighbour while the cloud settles into its column): focus, Enter
    await umbrella!.focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(
      () => {
        const rows = [...(document.querySelector('voc-team-console')?.shadowRoot?.querySelectorAll('.items .item') ?? [])];
        return rows.length === 3 && rows.every((r) => /umbrella/i.test(r.textContent ?? ''));
      },
      { polling: 100, timeout: 20_000 },
    );
    // select all three and group them into a new topic
    await p.click(`${C} >>> .group button[type="button"]`);
    await p.click(`${C} >>> #group-topic`, { count: 3 });
    await p.keyboard.type('umbrellas');
    await p.type(`${C} >>> #group-title`, 'Umbrellas go missing');
    await p.click(`${C} >>> .group button[type="submit"]`);
    await consoleShows(p, /3 grouped into “Umbrellas go missing”/);
    const topic = (await call(voc.url, 'GET', '/v1/team/sites/demo/topics', { headers: team })).body.topics.find(
      (t: { slug: string }) => t.slug === 'umbrellas',
    );
    assert.equal(topic.followers, 3);

    // opens the customer's item (keyboard: find it, Enter), sees the contact, replies
    const rowIndex = await p.evaluate(() =>
      [...document.querySelector('voc-team-console')!.shadowRoot!.querySelectorAll('.items .item')].findIndex((r) =>
        /vanished/.test(r.textContent ?? ''),
      ),
    );
    await p.click(`${C} >>> #item-${rowIndex} .open`);
    await consoleShows(p, /maria@example\.com/);
    await p.click(`${C} >>> #reply`);
    await p.keyboard.type('We are so sorry, Maria. We found your umbrella behind the counter.');
    await p.click(`${C} >>> .detail form button[type="submit"]`);
    await consoleShows(p, /Reply sent\./);

    // the customer's page shows the reply live, signed with the agent's name (the console stays open behind)
    await customer.page.bringToFront();
    await customer.page.waitForFunction(
      () =>
        /Priya, Customer care[\s\S]*We found your umbrella/.test(document.querySelector('voc-status-feed')?.shadowRoot?.textContent ?? ''),
      { polling: 200, timeout: 20_000 },
    );

    // announces to the topic
    await p.bringToFront();
    await p.evaluate(() => {
      const nav = [...document.querySelector('voc-team-console')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')];
      nav.find((b) => b.textContent?.trim() === 'Topics')!.click();
    });
    await consoleShows(p, /Umbrellas go missing/);
    const announceForm = await p.evaluateHandle(() => {
      const topics = [...document.querySelector('voc-team-console')!.shadowRoot!.querySelectorAll('.topic')];
      // the topic titled so (others name it in their "merge into" list), its announce form (it also has "move" and "merge into")
      return topics
        .find((t) => t.querySelector('h3')?.textContent?.trim() === 'Umbrellas go missing')!
        .querySelector('form:has(textarea[name="body"])');
    });
    const title = await announceForm.asElement()!.$('input[name="title"]');
    await title!.type('A new umbrella rack');
    const bodyField = await announceForm.asElement()!.$('textarea[name="body"]');
    await bodyField!.type('From Monday a locked umbrella rack stands by the door.');
    await (await announceForm.asElement()!.$('button[type="submit"]'))!.click();
    await consoleShows(p, /Announced to 3 followers\./);

    // the customer confirms it is resolved
    await customer.page.bringToFront();
    await customer.page.waitForFunction(
      () => document.querySelector('voc-status-feed')?.shadowRoot?.querySelector('.confirm button.primary'),
      {
        polling: 100,
        timeout: 20_000,
      },
    );
    await customer.page.click('voc-status-feed >>> .confirm button.primary');

    // the console shows it resolved, live
    await p.bringToFront();
    await p.evaluate(() => {
      const nav = [...document.querySelector('voc-team-console')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')];
      nav.find((b) => b.textContent?.trim() === 'Inbox')!.click();
    });
    await consoleShows(p, /Resolved by the customer/);
    assert.deepEqual(agent.problems, []);
    assert.deepEqual(customer.problems, []);
    await p.close();
    await customer.page.close();
  });

  test('a viewer cannot reply (no reply box, and the API refuses); a signed-out request is refused', async () => {
    const invite = await call(voc.url, 'POST', '/v1/team/members', { headers: team, body: { name: 'Vic', title: '', role: 'viewer' } });
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/console#token=${invite.body.invite.token}`);
    await consoleShows(page, /Signed in as Vic/);
    await page.waitForFunction(
      () => (document.querySelector('voc-team-console')?.shadowRoot?.querySelectorAll('.items .item').length ?? 0) > 0,
      {
        polling: 100,
        timeout: 20_000,
      },
    );
    await page.click(`${C} >>> #item-0 .open`);
    await consoleShows(page, /The customer’s story/);
    assert.equal(await page.$(`${C} >>> #reply`), null);
    await consoleShows(page, /replying needs the agent role/);
    // the same session, straight at the API, as a page script would
    const status = await page.evaluate(async () => {
      const inbox = await (await fetch('/v1/team/sites/demo/inbox?limit=1')).json();
      const r = await fetch(`/v1/team/sites/demo/items/${inbox.items[0].id}/replies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hi' }),
      });
      return r.status;
    });
    assert.equal(status, 403);
    await ctx.close();
    assert.equal((await call(voc.url, 'GET', '/v1/team/sites/demo/inbox')).status, 401);
    // a browser without a session gets the sign-in form
    const fresh = await browser.createBrowserContext();
    const signIn = await fresh.newPage();
    await signIn.goto(`${base}/console`);
    await consoleShows(signIn, /Sign in to the team console/);
    await fresh.close();
  });
});
