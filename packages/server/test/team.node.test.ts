/**
 * The team API (/v1/team) over HTTP on both engines: sign-in sessions, roles, CSRF, expiry and revocation, audit
 * log, inbox search and filters, grouping, replies signed with the member's name. Every assertion is on what a
 * client receives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, call, createSite, startVoc, submit, team, type Engine, type Running } from './helpers.js';

const engines: Engine[] = ['pglite', 'postgres'];

/** A browser-like client: keeps the session cookie and sends the console's own Origin on changes. */
function browser(base: string, origin = base) {
  let cookie = '';
  const req = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const h: Record<string, string> = { ...(cookie && { cookie }), ...headers };
    if (method !== 'GET') h.origin ??= origin;
    const r = await call(base, method, path, { body, headers: h });
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return Object.assign(r, { setCookie: set });
  };
  return {
    req,
    get cookie() {
      return cookie;
    },
    set cookie(c: string) {
      cookie = c;
    },
  };
}

for (const engine of engines) {
  describe(`team API on ${engine}`, () => {
    let voc: Running;
    let base: string;
    let n = 0;
    const key = () => `key-${engine}-${++n}-${Math.random().toString(36).slice(2)}`;
    const owner = () => browser(base);

    before(async () => {
      voc = await startVoc(engine, { rateLimits: false });
      base = voc.url;
      await createSite(base, 'shop');
    });
    after(async () => voc?.stop());

    test('signed out is refused; a team token signs in as the first owner with an HttpOnly SameSite=Strict cookie', async () => {
      assert.equal((await call(base, 'GET', '/v1/team/sites/shop/inbox')).status, 401);
      const b = owner();
      assert.equal((await b.req('POST', '/v1/team/session', { token: 'not-a-token-at-all-0123456789' })).status, 401);
      const r = await b.req('POST', '/v1/team/session', { token: ADMIN_TOKEN });
      assert.equal(r.status, 200);
      assert.equal(r.body.member.role, 'owner');
      assert.match(r.setCookie!, /^voc_team=[A-Za-z0-9_-]{40,};/);
      assert.match(r.setCookie!, /HttpOnly/i);
      assert.match(r.setCookie!, /SameSite=Strict/i);
      assert.doesNotMatch(r.setCookie!, /Secure/i, 'no Secure on localhost');
      const me = await b.req('GET', '/v1/team/session');
      assert.equal(me.status, 200);
      assert.equal(me.body.actor.role, 'owner');
      // the cookie is stored hashed: the raw value is nowhere in the database
      const raw = b.cookie.split('=')[1];
      const rows = await voc.server.db.query<{ hash: string }>('SELECT hash FROM team_sessions');
      assert.ok(rows.length > 0 && rows.every((row) => row.hash !== raw && /^[0-9a-f]{64}$/.test(row.hash)));
    });

    test('invites: the link is shown once, signs the member in once; roles decide what they may do', async () => {
      const o = owner();
      await o.req('POST', '/v1/team/session', { token: ADMIN_TOKEN });
      const inv = await o.req('POST', '/v1/team/members', { name: 'Priya', title: 'Customer care', role: 'agent' });
      assert.equal(inv.status, 201);
      assert.match(inv.body.invite.url, /\/console#token=[A-Za-z0-9_-]{20,}$/);
      const viewerInvite = await o.req('POST', '/v1/team/members', { name: 'Vic', title: '', role: 'viewer' });

      const priya = browser(base);
      assert.equal((await priya.req('POST', '/v1/team/session', { token: inv.body.invite.token })).status, 200);
      assert.equal((await browser(base).req('POST', '/v1/team/session', { token: inv.body.invite.token })).status, 401, 'used once');
      const vic = browser(base);
      await vic.req('POST', '/v1/team/session', { token: viewerInvite.body.invite.token });

      const f = await submit(base, 'shop', key(), { kind: 'complaint', text: 'The parcel arrived crushed', locale: 'en' });
      const id = f.body.id;
      // the viewer reads but cannot reply; nor can an agent manage members
      assert.equal((await vic.req('GET', `/v1/team/sites/shop/items/${id}`)).status, 200);
      const refused = await vic.req('POST', `/v1/team/sites/shop/items/${id}/replies`, { text: 'Sorry!' });
      assert.equal(refused.status, 403);
      assert.match(refused.body.error.message, /agent/);
      assert.equal((await priya.req('GET', '/v1/team/members')).status, 403);

      const reply = await priya.req('POST', `/v1/team/sites/shop/items/${id}/replies`, {
        text: 'We are so sorry — a new one is on its way.',
      });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.author, 'Priya, Customer care');
      const thread = await call(base, 'GET', `/v1/threads/${f.body.receipt}`);
      assert.equal(thread.body.entries[0].author, 'Priya, Customer care');
      assert.equal(thread.body.feedback.status, 'replied');

      // the audit log has it, readable by owners only
      const log = await o.req('GET', '/v1/team/audit');
      assert.equal(log.status, 200);
      const entry = log.body.entries.find((e: { action: string }) => e.action === 'item.reply');
      assert.equal(entry.actor, 'Priya, Customer care');
      assert.equal(entry.target, id);
      assert.ok(
        log.body.entries.some((e: { action: string; target?: string }) => e.action === 'member.invite' && e.target === 'Priya (agent)'),
      );
      assert.equal((await priya.req('GET', '/v1/team/audit')).status, 403);
    });

    test('CSRF: a state change with the cookie from another origin, or without Origin, is refused', async () => {
      const o = owner();
      await o.req('POST', '/v1/team/session', { token: ADMIN_TOKEN });
      const f = await submit(base, 'shop', key(), { kind: 'idea', text: 'Gift wrapping please' });
      const evil = await o.req('POST', `/v1/team/sites/shop/items/${f.body.id}/hide`, undefined, { origin: 'https://evil.example' });
      assert.equal(evil.status, 403);
      const noOrigin = await call(base, 'POST', `/v1/team/sites/shop/items/${f.body.id}/hide`, { headers: { cookie: o.cookie } });
      assert.equal(noOrigin.status, 403);
      const crossSite = await o.req('POST', `/v1/team/sites/shop/items/${f.body.id}/hide`, undefined, { 'sec-fetch-site': 'cross-site' });
      assert.equal(crossSite.status, 403);
      const item = await o.req('GET', `/v1/team/sites/shop/items/${f.body.id}`);
      assert.equal(item.body.feedback.status, 'received', 'nothing changed');
      assert.equal((await o.req('POST', `/v1/team/sites/shop/items/${f.body.id}/hide`)).body.status, 'hidden');
    });

    test('sessions expire, end on sign-out, and are revoked when the owner signs a member out', async () => {
      const o = owner();
      await o.req('POST', '/v1/team/session', { token: ADMIN_TOKEN });
      const inv = await o.req('POST', '/v1/team/members', { name: 'Sam', title: 'Support', role: 'agent' });
      const sam = browser(base);
      await sam.req('POST', '/v1/team/session', { token: inv.body.invite.token });
      assert.equal((await sam.req('GET', '/v1/team/session')).status, 200);
      const out = await o.req('DELETE', `/v1/team/members/${inv.body.member.id}/sessions`);
      assert.equal(out.body.revoked, 1);
      assert.equal((await sam.req('GET', '/v1/team/session')).status, 401);

      const again = browser(base);
      const link = await o.req('POST', `/v1/team/members/${inv.body.member.id}/invite`);
      await again.req('POST', '/v1/team/session', { token: link.body.invite.token });
      assert.equal((await again.req('GET', '/v1/team/session')).status, 200);
      await voc.server.db.query(
        "UPDATE team_sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND member_id = $1",
        [inv.body.member.id],
      );
      assert.equal((await again.req('GET', '/v1/team/session')).status, 401, 'expired');

      const me = browser(base);
      await me.req('POST', '/v1/team/session', { token: ADMIN_TOKEN });
      assert.equal((await me.req('DELETE', '/v1/team/session')).status, 204);
      assert.equal((await me.req('GET', '/v1/team/session')).status, 401, 'signed out');
    });

    test('bearer tokens carry a role for automation', async () => {
      const t = await call(base, 'POST', '/v1/team/tokens', { headers: team, body: { name: 'wall screen', role: 'viewer' } });
      assert.equal(t.status, 201);
      const viewer = { authorization: `Bearer ${t.body.token}` };
      assert.equal((await call(base, 'GET', '/v1/team/sites/shop/inbox', { headers: viewer })).status, 200);
      const f = await submit(base, 'shop', key(), { kind: 'idea', text: 'Dark mode' });
      assert.equal((await call(base, 'POST', `/v1/team/sites/shop/items/${f.body.id}/heard`, { headers: viewer })).status, 403);
      // a viewer token cannot be exchanged for a session either
      assert.equal((await browser(base).req('POST', '/v1/team/session', { token: t.body.token })).status, 401);
      await call(base, 'DELETE', `/v1/team/tokens/${t.body.id}`, { headers: team });
      assert.equal((await call(base, 'GET', '/v1/team/sites/shop/inbox', { headers: viewer })).status, 401);
    });

    test('inbox: full-text search across languages, filters, cursor paging; clear 422s', async () => {
      await createSite(base, `search-${engine}`);
      const s = `search-${engine}`;
      const en = await submit(base, s, key(), {
        kind: 'complaint',
        text: 'Both deliveries were late again',
        locale: 'en',
        contact: { email: 'ann@example.com', consent: true },
      });
      const de = await submit(base, s, key(), { kind: 'complaint', text: 'Die Lieferungen kommen immer zu spät', locale: 'de' });
      const ja = await submit(base, s, key(), { kind: 'idea', text: '配達 が 遅い', locale: 'ja' });
      for (let i = 0; i < 5; i++) await submit(base, s, key(), { kind: 'compliment', text: `Lovely coffee number ${i}`, locale: 'en' });
      const get = (q: string) => call(base, 'GET', `/v1/team/sites/${s}/inbox?${q}`, { headers: team });

      assert.deepEqual(
        (await get('q=delivery')).body.items.map((i: { id: string }) => i.id),
        [en.body.id],
        'english stem',
      );
      assert.deepEqual(
        (await get('q=Lieferung')).body.items.map((i: { id: string }) => i.id),
        [de.body.id],
        'german stem',
      );
      assert.deepEqual(
        (await get('q=配達')).body.items.map((i: { id: string }) => i.id),
        [ja.body.id],
        'simple words',
      );
      assert.equal((await get('q=coffee')).body.items.length, 5);
      assert.equal((await get('kind=complaint')).body.items.length, 2);
      const withContact = (await get('contact=true')).body.items;
      assert.deepEqual(
        withContact.map((i: { id: string }) => i.id),
        [en.body.id],
      );
      assert.equal(withContact[0].contact.email, 'ann@example.com');

      const page1 = await get('limit=3');
      assert.equal(page1.body.items.length, 3);
      const page2 = await get(`limit=3&cursor=${encodeURIComponent(page1.body.next)}`);
      const page3 = await get(`limit=3&cursor=${encodeURIComponent(page2.body.next)}`);
      const all = [...page1.body.items, ...page2.body.items, ...page3.body.items].map((i: { id: string }) => i.id);
      assert.equal(new Set(all).size, 8);
      assert.equal(page3.body.next, undefined);

      assert.equal((await get('kind=rant')).status, 422);
      assert.equal((await get('limit=100000')).status, 422);
      assert.equal((await get('cursor=nonsense')).status, 422);

      // awaiting confirmation and reopened
      await call(base, 'POST', `/v1/team/sites/${s}/items/${en.body.id}/replies`, { headers: team, body: { text: 'Sorry!' } });
      assert.deepEqual(
        (await get('awaiting=true')).body.items.map((i: { id: string }) => i.id),
        [en.body.id],
      );
      await call(base, 'POST', `/v1/threads/${en.body.receipt}/confirm`, { body: { resolved: false } });
      assert.deepEqual(
        (await get('reopened=true')).body.items.map((i: { id: string }) => i.id),
        [en.body.id],
      );
    });

    test('group by a term into a new topic in one action; suggestions say why; announcements are signed', async () => {
      const s = `group-${engine}`;
      await createSite(base, s);
      const texts = [
        'Delivery was late and the box was wet',
        'Late delivery again, box crushed',
        'The delivery came two days late',
        'Great croissants',
      ];
      const ids = [];
      for (const text of texts) ids.push((await submit(base, s, key(), { kind: 'complaint', text, locale: 'en' })).body.id);
      const sug = await call(base, 'GET', `/v1/team/sites/${s}/suggestions`, { headers: team });
      const delivery = sug.body.suggestions.find((x: { term: string }) => x.term === 'delivery');
      assert.ok(delivery, JSON.stringify(sug.body));
      assert.deepEqual([...delivery.ids].sort(), ids.slice(0, 3).sort());
      assert.ok(delivery.shared.includes('late'));

      const terms = await call(base, 'GET', `/v1/team/sites/${s}/terms`, { headers: team });
      assert.equal(terms.body.terms.find((t: { term: string }) => t.term === 'delivery').count, 3);

      const g = await call(base, 'POST', `/v1/team/sites/${s}/group`, {
        headers: team,
        body: { topic: 'delivery', title: 'Late deliveries', term: 'delivery' },
      });
      assert.equal(g.status, 201);
      assert.equal(g.body.grouped, 3);
      assert.equal(g.body.topic.followers, 3);
      assert.equal(
        (await call(base, 'POST', `/v1/team/sites/${s}/group`, { headers: team, body: { topic: 'nope', ids: [ids[3]] } })).status,
        422,
      );

      const a = await call(base, 'POST', `/v1/team/sites/${s}/topics/delivery/announcements`, {
        headers: team,
        body: { title: 'New courier', body: 'From Monday a new courier brings your order.' },
      });
      assert.equal(a.status, 201);
      assert.equal(a.body.followers, 3);
      assert.match(a.body.announcement.body, /— VOC_ADMIN_TOKEN$/);

      const moved = await call(base, 'PATCH', `/v1/team/sites/${s}/topics/delivery`, { headers: team, body: { status: 'declined' } });
      assert.equal(moved.status, 422, 'declining needs a reason');
      const planned = await call(base, 'PATCH', `/v1/team/sites/${s}/topics/delivery`, {
        headers: team,
        body: { status: 'planned', message: 'Courier contract signed' },
      });
      assert.equal(planned.body.status, 'planned');
    });

    test('a move carries an "expected by" date: checked once (a date, not past), public on topics, feed and pulse; done clears it', async () => {
      const s = `expected-${engine}`;
      await createSite(base, s);
      await call(base, 'POST', `/v1/team/sites/${s}/group`, { headers: team, body: { topic: 'refunds', title: 'Refunds', ids: [] } });
      const item = await submit(base, s, key(), { kind: 'complaint', text: 'My refund never came', topic: 'refunds' });
      assert.equal(item.status, 201, JSON.stringify(item.body));
      const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      const move = (body: unknown) => call(base, 'PATCH', `/v1/team/sites/${s}/topics/refunds`, { headers: team, body });
      for (const [bad, rule] of [
        ['12 March', undefined],
        ['2026-02-30', 'invalid'],
        [day(-3), 'past'],
      ] as const) {
        const r = await move({ status: 'planned', message: 'Soon', expectedBy: bad });
        assert.equal(r.status, 422, `${bad}: ${JSON.stringify(r.body)}`);
        if (rule) assert.equal(r.body.error.rule ?? r.body.rule, rule, JSON.stringify(r.body));
      }
      assert.equal((await call(base, 'GET', `/v1/sites/${s}/topics`)).body.topics[0].status, 'heard', 'a refused move changes nothing');
      const soon = day(20);
      const planned = await move({ status: 'planned', message: 'Refunds in two days from next month', expectedBy: soon });
      assert.equal(planned.status, 200, JSON.stringify(planned.body));
      assert.equal(planned.body.expectedBy, soon);
      const pub = await call(base, 'GET', `/v1/sites/${s}/topics`);
      assert.equal(pub.body.topics[0].expectedBy, soon, 'the public topic shows it');
      const feed = await call(base, 'GET', `/v1/sites/${s}/feed?topic=refunds`);
      assert.equal(feed.body.items.find((i: { type: string }) => i.type === 'topic').topic.expectedBy, soon, 'the feed shows it');
      const pulse = await call(base, 'GET', `/v1/sites/${s}/pulse?since=7d`);
      assert.equal(pulse.body.topComplaintTopics[0].expectedBy, soon, "the pulse's top complaint topic carries it");
      const later = await move({ status: 'in-progress', message: 'Halfway there' });
      assert.equal(later.body.expectedBy, soon, 'a move without a date keeps it');
      assert.equal((await move({ expectedBy: null })).body.expectedBy, undefined, 'null clears it');
      await move({ expectedBy: soon });
      const done = await move({ status: 'done', message: 'Refunds take two days now' });
      assert.equal(done.body.expectedBy, undefined, 'done clears it');
    });

    test('merge topic A into B: items, followers (each once) and announcements move; A says "merged into B"; agents only; audited', async () => {
      const s = `merge-${engine}`;
      await createSite(base, s);
      const topic = async (slug: string) =>
        (await call(base, 'POST', `/v1/team/sites/${s}/group`, { headers: team, body: { topic: slug, title: `About ${slug}`, ids: [] } }))
          .status;
      assert.equal(await topic('late-parcels'), 201);
      assert.equal(await topic('delivery'), 201);
      const a1 = await submit(base, s, key(), { kind: 'complaint', text: 'Parcel late again', topic: 'late-parcels' });
      await submit(base, s, key(), { kind: 'idea', text: 'Tell me when the parcel leaves', topic: 'late-parcels' });
      await submit(base, s, key(), { kind: 'complaint', text: 'Delivery was late', topic: 'delivery' });
      // one person follows both (the same me-too key): counted once after the merge
      const both = key();
      for (const t of ['late-parcels', 'delivery'])
        assert.equal((await call(base, 'POST', `/v1/sites/${s}/topics/${t}/me-too`, { body: { key: both } })).status, 200);
      await call(base, 'POST', `/v1/team/sites/${s}/topics/late-parcels/announcements`, {
        headers: team,
        body: { title: 'Courier talks', body: 'We are talking to the courier.' },
      });

      const t = await call(base, 'POST', '/v1/team/tokens', { headers: team, body: { name: 'wall', role: 'viewer' } });
      const viewer = { authorization: `Bearer ${t.body.token}` };
      const refused = await call(base, 'POST', `/v1/team/sites/${s}/topics/late-parcels/merge`, {
        headers: viewer,
        body: { into: 'delivery' },
      });
      assert.equal(refused.status, 403, 'a viewer cannot merge');
      assert.equal((await call(base, 'POST', `/v1/team/sites/${s}/topics/late-parcels/merge`, { body: { into: 'delivery' } })).status, 401);
      assert.equal(
        (await call(base, 'POST', `/v1/team/sites/${s}/topics/late-parcels/merge`, { headers: team, body: { into: 'late-parcels' } }))
          .status,
        422,
      );
      assert.equal(
        (await call(base, 'POST', `/v1/team/sites/${s}/topics/late-parcels/merge`, { headers: team, body: { into: 'nope' } })).status,
        404,
      );

      const m = await call(base, 'POST', `/v1/team/sites/${s}/topics/late-parcels/merge`, { headers: team, body: { into: 'delivery' } });
      assert.equal(m.status, 200, JSON.stringify(m.body));
      assert.deepEqual(m.body.moved, { items: 2, followers: 3, announcements: 1 });
      assert.equal(m.body.from.mergedInto, 'delivery');
      assert.deepEqual(m.body.into.counts, { compliment: 0, idea: 1, complaint: 2 });
      assert.equal(m.body.into.followers, 4, 'three authors and the one me-too person, counted once');
      assert.equal(m.body.from.followers, 0);

      const pub = await call(base, 'GET', `/v1/sites/${s}/topics`);
      assert.deepEqual(
        pub.body.topics.map((x: { slug: string }) => x.slug),
        ['delivery'],
        'a merged topic leaves the public list',
      );
      const feed = await call(base, 'GET', `/v1/sites/${s}/feed?topic=delivery`);
      assert.ok(feed.body.items.some((i: { type: string; announcement?: { title: string } }) => i.announcement?.title === 'Courier talks'));
      const inbox = await call(base, 'GET', `/v1/team/sites/${s}/inbox?topic=delivery`, { headers: team });
      assert.ok(
        inbox.body.items.some((i: { id: string }) => i.id === a1.body.id),
        'the items are in B',
      );
      const teamTopics = await call(base, 'GET', `/v1/team/sites/${s}/topics`, { headers: team });
      assert.equal(teamTopics.body.topics.find((x: { slug: string }) => x.slug === 'late-parcels').mergedInto, 'delivery');
      // an old "me too" link on A follows B
      const late = await call(base, 'POST', `/v1/sites/${s}/topics/late-parcels/me-too`, { body: { key: key() } });
      assert.equal(late.body.followers, 5);
      assert.equal(
        (await call(base, 'POST', `/v1/team/sites/${s}/topics/late-parcels/merge`, { headers: team, body: { into: 'delivery' } })).status,
        422,
        'merged once (a conflict)',
      );
      const audit = await call(base, 'GET', '/v1/team/audit', { headers: team });
      assert.ok(
        audit.body.entries.some(
          (e: { action: string; target: string }) => e.action === 'topic.merge' && e.target.startsWith('late-parcels → delivery'),
        ),
        JSON.stringify(audit.body).slice(0, 500),
      );
    });

    test('item detail: the whole thread and the same contact’s earlier feedback', async () => {
      const email = `c-${engine}@example.com`;
      const first = await submit(base, 'shop', key(), { kind: 'idea', text: 'Oat milk please', contact: { email, consent: true } });
      const second = await submit(base, 'shop', key(), { kind: 'complaint', text: 'Still no oat milk', contact: { email, consent: true } });
      await submit(base, 'shop', key(), { kind: 'complaint', text: 'Anonymous grumble' });
      const d = await call(base, 'GET', `/v1/team/sites/shop/items/${second.body.id}`, { headers: team });
      assert.equal(d.status, 200);
      assert.deepEqual(
        d.body.earlier.map((i: { id: string }) => i.id),
        [first.body.id],
      );
      assert.equal(
        (await call(base, 'GET', `/v1/team/sites/shop/items/00000000-0000-0000-0000-000000000000`, { headers: team })).status,
        404,
      );
    });
  });
}

describe('team settings, personal data and the dev mailbox (development, PGlite)', () => {
  let voc: Running;
  let base: string;
  before(async () => {
    voc = await startVoc('pglite', { rateLimits: false, dev: true, allowPrivateWebhooks: true });
    base = voc.url;
    await createSite(base, 'cafe');
  });
  after(async () => voc?.stop());

  test('an owner changes allowed origins and webhooks; a viewer token is refused every settings route', async () => {
    const o = browser(base);
    assert.equal((await o.req('POST', '/v1/team/session', { token: ADMIN_TOKEN })).status, 200);
    const patched = await o.req('PATCH', '/v1/team/sites/cafe', { origins: ['https://cafe.example', 'http://localhost:*'] });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.body.origins, ['https://cafe.example', 'http://localhost:*']);
    assert.equal((await o.req('PATCH', '/v1/team/sites/cafe', { origins: ['javascript:alert(1)'] })).status, 422);
    const hook = await o.req('POST', '/v1/team/sites/cafe/webhooks', { url: 'http://127.0.0.1:9/hook' });
    assert.equal(hook.status, 201);
    assert.match(hook.body.secret, /.{16,}/);
    const hooks = await o.req('GET', '/v1/team/sites/cafe/webhooks');
    assert.deepEqual(
      hooks.body.webhooks.map((w: { url: string }) => w.url),
      ['http://127.0.0.1:9/hook'],
    );
    assert.equal(JSON.stringify(hooks.body).includes(hook.body.secret), false, 'the secret is shown once');

    const viewer = (await call(base, 'POST', '/v1/team/tokens', { headers: team, body: { name: 'reader', role: 'viewer' } })).body.token;
    const v = { authorization: `Bearer ${viewer}` };
    for (const [method, path, body] of [
      ['PATCH', '/v1/team/sites/cafe', { origins: ['https://evil.example'] }],
      ['GET', '/v1/team/sites/cafe/webhooks', undefined],
      ['DELETE', `/v1/team/sites/cafe/webhooks/${hook.body.id}`, undefined],
      ['GET', '/v1/team/mail/dev-mailbox', undefined],
      ['DELETE', '/v1/team/data?receipt=x', undefined],
    ] as const)
      assert.equal((await call(base, method, path, { headers: v, body })).status, 403, `${method} ${path}`);
    assert.equal((await o.req('DELETE', `/v1/team/sites/cafe/webhooks/${hook.body.id}`)).status, 204);
    const audit = await o.req('GET', '/v1/team/audit');
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    for (const a of ['site.origins', 'webhook.add', 'webhook.remove']) assert.ok(actions.includes(a), a);
  });

  test('the dev mailbox holds the reply mail the customer gets; deleting by receipt removes the item', async () => {
    const f = await submit(base, 'cafe', crypto.randomUUID(), {
      kind: 'complaint',
      text: 'My tea arrived cold',
      locale: 'en',
      contact: { email: 'tea@example.com', consent: true },
    });
    assert.equal(f.status, 201);
    const item = (await call(base, 'GET', '/v1/team/sites/cafe/inbox', { headers: team })).body.items[0];
    const reply = await call(base, 'POST', `/v1/team/sites/cafe/items/${item.id}/replies`, {
      headers: team,
      body: { text: 'Sorry, <b>a fresh pot</b> is on us.' },
    });
    assert.equal(reply.status, 201);
    let mail: { to: string; subject: string; text: string } | undefined;
    for (let i = 0; i < 200 && !mail; i++) {
      const box = await call(base, 'GET', '/v1/team/mail/dev-mailbox', { headers: team });
      assert.equal(box.body.enabled, true);
      mail = box.body.mails.find((m: { to: string; text: string }) => m.to === 'tea@example.com' && m.text.includes('a fresh pot'));
      if (!mail) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(mail, 'the reply mail reached the dev mailbox');
    assert.match(mail.text, /Sorry, <b>a fresh pot<\/b> is on us\./);

    const erased = await call(base, 'DELETE', `/v1/team/data?receipt=${encodeURIComponent(f.body.receipt)}`, { headers: team });
    assert.equal(erased.status, 200);
    assert.equal(erased.body.deleted, 1);
    assert.equal((await call(base, 'GET', `/v1/threads/${f.body.receipt}`)).status, 404);
  });
});
