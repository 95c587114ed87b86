// End to end: a customer on the demo site and an agent in the team console at /console, both in real Chromium
// against the real reference server and the real bundles, the server's mail going over SMTP to a real SMTP server on
// loopback (the catcher). Complaint with e-mail consent → agent finds it by search, groups it with two similar items
// by choosing a term, replies (the customer's mail has a thread link that shows the reply), sets an "expected by"
// date and announces (the consenting followers' mails carry the date) → the customer sees the reply live and
// confirms → the console shows it resolved → the topic is done: the other consenting customer's "is it resolved for
// you?" mail confirms with one click, and their thread shows it resolved. Plus: a viewer cannot reply; a signed-out
// request is refused. No page logs an error.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROME_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { call, startVoc, submit, team, type Running } from '../packages/server/test/helpers.js';
import { startCatcher, type Catcher, type CaughtMail } from '../packages/server/test/mail-catcher.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = `${root}packages/voc/dist`;
const C = 'voc-team-console';

/** A new tab (of the browser, or of a browser context) that records what the page logs as an error. */
async function open(browser: Pick<Browser, 'newPage'>, url: string): Promise<{ page: Page; problems: string[] }> {
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

/** A link in the text part of a mail, by the path it goes to. */
function linkIn(mail: CaughtMail, path: string): string {
  const url = new RegExp(`https?://\\S+${path.replace(/[/?]/g, '\\$&')}\\S*`).exec(mail.text)?.[0];
  assert.ok(url, `no ${path} link in the mail “${mail.subject}”:\n${mail.text}`);
  return url;
}

/** Waits for the page's text (through the shadow root of `host`) to match. */
const pageShows = (page: Page, host: string, pattern: RegExp, timeout = 20_000) =>
  page.waitForFunction(
    (h, source, flags) =>
      new RegExp(source, flags).test(document.querySelector(h)?.shadowRoot?.textContent ?? document.body.textContent ?? ''),
    { polling: 100, timeout },
    host,
    pattern.source,
    pattern.flags,
  );

describe('the team console, end to end with a customer on the demo site', () => {
  let voc: Running;
  let smtp: Catcher;
  let browser: Browser;
  let base: string;

  /** Every mail the catcher has for `to`, once `n` of them have a subject matching `subject`. */
  async function mailsTo(to: string, subject: RegExp, n = 1): Promise<CaughtMail[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const mine = smtp.mails.filter((m) => m.to === to && subject.test(m.subject));
      if (mine.length >= n) return mine;
      assert.ok(
        Date.now() < deadline,
        `expected ${n} mail(s) “${subject.source}” to ${to}; the catcher has: ${smtp.mails.map((m) => `${m.to} “${m.subject}”`).join(', ')}`,
      );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(async () => {
    assert.ok(existsSync(`${bundleDir}/console/console.js`), 'the console bundle is missing: run `npm run build`');
    smtp = await startCatcher();
    // mail over SMTP to the catcher; links start with the address the browser uses (the default public URL);
    // no hourly cap, so each step's mail goes out at once instead of waiting to become a digest
    voc = await startVoc('pglite', {
      dev: true,
      staticDir: `${root}examples`,
      bundleDir,
      rateLimits: false,
      mail: { smtpUrl: smtp.url, from: '"Demo Café" <care@demo.test>', capMs: 0, pollMs: 100 },
    });
    base = voc.url.replace('127.0.0.1', 'localhost');
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_ARGS });
  });
  after(async () => {
    await browser?.close();
    await voc?.stop();
    await smtp?.close();
  });

  test('complaint → search → group by a term → reply → announce → live reply → customer confirms → resolved', async () => {
    // two similar complaints from other customers: Jon may be e-mailed, the other gave no address
    const jon = await submit(voc.url, 'demo', crypto.randomUUID(), {
      kind: 'complaint',
      text: 'Somebody took my umbrella from the stand',
      locale: 'en',
      contact: { email: 'jon@example.com', consent: true },
    });
    assert.equal(jon.status, 201);
    const other = await submit(voc.url, 'demo', crypto.randomUUID(), {
      kind: 'complaint',
      text: 'The umbrella stand by the door is always full',
      locale: 'en',
    });
    assert.equal(other.status, 201);

    // the customer, on the demo site: a complaint with e-mail and consent
    const customer = await open(browser, `${base}/status-feed/`);
    const form = 'voc-feedback-form';
    await customer.page.waitForFunction((f) => document.querySelector(f)?.shadowRoot?.querySelector('textarea'), { polling: 100 }, form);
    await customer.page.click(`${form} >>> input[value="complaint"]`);
    await customer.page.click(`${form} >>> textarea`);
    await customer.page.keyboard.type('My umbrella vanished from the rack while I had breakfast');
    await customer.page.type(`${form} >>> input[type="email"]`, 'maria@example.com');
    await customer.page.click(`${form} >>> #consent`);
    await customer.page.click(`${form} >>> button[type="submit"]`);
    await customer.page.waitForFunction(
      (f) => document.querySelector(f)?.shadowRoot?.querySelector('a[href*="voc-receipt"]'),
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

    // the reply reaches Maria by mail, once, and nobody else; its thread link opens her thread with the reply
    const [replyMail] = await mailsTo('maria@example.com', /^Demo shop \(sample data\): a reply to your feedback$/);
    assert.match(replyMail.text, /We are so sorry, Maria\. We found your umbrella behind the counter\./);
    assert.deepEqual(
      smtp.mails.map((m) => m.to),
      ['maria@example.com'],
    );
    const thread = await open(browser, linkIn(replyMail, '/v1/mail/thread?'));
    await pageShows(thread.page, 'voc-status-feed', /Priya, Customer care[\s\S]*We found your umbrella behind the counter/);
    // the link went through the server's redirect to the site's thread page, which took the receipt out of the address bar
    assert.equal(new URL(thread.page.url()).pathname, '/status-feed/');
    assert.equal(new URL(thread.page.url()).search, '');
    await thread.page.close();
    assert.deepEqual(thread.problems, []);

    // the topic's form in the Topics view that has `field`: "move" (status) or "announce" (body)
    await p.bringToFront();
    await p.evaluate(() => {
      const nav = [...document.querySelector('voc-team-console')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')];
      nav.find((b) => b.textContent?.trim() === 'Topics')!.click();
    });
    await consoleShows(p, /Umbrellas go missing/);
    const topicForm = async (field: string) =>
      (
        await p.evaluateHandle((f) => {
          const topics = [...document.querySelector('voc-team-console')!.shadowRoot!.querySelectorAll('.topic')];
          // the topic titled so (others name it in their "merge into" list)
          return topics
            .find((t) => t.querySelector('h3')?.textContent?.trim() === 'Umbrellas go missing')!
            .querySelector(`form:has([name="${f}"])`);
        }, field)
      ).asElement()!;

    // planned, expected by a day two months ahead (set as a date picker sets it: the value, then an input event)
    const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const dayInMail = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(day));
    const move = await topicForm('status');
    await (await move.$('select[name="status"]'))!.select('planned');
    await move.$eval(
      'input[name="expectedBy"]',
      (input, value) => {
        (input as HTMLInputElement).value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      day,
    );
    await (await move.$('button[type="submit"]'))!.click();
    await consoleShows(p, new RegExp(`Expected by ${dayInMail}`));
    // the two followers who consented hear of the move (wait for it: news on the same topic could fold into one digest)
    for (const to of ['maria@example.com', 'jon@example.com']) {
      const [moved] = await mailsTo(to, /“Umbrellas go missing” is now planned/);
      assert.match(moved.text, new RegExp(`Expected by ${dayInMail}\\.`));
    }

    // announces to the topic
    const announceForm = await topicForm('body');
    await (await announceForm.$('input[name="title"]'))!.type('A new umbrella rack');
    await (await announceForm.$('textarea[name="body"]'))!.type('From Monday a locked umbrella rack stands by the door.');
    await (await announceForm.$('button[type="submit"]'))!.click();
    await consoleShows(p, /Announced to 3 followers\./);
    // the announcement reaches the followers who consented, with the expected-by date; the third gave no address
    for (const to of ['maria@example.com', 'jon@example.com']) {
      const [news] = await mailsTo(to, /^Demo shop \(sample data\): A new umbrella rack$/);
      assert.match(news.text, /From Monday a locked umbrella rack stands by the door\./);
      assert.match(news.text, new RegExp(`Expected by ${dayInMail}\\.`));
      assert.match(news.html, new RegExp(`Expected by ${dayInMail}\\.`));
    }
    assert.deepEqual([...new Set(smtp.mails.map((m) => m.to))].sort(), ['jon@example.com', 'maria@example.com']);

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

    // the team moves the topic to done: Jon, whose complaint is not resolved yet, is asked by mail
    await p.evaluate(() => {
      const nav = [...document.querySelector('voc-team-console')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')];
      nav.find((b) => b.textContent?.trim() === 'Topics')!.click();
    });
    await consoleShows(p, /Umbrellas go missing/);
    const done = await topicForm('status');
    await (await done.$('select[name="status"]'))!.select('done');
    await (await done.$('button[type="submit"]'))!.click();
    const [ask] = await mailsTo('jon@example.com', /^Demo shop \(sample data\): is it resolved for you\?$/);
    assert.notEqual((await call(voc.url, 'GET', `/v1/threads/${jon.body.receipt}`)).body.feedback.status, 'resolved');
    // the confirm link: a page with one button (opening it changes nothing), the button confirms
    const confirm = await open(browser, linkIn(ask, '/v1/mail/confirm?'));
    await confirm.page.waitForSelector('button[type="submit"]');
    assert.equal(await confirm.page.$eval('button[type="submit"]', (b) => b.textContent), 'Yes, it is resolved');
    await Promise.all([confirm.page.waitForNavigation(), confirm.page.click('button[type="submit"]')]);
    await pageShows(confirm.page, 'main', /It is marked resolved, as you said\./);
    await confirm.page.close();
    assert.deepEqual(confirm.problems, []);
    // Jon's thread, from the same mail's thread link, shows it resolved
    const jonThread = await open(browser, linkIn(ask, '/v1/mail/thread?'));
    await jonThread.page.waitForFunction(
      () => {
        const thread = document.querySelector('voc-status-feed')?.shadowRoot?.querySelector('[part="thread"]')?.textContent ?? '';
        return (
          /Somebody took my umbrella/.test(thread) && /Status: Resolved/.test(thread) && /You confirmed this is resolved\./.test(thread)
        );
      },
      { polling: 100, timeout: 20_000 },
    );
    assert.equal((await call(voc.url, 'GET', `/v1/threads/${jon.body.receipt}`)).body.feedback.status, 'resolved');
    await jonThread.page.close();
    assert.deepEqual(jonThread.problems, []);
    // nobody got a mail twice: one Message-ID each
    assert.equal(new Set(smtp.mails.map((m) => m.messageId)).size, smtp.mails.length);

    assert.deepEqual(agent.problems, []);
    assert.deepEqual(customer.problems, []);
    await p.close();
    await customer.page.close();
  });

  test('a viewer cannot reply (no reply box, and the API refuses); a signed-out request is refused', async () => {
    const invite = await call(voc.url, 'POST', '/v1/team/members', { headers: team, body: { name: 'Vic', title: '', role: 'viewer' } });
    const ctx = await browser.createBrowserContext();
    const viewer = await open(ctx, `${base}/console#token=${invite.body.invite.token}`);
    const page = viewer.page;
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
    // the browser logs the refused request this test made on purpose, and nothing else
    assert.deepEqual(viewer.problems, ['console: Failed to load resource: the server responded with a status of 403 (Forbidden)']);
    assert.equal((await call(voc.url, 'GET', '/v1/team/sites/demo/inbox')).status, 401);
    // a browser without a session gets the sign-in form
    const fresh = await browser.createBrowserContext();
    const signIn = await open(fresh, `${base}/console`);
    await consoleShows(signIn.page, /Sign in to the team console/);
    await fresh.close();
    // known: the console asks for the session and is refused (401) before it shows the sign-in form; the browser logs
    // every refused fetch, whatever the page does with the answer
    assert.deepEqual(signIn.problems, ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });
});
