import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addConfirmation,
  addReply,
  bucketMedian,
  checkMeToo,
  checkSubmission,
  computePulse,
  durationBucket,
  earlierResult,
  feedPage,
  foundByReceipt,
  moveTopic,
  newFeedback,
  newTopic,
  pulseDurations,
  quotesFor,
  sinceToTime,
  submittedEvents,
  visibleFeedback,
  type StoredFeedback,
} from './adapter-logic.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import type { Announcement, FeedbackDraft, Kind, PulseWindow, Topic } from './model.js';
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

  describe('computePulse', () => {
    // NOW is Tuesday 2026-03-10 12:00 UTC; with 7d the current period is 03-04…03-10, the previous 02-25…03-03
    const pulseOf = (items: StoredFeedback[], topics: Topic[] = [], announcements: Announcement[] = [], since: PulseWindow = '7d') =>
      computePulse({ site: 'shop', since, now: NOW, items, topics, announcements });
    const DAY = 24 * HOUR;

    it('gives an empty site zeros for every day and hour, and null medians and share', () => {
      const p = pulseOf([]);
      assert.equal(p.since, '7d');
      assert.deepEqual([p.current.from, p.current.to], ['2026-03-04T00:00:00.000Z', '2026-03-11T00:00:00.000Z']);
      assert.deepEqual([p.previous.from, p.previous.to], ['2026-02-25T00:00:00.000Z', '2026-03-04T00:00:00.000Z']);
      assert.deepEqual(
        p.days.map((d) => d.date),
        ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'],
      );
      assert.ok(p.days.every((d) => d.compliment + d.idea + d.complaint === 0));
      assert.equal(p.hourOfWeek.length, 168);
      assert.ok(p.hourOfWeek.every((n) => n === 0));
      for (const period of [p.current, p.previous])
        assert.deepEqual(
          { ...period, from: '', to: '' },
          {
            from: '',
            to: '',
            totals: { compliment: 0, idea: 0, complaint: 0 },
            actions: { statusMoves: 0, announcements: 0, incidentsResolved: 0 },
            medianFirstReplyHours: null,
            medianResolutionHours: null,
            confirmedResolvedShare: null,
          },
        );
      assert.deepEqual(p.backlog, { open: 0, awaitingConfirmation: 0, reopened: 0 });
      assert.deepEqual(p.topComplaintTopics, []);
      assert.equal(computePulse({ site: 'shop', since: '365d', now: NOW, items: [], topics: [], announcements: [] }).days.length, 365);
      assert.throws(
        () => pulseOf([], [], [], 'all' as PulseWindow),
        (e: unknown) => e instanceof ValidationError && e.field === 'since',
      );
    });

    it('counts public items by day, kind and hour of the week, in the current or the previous period', async () => {
      const monday9 = Date.parse('2026-03-09T09:30:00Z');
      const items = [
        await item({ kind: 'compliment', text: 'Lovely' }, monday9),
        await item({ kind: 'idea', text: 'Dark mode' }, monday9 + 10 * 60_000),
        await item({ kind: 'complaint', text: 'Too slow' }, Date.parse('2026-03-08T23:59:59Z')), // Sunday 23h
        await item({ kind: 'complaint', text: 'First day' }, Date.parse('2026-03-04T00:00:00Z')), // Wednesday 0h, first instant
        await item({ kind: 'idea', text: 'Last day before' }, Date.parse('2026-03-03T23:59:59Z')), // previous period
        await item({ kind: 'idea', text: 'Too old' }, Date.parse('2026-02-24T12:00:00Z')), // before both
      ];
      const hidden = await item({ kind: 'complaint', text: 'Spam' }, monday9);
      hidden.feedback.status = 'hidden';
      const pending = await item({ kind: 'complaint', text: 'Held' }, monday9);
      pending.feedback.status = 'pending';
      const withdrawn = await item({ kind: 'complaint', text: 'Gone' }, monday9);
      withdrawn.feedback.status = 'withdrawn';
      const p = pulseOf([...items, hidden, pending, withdrawn]);
      assert.deepEqual(p.current.totals, { compliment: 1, idea: 1, complaint: 2 });
      assert.deepEqual(p.previous.totals, { compliment: 0, idea: 1, complaint: 0 });
      assert.deepEqual(
        p.days.find((d) => d.date === '2026-03-09'),
        { date: '2026-03-09', compliment: 1, idea: 1, complaint: 0 },
      );
      assert.deepEqual(p.days[0], { date: '2026-03-04', compliment: 0, idea: 0, complaint: 1 });
      assert.equal(p.hourOfWeek[0 * 24 + 9], 2); // Monday 9h
      assert.equal(p.hourOfWeek[6 * 24 + 23], 1); // Sunday 23h
      assert.equal(p.hourOfWeek[2 * 24 + 0], 1); // Wednesday 0h
      assert.equal(
        p.hourOfWeek.reduce((a, b) => a + b),
        4,
      );
      assert.deepEqual(p.backlog, { open: 2, awaitingConfirmation: 0, reopened: 0 }, 'hidden, pending and withdrawn never count');
    });

    it('measures first replies, confirmed resolutions and the confirmed share per period', async () => {
      const a = await item({ kind: 'complaint', text: 'Checkout fails' }, NOW - 2 * DAY);
      addReply(a, 'Looking', iso(NOW - 2 * DAY + 2 * HOUR));
      addReply(a, 'Fixed', iso(NOW - 2 * DAY + 3 * HOUR));
      addConfirmation(a, { resolved: true }, iso(NOW - 2 * DAY + 4 * HOUR)); // 4 h
      const b = await item({ kind: 'complaint', text: 'Slow' }, NOW - DAY);
      addReply(b, 'Sorry', iso(NOW - DAY + 6 * HOUR));
      addConfirmation(b, { resolved: false }, iso(NOW - 20 * HOUR));
      const c = await item({ kind: 'idea', text: 'Invoice' }, NOW - DAY);
      addReply(c, 'Noted', iso(NOW - DAY + 10 * HOUR));
      // submitted in the previous period, confirmed in the current one: counts for the current median only
      const d = await item({ kind: 'complaint', text: 'Old one' }, NOW - 8 * DAY);
      addReply(d, 'On it', iso(NOW - 8 * DAY + HOUR));
      addConfirmation(d, { resolved: true }, iso(NOW - 8 * DAY + 50 * HOUR));
      // resolved, then reopened: not resolved, and awaiting the team again
      const e = await item({ kind: 'complaint', text: 'Again' }, NOW - 3 * DAY);
      addConfirmation(e, { resolved: true }, iso(NOW - 3 * DAY + HOUR));
      addConfirmation(e, { resolved: false }, iso(NOW - 3 * DAY + 2 * HOUR));
      // a compliment confirmed resolved is not a resolution
      const f = await item({ kind: 'compliment', text: 'Nice' }, NOW - DAY);
      addConfirmation(f, { resolved: true }, iso(NOW - DAY + HOUR));
      const g = await item({ kind: 'complaint', text: 'Waiting' }, NOW - 2 * HOUR);
      addReply(g, 'Fixed, please check', iso(NOW - HOUR));
      const p = pulseOf([a, b, c, d, e, f, g]);
      // each duration stands for the middle of its 1-hour bucket: g 1.5, a 2.5, b 6.5, c 10.5 → (2.5 + 6.5) / 2
      assert.equal(p.current.medianFirstReplyHours, 4.5);
      assert.equal(p.current.medianResolutionHours, 27.5); // a 4.5, d 50.5
      assert.equal(p.current.confirmedResolvedShare, 1 / 4); // a of a, b, e, g
      assert.equal(p.previous.medianFirstReplyHours, 1.5); // d
      assert.equal(p.previous.medianResolutionHours, null);
      assert.equal(p.previous.confirmedResolvedShare, 1); // d
      assert.deepEqual(p.backlog, { open: 3, awaitingConfirmation: 1, reopened: 2 }); // b, e reopened; g replied
    });

    it('counts durations in buckets (1 h below 72 h, 24 h above) and takes the median of their middles', () => {
      assert.deepEqual([-1, 0, 0.99, 1, 71.99, 72, 95.99, 96, 1000].map(durationBucket), [0, 0, 0, 1, 71, 72, 72, 96, 984]);
      assert.equal(bucketMedian([]), null);
      assert.equal(bucketMedian([{ bucket: 3, n: 0 }]), null);
      assert.equal(bucketMedian([{ bucket: 3, n: 1 }]), 3.5);
      // odd count: the middle one; buckets in any order, repeated buckets add up
      assert.equal(
        bucketMedian([
          { bucket: 96, n: 1 },
          { bucket: 0, n: 1 },
          { bucket: 96, n: 1 },
        ]),
        108,
      );
      // even count: the mean of the two middle ones
      assert.equal(
        bucketMedian([
          { bucket: 0, n: 2 },
          { bucket: 72, n: 2 },
        ]),
        (0.5 + 84) / 2,
      );
      // what an item adds: public items their first reply, public complaints resolved now their last confirmation
      const created = NOW - 10 * DAY;
      assert.deepEqual(
        pulseDurations({
          kind: 'complaint',
          status: 'resolved',
          createdAt: created,
          firstReplyAt: created + 1.5 * HOUR,
          lastConfirmationAt: NOW,
        }),
        [
          { metric: 'reply', at: created, bucket: 1 },
          { metric: 'resolution', at: NOW, bucket: 240 },
        ],
      );
      assert.deepEqual(pulseDurations({ kind: 'complaint', status: 'reopened', createdAt: created, lastConfirmationAt: NOW }), []);
      assert.deepEqual(pulseDurations({ kind: 'idea', status: 'resolved', createdAt: created, lastConfirmationAt: NOW }), []);
      assert.deepEqual(pulseDurations({ kind: 'idea', status: 'hidden', createdAt: created, firstReplyAt: NOW }), []);
    });

    it('counts actions in each period and ranks complaint topics, ties by slug, five at most', async () => {
      const topics = ['b', 'a', 'c', 'd', 'e', 'f'].map((slug) => newTopic(slug, slug.toUpperCase(), iso(NOW - 20 * DAY)));
      const [b, a] = topics;
      moveTopic(b, 'planned', iso(NOW - 10 * DAY), 'We are on it'); // previous period
      moveTopic(b, 'in-progress', iso(NOW - DAY)); // no message: not the latest dated update
      b.expectedBy = '2026-04-01';
      moveTopic(a, 'planned', iso(NOW - 2 * DAY));
      const outage = newTopic('outage', 'Outage', iso(NOW - 9 * DAY), 'investigating');
      moveTopic(outage, 'resolved', iso(NOW - 8 * DAY + HOUR), 'Back up'); // previous period
      const items: StoredFeedback[] = [];
      const add = async (topic: string, n: number, kind: Kind = 'complaint') => {
        for (let i = 0; i < n; i++) items.push(await item({ kind, text: `About ${topic}`, topic }, NOW - HOUR));
      };
      await add('a', 2);
      await add('b', 2);
      await add('c', 3);
      await add('d', 1);
      await add('e', 1);
      await add('f', 1);
      await add('c', 5, 'idea'); // ideas do not rank complaint topics
      const old = await item({ kind: 'complaint', text: 'Old', topic: 'f' }, NOW - 9 * DAY);
      const p = pulseOf([...items, old], [...topics, outage], [announcement('x', NOW - HOUR), announcement('y', NOW - 9 * DAY)]);
      assert.deepEqual(
        p.topComplaintTopics.map((t) => [t.slug, t.count]),
        [
          ['c', 3],
          ['a', 2],
          ['b', 2],
          ['d', 1],
          ['e', 1],
        ],
      );
      assert.deepEqual(p.topComplaintTopics[2], {
        slug: 'b',
        title: 'B',
        count: 2,
        status: 'in-progress',
        latestUpdate: { at: iso(NOW - 10 * DAY), message: 'We are on it' },
        expectedBy: '2026-04-01',
      });
      assert.deepEqual(p.current.actions, { statusMoves: 2, announcements: 1, incidentsResolved: 0 });
      // the incident's first status is a dated update too (as the server records it)
      assert.deepEqual(p.previous.actions, { statusMoves: 3, announcements: 1, incidentsResolved: 1 });
    });
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
    // the incident's first status, then the two moves
    assert.deepEqual(
      outage.updates.map((u) => [u.at, u.status]),
      [
        [iso(NOW), 'investigating'],
        [iso(NOW + 2 * HOUR), 'resolved'],
        [iso(NOW + 3 * HOUR), 'done'],
      ],
    );
  });
});
