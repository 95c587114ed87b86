/**
 * The v1 protocol end to end, over HTTP, against both engines: PGlite (embedded) and a real PostgreSQL that this
 * file starts. Every assertion is on what a client receives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sinceToTime } from '@voc-kit/protocol/adapter-logic.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import { rebuildReadModels } from '../src/reads/rebuild.js';
import { ADMIN_TOKEN, ORIGIN, call, type Answer, createSite, sse, startVoc, submit, team, type Engine, type Running } from './helpers.js';

const engines: Engine[] = ['pglite', 'postgres'];

for (const engine of engines) {
  describe(`protocol v1 on ${engine}`, () => {
    let voc: Running;
    let base: string;
    let n = 0;
    const key = () => `key-${engine}-${++n}-${Math.random().toString(36).slice(2)}`;

    before(async () => {
      // the test receivers listen on loopback: a development setting lets webhooks reach them
      voc = await startVoc(engine, { rateLimits: false, allowPrivateWebhooks: true });
      base = voc.url;
      await createSite(base, 'shop');
    });
    after(async () => voc?.stop());

    test('submit answers 201 with id, receipt and status; the receipt opens the thread', async () => {
      const r = await submit(base, 'shop', key(), { kind: 'complaint', text: '  Parcel arrived  damaged\r\nagain ', locale: 'en-GB' });
      assert.equal(r.status, 201);
      assert.match(r.body.id, /^[0-9a-f-]{36}$/);
      assert.match(r.body.receipt, /^[A-Za-z0-9_-]{22}$/, '128-bit receipt, base64url');
      assert.equal(r.body.status, 'received');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      const thread = await call(base, 'GET', `/v1/threads/${r.body.receipt}`);
      assert.equal(thread.status, 200);
      assert.equal(thread.body.feedback.id, r.body.id);
      assert.equal(thread.body.feedback.text, 'Parcel arrived  damaged\nagain');
      assert.equal(thread.body.feedback.locale, 'en-GB');
      assert.deepEqual(thread.body.entries, []);
    });

    test('same key and body give the original answer; same key with another body is a 422 conflict', async () => {
      const k = key();
      const draft = { kind: 'idea', text: 'Gift wrapping option' };
      const first = await submit(base, 'shop', k, draft);
      const again = await submit(base, 'shop', k, { text: 'Gift wrapping option', kind: 'idea' });
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body);
      const other = await submit(base, 'shop', k, { kind: 'idea', text: 'Something else' });
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'conflict');
    });

    test('50 parallel identical submissions store one row and all get the same answer', async () => {
      const k = key();
      const text = `Parallel ${k}`;
      const answers = await Promise.all(Array.from({ length: 50 }, () => submit(base, 'shop', k, { kind: 'compliment', text })));
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
      assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
      assert.equal(new Set(answers.map((a) => a.body.receipt)).size, 1);
      const rows = await voc.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE text = $1', [text]);
      assert.equal(rows[0].n, 1);
    });

    test('bad input is a 4xx JSON error naming what is wrong', async () => {
      const cases: Array<[string, Promise<Answer>, number, string?, string?]> = [
        ['missing kind', submit(base, 'shop', key(), { text: 'hi' }), 422, 'kind'],
        ['wrong type text', submit(base, 'shop', key(), { kind: 'idea', text: 42 }), 422, 'text'],
        ['text too long', submit(base, 'shop', key(), { kind: 'idea', text: 'x'.repeat(4001) }), 422, 'text'],
        ['bad email', submit(base, 'shop', key(), { kind: 'idea', text: 'hi', contact: { email: 'nope', consent: true } }), 422, 'email'],
        ['no consent', submit(base, 'shop', key(), { kind: 'idea', text: 'hi', contact: { email: 'a@b.co' } }), 422, 'consent'],
        ['array body', submit(base, 'shop', key(), [1, 2] as never), 422, 'body'],
        [
          'no idempotency key',
          call(base, 'POST', '/v1/sites/shop/feedback', { body: { kind: 'idea', text: 'hi' } }),
          422,
          'Idempotency-Key',
        ],
        ['short idempotency key', submit(base, 'shop', 'short', { kind: 'idea', text: 'hi' }), 422, 'Idempotency-Key'],
        [
          'malformed JSON',
          call(base, 'POST', '/v1/sites/shop/feedback', {
            raw: '{"kind":',
            headers: { 'content-type': 'application/json', 'idempotency-key': key() },
          }),
          400,
        ],
        [
          'not JSON',
          call(base, 'POST', '/v1/sites/shop/feedback', {
            raw: 'kind=idea',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key() },
          }),
          415,
        ],
        ['oversize body', submit(base, 'shop', key(), { kind: 'idea', text: 'x'.repeat(70_000) }), 413],
        ['unknown site', submit(base, 'nope', key(), { kind: 'idea', text: 'hi' }), 404],
        ['bad receipt', call(base, 'GET', '/v1/threads/AAAAAAAAAAAAAAAAAAAAAA'), 404],
        ['malformed receipt', call(base, 'GET', '/v1/threads/%3Cscript%3E'), 404],
        ['bad since', call(base, 'GET', '/v1/sites/shop/cloud?since=yesterday'), 422, 'since'],
        // a window of days, but not one the cloud keeps: refused as quotes would not be
        [
          'cloud since no window',
          call(base, 'GET', '/v1/sites/shop/cloud?since=14d'),
          422,
          'since',
          'since is one of 7d, 30d, 90d, 365d, all.',
        ],
        ['quotes since 14d', call(base, 'GET', '/v1/sites/shop/quotes?term=parcel&since=14d'), 200],
        ['bad kinds', call(base, 'GET', '/v1/sites/shop/cloud?kinds=rant'), 422, 'kinds'],
        ['bad limit', call(base, 'GET', '/v1/sites/shop/feed?limit=-1'), 422, 'limit'],
        ['confirm without resolved', call(base, 'POST', '/v1/threads/AAAAAAAAAAAAAAAAAAAAAA/confirm', { body: {} }), 422, 'resolved'],
        ['confirm unknown receipt', call(base, 'POST', '/v1/threads/AAAAAAAAAAAAAAAAAAAAAA/confirm', { body: { resolved: true } }), 404],
        ['unknown route', call(base, 'GET', '/v1/nothing'), 404],
      ];
      for (const [name, promise, status, field, message] of cases) {
        const r = await promise;
        assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
        if (status === 200) continue;
        assert.equal(typeof r.body.error.code, 'string', name);
        assert.equal(typeof r.body.error.message, 'string', name);
        if (field) assert.equal(r.body.error.field, field, name);
        if (message) assert.equal(r.body.error.message, message, name);
      }
    });

    test('CORS: allowed origins get their origin back, others are refused before anything is stored', async () => {
      const ok = await submit(base, 'shop', key(), { kind: 'idea', text: 'From the shop page' }, { origin: ORIGIN });
      assert.equal(ok.status, 201);
      assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
      const pre = await call(base, 'OPTIONS', '/v1/sites/shop/feedback', {
        headers: {
          origin: 'http://localhost:9999',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,idempotency-key',
        },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:9999');
      assert.match(pre.headers.get('access-control-allow-headers')!, /Idempotency-Key/);
      const text = `Evil origin ${key()}`;
      const evil = await submit(base, 'shop', key(), { kind: 'idea', text }, { origin: 'https://evil.example' });
      assert.equal(evil.status, 403);
      assert.equal(evil.headers.get('access-control-allow-origin'), null);
      const rows = await voc.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE text = $1', [text]);
      assert.equal(rows[0].n, 0);
    });

    test('contact details and receipts never appear in public responses or live events', async () => {
      const live = sse(`${base}/v1/sites/shop/events`);
      await live.ready;
      const r = await submit(base, 'shop', key(), {
        kind: 'complaint',
        text: 'Secretive courier lost parcel',
        topic: 'courier',
        contact: { email: 'Private.Person@example.com', consent: true },
      });
      assert.equal(r.status, 201);
      await live.next((e) => e.type === 'cloud' && (e.data as { terms: string[] }).terms.includes('courier'));
      live.close();
      const publicBodies = [
        live.raw,
        JSON.stringify((await call(base, 'GET', '/v1/sites/shop/cloud')).body),
        JSON.stringify((await call(base, 'GET', '/v1/sites/shop/quotes?term=courier')).body),
        JSON.stringify((await call(base, 'GET', '/v1/sites/shop/feed')).body),
        JSON.stringify((await call(base, 'GET', '/v1/sites/shop/topics')).body),
        JSON.stringify((await call(base, 'GET', '/v1/sites/shop/pulse')).body),
        JSON.stringify((await call(base, 'GET', `/v1/threads/${r.body.receipt}`)).body),
      ];
      assert.match(publicBodies[2], /Secretive courier lost parcel/, 'the quote is public');
      for (const body of publicBodies) {
        assert.doesNotMatch(body, /private\.person/i);
        assert.doesNotMatch(body, new RegExp(r.body.receipt));
      }
      const inbox = await call(base, 'GET', '/v1/admin/sites/shop/inbox?topic=courier', { headers: team });
      assert.equal(inbox.body.items[0].contact.email, 'Private.Person@example.com', 'the team sees the contact');
      const stored = await voc.server.db.query<Record<string, unknown>>('SELECT * FROM feedback WHERE id = $1', [r.body.id]);
      assert.ok(!JSON.stringify(stored).includes(r.body.receipt), 'the receipt is stored only hashed');
    });

    test('cloud terms are counted at submit with core text analysis, and follow moderation', async () => {
      await createSite(base, `cloud-${engine}`);
      const site = `cloud-${engine}`;
      const a = await submit(base, site, key(), { kind: 'complaint', text: 'Slow delivery again', locale: 'en' });
      await submit(base, site, key(), { kind: 'compliment', text: 'Delivery was quick', locale: 'en' });
      await submit(base, site, key(), { kind: 'complaint', text: 'slow delivery, cold food', locale: 'en' });
      const cloud = await call(base, 'GET', `/v1/sites/${site}/cloud`);
      const term = (t: string) => cloud.body.terms.find((x: { term: string }) => x.term === t);
      assert.deepEqual(term('delivery').counts, { compliment: 1, idea: 0, complaint: 2 });
      assert.equal(term('delivery').total, 3);
      assert.equal(term('slow delivery').total, 2, 'a recurring phrase is a term');
      assert.equal(term('cold food'), undefined, 'a phrase said once is not');
      assert.equal(cloud.body.terms[0].term, 'delivery', 'most frequent first');
      const complaintsOnly = await call(base, 'GET', `/v1/sites/${site}/cloud?kinds=complaint`);
      assert.equal(complaintsOnly.body.terms.find((x: { term: string }) => x.term === 'delivery').total, 2);

      const hide = await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${a.body.id}/hide`, { headers: team });
      assert.equal(hide.status, 200);
      assert.equal(hide.body.status, 'hidden');
      const afterHide = await call(base, 'GET', `/v1/sites/${site}/cloud`);
      assert.equal(afterHide.body.terms.find((x: { term: string }) => x.term === 'delivery').total, 2);
      const quotes = await call(base, 'GET', `/v1/sites/${site}/quotes?term=slow`);
      assert.deepEqual(
        quotes.body.quotes.map((q: { text: string }) => q.text),
        ['slow delivery, cold food'],
      );
      await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${a.body.id}/restore`, { headers: team });
      const restored = await call(base, 'GET', `/v1/sites/${site}/cloud`);
      assert.equal(restored.body.terms.find((x: { term: string }) => x.term === 'delivery').total, 3);
    });

    test("quotes count protocol's window: whole UTC days from 00:00, not the last N×24 hours", async () => {
      const site = `window-${engine}`;
      await createSite(base, site);
      const r = await submit(base, site, key(), { kind: 'idea', text: 'Juniper syrup' });
      // a minute before the 7d window starts (six days before today's 00:00 UTC): outside 7d, inside 8d. Within
      // the last 7×24 hours at any time of day but 23:59, which is what the server counted before.
      const start = sinceToTime('7d', Date.now());
      await voc.server.db.query('UPDATE feedback SET created_at = $2 WHERE id = $1', [r.body.id, new Date(start - 60_000)]);
      const quotes = async (since: string) => (await call(base, 'GET', `/v1/sites/${site}/quotes?term=juniper&since=${since}`)).body.quotes;
      assert.equal((await quotes('7d')).length, 0, 'outside 7d');
      assert.equal((await quotes('8d')).length, 1, 'inside 8d');
      const long = await call(base, 'GET', `/v1/sites/${site}/quotes?term=${'x'.repeat(LIMITS.quoteTerm.max + 1)}`);
      assert.equal(long.status, 422);
      assert.equal(long.body.error.field, 'term');
    });

    test('pre-moderation holds feedback until the team approves it', async () => {
      const site = `held-${engine}`;
      await createSite(base, site, { settings: { premoderation: true } });
      const r = await submit(base, site, key(), { kind: 'idea', text: 'Moderated marmalade' });
      assert.equal(r.body.status, 'pending');
      assert.equal((await call(base, 'GET', `/v1/sites/${site}/cloud`)).body.terms.length, 0);
      assert.equal((await call(base, 'GET', `/v1/sites/${site}/quotes?term=marmalade`)).body.quotes.length, 0);
      const pending = await call(base, 'GET', `/v1/admin/sites/${site}/inbox?status=pending`, { headers: team });
      assert.deepEqual(
        pending.body.items.map((i: { id: string }) => i.id),
        [r.body.id],
      );
      const approved = await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${r.body.id}/approve`, { headers: team });
      assert.equal(approved.body.status, 'received');
      const cloud = await call(base, 'GET', `/v1/sites/${site}/cloud`);
      assert.ok(cloud.body.terms.some((t: { term: string }) => t.term === 'marmalade'));
    });

    test('honeypot: a filled hidden field looks accepted but stores nothing', async () => {
      const text = `Buy cheap watches ${key()}`;
      const r = await submit(base, 'shop', key(), { kind: 'idea', text, website: 'http://spam.example' });
      assert.equal(r.status, 201);
      const rows = await voc.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE text = $1', [text]);
      assert.equal(rows[0].n, 0);
      assert.equal((await call(base, 'GET', `/v1/threads/${r.body.receipt}`)).status, 404);
    });

    test('the whole loop: topic, reply, status move, announcement, confirm, me-too, withdraw', async () => {
      const topic = await call(base, 'POST', '/v1/admin/sites/shop/topics', { headers: team, body: { slug: 'returns', title: 'Returns' } });
      assert.equal(topic.status, 201);
      const r = await submit(base, 'shop', key(), { kind: 'complaint', text: 'Returning shoes is painful', topic: 'returns' });
      const meToo = await call(base, 'POST', '/v1/sites/shop/topics/returns/me-too', { body: { key: key() } });
      assert.equal(meToo.status, 200);
      assert.equal(meToo.body.followers, 2);
      const live = sse(`${base}/v1/sites/shop/events`);
      await live.ready;
      const reply = await call(base, 'POST', `/v1/admin/sites/shop/feedback/${r.body.id}/replies`, {
        headers: team,
        body: { text: 'Sorry! Fixing it.', author: 'Ana' },
      });
      assert.equal(reply.status, 201);
      const changed = await live.next((e) => e.type === 'thread');
      assert.deepEqual(changed.data, { id: r.body.id }, 'a thread event carries only the feedback id');
      live.close();
      const moved = await call(base, 'PATCH', '/v1/admin/sites/shop/topics/returns', {
        headers: team,
        body: { status: 'in-progress', message: 'Free pickup by May' },
      });
      assert.equal(moved.body.status, 'in-progress');
      const ann = await call(base, 'POST', '/v1/admin/sites/shop/announcements', {
        headers: team,
        body: { title: 'Free pickup', body: 'From May', topic: 'returns' },
      });
      assert.equal(ann.status, 201);
      assert.equal(ann.body.followers, 2);
      let thread = await call(base, 'GET', `/v1/threads/${r.body.receipt}`);
      assert.equal(thread.body.feedback.status, 'replied');
      assert.equal(thread.body.entries[0].text, 'Sorry! Fixing it.');
      assert.equal(thread.body.topic.status, 'in-progress');
      assert.equal(thread.body.topic.updates[0].message, 'Free pickup by May');
      thread = await call(base, 'POST', `/v1/threads/${r.body.receipt}/confirm`, { body: { resolved: false, comment: 'Still waiting' } });
      assert.equal(thread.body.feedback.status, 'reopened');
      thread = await call(base, 'POST', `/v1/threads/${r.body.receipt}/confirm`, { body: { resolved: true } });
      assert.equal(thread.body.feedback.status, 'resolved');
      assert.deepEqual(
        thread.body.entries.map((e: { type: string }) => e.type),
        ['reply', 'confirmation', 'confirmation'],
      );
      const feed = await call(base, 'GET', '/v1/sites/shop/feed?topic=returns');
      assert.deepEqual(feed.body.items.map((i: { type: string }) => i.type).sort(), ['announcement', 'topic']);
      const pulse = await call(base, 'GET', '/v1/sites/shop/pulse?since=7d');
      assert.equal(pulse.body.days.length, 7);
      assert.ok(pulse.body.current.actions.statusMoves >= 1 && pulse.body.current.actions.announcements >= 1);
      assert.equal(typeof pulse.body.current.medianResolutionHours, 'number');
      assert.equal((await call(base, 'DELETE', `/v1/threads/${r.body.receipt}`)).status, 204);
      assert.equal((await call(base, 'GET', `/v1/threads/${r.body.receipt}`)).status, 404);
    });

    test('pulse: every v2 figure over public items only, the current period against the previous one', async () => {
      const site = `pulse-${engine}`;
      await createSite(base, site);
      await call(base, 'POST', `/v1/admin/sites/${site}/topics`, { headers: team, body: { slug: 'delivery', title: 'Delivery' } });
      const a = await submit(base, site, key(), { kind: 'complaint', text: 'Late parcel', topic: 'delivery' });
      const b = await submit(base, site, key(), { kind: 'complaint', text: 'Broken box', topic: 'delivery' });
      await submit(base, site, key(), { kind: 'idea', text: 'Evening slots' });
      const hidden = await submit(base, site, key(), { kind: 'complaint', text: 'Spam spam', topic: 'delivery' });
      assert.equal((await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${hidden.body.id}/hide`, { headers: team })).status, 200);
      const gone = await submit(base, site, key(), { kind: 'complaint', text: 'Never mind', topic: 'delivery' });
      assert.equal((await call(base, 'DELETE', `/v1/threads/${gone.body.receipt}`)).status, 204);
      const old = await submit(base, site, key(), { kind: 'compliment', text: 'Great last month' });
      // history: this one was given ten days ago, in the previous 7-day period
      await voc.server.db.query("UPDATE feedback SET created_at = now() - interval '10 days' WHERE id = $1", [old.body.id]);
      // the pulse reads read models: recount them from the moved row, as after a bulk load
      await rebuildReadModels(voc.server.db);
      for (const id of [a.body.id, b.body.id])
        await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${id}/replies`, { headers: team, body: { text: 'On it' } });
      await call(base, 'POST', `/v1/threads/${a.body.receipt}/confirm`, { body: { resolved: true } });
      const moved = await call(base, 'PATCH', `/v1/admin/sites/${site}/topics/delivery`, {
        headers: team,
        body: { status: 'planned', message: 'A second courier from June' },
      });
      const pulse = await call(base, 'GET', `/v1/sites/${site}/pulse?since=7d`);
      assert.equal(pulse.status, 200);
      const p = pulse.body;
      assert.equal(p.since, '7d');
      assert.deepEqual(p.current.totals, { compliment: 0, idea: 1, complaint: 2 });
      assert.deepEqual(p.previous.totals, { compliment: 1, idea: 0, complaint: 0 });
      assert.equal(p.days.length, 7);
      assert.equal(p.days.at(-1).date, new Date().toISOString().slice(0, 10));
      assert.deepEqual(
        [p.days.reduce((n: number, d: { complaint: number }) => n + d.complaint, 0), p.hourOfWeek.reduce((x: number, y: number) => x + y)],
        [2, 3],
      );
      assert.deepEqual(p.backlog, { open: 1, awaitingConfirmation: 1, reopened: 0 });
      assert.equal(p.current.confirmedResolvedShare, 0.5);
      assert.equal(typeof p.current.medianFirstReplyHours, 'number');
      assert.equal(typeof p.current.medianResolutionHours, 'number');
      assert.equal(p.previous.medianFirstReplyHours, null);
      assert.deepEqual(p.current.actions, { statusMoves: 1, announcements: 0, incidentsResolved: 0 });
      assert.deepEqual(p.topComplaintTopics, [
        {
          slug: 'delivery',
          title: 'Delivery',
          count: 2,
          status: 'planned',
          latestUpdate: { at: moved.body.updates.at(-1).at, message: 'A second courier from June' },
        },
      ]);
      const bad = await call(base, 'GET', `/v1/sites/${site}/pulse?since=all`);
      assert.equal(bad.status, 422);
      assert.deepEqual([bad.body.error.code, bad.body.error.field], ['validation', 'since']);
    });

    test('team API: incidents Statuspage-style, grouping into a topic, site settings', async () => {
      const site = `team-${engine}`;
      await createSite(base, site);
      const opened = await call(base, 'POST', `/v1/admin/sites/${site}/incidents`, {
        headers: team,
        body: { slug: 'payments-down', title: 'Card payments failing', message: 'Looking into it' },
      });
      assert.equal(opened.status, 201);
      assert.equal(opened.body.incident.status, 'investigating');
      await call(base, 'PATCH', `/v1/admin/sites/${site}/topics/payments-down`, {
        headers: team,
        body: { status: 'identified', message: 'Provider outage' },
      });
      const resolved = await call(base, 'PATCH', `/v1/admin/sites/${site}/topics/payments-down`, {
        headers: team,
        body: { status: 'resolved' },
      });
      assert.equal(resolved.body.incident.status, 'resolved');
      assert.ok(resolved.body.incident.resolvedAt);
      assert.deepEqual(
        resolved.body.updates.map((u: { status: string }) => u.status),
        ['investigating', 'identified', 'resolved'],
      );
      const wrong = await call(base, 'PATCH', `/v1/admin/sites/${site}/topics/payments-down`, {
        headers: team,
        body: { status: 'exploded' },
      });
      assert.equal(wrong.status, 422);

      const r = await submit(base, site, key(), {
        kind: 'complaint',
        text: 'My card was declined',
        contact: { email: 'c@example.com', consent: true },
      });
      const grouped = await call(base, 'POST', `/v1/admin/sites/${site}/feedback/${r.body.id}/topic`, {
        headers: team,
        body: { topic: 'payments-down' },
      });
      assert.equal(grouped.body.topic, 'payments-down');
      assert.equal(grouped.body.status, 'heard');
      const item = await call(base, 'GET', `/v1/admin/sites/${site}/feedback/${r.body.id}`, { headers: team });
      assert.equal(item.body.feedback.contact.email, 'c@example.com');
      assert.equal(item.body.topic.followers, 1);
      const thread = await call(base, 'GET', `/v1/threads/${r.body.receipt}`);
      assert.equal(thread.body.topic.slug, 'payments-down', 'the customer sees what the team is doing about it');

      const moved = await call(base, 'PATCH', `/v1/admin/sites/${site}`, { headers: team, body: { origins: ['https://shop.example'] } });
      assert.deepEqual(moved.body.origins, ['https://shop.example']);
      assert.equal((await call(base, 'GET', `/v1/sites/${site}/cloud`, { headers: { origin: ORIGIN } })).status, 403);
      assert.equal((await call(base, 'GET', `/v1/sites/${site}/cloud`, { headers: { origin: 'https://shop.example' } })).status, 200);
      const badOrigins = await call(base, 'PATCH', `/v1/admin/sites/${site}`, {
        headers: team,
        body: { origins: ['javascript:alert(1)'] },
      });
      assert.equal(badOrigins.status, 422);
    });

    test('feed pages by cursor without repeats', async () => {
      const site = `feed-${engine}`;
      await createSite(base, site);
      for (let i = 0; i < 5; i++)
        await call(base, 'POST', `/v1/admin/sites/${site}/announcements`, { headers: team, body: { title: `News ${i}`, body: 'b' } });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(base, 'GET', `/v1/sites/${site}/feed?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.body.items.map((i: { announcement: { title: string } }) => i.announcement.title));
        cursor = page.body.next;
      } while (cursor);
      assert.deepEqual(seen, ['News 4', 'News 3', 'News 2', 'News 1', 'News 0']);
    });

    test('live: events arrive with ids, and Last-Event-ID resumes from the table', async () => {
      const site = `live-${engine}`;
      await createSite(base, site);
      const live = sse(`${base}/v1/sites/${site}/events`, { origin: ORIGIN });
      const res = await live.ready;
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(res.headers.get('x-accel-buffering'), 'no');
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
      const a = await submit(base, site, key(), { kind: 'idea', text: 'First live idea' });
      const first = await live.next((e) => e.type === 'feedback' && e.data.id === a.body.id);
      live.close();
      const b = await submit(base, site, key(), { kind: 'compliment', text: 'Second while away' });
      const resumed = sse(`${base}/v1/sites/${site}/events`, { 'last-event-id': first.id });
      const missed = await resumed.next((e) => e.type === 'feedback' && e.data.id === b.body.id);
      assert.ok(BigInt(missed.id) > BigInt(first.id));
      assert.ok(
        resumed.events.every((e) => BigInt(e.id) > BigInt(first.id)),
        'only events after the given id',
      );
      const ids = resumed.events.map((e) => BigInt(e.id));
      assert.deepEqual(
        ids,
        [...ids].sort((x, y) => (x < y ? -1 : 1)),
        'in order',
      );
      resumed.close();
    });

    test('the OpenAPI 3.1 document describes every route the server has, and nothing else', async () => {
      const doc = (await call(base, 'GET', '/v1/openapi.json')).body;
      assert.equal(doc.openapi, '3.1.0');
      // every route but CORS preflights, static files and the document itself
      const served = voc.server.routes
        .filter((r) => r.method !== 'OPTIONS' && r.url !== '/*' && r.url !== '/v1/openapi.json')
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
        .sort();
      const documented = Object.entries<Record<string, unknown>>(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      assert.ok(served.length >= 30, `${served.length} routes`);
      assert.deepEqual(served, documented);
      // generated from the routes' schemas: each operation says what it takes and what it answers
      for (const [path, ops] of Object.entries<Record<string, { responses: Record<string, unknown>; parameters?: unknown[] }>>(doc.paths))
        for (const [method, op] of Object.entries(ops)) {
          assert.ok(
            Object.keys(op.responses).some((c) => /^[23]/.test(c)),
            `${method} ${path} documents its answer`,
          );
          if (path.includes('{')) assert.ok(op.parameters?.length, `${method} ${path} documents its parameters`);
        }
      const submitOp = doc.paths['/v1/sites/{site}/feedback'].post;
      const draft = submitOp.requestBody.content['application/json'].schema;
      assert.deepEqual(draft.properties.kind.enum, ['compliment', 'idea', 'complaint'], 'built from the shared kinds');
    });

    test('events older than 30 days are pruned; newer ones stay resumable', async () => {
      const site = `prune-${engine}`;
      await createSite(base, site);
      const live = sse(`${base}/v1/sites/${site}/events`);
      await live.ready;
      const a = await submit(base, site, key(), { kind: 'idea', text: 'Old news' });
      const b = await submit(base, site, key(), { kind: 'idea', text: 'Fresh news' });
      await live.next((e) => e.type === 'feedback' && e.data.id === b.body.id);
      live.close();
      await voc.server.db.query(`UPDATE events SET at = now() - interval '40 days' WHERE site = $1 AND data->>'id' = $2`, [
        site,
        a.body.id,
      ]);
      await voc.server.store.prune();
      const resumed = sse(`${base}/v1/sites/${site}/events`, { 'last-event-id': '0' });
      await resumed.next((e) => e.type === 'feedback' && e.data.id === b.body.id);
      resumed.close();
      assert.ok(!resumed.events.some((e) => e.type === 'feedback' && e.data.id === a.body.id), 'the old event is gone');
    });

    test('every team route refuses a missing, wrong or revoked token', async () => {
      const doc = (await call(base, 'GET', '/v1/openapi.json')).body;
      const routes: Array<[string, string]> = [];
      for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths))
        if (path.startsWith('/v1/admin')) for (const method of Object.keys(ops)) routes.push([method.toUpperCase(), path]);
      assert.ok(routes.length >= 20, `the OpenAPI document lists the team routes (${routes.length})`);
      const made = await call(base, 'POST', '/v1/admin/tokens', { headers: team, body: { name: 'temp' } });
      assert.equal(made.status, 201);
      assert.ok(Buffer.from(made.body.token, 'base64url').length >= 16, 'at least 128 random bits');
      const listed = await call(base, 'GET', '/v1/admin/tokens', { headers: { authorization: `Bearer ${made.body.token}` } });
      assert.equal(listed.status, 200);
      assert.ok(!JSON.stringify(listed.body).includes(made.body.token), 'tokens are never listed');
      assert.equal((await call(base, 'DELETE', `/v1/admin/tokens/${made.body.id}`, { headers: team })).status, 204);
      const bad = [
        undefined,
        'Bearer ',
        'Bearer wrong-token',
        `Basic ${ADMIN_TOKEN}`,
        `Bearer ${ADMIN_TOKEN}x`,
        `Bearer ${made.body.token}`,
      ];
      for (const [method, path] of routes) {
        const concrete = path
          .replace('{site}', 'shop')
          .replace('{topic}', 'returns')
          .replace('{id}', '00000000-0000-4000-8000-000000000000');
        for (const authorization of bad) {
          const r = await call(base, method, concrete, {
            headers: authorization ? { authorization } : {},
            ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
          });
          assert.equal(r.status, 401, `${method} ${concrete} with ${authorization ?? 'no token'}`);
          assert.equal(r.body.error.code, 'unauthorized');
        }
      }
    });

    test('webhooks: Slack-compatible JSON, signed with the secret shown once, retried until the receiver accepts', async () => {
      const received: Array<{ text: string; event: { type: string } }> = [];
      const signatures: Array<{ header: string | undefined; body: string }> = [];
      let calls = 0;
      const hook = createHttpServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          calls++;
          signatures.push({ header: req.headers['x-voc-signature-256'] as string | undefined, body });
          if (calls === 1) return res.writeHead(500).end('busy'); // first attempt fails
          received.push(JSON.parse(body));
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      const port = (hook.address() as { port: number }).port;
      const site = `hooks-${engine}`;
      await createSite(base, site);
      const added = await call(base, 'POST', `/v1/admin/sites/${site}/webhooks`, {
        headers: team,
        body: { url: `http://127.0.0.1:${port}/hook`, events: ['announcement'] },
      });
      assert.equal(added.status, 201);
      await call(base, 'POST', `/v1/admin/sites/${site}/announcements`, { headers: team, body: { title: 'Hooked news', body: 'x' } });
      await voc.server.webhooks.tick();
      assert.equal(received.length, 0);
      let list = await call(base, 'GET', `/v1/admin/sites/${site}/webhooks`, { headers: team });
      assert.equal(list.body.webhooks[0].pending, 1, 'kept for a retry');
      // make the retry due now instead of after the backoff
      await voc.server.db.query('UPDATE webhook_deliveries SET next_at = now()');
      await voc.server.webhooks.tick();
      hook.close();
      assert.equal(received.length, 1);
      assert.match(received[0].text, /Hooked news/);
      assert.equal(received[0].event.type, 'announcement');
      list = await call(base, 'GET', `/v1/admin/sites/${site}/webhooks`, { headers: team });
      assert.equal(list.body.webhooks[0].pending, 0);
      // the receiver verifies: HMAC-SHA256 of the raw body with the secret it was shown once
      const secret: string = added.body.secret;
      assert.match(secret, /^whsec_[A-Za-z0-9_-]{40,}$/);
      for (const { header, body } of signatures) assert.equal(header, `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
      assert.notEqual(signatures[1].header, `sha256=${createHmac('sha256', 'another secret').update(signatures[1].body).digest('hex')}`);
      assert.ok(!JSON.stringify(list.body).includes(secret), 'the secret is never listed again');
    });

    test('GDPR: export and delete everything about one person by email', async () => {
      const email = `gdpr-${engine}@example.com`;
      const a = await submit(base, 'shop', key(), { kind: 'idea', text: 'Export me', contact: { email, consent: true } });
      await submit(base, 'shop', key(), {
        kind: 'complaint',
        text: 'Me too, export',
        contact: { email: email.toUpperCase(), consent: true },
      });
      const exp = await call(base, 'GET', `/v1/admin/export?email=${encodeURIComponent(email)}`, { headers: team });
      assert.equal(exp.status, 200);
      assert.deepEqual(exp.body.feedback.map((f: { feedback: { text: string } }) => f.feedback.text).sort(), [
        'Export me',
        'Me too, export',
      ]);
      const own = await call(base, 'GET', `/v1/threads/${a.body.receipt}/export`);
      assert.equal(own.body.feedback.length, 1);
      const del = await call(base, 'DELETE', `/v1/admin/data?email=${encodeURIComponent(email)}`, { headers: team });
      assert.equal(del.body.deleted, 2);
      assert.equal(
        (await call(base, 'GET', `/v1/admin/export?email=${encodeURIComponent(email)}`, { headers: team })).body.feedback.length,
        0,
      );
      assert.equal((await call(base, 'GET', `/v1/threads/${a.body.receipt}`)).status, 404);
    });

    test('at least 1,000 malformed requests: no 5xx, every error is JSON, and the server still serves', async () => {
      const rnd = (() => {
        let s = 12345;
        return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      })();
      const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
      const paths = [
        '/v1/sites/shop/feedback',
        '/v1/sites/shop/cloud',
        '/v1/sites/shop/feed',
        '/v1/sites/shop/quotes',
        '/v1/sites/shop/pulse',
        '/v1/sites/shop/topics/returns/me-too',
        '/v1/sites/%00/feedback',
        '/v1/sites/../../etc/passwd',
        '/v1/threads/x',
        '/v1/threads/AAAAAAAAAAAAAAAAAAAAAA/confirm',
        '/v1/admin/sites',
        '/v1/sites/shop/events',
        '/%E0%A4%A',
        '/../../package.json',
      ];
      const bodies = [
        '',
        '{',
        'null',
        '[]',
        '"text"',
        '123',
        '{"kind":null}',
        '{"kind":"idea","text":{"$gt":""}}',
        '{"kind":"idea","text":"' + '\u0000'.repeat(3) + '"}',
        '{"__proto__":{"admin":true},"kind":"idea","text":"x"}',
        '{"kind":"idea","text":"ok","contact":"me"}',
        '{"kind":"idea","text":"ok","topic":"../x"}',
        '{"kind":"idea","text":"ok","pageUrl":"javascript:alert(1)"}',
        '{"resolved":"yes"}',
        '{"key":1}',
        '\uFEFF{}',
        'x'.repeat(100_000),
      ];
      const queries = [
        '',
        '?since=-1d',
        '?limit=1e9',
        '?kinds=,',
        '?term=',
        '?cursor[]=1',
        '?topic=%FF',
        '?lastEventId=abc',
        '?since[a]=1',
      ];
      const types = [
        'application/json',
        'text/plain',
        'application/json; charset=utf-16',
        'multipart/form-data',
        'application/x-www-form-urlencoded',
      ];
      const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
      let count = 0;
      for (let batch = 0; batch < 50; batch++) {
        const requests = Array.from({ length: 22 }, async () => {
          const method = pick(methods);
          const path = pick(paths) + pick(queries);
          const headers: Record<string, string> = { 'content-type': pick(types) };
          if (rnd() < 0.5) headers['idempotency-key'] = pick(['x', 'valid-key-123', 'a'.repeat(300), 'bad key!']);
          if (rnd() < 0.2) headers['last-event-id'] = pick(['-1', '99999999999999999999', 'abc']);
          if (rnd() < 0.2) headers.authorization = pick(['Bearer', 'Bearer \u00ff', 'x'.repeat(500)]);
          const hasBody = method !== 'GET' && method !== 'DELETE';
          const controller = new AbortController();
          const res = await fetch(base + path, { method, headers, body: hasBody ? pick(bodies) : undefined, signal: controller.signal });
          count++;
          assert.ok(res.status < 500, `${method} ${path} → ${res.status}`);
          if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
            controller.abort();
            return;
          }
          const text = await res.text();
          if (res.status >= 400) {
            const body = JSON.parse(text);
            assert.equal(typeof body.error.code, 'string', `${method} ${path}: ${text}`);
          }
        });
        await Promise.all(requests);
      }
      assert.ok(count >= 1000, `${count} malformed requests sent`);
      const ok = await submit(base, 'shop', key(), { kind: 'compliment', text: 'Still standing' });
      assert.equal(ok.status, 201);
    });
  });
}

describe('abuse limits', () => {
  test('rate limit per IP and site answers 429 with Retry-After', async () => {
    const voc = await startVoc('pglite', { rateLimits: { write: { perMinute: 6, burst: 3 }, read: { perMinute: 600, burst: 100 } } });
    try {
      await createSite(voc.url, 'tiny');
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await submit(voc.url, 'tiny', `rate-key-${i}-xx`, { kind: 'idea', text: `Idea ${i}` }));
      assert.deepEqual(
        answers.map((a) => a.status),
        [201, 201, 201, 429, 429],
      );
      const limited = answers[3];
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      // reads have their own budget
      assert.equal((await call(voc.url, 'GET', '/v1/sites/tiny/cloud')).status, 200);
    } finally {
      await voc.stop();
    }
  });

  test('a weak VOC_ADMIN_TOKEN is refused at start, with what to do', async () => {
    const { createServer } = await import('../src/index.js');
    for (const adminToken of ['admin', 'short-token-1234', 'has spaces in it but is long enough'])
      await assert.rejects(createServer({ port: 0, dataDir: 'memory://', adminToken }), /at least 128 random bits/);
  });

  test('a generated team token is returned once and works; the database holds only its hash', async () => {
    const { createServer } = await import('../src/index.js');
    const server = await createServer({ port: 0, dataDir: 'memory://', webhooks: false });
    try {
      const url = await server.listen();
      const token = server.generatedAdminToken!;
      assert.ok(Buffer.from(token, 'base64url').length >= 16);
      assert.equal((await call(url, 'GET', '/v1/admin/sites', { headers: { authorization: `Bearer ${token}` } })).status, 200);
      const rows = await server.db.query<{ hash: string }>('SELECT hash FROM tokens');
      assert.equal(rows.length, 1);
      assert.notEqual(rows[0].hash, token);
      assert.ok(!JSON.stringify(rows).includes(token));
    } finally {
      await server.close();
    }
  });
});

describe('development start, static files, heartbeat', () => {
  let voc: Running;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voc-static-'));
    mkdirSync(join(dir, 'site', 'wall'), { recursive: true });
    mkdirSync(join(dir, 'bundle', 'chunks'), { recursive: true });
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>Demo</title>');
    writeFileSync(join(dir, 'site', 'wall', 'index.html'), '<!doctype html><title>Wall</title>');
    writeFileSync(join(dir, 'bundle', 'voc.js'), 'export const voc = 1;');
    writeFileSync(join(dir, 'bundle', 'chunks', 'define-abc.js'), 'export const chunk = 1;');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    voc = await startVoc('pglite', { dev: true, heartbeatMs: 200, staticDir: join(dir, 'site'), bundleDir: join(dir, 'bundle') });
  });
  after(async () => {
    await voc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the demo site exists on first start, accepts any http://localhost port and its sample data says so', async () => {
    const feed = await call(voc.url, 'GET', '/v1/sites/demo/feed', { headers: { origin: 'http://localhost:61234' } });
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('access-control-allow-origin'), 'http://localhost:61234');
    assert.ok(feed.body.items.length > 0);
    for (const item of feed.body.items) {
      const title = item.type === 'topic' ? item.topic.title : item.announcement.title;
      assert.match(title, /sample/i, title);
    }
    const inbox = await call(voc.url, 'GET', '/v1/admin/sites/demo/inbox', { headers: team });
    assert.ok(inbox.body.items.length >= 6);
    const sites = await call(voc.url, 'GET', '/v1/admin/sites', { headers: team });
    const demo = sites.body.sites.find((s: { key: string }) => s.key === 'demo');
    assert.equal(demo.sample, true);
    assert.match(demo.name, /sample data/);
    assert.equal((await call(voc.url, 'GET', '/v1/sites/demo/cloud', { headers: { origin: 'https://example.com' } })).status, 403);
  });

  test('serves the demo pages at /, the bundle and its chunks beside /voc.js (CORS for module scripts), nothing outside', async () => {
    const page = await fetch(`${voc.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /text\/html/);
    assert.equal(await page.text(), '<!doctype html><title>Demo</title>');
    assert.equal(await (await fetch(`${voc.url}/wall/`)).text(), '<!doctype html><title>Wall</title>');
    const bundle = await fetch(`${voc.url}/voc.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type')!, /javascript/);
    assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
    assert.equal(await bundle.text(), 'export const voc = 1;');
    assert.equal((await fetch(`${voc.url}/chunks/define-abc.js`)).status, 200);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/nothing.js']) {
      const r = await call(voc.url, 'GET', path);
      assert.equal(r.status, 404, path);
      assert.equal(r.body.error.code, 'not_found');
    }
  });

  test('live streams carry a heartbeat comment', async () => {
    const live = sse(`${voc.url}/v1/sites/demo/events`);
    await live.ready;
    const deadline = Date.now() + 10_000;
    while (!live.raw.includes(': heartbeat') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    live.close();
    assert.match(live.raw, /^: heartbeat$/m);
  });
});
