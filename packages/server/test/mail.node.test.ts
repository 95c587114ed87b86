/**
 * Mail to consenting customers, delivered to a real SMTP server on loopback (smtp-server) and read back with
 * mailparser: replies, announcements, "is it resolved for you?", one-click unsubscribe, the hourly cap, bounces,
 * the dev mailbox, and a SIGKILL in the middle of a 1,000-recipient announcement.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { call, createSite, startCli, startVoc, submit, team, type Running } from './helpers.js';
import { startCatcher, type Catcher, type CaughtMail } from './mail-catcher.js';
import { freePort, startPostgres, type PostgresServer } from './postgres.js';

const linkIn = (mail: CaughtMail, path: string): string => {
  const m = new RegExp(`https?://[^\\s"<>]+${path.replace(/[/?]/g, '\\$&')}[^\\s"<>]*`).exec(mail.text);
  assert.ok(m, `no ${path} link in:\n${mail.text}`);
  return m[0];
};

async function topicWith(base: string, site: string, slug: string) {
  const r = await call(base, 'POST', `/v1/admin/sites/${site}/topics`, { headers: team, body: { slug, title: `About ${slug}` } });
  assert.equal(r.status, 201);
}

/** n items on a topic, from n people; `email(i)` gives the address of those who consented. */
async function followers(
  base: string,
  site: string,
  topic: string,
  n: number,
  email: (i: number) => string | undefined,
  kind = 'complaint',
) {
  const ids: Array<{ id: string; receipt: string }> = [];
  for (let i = 0; i < n; i += 50)
    ids.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, n - i) }, async (_, j) => {
          const at = i + j;
          const address = email(at);
          const r = await submit(base, site, `${topic}-${at}-key-0123456789`, {
            kind,
            text: `Item ${at} about ${topic}`,
            topic,
            ...(address && { contact: { email: address, consent: true } }),
          });
          assert.equal(r.status, 201, JSON.stringify(r.body));
          return r.body as { id: string; receipt: string };
        }),
      )),
    );
  return ids;
}

describe('mail to consenting customers (PGlite, SMTP on loopback)', () => {
  let smtp: Catcher;
  let voc: Running;
  before(async () => {
    smtp = await startCatcher();
    voc = await startVoc('pglite', {
      rateLimits: false,
      mail: { smtpUrl: smtp.url, from: '"Café Aurora" <care@aurora.test>', publicUrl: 'http://localhost:9999', capMs: 0, pollMs: 100 },
    });
    await createSite(voc.url, 'aurora');
    await createSite(voc.url, 'other', { settings: {} });
  });
  after(async () => {
    await voc?.stop();
    await smtp?.close();
  });

  test('a reply reaches exactly the consenting customer, once, with a thread link that opens their thread', async () => {
    const start = smtp.mails.length;
    const yes = await submit(voc.url, 'aurora', 'reply-yes-key-0123456789', {
      kind: 'complaint',
      text: 'My parcel <b>never</b> came',
      contact: { email: 'ana@example.test', consent: true },
    });
    const no = await submit(voc.url, 'aurora', 'reply-no-key-01234567890', { kind: 'complaint', text: 'No mail for me, please' });
    for (const [item, text] of [
      [yes.body, 'Sorry, <i>Ana</i>: a new parcel left today.'],
      [no.body, 'Sorry about that.'],
    ] as const) {
      const r = await call(voc.url, 'POST', `/v1/admin/sites/aurora/feedback/${item.id}/replies`, {
        headers: team,
        body: { text, author: 'Priya, Customer care' },
      });
      assert.equal(r.status, 201);
    }
    await smtp.waitFor(start + 1);
    await new Promise((r) => setTimeout(r, 500));
    const got = smtp.mails.slice(start);
    assert.equal(got.length, 1, 'one mail, to the one who consented');
    const [mail] = got;
    assert.equal(mail.to, 'ana@example.test');
    assert.match(mail.subject, /a reply to your feedback/);
    assert.match(mail.text, /Priya, Customer care replied/);
    assert.match(mail.text, /Sorry, <i>Ana<\/i>: a new parcel left today\./, 'the text part carries the reply as written');
    assert.ok(mail.html.includes('Sorry, &lt;i&gt;Ana&lt;/i&gt;'), 'the HTML part shows markup as text');
    assert.ok(!/<img|<script/i.test(mail.html), 'no pixel, no script');
    assert.match(mail.messageId, /^<[0-9a-f-]{36}@localhost>$/);
    assert.match(String(mail.listUnsubscribe), /^http:\/\/localhost:9999\/v1\/mail\/unsubscribe\?t=/);
    assert.equal(mail.lines['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');

    // the thread link: through the server's redirect to the page with the receipt, which the public thread route accepts
    const link = linkIn(mail, '/v1/mail/thread?').replace('http://localhost:9999', voc.url);
    const hop = await fetch(link, { redirect: 'manual' });
    assert.equal(hop.status, 404, 'no thread page configured for this site yet');
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora', {
      headers: team,
      body: { settings: { threadUrl: 'https://aurora.test/follow' } },
    });
    const hop2 = await fetch(link, { redirect: 'manual' });
    assert.equal(hop2.status, 303);
    const target = new URL(hop2.headers.get('location')!);
    assert.equal(target.origin + target.pathname, 'https://aurora.test/follow');
    const receipt = target.searchParams.get('voc-receipt')!;
    assert.notEqual(receipt, yes.body.receipt, 'the mail carries its own receipt, not the one given at submit');
    const thread = await call(voc.url, 'GET', `/v1/threads/${receipt}`);
    assert.equal(thread.status, 200);
    assert.equal(thread.body.feedback.id, yes.body.id);
    assert.equal(thread.body.entries.at(-1).text, 'Sorry, <i>Ana</i>: a new parcel left today.');
    assert.ok(!JSON.stringify(thread.body).includes('ana@example.test'), 'no address in the public thread');
  });

  test('an announcement to 1,000 consenting and 1,000 other followers sends exactly 1,000 mails', async () => {
    await topicWith(voc.url, 'aurora', 'delivery');
    await followers(voc.url, 'aurora', 'delivery', 2000, (i) => (i % 2 === 0 ? `person${i}@example.test` : undefined));
    const start = smtp.mails.length;
    const r = await call(voc.url, 'POST', '/v1/admin/sites/aurora/announcements', {
      headers: team,
      body: { topic: 'delivery', title: 'New courier from Monday', body: 'We changed couriers; parcels arrive in 2 days.' },
    });
    assert.equal(r.status, 201);
    await smtp.waitFor(start + 1000, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const got = smtp.mails.slice(start);
    assert.equal(got.length, 1000);
    const to = new Set(got.map((m) => m.to));
    assert.equal(to.size, 1000, 'each person once');
    assert.ok(
      [...to].every((a) => /^person\d*[02468]@example\.test$/.test(a)),
      'only those who consented',
    );
    assert.equal(new Set(got.map((m) => m.messageId)).size, 1000);
    assert.match(got[0].subject, /New courier from Monday/);
    assert.match(got[0].text, /News about “About delivery”/);
  });

  test('the one-click unsubscribe (RFC 8058 POST) stops the next mail about that topic', async () => {
    await topicWith(voc.url, 'aurora', 'prices');
    await followers(voc.url, 'aurora', 'prices', 2, (i) => `prices${i}@example.test`, 'idea');
    let start = smtp.mails.length;
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/prices', {
      headers: team,
      body: { status: 'planned', message: 'On the list.' },
    });
    const first = await smtp.waitFor(start + 2).then((m) => m.slice(start));
    const mine = first.find((m) => m.to === 'prices0@example.test')!;
    assert.match(mine.subject, /“About prices” is now planned/);
    const unsubscribe = String(mine.listUnsubscribe).replace('http://localhost:9999', voc.url);
    const res = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.status, 200);
    start = smtp.mails.length;
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/prices', { headers: team, body: { status: 'in-progress' } });
    await smtp.waitFor(start + 1);
    await new Promise((r) => setTimeout(r, 700));
    assert.deepEqual(
      smtp.mails.slice(start).map((m) => m.to),
      ['prices1@example.test'],
    );
  });

  test('"is it resolved for you?" when the topic is done: the confirm link confirms, without typing', async () => {
    await topicWith(voc.url, 'aurora', 'app-crash');
    const [item] = await followers(voc.url, 'aurora', 'app-crash', 1, () => 'crash@example.test');
    const start = smtp.mails.length;
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/app-crash', {
      headers: team,
      body: { status: 'done', message: 'Fixed in 2.3.1.' },
    });
    const [mail] = await smtp.waitFor(start + 1).then((m) => m.slice(start));
    assert.match(mail.subject, /is it resolved for you\?/);
    const confirm = linkIn(mail, '/v1/mail/confirm?').replace('http://localhost:9999', voc.url);
    // opening the link (a mail scanner does too) changes nothing; the page's one button does
    const pageRes = await fetch(confirm);
    assert.equal(pageRes.status, 200);
    const html = await pageRes.text();
    assert.match(html, /<button type="submit">Yes, it is resolved<\/button>/);
    assert.equal((await call(voc.url, 'GET', `/v1/threads/${item.receipt}`)).body.feedback.status, 'received');
    const token = new URL(confirm).searchParams.get('t')!;
    const done = await fetch(`${voc.url}/v1/mail/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: token }).toString(),
    });
    assert.equal(done.status, 200);
    const thread = await call(voc.url, 'GET', `/v1/threads/${item.receipt}`);
    assert.equal(thread.body.feedback.status, 'resolved');
    // a forged or altered token does nothing
    const forged = await fetch(`${voc.url}/v1/mail/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: token.slice(0, -2) + 'xx' }).toString(),
    });
    assert.equal(forged.status, 404);
  });

  test('in the customer’s language: German and Arabic (right to left)', async () => {
    await topicWith(voc.url, 'aurora', 'shop');
    for (const [i, locale] of ['de-AT', 'ar'].entries())
      await submit(voc.url, 'aurora', `lang-${locale}-key-0123456789`, {
        kind: 'idea',
        text: 'Mehr Farben bitte',
        topic: 'shop',
        locale,
        contact: { email: `lang${i}@example.test`, consent: true },
      });
    const start = smtp.mails.length;
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/shop', { headers: team, body: { status: 'planned' } });
    const got = await smtp.waitFor(start + 2).then((m) => m.slice(start));
    const de = got.find((m) => m.to === 'lang0@example.test')!;
    const ar = got.find((m) => m.to === 'lang1@example.test')!;
    assert.match(de.subject, /„About shop“ ist jetzt geplant/);
    assert.match(ar.html, /<html lang="ar" dir="rtl">/);
  });

  const sentAbout = async (topic: string) =>
    (
      await voc.server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM mail_outbox WHERE topic = $1 AND status = 'sent'", [topic])
    )[0].n;
  /** Where the catcher and the outbox stand before an action about `topic`. */
  const mark = async (topic: string) => ({ topic, start: smtp.mails.length, sent: await sentAbout(topic) });
  /**
   * Waits until the outbox holds nothing pending or in flight about the topic, then until the catcher holds every
   * message the outbox recorded as sent since `mark`; gives the mails since then whose subject matches `about`.
   */
  async function settled(at: { topic: string; start: number; sent: number }, about: RegExp) {
    for (let i = 0; i < 1200; i++) {
      const [row] = await voc.server.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM mail_outbox WHERE topic = $1 AND status IN ('pending', 'sending')",
        [at.topic],
      );
      if (row.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const sent = (await sentAbout(at.topic)) - at.sent;
    // mail of earlier tests may still be arriving: only what is about this topic counts
    const mine = () => smtp.mails.slice(at.start).filter((m) => about.test(m.subject));
    for (let i = 0; i < 2400 && mine().length < sent; i++) await new Promise((r) => setTimeout(r, 50));
    return mine();
  }

  test('each incident update reaches exactly the consenting followers of the incident, once, with the apology as written', async () => {
    const r = await call(voc.url, 'POST', '/v1/admin/sites/aurora/incidents', {
      headers: team,
      body: { slug: 'card-outage', title: 'Card payments down', message: 'We are looking into it.' },
    });
    assert.equal(r.status, 201);
    await followers(voc.url, 'aurora', 'card-outage', 4, (i) => (i < 3 ? `card${i}@example.test` : undefined));
    // a "me too" with consent follows too; one without an address does not get mail
    await call(voc.url, 'POST', '/v1/sites/aurora/topics/card-outage/me-too', {
      body: { key: 'card-me-too-key-0123456789', contact: { email: 'metoo@example.test', consent: true } },
    });
    await call(voc.url, 'POST', '/v1/sites/aurora/topics/card-outage/me-too', { body: { key: 'card-quiet-key-0123456789' } });
    const consenting = ['card0@example.test', 'card1@example.test', 'card2@example.test', 'metoo@example.test'];
    const apology = 'We are sorry: a faulty update stopped card payments. We rolled it back; we refund every fee. Sorry again.';
    let at = await mark('card-outage');
    const moved = await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/card-outage', {
      headers: team,
      body: { status: 'identified', message: apology },
    });
    assert.equal(moved.status, 200);
    const first = await settled(at, /Card payments down/);
    assert.deepEqual(first.map((m) => m.to).sort(), consenting, 'exactly the consenting followers, each once');
    for (const m of first) {
      assert.match(m.subject, /Card payments down/);
      assert.ok(m.text.includes(apology), 'the apology as the team wrote it');
    }
    at = await mark('card-outage');
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/card-outage', {
      headers: team,
      body: { status: 'resolved', message: 'Card payments work again. Sorry for the trouble.' },
    });
    const second = await settled(at, /Card payments down/);
    assert.deepEqual(second.map((m) => m.to).sort(), consenting, 'the next update too, once each');
    assert.ok(second.every((m) => m.text.includes('Card payments work again. Sorry for the trouble.')));
  });

  test('a status move and an announcement carry the "expected by" date, in the customer’s language', async () => {
    await topicWith(voc.url, 'aurora', 'returns');
    await followers(voc.url, 'aurora', 'returns', 1, () => 'returns@example.test');
    await submit(voc.url, 'aurora', 'returns-de-key-0123456789', {
      kind: 'idea',
      text: 'Rücksendung bitte einfacher',
      topic: 'returns',
      locale: 'de',
      contact: { email: 'returns-de@example.test', consent: true },
    });
    const when = new Date(Date.now() + 40 * 86_400_000);
    const day = when.toISOString().slice(0, 10);
    const long = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(when);
    let at = await mark('returns');
    const moved = await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/returns', {
      headers: team,
      body: { status: 'planned', message: 'Free return labels.', expectedBy: day },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const status = await settled(at, /About returns/);
    assert.equal(status.length, 2);
    assert.ok(status.find((m) => m.to === 'returns@example.test')!.text.includes(`Expected by ${long('en')}.`));
    assert.ok(status.find((m) => m.to === 'returns-de@example.test')!.text.includes(`Erwartet bis ${long('de')}.`));
    at = await mark('returns');
    await call(voc.url, 'POST', '/v1/admin/sites/aurora/announcements', {
      headers: team,
      body: { topic: 'returns', title: 'Return labels are coming', body: 'Print one at home.' },
    });
    const news = await settled(at, /Return labels are coming/);
    assert.equal(news.length, 2);
    const en = news.find((m) => m.to === 'returns@example.test')!;
    assert.match(en.subject, /Return labels are coming/);
    assert.ok(en.text.includes(`Expected by ${long('en')}.`), en.text);
    assert.ok(en.html.includes(`Expected by ${long('en')}.`));
  });

  test('a bounce (550) stops further mail to that address', async () => {
    smtp.rejectRecipient('gone@example.test');
    await topicWith(voc.url, 'aurora', 'bounce');
    await followers(voc.url, 'aurora', 'bounce', 1, () => 'gone@example.test');
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/bounce', { headers: team, body: { status: 'planned' } });
    for (let i = 0; i < 100; i++) {
      const s = await call(voc.url, 'GET', '/v1/admin/mail?site=aurora', { headers: team });
      if (s.body.counts.failed >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await call(voc.url, 'PATCH', '/v1/admin/sites/aurora/topics/bounce', { headers: team, body: { status: 'in-progress' } });
    const s = await call(voc.url, 'GET', '/v1/admin/mail?site=aurora', { headers: team });
    assert.equal(s.body.counts.failed, 1);
    const [row] = await voc.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM mail_outbox WHERE to_email = 'gone@example.test' AND status <> 'failed'",
    );
    assert.equal(row.n, 0, 'nothing more is written to a bounced address');
  });

  test('team mail routes need a team token; contact addresses stay off public answers', async () => {
    assert.equal((await call(voc.url, 'GET', '/v1/admin/mail')).status, 401);
    assert.equal((await call(voc.url, 'GET', '/v1/admin/mail/dev-mailbox')).status, 401);
    const feed = await call(voc.url, 'GET', '/v1/sites/aurora/feed?limit=100', { headers: { origin: 'http://localhost:5173' } });
    assert.ok(!JSON.stringify(feed.body).includes('@example.test'));
  });
});

describe('the hourly cap folds a burst into one digest', () => {
  let smtp: Catcher;
  let voc: Running;
  before(async () => {
    smtp = await startCatcher();
    voc = await startVoc('pglite', { rateLimits: false, mail: { smtpUrl: smtp.url, capMs: 2000, pollMs: 100 } });
    await createSite(voc.url, 'cap');
  });
  after(async () => {
    await voc?.stop();
    await smtp?.close();
  });

  test('one mail now, then the next two moves within the cap arrive as one digest', async () => {
    await topicWith(voc.url, 'cap', 'wifi');
    await followers(voc.url, 'cap', 'wifi', 1, () => 'wifi@example.test');
    await call(voc.url, 'PATCH', '/v1/admin/sites/cap/topics/wifi', { headers: team, body: { status: 'planned' } });
    await smtp.waitFor(1);
    // the outbox records the send right after the SMTP server took it
    for (let i = 0; i < 100 && (await voc.server.mail.outbox.stats()).sent < 1; i++) await new Promise((r) => setTimeout(r, 50));
    await call(voc.url, 'PATCH', '/v1/admin/sites/cap/topics/wifi', {
      headers: team,
      body: { status: 'in-progress', message: 'Router ordered.' },
    });
    await call(voc.url, 'PATCH', '/v1/admin/sites/cap/topics/wifi', { headers: team, body: { status: 'done', message: 'New router in.' } });
    const got = await smtp.waitFor(2, 15_000);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(smtp.mails.length, 2, 'two mails for three moves');
    assert.match(got[1].subject, /updates on “About wifi”/);
    assert.match(got[1].text, /Router ordered\.[\s\S]*New router in\./);
  });
});

describe('a daily digest instead of each mail', () => {
  let smtp: Catcher;
  let voc: Running;
  before(async () => {
    smtp = await startCatcher();
    voc = await startVoc('pglite', { rateLimits: false, mail: { smtpUrl: smtp.url, capMs: 0, pollMs: 100 } });
    await createSite(voc.url, 'daily');
  });
  after(async () => {
    await voc?.stop();
    await smtp?.close();
  });

  test('the footer link switches an address to one digest a day: the next news waits for tomorrow morning', async () => {
    await topicWith(voc.url, 'daily', 'menu');
    await followers(voc.url, 'daily', 'menu', 1, () => 'daily@example.test', 'idea');
    await call(voc.url, 'PATCH', '/v1/admin/sites/daily/topics/menu', { headers: team, body: { status: 'planned' } });
    const [mail] = await smtp.waitFor(1);
    const link = linkIn(mail, '/v1/mail/digest?').replace('http://localhost:9999', voc.url);
    const token = new URL(link.replace(/^https?:\/\/[^/]+/, voc.url)).searchParams.get('t')!;
    const res = await fetch(`${voc.url}/v1/mail/digest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: token }).toString(),
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /at most one digest a day/);
    await call(voc.url, 'PATCH', '/v1/admin/sites/daily/topics/menu', { headers: team, body: { status: 'in-progress' } });
    const [row] = await voc.server.db.query<{ wait: boolean }>(
      "SELECT next_attempt_at > now() + interval '1 hour' AS wait FROM mail_outbox WHERE status = 'pending' AND email_hash IS NOT NULL",
    );
    assert.equal(row.wait, true);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(smtp.mails.length, 1);
  });
});

describe('development without SMTP: the dev mailbox', () => {
  let voc: Running;
  before(async () => {
    voc = await startVoc('pglite', { rateLimits: false, dev: true, mail: { pollMs: 100 } });
  });
  after(async () => voc?.stop());

  test('a reply lands in the dev mailbox that the team reads', async () => {
    const s = await submit(voc.url, 'demo', 'dev-mailbox-key-0123456789', {
      kind: 'compliment',
      text: 'Lovely café',
      contact: { email: 'dev@example.test', consent: true },
    });
    await call(voc.url, 'POST', `/v1/admin/sites/demo/feedback/${s.body.id}/replies`, { headers: team, body: { text: 'Thank you!' } });
    let mails: Array<{ to: string; subject: string; text: string }> = [];
    for (let i = 0; i < 100 && mails.length === 0; i++) {
      mails = (await call(voc.url, 'GET', '/v1/admin/mail/dev-mailbox?site=demo', { headers: team })).body.mails;
      if (!mails.length) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(mails[0].to, 'dev@example.test');
    assert.match(mails[0].text, /Thank you!/);
  });

  test('production without SMTP: mail is off and nothing is written', async () => {
    const prod = await startVoc('pglite', { rateLimits: false });
    try {
      assert.equal(prod.server.mail.outbox.enabled, false);
      await createSite(prod.url, 'p');
      const s = await submit(prod.url, 'p', 'prod-key-0123456789abc', {
        kind: 'idea',
        text: 'x y',
        contact: { email: 'p@example.test', consent: true },
      });
      await call(prod.url, 'POST', `/v1/admin/sites/p/feedback/${s.body.id}/replies`, { headers: team, body: { text: 'ok' } });
      const [row] = await prod.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox');
      assert.equal(row.n, 0);
    } finally {
      await prod.stop();
    }
  });
});

describe('SIGKILL in the middle of a 1,000-recipient announcement (PostgreSQL)', () => {
  let pg: PostgresServer;
  let smtp: Catcher;
  before(async () => {
    pg = await startPostgres();
    smtp = await startCatcher();
  });
  after(async () => {
    await smtp?.close();
    await pg?.stop();
  });

  const env = () => ({
    NODE_ENV: 'production',
    DATABASE_URL: pg.url,
    VOC_RATE_LIMIT: 'off',
    VOC_SMTP_URL: smtp.url,
    VOC_PUBLIC_URL: 'https://feedback.example.test',
    VOC_MAIL_LEASE_MS: '1500',
  });
  const cli = async (port: number): Promise<ChildProcess> => (await startCli(env(), port)).child;

  test('after a restart every consenting follower has the mail, each with its one Message-ID, repeats only of what was in flight', async () => {
    const port = await freePort();
    let child = await cli(port);
    const base = `http://127.0.0.1:${port}`;
    await createSite(base, 'crash');
    await topicWith(base, 'crash', 'outage');
    await followers(base, 'crash', 'outage', 2000, (i) => (i < 1000 ? `c${i}@example.test` : undefined));
    const r = await call(base, 'POST', '/v1/admin/sites/crash/announcements', {
      headers: team,
      body: { topic: 'outage', title: 'We are sorry', body: 'Sorry: the outage was ours. Here is what we changed. Sorry again.' },
    });
    assert.equal(r.status, 201);
    await smtp.waitFor(150, 60_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const atKill = smtp.mails.length;
    assert.ok(atKill < 1000, `the kill came in the middle of the send (${atKill} of 1,000 delivered)`);

    child = await cli(port);
    try {
      const deadline = Date.now() + 60_000;
      while (new Set(smtp.mails.map((m) => m.messageId)).size < 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 2000));
      const ids = new Set(smtp.mails.map((m) => m.messageId));
      assert.equal(ids.size, 1000, 'every consenting follower got the announcement');
      assert.ok(
        smtp.mails.every((m) => /^c\d+@example\.test$/.test(m.to)),
        'none to an address given without consent',
      );
      const perAddress = new Map<string, Set<string>>();
      for (const m of smtp.mails) perAddress.set(m.to, (perAddress.get(m.to) ?? new Set()).add(m.messageId));
      assert.ok(
        [...perAddress.values()].every((s) => s.size === 1),
        'a repeat carries the same Message-ID',
      );
      const repeats = smtp.mails.length - 1000;
      // in flight at the kill: at most one claimed batch (100 rows) had been accepted by SMTP but not yet recorded
      assert.ok(repeats <= 100, `${repeats} repeats`);
      console.log(`# mail crash test: ${atKill} delivered before SIGKILL, ${repeats} sent twice (same Message-ID) after restart`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
