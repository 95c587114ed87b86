import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { MemoryAdapter } from './memory-adapter.js';
import type { LiveEvent } from './model.js';

const key = () => crypto.randomUUID();

describe('MemoryAdapter', () => {
  it('stores a submission once per idempotency key and refuses the key for another body', async () => {
    const a = new MemoryAdapter();
    const k = key();
    const first = await a.submit({ kind: 'complaint', text: 'Late delivery again' }, k);
    const again = await a.submit({ kind: 'complaint', text: 'Late delivery again' }, k);
    assert.deepEqual(again, first);
    assert.equal(a.all().length, 1);
    await assert.rejects(a.submit({ kind: 'idea', text: 'Other' }, k), ConflictError);
    assert.match(first.receipt, /^[A-Za-z0-9_-]{22}$/); // 128 bits
  });

  it('validates input with the field named', async () => {
    const a = new MemoryAdapter();
    await assert.rejects(a.submit({ kind: 'idea', text: ' ' }, key()), (e: unknown) => e instanceof ValidationError && e.field === 'text');
    await assert.rejects(
      a.submit({ kind: 'idea', text: 'ok' }, 'bad key'),
      (e: unknown) => e instanceof ValidationError && e.field === 'idempotencyKey',
    );
  });

  it('never puts contact details in public answers', async () => {
    const a = new MemoryAdapter();
    const r = await a.submit(
      { kind: 'idea', text: 'Dark mode please', topic: 'dark-mode', contact: { email: 'me@example.com', consent: true } },
      key(),
    );
    const views = [await a.thread(r.receipt), await a.cloud(), await a.feed(), await a.pulse(), await a.quotes('dark'), await a.topics()];
    for (const v of views) assert.ok(!JSON.stringify(v).includes('me@example.com'));
    assert.equal(a.contactOf(r.id)?.email, 'me@example.com');
  });

  it('counts cloud terms by kind and hides moderated items', async () => {
    const a = new MemoryAdapter();
    await a.submit({ kind: 'complaint', text: 'Late delivery, again.' }, key());
    await a.submit({ kind: 'complaint', text: 'The delivery was late' }, key());
    const r = await a.submit({ kind: 'compliment', text: 'Friendly delivery driver' }, key());
    let cloud = await a.cloud();
    const delivery = cloud.terms.find((t) => t.term === 'delivery')!;
    assert.deepEqual(delivery.counts, { compliment: 1, idea: 0, complaint: 2 });
    assert.equal(cloud.terms[0].term, 'delivery');
    assert.ok(!cloud.terms.some((t) => t.term === 'the'));
    a.hide(r.id);
    cloud = await a.cloud({ kinds: ['compliment'] });
    assert.ok(!cloud.terms.some((t) => t.term === 'delivery'));
    const quotes = await a.quotes('Delivery');
    assert.equal(quotes.length, 2);
  });

  it('runs the loop: thread, reply, confirm, reopen, withdraw', async () => {
    const a = new MemoryAdapter();
    const r = await a.submit({ kind: 'complaint', text: 'App crashes on login' }, key());
    a.reply(r.id, 'Fixed in 2.3, can you check?', 'Ana');
    let t = await a.confirm(r.receipt, { resolved: false, comment: 'Still crashes' });
    assert.equal(t.feedback.status, 'reopened');
    t = await a.confirm(r.receipt, { resolved: true });
    assert.equal(t.feedback.status, 'resolved');
    assert.deepEqual(
      t.entries.map((e) => e.type),
      ['reply', 'confirmation', 'confirmation'],
    );
    await a.withdraw(r.receipt);
    await assert.rejects(a.thread(r.receipt), NotFoundError);
    await assert.rejects(a.thread('wrong'), NotFoundError);
  });

  it('follows topics once per key and publishes live events in order, with resume', async () => {
    const a = new MemoryAdapter();
    a.createTopic('delivery', 'Delivery');
    const seen: LiveEvent[] = [];
    const stop = a.subscribe((e) => seen.push(e));
    await a.submit({ kind: 'complaint', text: 'Late parcel', topic: 'delivery' }, key());
    assert.equal((await a.meToo('delivery', { key: 'browser-1234' })).followers, 2);
    assert.equal((await a.meToo('delivery', { key: 'browser-1234' })).followers, 2);
    await assert.rejects(a.meToo('nope', { key: 'browser-1234' }), NotFoundError);
    a.setTopicStatus('delivery', 'planned', 'New courier from May');
    a.announce('New courier', 'From May we ship with a faster courier.', 'delivery');
    stop();
    a.announce('After', 'Not seen');
    assert.deepEqual(
      seen.map((e) => e.type),
      ['feedback', 'cloud', 'topic', 'announcement'],
    );
    const replay: LiveEvent[] = [];
    a.subscribe((e) => replay.push(e), { after: seen[1].id })();
    assert.deepEqual(
      replay.map((e) => e.type),
      ['topic', 'announcement', 'announcement'],
    );
  });

  it('tells subscribers that a thread changed with its feedback id only, never its text or receipt', async () => {
    const a = new MemoryAdapter();
    const r = await a.submit({ kind: 'complaint', text: 'Parcel lost', contact: { email: 'me@example.com', consent: true } }, key());
    const seen: LiveEvent[] = [];
    const stop = a.subscribe((e) => seen.push(e));
    a.reply(r.id, 'We are sorry: a new parcel left today.', 'Ana');
    await a.confirm(r.receipt, { resolved: false, comment: 'Not here yet' });
    stop();
    const threadEvents = seen.filter((e) => e.type === 'thread');
    assert.deepEqual(
      threadEvents.map((e) => e.data),
      [{ id: r.id }, { id: r.id }],
    );
    const wire = JSON.stringify(seen);
    for (const secret of [r.receipt, 'me@example.com', 'new parcel', 'Not here yet']) assert.ok(!wire.includes(secret));
  });

  it('pages the feed by cursor and computes the pulse', async () => {
    let now = Date.parse('2026-11-01T00:00:00Z');
    const a = new MemoryAdapter({ now: () => now });
    for (let i = 0; i < 5; i++) {
      now += 3_600_000;
      a.createTopic(`t${i}`, `Topic ${i}`);
    }
    const r = await a.submit({ kind: 'complaint', text: 'Broken', topic: 't1' }, key());
    now += 5 * 3_600_000;
    await a.confirm(r.receipt, { resolved: true });
    const p1 = await a.feed({ limit: 2 });
    const p2 = await a.feed({ limit: 2, cursor: p1.next });
    const p3 = await a.feed({ limit: 2, cursor: p2.next });
    const slugs = [...p1.items, ...p2.items, ...p3.items].map((i) => (i.type === 'topic' ? i.topic.slug : ''));
    assert.deepEqual(slugs, ['t4', 't3', 't2', 't1', 't0']);
    assert.equal(p3.next, undefined);
    const pulse = await a.pulse({ since: '7d' });
    assert.equal(pulse.current.medianResolutionHours, 5.5, '5 h: the middle of its bucket');
    assert.equal(pulse.current.confirmedResolvedShare, 1);
    assert.deepEqual(pulse.topComplaintTopics, [{ slug: 't1', title: 'Topic 1', count: 1, status: 'heard' }]);
    await assert.rejects(a.pulse({ since: '8d' as '7d' }), (e: unknown) => e instanceof ValidationError && e.field === 'since');
    assert.equal(
      pulse.days.reduce((n, d) => n + d.complaint, 0),
      1,
    );
  });
});
