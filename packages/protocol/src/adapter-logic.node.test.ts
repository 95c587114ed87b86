import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addConfirmation,
  addReply,
  checkMeToo,
  checkSubmission,
  computePulse,
  earlierResult,
  feedPage,
  foundByReceipt,
  moveTopic,
  newFeedback,
  newTopic,
  quotesFor,
  sinceToTime,
  submittedEvents,
  visibleFeedback,
  type StoredFeedback,
} from './adapter-logic.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import type { Announcement, FeedbackDraft } from './model.js';
import { sha256Hex } from './random.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

async function item(draft: FeedbackDraft, at: number): Promise<StoredFeedback> {
  return (await newFeedback(checkSubmission(draft, crypto.randomUUID()).value, 'shop', iso(at))).stored;
}

const announcement = (id: string, at: number, topic?: string): Announcement => ({
  id,
  site: 'shop',
  at: iso(at),
  title: `News ${id}`,
  body: 'Body',
  ...(topic && { topic }),
});

describe('adapter logic', () => {
  it('checks a submission and replays or refuses a seen key', () => {
    const { value, body } = checkSubmission({ kind: 'idea', text: '  Dark mode  ' }, crypto.randomUUID());
    assert.equal(value.text, 'Dark mode');
    assert.equal(body, JSON.stringify(value));
    assert.throws(
      () => checkSubmission({ kind: 'idea', text: 'ok' }, 'bad key'),
      (e: unknown) => e instanceof ValidationError && e.field === 'idempotencyKey',
    );
    assert.throws(() => checkSubmission({ kind: 'nope', text: 'ok' } as never, crypto.randomUUID()), ValidationError);
    const result = { id: 'a', receipt: 'r', status: 'received' as const };
    assert.equal(earlierResult(undefined, body), undefined);
    assert.equal(earlierResult({ body, result }, body), result);
    assert.throws(() => earlierResult({ body: '{}', result }, body), ConflictError);
  });

  it('builds a stored item whose receipt only the result carries, and public event data', async () => {
    const { value } = checkSubmission(
      {
        kind: 'complaint',
        text: 'Late delivery again',
        topic: 'delivery',
        locale: 'en',
        contact: { email: 'me@example.com', consent: true },
      },
      crypto.randomUUID(),
    );
    const { stored, result } = await newFeedback(value, 'shop', iso(NOW));
    assert.deepEqual(stored.feedback, {
      id: result.id,
      site: 'shop',
      kind: 'complaint',
      text: 'Late delivery again',
      createdAt: iso(NOW),
      status: 'received',
      topic: 'delivery',
      locale: 'en',
    });
    assert.equal(result.status, 'received');
    assert.match(result.receipt, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(stored.receiptHash, await sha256Hex(result.receipt));
    assert.ok(!JSON.stringify(stored).includes(result.receipt));
    assert.equal(stored.contact?.email, 'me@example.com');
    assert.ok(stored.terms.includes('delivery'));
    const events = submittedEvents(stored);
    assert.deepEqual(events.feedback, { id: result.id, kind: 'complaint', createdAt: iso(NOW), topic: 'delivery' });
    assert.deepEqual(events.cloud, { kind: 'complaint', terms: stored.terms, topic: 'delivery' });
    assert.ok(!JSON.stringify(events).includes('me@example.com'));
  });

  it('shows only visible items in the period, and quotes them newest first', async () => {
    const old = await item({ kind: 'complaint', text: 'Delivery was late' }, NOW - 40 * 24 * HOUR);
    const recent = await item({ kind: 'complaint', text: 'Late delivery again', topic: 'delivery' }, NOW - 2 * HOUR);
    const newest = await item({ kind: 'compliment', text: 'Fast delivery today' }, NOW - HOUR);
    const hidden = await item({ kind: 'complaint', text: 'Delivery hidden' }, NOW - HOUR);
    hidden.feedback.status = 'hidden';
    const all = [old, recent, newest, hidden];
    assert.deepEqual(
      visibleFeedback(all, { since: '30d' }, NOW).map((s) => s.feedback.id),
      [recent.feedback.id, newest.feedback.id],
    );
    assert.deepEqual(
      visibleFeedback(all, { kinds: ['complaint'] }, NOW).map((s) => s.feedback.id),
      [old.feedback.id, recent.feedback.id],
    );
    assert.deepEqual(
      visibleFeedback(all, { topic: 'delivery' }, NOW).map((s) => s.feedback.id),
      [recent.feedback.id],
    );
    const quotes = quotesFor(all, 'DELIVERY', {}, NOW);
    assert.deepEqual(
      quotes.map((q) => q.text),
      ['Fast delivery today', 'Late delivery again', 'Delivery was late'],
    );
    assert.deepEqual(quotes[1], {
      id: recent.feedback.id,
      kind: 'complaint',
      text: 'Late delivery again',
      createdAt: recent.feedback.createdAt,
      topic: 'delivery',
    });
    assert.equal(quotesFor(all, 'delivery', { limit: 1, since: '7d' }, NOW)[0].text, 'Fast delivery today');
    // whole UTC days, today included: 7d starts at 00:00 UTC six days before NOW
    assert.equal(sinceToTime('7d', NOW), Date.parse('2026-03-04T00:00:00.000Z'));
    assert.equal(sinceToTime('1d', NOW), Date.parse('2026-03-10T00:00:00.000Z'));
    assert.equal(sinceToTime('all', NOW), 0);
  });

  it('pages the feed newest first by cursor and filters it by topic and kind', () => {
    const ideas = newTopic('dark-mode', 'Dark mode', iso(NOW - 5 * HOUR));
    ideas.counts.idea = 2;
    const complaints = newTopic('checkout', 'Checkout', iso(NOW - 3 * HOUR));
    complaints.counts.complaint = 1;
    const news = [announcement('a1', NOW - 4 * HOUR), announcement('a2', NOW - HOUR, 'checkout')];
    const first = feedPage(news, [ideas, complaints], { limit: 2 });
    assert.deepEqual(
      first.items.map((i) => (i.type === 'topic' ? i.topic.slug : i.announcement.id)),
      ['a2', 'checkout'],
    );
    assert.ok(first.next);
    const second = feedPage(news, [ideas, complaints], { limit: 2, cursor: first.next });
    assert.deepEqual(
      second.items.map((i) => (i.type === 'topic' ? i.topic.slug : i.announcement.id)),
      ['a1', 'dark-mode'],
    );
    assert.equal(second.next, undefined);
    assert.deepEqual(
      feedPage(news, [ideas, complaints], { topic: 'checkout' }).items.map((i) => i.at),
      [iso(NOW - HOUR), iso(NOW - 3 * HOUR)],
    );
    // announcements without a topic stay; topics (and their news) without the kind go
    assert.deepEqual(
      feedPage(news, [ideas, complaints], { kinds: ['idea'] }).items.map((i) => (i.type === 'topic' ? i.topic.slug : i.announcement.id)),
      ['a1', 'dark-mode'],
    );
    assert.equal(feedPage([], [], { limit: 100 }).items.length, 0);
    // past the limits table's feed maximum: refused like the server refuses it
    assert.throws(() => feedPage([], [], { limit: 101 }), ValidationError);
    assert.throws(() => feedPage([], [], { limit: 0 }), ValidationError);
  });

  it('computes the pulse: days by kind, median hours to confirmed resolution, top complaints, actions', async () => {
    const topic = newTopic('checkout', 'Checkout', iso(NOW - 3 * 24 * HOUR));
    moveTopic(topic, 'planned', iso(NOW - 2 * 24 * HOUR));
    const a = await item({ kind: 'complaint', text: 'Checkout fails', topic: 'checkout' }, NOW - 2 * 24 * HOUR);
    const b = await item({ kind: 'complaint', text: 'Checkout slow', topic: 'checkout' }, NOW - 24 * HOUR);
    const c = await item({ kind: 'idea', text: 'Pay by invoice' }, NOW - 24 * HOUR);
    const d = await item({ kind: 'complaint', text: 'Checkout broke', topic: 'checkout' }, NOW - 5 * HOUR);
    addConfirmation(a, { resolved: true }, iso(NOW - 2 * 24 * HOUR + 4 * HOUR));
    addConfirmation(b, { resolved: false }, iso(NOW - 20 * HOUR));
    addConfirmation(d, { resolved: true }, iso(NOW - 3 * HOUR));
    const pulse = computePulse({
      site: 'shop',
      since: '7d',
      now: NOW,
      items: [a, b, c, d],
      topics: [topic],
      announcements: [announcement('x', NOW - HOUR), announcement('old', NOW - 9 * 24 * HOUR)],
    });
    assert.equal(pulse.site, 'shop');
    // 7d is seven whole UTC days, today included (the one window granularity, see sinceToTime)
    assert.equal(pulse.days.length, 7);
    assert.deepEqual(pulse.days[0], { date: '2026-03-04', compliment: 0, idea: 0, complaint: 0 });
    assert.deepEqual(pulse.days.at(-1), { date: '2026-03-10', compliment: 0, idea: 0, complaint: 1 });
    assert.deepEqual(
      pulse.days.find((d) => d.date === '2026-03-09'),
      { date: '2026-03-09', compliment: 0, idea: 1, complaint: 1 },
    );
    assert.equal(pulse.medianResolutionHours, 3); // (4 + 2) / 2
    assert.deepEqual(pulse.topComplaintTopics, [{ slug: 'checkout', title: 'Checkout', count: 3, status: 'planned' }]);
    assert.equal(pulse.actionsTaken, 2); // one announcement and one move in the period
    const empty = computePulse({ site: 'shop', since: '7d', now: NOW, items: [], topics: [], announcements: [] });
    assert.equal(empty.medianResolutionHours, null);
    assert.equal(empty.days.length, 7);
  });

  it('records confirmations and replies, and finds only live items', async () => {
    const s = await item({ kind: 'complaint', text: 'App crashes' }, NOW);
    addReply(s, 'Fixed in 2.1', iso(NOW + HOUR), 'Ana');
    assert.equal(s.feedback.status, 'replied');
    assert.deepEqual(
      { ...s.entries[0], id: undefined },
      {
        type: 'reply',
        id: undefined,
        feedbackId: s.feedback.id,
        at: iso(NOW + HOUR),
        text: 'Fixed in 2.1',
        author: 'Ana',
      },
    );
    addConfirmation(s, { resolved: false, comment: '  still crashes ' }, iso(NOW + 2 * HOUR));
    assert.equal(s.feedback.status, 'reopened');
    assert.deepEqual(s.entries[1], {
      type: 'confirmation',
      feedbackId: s.feedback.id,
      at: iso(NOW + 2 * HOUR),
      resolved: false,
      comment: 'still crashes',
    });
    addReply(s, 'Try 2.2', iso(NOW + 3 * HOUR));
    assert.equal(s.feedback.status, 'reopened'); // a reply does not move a reopened item
    addConfirmation(s, { resolved: true, comment: ' ' }, iso(NOW + 4 * HOUR));
    assert.equal(s.feedback.status, 'resolved');
    assert.equal('comment' in s.entries[3], false);
    assert.equal(foundByReceipt(s), s);
    assert.throws(() => foundByReceipt(undefined), NotFoundError);
    s.feedback.status = 'withdrawn';
    assert.throws(() => foundByReceipt(s), NotFoundError);
  });

  it('checks a me-too request', () => {
    const key = crypto.randomUUID();
    assert.equal(checkMeToo('dark-mode', { key }).key, key);
    assert.throws(
      () => checkMeToo('Not a slug!', { key }),
      (e: unknown) => e instanceof ValidationError && e.field === 'topic',
    );
    assert.throws(
      () => checkMeToo('dark-mode', { key: 'x' }),
      (e: unknown) => e instanceof ValidationError && e.field === 'key',
    );
  });

  it('creates topics and incidents and moves them with dated updates', () => {
    const t = newTopic('search', 'Search', iso(NOW));
    assert.deepEqual(structuredClone(t), {
      slug: 'search',
      title: 'Search',
      status: 'heard',
      updates: [],
      followers: 0,
      counts: { compliment: 0, idea: 0, complaint: 0 },
      createdAt: iso(NOW),
      updatedAt: iso(NOW),
    });
    const moved = moveTopic(t, 'in-progress', iso(NOW + HOUR), 'On it');
    assert.ok(moved === t); // changed in place
    assert.equal(moved.status, 'in-progress');
    assert.equal(moved.updatedAt, iso(NOW + HOUR));
    assert.deepEqual(
      { ...moved.updates[0], id: typeof moved.updates[0].id },
      { id: 'string', at: iso(NOW + HOUR), status: 'in-progress', message: 'On it' },
    );

    const outage = newTopic('outage', 'Outage', iso(NOW), 'investigating');
    assert.deepEqual(outage.incident, { status: 'investigating', startedAt: iso(NOW) });
    moveTopic(outage, 'resolved', iso(NOW + 2 * HOUR));
    assert.deepEqual(outage.incident, { status: 'resolved', startedAt: iso(NOW), resolvedAt: iso(NOW + 2 * HOUR) });
    assert.equal(outage.status, 'heard'); // the incident moved, not the topic
    assert.equal('message' in outage.updates[0], false);
    moveTopic(outage, 'done', iso(NOW + 3 * HOUR));
    assert.equal(outage.status, 'done');
    assert.equal(outage.updates.length, 2);
  });
});
