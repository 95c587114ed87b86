// The HTTP adapter in real Chromium against the real reference server (started by test/wtr-voc-server.mjs).
import { expect } from '@open-wc/testing';
import { ConflictError, NetworkError, NotFoundError, RateLimitedError, ValidationError, VocError } from '@voc-kit/protocol/errors.js';
import type { LiveEvent } from '@voc-kit/protocol/model.js';
import { HttpAdapter } from './http-adapter.js';

interface TestServer {
  endpoint: string;
  site: string;
  adminToken: string;
}
let server: TestServer;
const key = () => `wtr-${crypto.randomUUID()}`;

async function team(method: string, path: string, body?: unknown) {
  const res = await fetch(server.endpoint + path, {
    method,
    headers: { authorization: `Bearer ${server.adminToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** Resolves once `test` holds, checking whenever `poke` is called and on a short interval. */
function until<T>(get: () => T | undefined, ms = 8000): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const tick = () => {
      const value = get();
      if (value !== undefined) return resolve(value);
      if (Date.now() > deadline) return reject(new Error('timed out waiting'));
      setTimeout(tick, 25);
    };
    tick();
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('HttpAdapter against the reference server', function () {
  this.timeout(60_000);
  let adapter: HttpAdapter;

  before(async () => {
    server = await (await fetch('/__voc/endpoint')).json();
    adapter = new HttpAdapter({ endpoint: server.endpoint, site: server.site });
  });

  it('takes a relative endpoint relative to the page, as on the pages the server serves', () => {
    expect(new HttpAdapter({ endpoint: '/', site: 'demo' }).endpoint).to.equal(location.origin);
    expect(new HttpAdapter({ endpoint: '/feedback/', site: 'demo' }).endpoint).to.equal(`${location.origin}/feedback`);
    expect(new HttpAdapter({ endpoint: 'https://voc.example/api/', site: 'demo' }).endpoint).to.equal('https://voc.example/api');
  });

  it('submits, and the receipt opens the customer’s thread', async () => {
    const result = await adapter.submit({ kind: 'complaint', text: 'The parcel arrived crushed', locale: 'en' }, key());
    expect(result.status).to.equal('received');
    expect(result.receipt).to.match(/^[A-Za-z0-9_-]{22}$/);
    const thread = await adapter.thread(result.receipt);
    expect(thread.feedback.id).to.equal(result.id);
    expect(thread.feedback.text).to.equal('The parcel arrived crushed');
  });

  it('gives the original answer for a repeated key, and a ConflictError for the same key with another text', async () => {
    const k = key();
    const first = await adapter.submit({ kind: 'idea', text: 'Gift wrap please' }, k);
    expect(await adapter.submit({ kind: 'idea', text: 'Gift wrap please' }, k)).to.deep.equal(first);
    const error = await rejection(adapter.submit({ kind: 'idea', text: 'Something else' }, k));
    expect(error).to.be.instanceOf(ConflictError);
    expect((error as ConflictError).status).to.equal(422);
  });

  it('rejects bad drafts with a ValidationError naming the field, before sending', async () => {
    const error = await rejection(adapter.submit({ kind: 'idea', text: '   ' }, key()));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).field).to.equal('text');
  });

  it('turns status codes into typed errors: 404 NotFound, 429 RateLimited with Retry-After', async () => {
    expect(await rejection(adapter.thread('AAAAAAAAAAAAAAAAAAAAAA'))).to.be.instanceOf(NotFoundError);
    const unknownSite = new HttpAdapter({ endpoint: server.endpoint, site: 'no-such-site' });
    expect(await rejection(unknownSite.cloud())).to.be.instanceOf(NotFoundError);
    const tight = new HttpAdapter({ endpoint: server.endpoint, site: 'wtr-tight' });
    await tight.submit({ kind: 'idea', text: 'one' }, key());
    await tight.submit({ kind: 'idea', text: 'two' }, key());
    const limited = await rejection(tight.submit({ kind: 'idea', text: 'three' }, key()));
    expect(limited).to.be.instanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfter).to.be.at.least(1);
  });

  it('reports an unreachable server, a refused origin and a cancelled call as NetworkError', async () => {
    const nowhere = new HttpAdapter({ endpoint: 'http://127.0.0.1:9', site: 'wtr', timeout: 5000 });
    expect(await rejection(nowhere.topics())).to.be.instanceOf(NetworkError);
    const closed = new HttpAdapter({ endpoint: server.endpoint, site: 'wtr-closed' });
    expect(await rejection(closed.submit({ kind: 'idea', text: 'From a page the site does not allow' }, key()))).to.be.instanceOf(
      NetworkError,
    );
    const controller = new AbortController();
    const pending = adapter.cloud({}, { signal: controller.signal });
    controller.abort();
    const cancelled = await rejection(pending);
    expect(cancelled).to.be.instanceOf(NetworkError);
    expect(cancelled).to.be.instanceOf(VocError);
  });

  it('reads cloud, quotes, topics, feed and pulse', async () => {
    const word = `zebra${Date.now().toString(36)}`;
    await adapter.submit({ kind: 'compliment', text: `Lovely ${word} socks`, topic: 'socks', locale: 'en' }, key());
    await adapter.submit({ kind: 'complaint', text: `The ${word} socks shrank`, topic: 'socks', locale: 'en' }, key());
    const cloud = await adapter.cloud({ since: '7d', kinds: ['compliment', 'complaint'] });
    const term = cloud.terms.find((t) => t.term === word);
    expect(term?.counts).to.deep.equal({ compliment: 1, idea: 0, complaint: 1 });
    const quotes = await adapter.quotes(word, { kinds: ['complaint'] });
    expect(quotes.map((q) => q.text)).to.deep.equal([`The ${word} socks shrank`]);
    const topics = await adapter.topics();
    expect(topics.find((t) => t.slug === 'socks')?.counts.complaint).to.be.at.least(1);
    await team('POST', '/v1/admin/sites/wtr/announcements', { title: 'Socks fixed', body: 'Pre-shrunk from now on', topic: 'socks' });
    const feed = await adapter.feed({ topic: 'socks', limit: 1 });
    expect(feed.items).to.have.length(1);
    expect(feed.next).to.be.a('string');
    const rest = await adapter.feed({ topic: 'socks', cursor: feed.next });
    expect(rest.items.length).to.be.at.least(1);
    const pulse = await adapter.pulse({ since: '7d' });
    expect(pulse.days).to.have.length(7);
  });

  it('confirms, follows a topic and withdraws', async () => {
    const r = await adapter.submit({ kind: 'complaint', text: 'Checkout error 500', topic: 'checkout-errors' }, key());
    const reopened = await adapter.confirm(r.receipt, { resolved: false, comment: 'Still broken' });
    expect(reopened.feedback.status).to.equal('reopened');
    expect(reopened.entries.at(-1)).to.include({ type: 'confirmation', resolved: false, comment: 'Still broken' });
    const resolved = await adapter.confirm(r.receipt, { resolved: true });
    expect(resolved.feedback.status).to.equal('resolved');
    const meKey = key();
    const once = await adapter.meToo('checkout-errors', { key: meKey });
    const twice = await adapter.meToo('checkout-errors', { key: meKey });
    expect(once.followers).to.equal(2);
    expect(twice.followers).to.equal(2);
    await adapter.withdraw(r.receipt);
    expect(await rejection(adapter.thread(r.receipt))).to.be.instanceOf(NotFoundError);
  });

  it('delivers live events, and after a dropped stream resumes without losing or repeating one', async () => {
    const events: LiveEvent[] = [];
    const states: boolean[] = [];
    const stop = adapter.subscribe((e) => events.push(e), { onConnection: (up) => states.push(up) });
    try {
      await until(() => (states.includes(true) ? true : undefined));
      const a = await adapter.submit({ kind: 'idea', text: 'Live one' }, key());
      await until(() => events.find((e) => e.type === 'feedback' && e.data.id === a.id));
      // the server closes every stream (as when an instance drains); EventSource comes back with Last-Event-ID
      const dropped = await team('POST', '/v1/admin/live/disconnect');
      expect(dropped.disconnected).to.be.at.least(1);
      const b = await adapter.submit({ kind: 'complaint', text: 'Sent while the stream was down' }, key());
      await until(() => events.find((e) => e.type === 'feedback' && e.data.id === b.id));
      expect(states).to.include(false);
      expect(states.at(-1)).to.equal(true);
      const ids = events.map((e) => BigInt(e.id));
      expect(new Set(ids).size).to.equal(ids.length, 'no event twice');
      expect(ids).to.deep.equal(
        [...ids].sort((x, y) => (x < y ? -1 : 1)),
        'in order',
      );
    } finally {
      stop();
    }
  });

  it('misses nothing when the stream drops before any event came', async () => {
    const events: LiveEvent[] = [];
    let up = false;
    const stop = adapter.subscribe((e) => events.push(e), { onConnection: (c) => (up = c) });
    try {
      await until(() => (up ? true : undefined));
      const dropped = await team('POST', '/v1/admin/live/disconnect');
      expect(dropped.disconnected).to.be.at.least(1);
      const r = await adapter.submit({ kind: 'idea', text: 'Said while the stream was down' }, key());
      await until(() => events.find((e) => e.type === 'feedback' && e.data.id === r.id));
    } finally {
      stop();
    }
  });

  it('resumes after a given event id', async () => {
    const seen: LiveEvent[] = [];
    let up = false;
    const stop1 = adapter.subscribe((e) => seen.push(e), { onConnection: (c) => (up = c) });
    await until(() => (up ? true : undefined));
    const a = await adapter.submit({ kind: 'compliment', text: 'Before resuming' }, key());
    const mark = await until(() => seen.find((e) => e.type === 'feedback' && e.data.id === a.id));
    stop1();
    const b = await adapter.submit({ kind: 'compliment', text: 'While nobody listened' }, key());
    const later: LiveEvent[] = [];
    const stop2 = adapter.subscribe((e) => later.push(e), { after: mark.id });
    try {
      await until(() => later.find((e) => e.type === 'feedback' && e.data.id === b.id));
      expect(later.every((e) => BigInt(e.id) > BigInt(mark.id))).to.equal(true);
    } finally {
      stop2();
    }
  });
});
