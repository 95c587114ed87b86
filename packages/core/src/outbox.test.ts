import { expect, waitUntil } from '@open-wc/testing';
import { ConflictError, NetworkError, RateLimitedError, ServerError, ValidationError } from '@voc-kit/protocol/errors.js';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import type { FeedbackDraft, SubmitResult } from '@voc-kit/protocol/model.js';
import { Outbox, OutboxFullError, type OutboxEventDetail } from './outbox.js';
import { randomToken } from '@voc-kit/protocol/random.js';

const draft = (text = 'The delivery was late twice'): FeedbackDraft => ({ kind: 'complaint', text });

/** A backend that fails with `errors` in turn, then behaves; it records every key it was called with. */
function flaky(memory: MemoryAdapter, errors: Error[] = []) {
  const calls: string[] = [];
  const send = async (d: FeedbackDraft, key: string): Promise<SubmitResult> => {
    calls.push(key);
    const error = errors.shift();
    if (error) throw error;
    return memory.submit(d, key);
  };
  return { calls, send };
}

function events(box: Outbox) {
  const seen: OutboxEventDetail[] = [];
  box.addEventListener('change', (e) => seen.push((e as CustomEvent<OutboxEventDetail>).detail));
  return seen;
}

describe('Outbox', () => {
  const boxes: Outbox[] = [];
  const make = (options: ConstructorParameters<typeof Outbox>[0]) => {
    const box = new Outbox({ retryBase: 10, retryMax: 40, ...options });
    boxes.push(box);
    return box;
  };
  afterEach(() => boxes.splice(0).forEach((b) => b.stop()));

  it('gives each item its idempotency key when queued and keeps it per destination', async () => {
    const name = randomToken();
    const a = make({ name, send: () => new Promise(() => {}) });
    const other = make({ name: `${name}-other`, send: () => new Promise(() => {}) });
    const first = await a.add(draft('one'));
    const second = await a.add(draft('two'));
    expect(first.key).to.match(/^[A-Za-z0-9_-]{16,}$/);
    expect(second.key).not.to.equal(first.key);
    expect((await a.pending()).map((i) => i.draft.text)).to.deep.equal(['one', 'two']);
    expect(await other.pending()).to.deep.equal([]);
  });

  it('retries network and server errors with the same key and delivers exactly once', async () => {
    const memory = new MemoryAdapter();
    const backend = flaky(memory, [
      new NetworkError(),
      new ServerError(503),
      new ServerError(408),
      new NetworkError(),
      new ServerError(500),
    ]);
    const box = make({ name: randomToken(), send: backend.send });
    const seen = events(box);
    box.start();
    const item = await box.add(draft());
    await box.flush();
    await waitUntil(() => seen.some((e) => e.type === 'delivered'), 'not delivered', { timeout: 5000 });
    expect(backend.calls).to.deep.equal(Array(6).fill(item.key));
    expect(seen.filter((e) => e.type === 'retry').length).to.equal(5);
    expect(memory.all().map((f) => f.text)).to.deep.equal(['The delivery was late twice']);
    expect(await box.pending()).to.deep.equal([]);
  });

  it('waits at least as long as a 429 Retry-After says', async () => {
    const memory = new MemoryAdapter();
    const backend = flaky(memory, [new RateLimitedError(30)]);
    const box = make({ name: randomToken(), send: backend.send });
    const seen = events(box);
    const before = Date.now();
    await box.add(draft());
    await box.flush();
    const [waiting] = await box.pending();
    expect(waiting.attempts).to.equal(1);
    expect(waiting.lastError?.code).to.equal('rate_limited');
    expect(waiting.nextAt).to.be.at.least(before + 30_000);
    // coming back online does not override the server's Retry-After
    await box.flush(true);
    expect(backend.calls.length).to.equal(1);
    expect(seen.map((e) => e.type)).to.deep.equal(['queued', 'retry']);
    expect(memory.all()).to.deep.equal([]);
  });

  it('on coming back online sends items that are backing off from network errors at once', async () => {
    const memory = new MemoryAdapter();
    const backend = flaky(memory, [new NetworkError()]);
    const box = make({ name: randomToken(), send: backend.send, retryBase: 60_000, retryMax: 60_000 });
    await box.add(draft());
    await box.flush();
    expect((await box.pending())[0].nextAt).to.be.greaterThan(Date.now() + 10_000);
    box.start();
    dispatchEvent(new Event('online'));
    await waitUntil(async () => memory.all().length === 1, 'not sent on online');
    expect(await box.pending()).to.deep.equal([]);
  });

  it('drops an item only on a permanent 4xx and reports why', async () => {
    const memory = new MemoryAdapter();
    const backend = flaky(memory, [new ValidationError('text', 'too_long', 'Please keep it to 4000 characters.')]);
    const box = make({ name: randomToken(), send: backend.send });
    const seen = events(box);
    await box.add(draft());
    await box.flush();
    const failed = seen.find((e) => e.type === 'failed');
    expect(failed?.type === 'failed' && failed.error).to.include({ code: 'validation', field: 'text', rule: 'too_long', status: 422 });
    expect(failed?.item.draft.text).to.equal('The delivery was late twice');
    expect(await box.pending()).to.deep.equal([]);
  });

  it('keeps retrying anything that is not a typed permanent answer', async () => {
    const memory = new MemoryAdapter();
    const backend = flaky(memory, [new TypeError('Failed to fetch')]);
    const box = make({ name: randomToken(), send: backend.send });
    await box.add(draft());
    await box.flush();
    expect((await box.pending()).length).to.equal(1);
  });

  it('gives up on a send that never answers, keeps the item and lets other deliveries go on', async () => {
    const memory = new MemoryAdapter();
    const name = randomToken();
    const hung = make({ name, send: () => new Promise<never>(() => {}), timeout: 50, retryBase: 60_000 });
    const seen = events(hung);
    await hung.add(draft());
    await hung.flush();
    const retry = seen.find((e) => e.type === 'retry');
    expect(retry?.type === 'retry' && retry.error.code).to.equal('network');
    // the lock is free again: another tab delivers when the network is back
    const other = make({ name, send: flaky(memory).send });
    await other.flush(true);
    expect(memory.all().length).to.equal(1);
  });

  it('takes an item back before it is sent, and never one already delivered', async () => {
    const memory = new MemoryAdapter();
    const name = randomToken();
    const offline = make({ name, send: () => Promise.reject(new NetworkError()) });
    const seen = events(offline);
    const kept = await offline.add(draft('keep me'));
    const taken = await offline.add(draft('take me back'));
    await offline.flush();
    expect(await offline.cancel(taken.key)).to.equal(true);
    expect(seen.filter((e) => e.type === 'cancelled').map((e) => e.item.draft.text)).to.deep.equal(['take me back']);
    expect((await offline.pending()).map((i) => i.key)).to.deep.equal([kept.key]);
    const online = make({ name, send: flaky(memory).send });
    await online.flush(true);
    expect(memory.all().map((f) => f.text)).to.deep.equal(['keep me']);
    expect(await offline.cancel(kept.key)).to.equal(false, 'already delivered');
  });

  it('refuses new items when full and keeps every queued one', async () => {
    const box = make({ name: randomToken(), send: () => Promise.reject(new NetworkError()), limit: 2 });
    await box.add(draft('one'));
    await box.add(draft('two'));
    let error: unknown;
    try {
      await box.add(draft('three'));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(OutboxFullError);
    expect((error as OutboxFullError).limit).to.equal(2);
    expect((await box.pending()).map((i) => i.draft.text)).to.deep.equal(['one', 'two']);
  });

  it('two tabs flushing the same outbox deliver each item once', async () => {
    const memory = new MemoryAdapter();
    const name = randomToken();
    const tabA = flaky(memory);
    const tabB = flaky(memory);
    const a = make({ name, send: tabA.send });
    const b = make({ name, send: tabB.send });
    for (let i = 0; i < 5; i++) await a.add(draft(`item ${i}`));
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    expect(tabA.calls.length + tabB.calls.length).to.equal(5);
    expect(new Set([...tabA.calls, ...tabB.calls]).size).to.equal(5);
    expect(
      memory
        .all()
        .map((f) => f.text)
        .sort(),
    ).to.deep.equal(['item 0', 'item 1', 'item 2', 'item 3', 'item 4']);
  });

  it('tells the other tabs what happened to an item', async () => {
    const memory = new MemoryAdapter();
    const name = randomToken();
    const a = make({ name, send: flaky(memory).send });
    const b = make({ name, send: flaky(memory).send });
    a.start();
    b.start();
    const seenByB = events(b);
    const item = await a.add(draft());
    await a.flush();
    await waitUntil(() => seenByB.some((e) => e.type === 'delivered'), 'tab B was not told');
    const delivered = seenByB.find((e) => e.type === 'delivered');
    expect(delivered?.item.key).to.equal(item.key);
    expect(delivered?.type === 'delivered' && delivered.result.id).to.equal(memory.all()[0].id);
  });

  it('after a reload resends with the same key, so a lost answer still stores the item once', async () => {
    const memory = new MemoryAdapter();
    const name = randomToken();
    // first page: the server stores it but the answer never arrives
    const lost = async (d: FeedbackDraft, key: string) => {
      await memory.submit(d, key);
      throw new NetworkError();
    };
    const page1 = make({ name, send: lost });
    const item = await page1.add(draft());
    await page1.flush();
    page1.stop();
    // second page: a new outbox on the same IndexedDB
    const backend = flaky(memory);
    const page2 = make({ name, send: backend.send });
    const seen = events(page2);
    page2.start();
    await waitUntil(() => seen.some((e) => e.type === 'delivered'), 'not delivered after reload');
    expect(backend.calls).to.deep.equal([item.key]);
    expect(memory.all().length).to.equal(1);
  });

  it('reports a reused key with another body as a permanent failure', async () => {
    const backend = { send: () => Promise.reject(new ConflictError('key reused')) };
    const box = make({ name: randomToken(), send: backend.send });
    const seen = events(box);
    await box.add(draft());
    await box.flush();
    expect(seen.map((e) => e.type)).to.deep.equal(['queued', 'failed']);
  });
});
