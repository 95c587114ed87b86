/**
 * The adapter conformance suite: one set of cases that every `VocAdapter` must pass, whatever it stores in.
 * Test-runner-agnostic: pass the `describe` and `it` of node:test, mocha (web-test-runner) or any runner alike.
 *
 * ```ts
 * import { describe, it } from 'node:test';
 * import { adapterConformance } from '@voc-kit/protocol/testing';
 * adapterConformance('MyAdapter', async () => ({ adapter: new MyAdapter(), fixtures: myTeamSide }), { describe, it });
 * ```
 */
import type { VocAdapter } from '../adapter.js';
import { DAY_MS } from '../adapter-logic.js';
import { LIMITS } from '../limits.js';
import {
  CLOUD_WINDOWS,
  type CloudWindow,
  type FeedbackDraft,
  type IncidentStatus,
  type LiveEvent,
  type Since,
  type SubmitResult,
  type TopicStatus,
} from '../model.js';
import { randomToken } from '../random.js';
import { RECEIPT } from '../query.js';
import { deepEqual, equal, eventually, ok, rejects } from './assert.js';

export { AssertionFailed } from './assert.js';

/** The team's side of a backend, which the contract's customer-facing methods cannot reach. */
export interface ConformanceFixtures {
  /** Creates a topic (an incident when `incident` is given). */
  createTopic(slug: string, title: string, incident?: IncidentStatus): Promise<void>;
  /** Moves a topic or incident, with a dated update; `expectedBy` (`YYYY-MM-DD`) sets the date it is expected done. */
  setTopicStatus(slug: string, status: TopicStatus | IncidentStatus, message?: string, expectedBy?: string): Promise<void>;
  /** The team answers one customer in their thread. */
  reply(feedbackId: string, text: string): Promise<void>;
  /** An announcement on the public feed. */
  announce(title: string, body: string, topic?: string): Promise<void>;
  /** Moderation hides one item from every public view. */
  hide(feedbackId: string): Promise<void>;
  /** Everything stored so far becomes `days` whole days older (as if the clock moved on). */
  age(days: number): Promise<void>;
}

/** What `make()` gives each case: a fresh, empty backend (its own site), and how to close it. */
export interface ConformanceSubject {
  adapter: VocAdapter;
  fixtures: ConformanceFixtures;
  close?(): void | Promise<void>;
}

/** The two functions of a test runner the suite uses (node:test and mocha both fit). */
export interface ConformanceRunner {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: () => Promise<void>): unknown;
}

const key = () => `conf-${randomToken(12)}`;
const today = () => new Date().toISOString().slice(0, 10);
const dayBefore = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/** An e-mail address of exactly `length` characters, valid for `checkEmail`. */
function emailOfLength(length: number): string {
  const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.io`; // 191 characters
  return `${'a'.repeat(length - domain.length - 1)}@${domain}`;
}

/**
 * Registers the conformance cases of `name` with `runner`. Each case calls `make()` for a fresh backend, so
 * cases never see each other's data, and closes it afterwards.
 */
export function adapterConformance(name: string, make: () => Promise<ConformanceSubject>, runner: ConformanceRunner): void {
  const { describe, it } = runner;
  const test = (title: string, body: (s: ConformanceSubject) => Promise<void>) =>
    it(title, async () => {
      const subject = await make();
      try {
        await body(subject);
      } finally {
        await subject.close?.();
      }
    });
  const submit = (a: VocAdapter, draft: FeedbackDraft, k = key()): Promise<SubmitResult> => a.submit(draft, k);

  describe(`${name} keeps the VoC Kit adapter contract`, () => {
    describe('submit', () => {
      test('stores a draft exactly once per idempotency key; the same key with another draft is a ConflictError', async ({ adapter }) => {
        const k = key();
        const first = await adapter.submit({ kind: 'idea', text: 'Gift wrapping option' }, k);
        equal(first.status, 'received', 'a new item is received');
        ok(RECEIPT.test(first.receipt), `the receipt ${first.receipt} has the receipt shape`);
        const again = await adapter.submit({ text: '  Gift wrapping option ', kind: 'idea' }, k);
        deepEqual(again, first, 'the same key with the same (normalised) draft gives the original result');
        await rejects(
          adapter.submit({ kind: 'idea', text: 'Something else' }, k),
          { name: 'ConflictError', code: 'conflict' },
          'same key, other draft',
        );
        const snapshot = await adapter.cloud();
        equal(snapshot.terms.find((t) => t.term === 'gift')?.total, 1, 'the item is counted once');
        const other = await adapter.submit({ kind: 'idea', text: 'Gift wrapping option' }, key());
        ok(other.id !== first.id, 'another key stores another item');
      });

      test('refuses every limit past its edge and accepts it at the edge, naming field and rule', async ({ adapter }) => {
        const max = LIMITS.text.max;
        // code points, not UTF-16 units: an emoji is one character
        await submit(adapter, { kind: 'idea', text: '😀'.repeat(max) });
        await rejects(
          submit(adapter, { kind: 'idea', text: '😀'.repeat(max + 1) }),
          { name: 'ValidationError', field: 'text', rule: 'too_long' },
          'text past its maximum',
        );
        await rejects(
          submit(adapter, { kind: 'idea', text: '   ' }),
          { name: 'ValidationError', field: 'text', rule: 'required' },
          'blank text',
        );
        await rejects(
          submit(adapter, { kind: 'praise' as never, text: 'Hello' }),
          { name: 'ValidationError', field: 'kind', rule: 'invalid' },
          'unknown kind',
        );
        await rejects(
          submit(adapter, { kind: 'idea', text: 'Bell\u0007' }),
          { name: 'ValidationError', field: 'text', rule: 'control' },
          'control character',
        );
        const email = emailOfLength(LIMITS.email.max);
        await submit(adapter, { kind: 'idea', text: 'Email at its limit', contact: { email, consent: true } });
        await rejects(
          submit(adapter, {
            kind: 'idea',
            text: 'Email past its limit',
            contact: { email: emailOfLength(LIMITS.email.max + 1), consent: true },
          }),
          { name: 'ValidationError', field: 'email', rule: 'too_long' },
          'email past its maximum',
        );
        await rejects(
          submit(adapter, { kind: 'idea', text: 'No consent', contact: { email: 'a@example.com' } as never }),
          { name: 'ValidationError', field: 'consent', rule: 'required' },
          'contact without consent',
        );
        await rejects(
          submit(adapter, { kind: 'idea', text: 'Long topic', topic: 'a'.repeat(LIMITS.topic.max + 1) }),
          { name: 'ValidationError', field: 'topic', rule: 'invalid' },
          'topic slug past its maximum',
        );
        await rejects(
          submit(adapter, { kind: 'idea', text: 'Bad topic', topic: 'Not A Slug' }),
          { name: 'ValidationError', field: 'topic' },
          'topic not a slug',
        );
        await rejects(
          submit(adapter, { kind: 'idea', text: 'Bad page', pageUrl: 'javascript:alert(1)' }),
          { name: 'ValidationError', field: 'pageUrl', rule: 'invalid' },
          'a page address that is not http(s)',
        );
        const { min: kmin, max: kmax } = LIMITS.idempotencyKey;
        await adapter.submit({ kind: 'idea', text: 'Shortest key' }, 'k'.repeat(kmin - 1) + randomToken(1).slice(0, 1));
        await adapter.submit({ kind: 'idea', text: 'Longest key' }, randomToken(12) + 'k'.repeat(kmax - 16));
        await rejects(
          adapter.submit({ kind: 'idea', text: 'Key too short' }, 'k'.repeat(kmin - 1)),
          { name: 'ValidationError', rule: 'invalid' },
          'key under its minimum',
        );
        await rejects(
          adapter.submit({ kind: 'idea', text: 'Key too long' }, 'k'.repeat(kmax + 1)),
          { name: 'ValidationError', rule: 'invalid' },
          'key past its maximum',
        );
        await rejects(
          adapter.submit({ kind: 'idea', text: 'Key with spaces' }, 'has spaces in it'),
          { name: 'ValidationError', rule: 'invalid' },
          'key with other characters',
        );
      });
    });

    describe('receipts and threads', () => {
      test('the receipt opens the thread; a wrong or malformed receipt is a NotFoundError that reveals nothing', async ({ adapter }) => {
        const result = await submit(adapter, { kind: 'complaint', text: '  Parcel arrived  damaged\r\nagain ', locale: 'en-GB' });
        const thread = await adapter.thread(result.receipt);
        equal(thread.feedback.id, result.id, 'the thread is the item of the receipt');
        equal(thread.feedback.text, 'Parcel arrived  damaged\nagain', 'the text is stored trimmed with LF line ends');
        equal(thread.feedback.status, 'received', 'status');
        deepEqual(thread.entries, [], 'no entries yet');
        for (const wrong of [randomToken(LIMITS.receipt.bytes), 'short', '', 'x'.repeat(LIMITS.receipt.max + 1)])
          await rejects(adapter.thread(wrong), { name: 'NotFoundError', code: 'not_found' }, `thread of the receipt "${wrong}"`);
      });

      test('the team replies; the customer reopens, then confirms the resolution, in order', async ({ adapter, fixtures }) => {
        const { id, receipt } = await submit(adapter, { kind: 'complaint', text: 'Checkout keeps failing' });
        await fixtures.reply(id, 'We fixed the payment step.');
        let thread = await adapter.thread(receipt);
        equal(thread.feedback.status, 'replied', 'a reply makes it replied');
        equal(thread.entries.length, 1, 'one entry');
        equal(thread.entries[0].type, 'reply', 'the reply is an entry');
        thread = await adapter.confirm(receipt, { resolved: false, comment: '  Still failing  ' });
        equal(thread.feedback.status, 'reopened', '"not resolved yet" reopens');
        const reopened = thread.entries[1];
        ok(reopened.type === 'confirmation' && reopened.resolved === false, 'a confirmation entry, not resolved');
        equal(reopened.comment, 'Still failing', 'the comment is trimmed');
        thread = await adapter.confirm(receipt, { resolved: true });
        equal(thread.feedback.status, 'resolved', 'only the customer resolves');
        deepEqual(
          thread.entries.map((e) => (e.type === 'reply' ? 'reply' : `confirmed ${e.resolved}`)),
          ['reply', 'confirmed false', 'confirmed true'],
          'entries oldest first',
        );
        deepEqual(await adapter.thread(receipt), thread, 'the thread reads back as confirm returned it');
        await rejects(adapter.confirm(randomToken(16), { resolved: true }), { name: 'NotFoundError' }, 'confirm with a wrong receipt');
      });

      test('withdraw deletes the item everywhere; its receipt then leads nowhere', async ({ adapter }) => {
        const kept = await submit(adapter, { kind: 'idea', text: 'Walnut shelves please' });
        const gone = await submit(adapter, { kind: 'idea', text: 'Walnut desks please' });
        await adapter.withdraw(gone.receipt);
        await rejects(adapter.thread(gone.receipt), { name: 'NotFoundError' }, 'thread after withdraw');
        await rejects(adapter.withdraw(gone.receipt), { name: 'NotFoundError' }, 'a second withdraw');
        const terms = (await adapter.cloud()).terms.map((t) => t.term);
        ok(terms.includes('walnut') && !terms.includes('desk'), `the cloud forgets the withdrawn item (${terms.join(', ')})`);
        equal((await adapter.cloud()).terms.find((t) => t.term === 'walnut')?.total, 1, 'walnut is counted once');
        deepEqual(
          (await adapter.quotes('walnut')).map((q) => q.id),
          [kept.id],
          'quotes forget the withdrawn item',
        );
        equal((await adapter.thread(kept.receipt)).feedback.id, kept.id, 'the other item stays');
      });
    });

    describe('private stays private', () => {
      test('hidden items leave every public view; contact details appear nowhere public', async ({ adapter, fixtures }) => {
        await fixtures.createTopic('billing', 'Billing');
        const email = `private-${randomToken(6).toLowerCase()}@example.com`;
        const events: LiveEvent[] = [];
        const stop = adapter.subscribe((e) => events.push(e));
        try {
          const shown = await submit(adapter, {
            kind: 'complaint',
            text: 'Invoice total wrong',
            topic: 'billing',
            contact: { email, consent: true },
          });
          const hidden = await submit(adapter, { kind: 'complaint', text: 'Invoice rude words' });
          await fixtures.hide(hidden.id);
          const cloud = await adapter.cloud();
          ok(!cloud.terms.some((t) => t.term === 'rude'), 'a hidden item is not in the cloud');
          equal(cloud.terms.find((t) => t.term === 'invoice')?.total, 1, 'only the visible item counts');
          deepEqual(
            (await adapter.quotes('invoice')).map((q) => q.id),
            [shown.id],
            'a hidden item is never quoted',
          );
          await eventually(() => events.some((e) => e.type === 'feedback' && e.data.id === shown.id), 'the live event of the visible item');
          const everything = JSON.stringify([
            cloud,
            await adapter.quotes('invoice'),
            await adapter.topics(),
            await adapter.feed(),
            await adapter.pulse(),
            events,
            await adapter.thread(shown.receipt),
          ]);
          ok(!everything.includes(email), 'the contact address appears in no public answer, event or thread');
          ok(!everything.includes(shown.receipt), 'the receipt appears in no public answer');
        } finally {
          stop();
        }
      });
    });

    describe('cloud', () => {
      test('counts terms by kind, most frequent first, ties in code-point order, a phrase only when it recurs', async ({ adapter }) => {
        await submit(adapter, { kind: 'complaint', text: 'Banana' });
        await submit(adapter, { kind: 'idea', text: 'Banana' });
        await submit(adapter, { kind: 'compliment', text: 'Zebra' });
        await submit(adapter, { kind: 'compliment', text: 'Äpfel' });
        await submit(adapter, { kind: 'compliment', text: 'apple' });
        const { terms } = await adapter.cloud();
        deepEqual(
          terms.map((t) => t.term),
          ['banana', 'apple', 'zebra', 'äpfel'],
          'by total, then by code point (z before ä, unlike a locale collation)',
        );
        deepEqual(terms[0], { term: 'banana', counts: { compliment: 0, idea: 1, complaint: 1 }, total: 2 }, 'counts by kind');
        await submit(adapter, { kind: 'idea', text: 'Parcel arrived damaged' });
        ok(!(await adapter.cloud()).terms.some((t) => t.term === 'parcel arrived'), 'a phrase used once is not a term');
        await submit(adapter, { kind: 'idea', text: 'parcel arrived late' });
        equal((await adapter.cloud()).terms.find((t) => t.term === 'parcel arrived')?.total, 2, 'a recurring phrase is a term');
        deepEqual(
          (await adapter.cloud({ kinds: ['complaint'] })).terms.map((t) => t.term),
          ['banana'],
          'filtered by kind',
        );
      });

      test('limit: 1 and the documented maximum are accepted; 0 and past the maximum are refused', async ({ adapter }) => {
        await submit(adapter, { kind: 'idea', text: 'Alpha beta gamma delta' });
        equal((await adapter.cloud({ limit: 1 })).terms.length, 1, 'limit 1');
        ok((await adapter.cloud({ limit: LIMITS.cloud.max })).terms.length >= 4, 'the maximum limit is accepted');
        await rejects(adapter.cloud({ limit: LIMITS.cloud.max + 1 }), { name: 'ValidationError', field: 'limit' }, 'past the maximum');
        await rejects(adapter.cloud({ limit: 0 }), { name: 'ValidationError', field: 'limit' }, 'limit 0');
        // the cloud's windows are a fixed list: every one is accepted, anything else refused by name
        for (const since of CLOUD_WINDOWS) ok((await adapter.cloud({ since })).terms.length >= 4, `since ${since}`);
        for (const since of ['14d', '0d', 'week'])
          await rejects(
            adapter.cloud({ since: since as never }),
            { name: 'ValidationError', field: 'since', rule: 'oneOf' },
            `since ${since}`,
          );
        // quotes take any window of days up to the maximum
        await rejects(adapter.quotes('alpha', { since: '0d' }), { name: 'ValidationError', field: 'since' }, 'quotes since 0d');
        await rejects(
          adapter.quotes('alpha', { since: `${LIMITS.since.maxDays + 1}d` as never }),
          { name: 'ValidationError', field: 'since' },
          'quotes since past its maximum',
        );
        equal((await adapter.quotes('alpha', { since: `${LIMITS.since.maxDays}d` })).length, 1, 'quotes since at its maximum');
        await rejects(adapter.cloud({ topic: 'Bad Slug' }), { name: 'ValidationError', field: 'topic' }, 'a topic that is no slug');
      });

      test('since windows count whole UTC days, today included', async ({ adapter, fixtures }) => {
        await submit(adapter, { kind: 'idea', text: 'Lantern' });
        await fixtures.age(1);
        await submit(adapter, { kind: 'idea', text: 'Compass' });
        await fixtures.age(6);
        await submit(adapter, { kind: 'idea', text: 'Rucksack' });
        // lantern is 7 days old, compass 6, rucksack today
        const terms = async (since: CloudWindow) => (await adapter.cloud({ since })).terms.map((t) => t.term).sort();
        deepEqual(await terms('7d'), ['compass', 'rucksack'], '7d takes in six days ago and leaves out seven days ago');
        deepEqual(await terms('30d'), ['compass', 'lantern', 'rucksack'], '30d');
        deepEqual(await terms('all'), ['compass', 'lantern', 'rucksack'], 'all');
        const quoted = async (term: string, since: Since) => (await adapter.quotes(term, { since })).length;
        equal(await quoted('rucksack', '1d'), 1, 'quotes: 1d is today');
        equal(await quoted('compass', '6d'), 0, 'quotes: 6d leaves out six days ago');
        equal(await quoted('compass', '7d'), 1, 'quotes: 7d takes in six days ago');
        equal(await quoted('lantern', '7d'), 0, 'quotes use the same window as the cloud');
        equal(await quoted('lantern', '8d'), 1, 'quotes: 8d takes in seven days ago');
      });
    });

    describe('quotes', () => {
      test('quote visible items using the term, newest first, any case, up to the limit', async ({ adapter }) => {
        const a = await submit(adapter, { kind: 'complaint', text: 'Delivery was late' });
        const b = await submit(adapter, { kind: 'compliment', text: 'Fast delivery today', locale: 'en' });
        const quotes = await adapter.quotes('DELIVERY');
        deepEqual(
          quotes.map((q) => q.id),
          [b.id, a.id],
          'newest first',
        );
        deepEqual(Object.keys(quotes[0]).sort(), ['createdAt', 'id', 'kind', 'text'], 'a quote has public fields only');
        equal((await adapter.quotes('delivery', { limit: 1 })).length, 1, 'limit 1');
        equal((await adapter.quotes('delivery', { limit: LIMITS.quotes.max })).length, 2, 'the maximum limit');
        await rejects(
          adapter.quotes('delivery', { limit: LIMITS.quotes.max + 1 }),
          { name: 'ValidationError', field: 'limit' },
          'past the maximum',
        );
        deepEqual(
          (await adapter.quotes('delivery', { kinds: ['complaint'] })).map((q) => q.id),
          [a.id],
          'by kind',
        );
      });

      test('the term: blank and past its maximum are refused, the maximum is accepted', async ({ adapter }) => {
        await submit(adapter, { kind: 'idea', text: 'Walnut bread' });
        deepEqual((await adapter.quotes('x'.repeat(LIMITS.quoteTerm.max))).length, 0, 'a term at its maximum is a read');
        equal((await adapter.quotes(' walnut ')).length, 1, 'spaces around the term do not count');
        await rejects(adapter.quotes(''), { name: 'ValidationError', field: 'term' }, 'an empty term');
        await rejects(adapter.quotes('   '), { name: 'ValidationError', field: 'term' }, 'a blank term');
        await rejects(adapter.quotes('x'.repeat(LIMITS.quoteTerm.max + 1)), { name: 'ValidationError', field: 'term' }, 'past the maximum');
      });
    });

    describe('topics and feed', () => {
      test('topics are listed in slug order with their counts; incidents carry their status', async ({ adapter, fixtures }) => {
        await fixtures.createTopic('shipping', 'Shipping');
        await fixtures.createTopic('app-crash', 'App crash');
        await fixtures.createTopic('outage', 'Outage', 'investigating');
        await submit(adapter, { kind: 'complaint', text: 'Box was crushed', topic: 'shipping' });
        await submit(adapter, { kind: 'idea', text: 'Faster boats', topic: 'shipping' });
        const topics = await adapter.topics();
        deepEqual(
          topics.map((t) => t.slug),
          ['app-crash', 'outage', 'shipping'],
          'slug order',
        );
        const shipping = topics.find((t) => t.slug === 'shipping')!;
        deepEqual(shipping.counts, { compliment: 0, idea: 1, complaint: 1 }, 'counts by kind');
        equal(shipping.status, 'heard', 'a new topic is heard');
        equal(topics.find((t) => t.slug === 'outage')!.incident?.status, 'investigating', 'an incident');
        await fixtures.setTopicStatus('outage', 'resolved', 'Back up');
        const outage = (await adapter.topics()).find((t) => t.slug === 'outage')!;
        equal(outage.incident?.status, 'resolved', 'the incident moved');
        ok(outage.incident?.resolvedAt, 'a resolved incident has its time');
        equal(outage.updates.at(-1)?.message, 'Back up', 'the dated update');
      });

      test('a move carries an "expected by" date: topics, the feed and the pulse show it; done clears it', async ({
        adapter,
        fixtures,
      }) => {
        const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        await fixtures.createTopic('refunds', 'Refunds');
        await submit(adapter, { kind: 'complaint', text: 'Refund still missing', topic: 'refunds' });
        await fixtures.setTopicStatus('refunds', 'planned', 'Faster refunds', soon);
        equal((await adapter.topics()).find((t) => t.slug === 'refunds')?.expectedBy, soon, 'the topic keeps the date');
        const item = (await adapter.feed({ topic: 'refunds' })).items.find((i) => i.type === 'topic');
        equal(item?.type === 'topic' ? item.topic.expectedBy : undefined, soon, 'the feed shows it');
        const top = (await adapter.pulse({ since: '7d' })).topComplaintTopics.find((t) => t.slug === 'refunds');
        equal(top?.expectedBy, soon, "the pulse's top complaint topic carries it");
        await fixtures.setTopicStatus('refunds', 'in-progress', 'Halfway');
        equal((await adapter.topics()).find((t) => t.slug === 'refunds')?.expectedBy, soon, 'a move without a date keeps it');
        await fixtures.setTopicStatus('refunds', 'done', 'Refunds take two days now');
        equal((await adapter.topics()).find((t) => t.slug === 'refunds')?.expectedBy, undefined, 'done clears it');
      });

      test('the feed pages newest first by cursor, with no item twice and none lost; limit within its range', async ({
        adapter,
        fixtures,
      }) => {
        await fixtures.createTopic('search', 'Search');
        await fixtures.announce('First news', 'Hello');
        await fixtures.setTopicStatus('search', 'planned', 'Next month');
        await fixtures.announce('Second news', 'Again', 'search');
        const all = await adapter.feed({ limit: LIMITS.feed.max });
        equal(all.items.length, 3, 'two announcements and a topic');
        equal(all.next, undefined, 'one page holds them all');
        const at = all.items.map((i) => i.at);
        deepEqual(at, [...at].sort().reverse(), 'newest first');
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await adapter.feed({ limit: 1, ...(cursor && { cursor }) });
          ok(page.items.length <= 1, 'a page holds at most limit items');
          seen.push(...page.items.map((i) => (i.type === 'topic' ? `topic:${i.topic.slug}` : `news:${i.announcement.title}`)));
          cursor = page.next;
        } while (cursor && seen.length < 10);
        deepEqual(
          seen,
          all.items.map((i) => (i.type === 'topic' ? `topic:${i.topic.slug}` : `news:${i.announcement.title}`)),
          'paging by one gives the same items in the same order',
        );
        deepEqual(
          (await adapter.feed({ topic: 'search' })).items.map((i) => i.type),
          ['announcement', 'topic'],
          'filtered by topic',
        );
        await rejects(adapter.feed({ limit: LIMITS.feed.max + 1 }), { name: 'ValidationError', field: 'limit' }, 'past the maximum');
        await rejects(adapter.feed({ limit: 0 }), { name: 'ValidationError', field: 'limit' }, 'limit 0');
      });

      test("public answers carry a topic's latest updates and count the rest; topicUpdates pages through them all", async ({
        adapter,
        fixtures,
      }) => {
        const { shown, max } = LIMITS.topicUpdates;
        const total = shown + 5;
        const steps = Array.from({ length: total }, (_, i) => `Step ${i + 1}`);
        const messages = (updates: { message?: string }[]) => updates.map((u) => u.message);
        await fixtures.createTopic('checkout', 'Checkout');
        await fixtures.createTopic('quiet', 'Quiet');
        await submit(adapter, { kind: 'complaint', text: 'Checkout froze twice', topic: 'checkout' });
        const events: LiveEvent[] = [];
        let connected = false;
        const stop = adapter.subscribe((e) => events.push(e), { onConnection: (up) => (connected = up) });
        try {
          await eventually(() => connected, 'the subscription connects');
          for (const [i, step] of steps.entries()) await fixtures.setTopicStatus('checkout', i % 2 ? 'in-progress' : 'planned', step);
          const topic = (await adapter.topics()).find((t) => t.slug === 'checkout')!;
          deepEqual(messages(topic.updates), steps.slice(-shown), `topics carry the latest ${shown} updates, oldest first`);
          equal(topic.earlierUpdates, total - shown, 'and count the earlier ones');
          const quiet = (await adapter.topics()).find((t) => t.slug === 'quiet')!;
          equal(quiet.earlierUpdates, undefined, 'a topic with fewer updates leaves none out');
          const item = (await adapter.feed({ topic: 'checkout' })).items.find((i) => i.type === 'topic');
          deepEqual(item?.type === 'topic' ? messages(item.topic.updates) : [], steps.slice(-shown), 'the feed carries the same updates');
          equal(item?.type === 'topic' ? item.topic.earlierUpdates : undefined, total - shown, 'and the same count');
          await eventually(
            () => events.some((e) => e.type === 'topic' && e.data.updates.at(-1)?.message === steps.at(-1)),
            'the live event of the last move',
          );
          const live = events.findLast((e) => e.type === 'topic');
          deepEqual(live?.type === 'topic' ? messages(live.data.updates) : [], steps.slice(-shown), 'a live topic event carries them too');
          equal(live?.type === 'topic' ? live.data.earlierUpdates : undefined, total - shown, 'with the count');

          // from the oldest update shown back to the first, two at a time: each update once, none lost
          const older: string[] = [];
          let before: string | undefined = topic.updates[0].id;
          let pages = 0;
          while (before && pages++ < 10) {
            const page = await adapter.topicUpdates('checkout', { before, limit: 2 });
            ok(page.updates.length <= 2, 'a page holds at most limit updates');
            older.unshift(...messages(page.updates).map(String));
            before = page.next;
          }
          deepEqual(older, steps.slice(0, total - shown), 'paging back gives every earlier update once, in order');
          equal(pages, Math.ceil((total - shown) / 2), 'and ends with the oldest');
          const newest = await adapter.topicUpdates('checkout');
          deepEqual(messages(newest.updates), steps.slice(-LIMITS.topicUpdates.default), 'without before: the newest page');
          equal(newest.next, undefined, 'one page holds them all');
          equal((await adapter.topicUpdates('checkout', { limit: max })).updates.length, total, `limit ${max} is accepted`);
          deepEqual((await adapter.topicUpdates('quiet')).updates, [], 'a topic without updates has an empty page');
        } finally {
          stop();
        }
        await rejects(
          adapter.topicUpdates('checkout', { limit: max + 1 }),
          { name: 'ValidationError', field: 'limit' },
          'past the maximum',
        );
        await rejects(adapter.topicUpdates('checkout', { limit: 0 }), { name: 'ValidationError', field: 'limit' }, 'limit 0');
        await rejects(
          adapter.topicUpdates('checkout', { before: 'not an id!' }),
          { name: 'ValidationError', field: 'before' },
          'a bad cursor',
        );
        await rejects(
          adapter.topicUpdates('checkout', { before: '00000000-0000-4000-8000-000000000000' }),
          { name: 'NotFoundError' },
          'a cursor that is no update of the topic',
        );
        await rejects(adapter.topicUpdates('Not A Slug'), { name: 'ValidationError', field: 'topic' }, 'a bad slug');
        await rejects(adapter.topicUpdates('no-such-topic'), { name: 'NotFoundError' }, 'an unknown topic');
      });

      test('"me too" is idempotent per key and counts followers; bad requests are refused', async ({ adapter, fixtures }) => {
        await fixtures.createTopic('dark-mode', 'Dark mode');
        const k = key();
        const first = await adapter.meToo('dark-mode', { key: k });
        equal(first.followers, 1, 'one follower');
        deepEqual(await adapter.meToo('dark-mode', { key: k }), first, 'the same key again changes nothing');
        equal((await adapter.meToo('dark-mode', { key: key() })).followers, 2, 'another key follows too');
        await submit(adapter, { kind: 'idea', text: 'Dark theme please', topic: 'dark-mode' });
        equal((await adapter.topics()).find((t) => t.slug === 'dark-mode')?.followers, 3, 'who raised it follows it');
        await rejects(adapter.meToo('dark-mode', { key: 'short' }), { name: 'ValidationError', field: 'key' }, 'a short key');
        await rejects(adapter.meToo('no-such-topic', { key: key() }), { name: 'NotFoundError' }, 'an unknown topic');
        await rejects(adapter.meToo('Not A Slug', { key: key() }), { name: 'ValidationError', field: 'topic' }, 'a bad slug');
        await rejects(
          adapter.meToo('dark-mode', { key: key(), contact: { email: 'x@example.com' } as never }),
          { name: 'ValidationError', field: 'consent' },
          'contact without consent',
        );
      });
    });

    describe('pulse', () => {
      test('one row per UTC day of the window, today last, volumes by kind and the most complained-about topics', async ({
        adapter,
        fixtures,
      }) => {
        await fixtures.createTopic('returns', 'Returns');
        await submit(adapter, { kind: 'complaint', text: 'Refund slow', topic: 'returns' });
        await fixtures.age(3);
        await submit(adapter, { kind: 'idea', text: 'Pickup service' });
        await submit(adapter, { kind: 'complaint', text: 'Label missing', topic: 'returns' });
        const week = await adapter.pulse({ since: '7d' });
        equal(week.days.length, 7, '7d has seven days');
        equal(week.days.at(-1)?.date, today(), 'today last');
        deepEqual(week.days.at(-1), { date: today(), compliment: 0, idea: 1, complaint: 1 }, "today's volume");
        deepEqual(
          week.days.find((d) => d.date === dayBefore(3)),
          { date: dayBefore(3), compliment: 0, idea: 0, complaint: 1 },
          'three days ago',
        );
        deepEqual(
          week.topComplaintTopics.map((t) => [t.slug, t.count]),
          [['returns', 2]],
          'topics with most complaints',
        );
        deepEqual(week.current.totals, { compliment: 0, idea: 1, complaint: 2 }, 'totals of the period');
        equal(week.hourOfWeek.length, 168, 'one count per hour of the week');
        equal(
          week.hourOfWeek.reduce((a, b) => a + b, 0),
          3,
          'every item in the heat map',
        );
        equal(week.backlog.open, 2, 'open complaints now');
        equal((await adapter.pulse({ since: '90d' })).days.length, 90, '90d has ninety days');
        equal((await adapter.pulse()).days.length, Number.parseInt(LIMITS.since.pulseDefault, 10), 'the default window');
        await rejects(adapter.pulse({ since: '1d' as never }), { name: 'ValidationError', field: 'since' }, 'since 1d is no pulse window');
      });
    });

    describe('pulse figures', () => {
      test('every figure of both periods: volumes, heat map, actions, bucketed medians, confirmed share, backlog, top topics', async ({
        adapter,
        fixtures,
      }) => {
        await fixtures.createTopic('billing', 'Billing');
        await fixtures.createTopic('courier', 'Courier');
        // nine days ago: the previous period of a 7-day window
        const c1 = await submit(adapter, { kind: 'complaint', text: 'Charged twice', topic: 'billing' });
        await submit(adapter, { kind: 'complaint', text: 'Refund missing', topic: 'billing' });
        await submit(adapter, { kind: 'idea', text: 'Pay by invoice' });
        await fixtures.age(8);
        // yesterday
        const c3 = await submit(adapter, { kind: 'complaint', text: 'Invoice wrong', topic: 'billing' });
        const c4 = await submit(adapter, { kind: 'complaint', text: 'Parcel late', topic: 'courier' });
        await submit(adapter, { kind: 'compliment', text: 'Friendly driver', topic: 'courier' });
        await fixtures.age(1);
        // today
        const c5 = await submit(adapter, { kind: 'complaint', text: 'Parcel damaged', topic: 'courier' });
        await submit(adapter, { kind: 'complaint', text: 'Double charge again', topic: 'billing' });
        const h1 = await submit(adapter, { kind: 'complaint', text: 'Spam spam', topic: 'billing' });
        await fixtures.hide(h1.id);
        await submit(adapter, { kind: 'idea', text: 'Gift cards' });
        // replies now: 216 h (counted in the previous period, by submission), 24 h and under 1 h; a hidden item's never
        await fixtures.reply(c1.id, 'Refunded');
        await fixtures.reply(c3.id, 'Corrected');
        await fixtures.reply(c5.id, 'Replacement sent');
        await fixtures.reply(h1.id, 'Hidden');
        // confirmations now: c1 after 216 h and c3 after 24 h resolved (current period, by confirmation); c4 reopened
        await adapter.confirm(c1.receipt, { resolved: true });
        await adapter.confirm(c3.receipt, { resolved: true });
        await adapter.confirm(c4.receipt, { resolved: true });
        await adapter.confirm(c4.receipt, { resolved: false });
        await fixtures.setTopicStatus('billing', 'planned', 'Fix ships in May');
        await fixtures.setTopicStatus('billing', 'in-progress');
        await fixtures.createTopic('outage', 'Checkout outage', 'investigating');
        await fixtures.setTopicStatus('outage', 'resolved', 'Back up');
        await fixtures.announce('Refunds faster', 'We now refund within two days.', 'billing');

        const p = await adapter.pulse({ since: '7d' });
        equal(p.since, '7d', 'the window');
        equal(p.previous.to, p.current.from, 'the previous period ends where the current one starts');
        equal(Date.parse(p.current.to) - Date.parse(p.current.from), 7 * 86_400_000, 'seven days');
        deepEqual(p.current.totals, { compliment: 1, idea: 1, complaint: 4 }, 'current totals (the hidden one left out)');
        deepEqual(p.previous.totals, { compliment: 0, idea: 1, complaint: 2 }, 'previous totals');
        deepEqual(p.days.at(-1), { date: today(), compliment: 0, idea: 1, complaint: 2 }, 'today');
        deepEqual(p.days.at(-2), { date: dayBefore(1), compliment: 1, idea: 0, complaint: 2 }, 'yesterday');
        equal(
          p.days.slice(0, -2).reduce((n, d) => n + d.compliment + d.idea + d.complaint, 0),
          0,
          'nothing on the other days',
        );
        const weekday = (daysAgo: number) => (new Date(Date.now() - daysAgo * 86_400_000).getUTCDay() + 6) % 7;
        const row = (w: number) => p.hourOfWeek.slice(w * 24, w * 24 + 24).reduce((a, b) => a + b, 0);
        equal(row(weekday(0)), 3, "today's items in today's row of the heat map");
        equal(row(weekday(1)), 3, "yesterday's items in yesterday's row");
        equal(
          p.hourOfWeek.reduce((a, b) => a + b, 0),
          6,
          'every public item of the period in the heat map',
        );
        deepEqual(p.current.actions, { statusMoves: 4, announcements: 1, incidentsResolved: 1 }, 'actions now');
        deepEqual(p.previous.actions, { statusMoves: 0, announcements: 0, incidentsResolved: 0 }, 'no actions before');
        // durations count in buckets (1 h wide below 72 h, 24 h above), each standing for its bucket's middle
        equal(p.current.medianFirstReplyHours, (0.5 + 24.5) / 2, 'first replies now: under 1 h and 24 h');
        equal(p.previous.medianFirstReplyHours, 228, 'the first reply to an item of the previous period: 216 h, in [216, 240)');
        equal(p.current.medianResolutionHours, (24.5 + 228) / 2, 'resolutions confirmed now: 24 h and 216 h');
        equal(p.previous.medianResolutionHours, null, 'none confirmed before');
        equal(p.current.confirmedResolvedShare, 1 / 4, 'one of the four public complaints of the period resolved');
        equal(p.previous.confirmedResolvedShare, 1 / 2, 'one of the two before');
        deepEqual(p.backlog, { open: 4, awaitingConfirmation: 1, reopened: 1 }, 'the backlog now');
        deepEqual(
          p.topComplaintTopics.map(({ latestUpdate, ...t }) => ({ ...t, latest: latestUpdate?.message })),
          [
            { slug: 'billing', title: 'Billing', count: 2, status: 'in-progress', latest: 'Fix ships in May' },
            { slug: 'courier', title: 'Courier', count: 2, status: 'heard', latest: undefined },
          ],
          'top complaint topics (a tie in code-point order), with the latest dated update that has a message',
        );
        equal(p.topComplaintTopics[0].latestUpdate?.at.slice(0, 10), today(), 'the update is dated');
      });
    });

    describe('live events', () => {
      test('a subscriber gets public events in order; unsubscribing stops them; after= resumes where it left off', async ({ adapter }) => {
        const events: LiveEvent[] = [];
        let connected = false;
        const stop = adapter.subscribe((e) => events.push(e), { onConnection: (up) => (connected = up) });
        await eventually(() => connected, 'the subscription connects');
        const a = await submit(adapter, { kind: 'idea', text: 'Lighthouse tours' });
        await eventually(() => events.some((e) => e.type === 'cloud'), 'the cloud event of the first item');
        const feedback = events.find((e) => e.type === 'feedback');
        ok(feedback?.type === 'feedback' && feedback.data.id === a.id, 'a feedback event with the id');
        deepEqual(Object.keys(feedback.data).sort(), ['createdAt', 'id', 'kind'], 'public fields only');
        const cloud = events.find((e) => e.type === 'cloud');
        ok(cloud?.type === 'cloud' && cloud.data.terms.includes('lighthouse'), 'a cloud event with the terms');
        ok(events.indexOf(feedback) < events.indexOf(cloud), 'feedback before cloud');
        stop();
        stop(); // harmless twice
        const count = events.length;
        const b = await submit(adapter, { kind: 'idea', text: 'Harbour cruise' });
        const resumed: LiveEvent[] = [];
        const stop2 = adapter.subscribe((e) => resumed.push(e), { after: cloud.id });
        try {
          await eventually(
            () => resumed.some((e) => e.type === 'feedback' && e.data.id === b.id),
            'the event missed while away arrives on resume',
          );
          ok(!resumed.some((e) => e.type === 'feedback' && e.data.id === a.id), 'nothing from before the resume point');
          equal(events.length, count, 'a stopped subscription hears nothing');
        } finally {
          stop2();
        }
      });
    });
  });
}
