import { expect, waitUntil } from '@open-wc/testing';
import { ConflictError, NotFoundError, ValidationError } from '@voc-kit/protocol/errors.js';
import type { LiveEvent } from '@voc-kit/protocol/model.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import { LocalAdapter } from './index.js';

const key = () => randomToken(12);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('LocalAdapter', () => {
  let site: string;
  beforeEach(() => {
    site = randomToken(8);
  });

  it('stores a submission once per idempotency key, forever', async () => {
    const local = new LocalAdapter({ site });
    const k = key();
    const draft = { kind: 'idea' as const, text: '  Open on Sundays  ', locale: 'en' };
    const first = await local.submit(draft, k);
    expect(first.status).to.equal('received');
    expect(first.receipt).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(await local.submit(draft, k)).to.deep.equal(first);
    // a reload: a new adapter on the same IndexedDB
    expect(await new LocalAdapter({ site }).submit(draft, k)).to.deep.equal(first);
    expect(await rejection(local.submit({ kind: 'idea', text: 'Something else' }, k))).to.be.instanceOf(ConflictError);
    const list = await local.list();
    expect(list.map((f) => [f.kind, f.text, f.site])).to.deep.equal([['idea', 'Open on Sundays', site]]);
  });

  it('rejects bad input with typed errors', async () => {
    const local = new LocalAdapter({ site });
    const empty = (await rejection(local.submit({ kind: 'idea', text: '   ' }, key()))) as ValidationError;
    expect(empty).to.be.instanceOf(ValidationError);
    expect([empty.field, empty.rule]).to.deep.equal(['text', 'required']);
    const badKey = (await rejection(local.submit({ kind: 'idea', text: 'ok' }, 'short'))) as ValidationError;
    expect(badKey.field).to.equal('idempotencyKey');
    const noConsent = (await rejection(
      local.submit({ kind: 'idea', text: 'ok', contact: { email: 'a@example.com', consent: false as unknown as true } }, key()),
    )) as ValidationError;
    expect(noConsent.field).to.equal('consent');
    expect(await local.list()).to.deep.equal([]);
  });

  it('two tabs submitting the same key at once store it once', async () => {
    const k = key();
    const draft = { kind: 'complaint' as const, text: 'Double click' };
    const [a, b] = await Promise.all([new LocalAdapter({ site }).submit(draft, k), new LocalAdapter({ site }).submit(draft, k)]);
    expect(a).to.deep.equal(b);
    expect((await new LocalAdapter({ site }).list()).length).to.equal(1);
  });

  it('builds the cloud from core text analysis and shows real quotes, never contact details', async () => {
    const local = new LocalAdapter({ site });
    await local.submit({ kind: 'complaint', text: 'Late delivery again', contact: { email: 'ana@example.com', consent: true } }, key());
    await local.submit({ kind: 'complaint', text: 'The delivery was late' }, key());
    await local.submit({ kind: 'compliment', text: 'Friendly staff, quick delivery' }, key());
    const cloud = await local.cloud();
    const delivery = cloud.terms.find((t) => t.term === 'delivery')!;
    expect(delivery.counts).to.deep.equal({ compliment: 1, idea: 0, complaint: 2 });
    expect(delivery.total).to.equal(3);
    expect(cloud.terms[0].term).to.equal('delivery', 'most frequent first');
    expect((await local.cloud({ kinds: ['compliment'] })).terms.map((t) => t.term)).to.include('staff');
    const quotes = await local.quotes('Delivery', { kinds: ['complaint'] });
    expect(quotes.map((q) => q.text).sort()).to.deep.equal(['Late delivery again', 'The delivery was late']);
    const everythingPublic = JSON.stringify([cloud, quotes, await local.feed(), await local.list(), await local.pulse()]);
    expect(everythingPublic).not.to.include('ana@example.com');
    const [withContact] = (await local.list()).filter((f) => f.text === 'Late delivery again');
    expect(await local.contactOf(withContact.id)).to.deep.equal({ email: 'ana@example.com', consent: true });
  });

  it('opens the customer thread only with its receipt; confirm and withdraw', async () => {
    const local = new LocalAdapter({ site });
    const { id, receipt } = await local.submit({ kind: 'complaint', text: 'Broken chair' }, key());
    expect(await rejection(local.thread('not-a-receipt'))).to.be.instanceOf(NotFoundError);
    expect((await local.thread(receipt)).feedback.id).to.equal(id);
    await local.reply(id, 'We replaced it, sorry!', 'Café team');
    const confirmed = await local.confirm(receipt, { resolved: true, comment: ' Thanks ' });
    expect(confirmed.feedback.status).to.equal('resolved');
    expect(confirmed.entries.map((e) => e.type)).to.deep.equal(['reply', 'confirmation']);
    expect(confirmed.entries[1]).to.include({ resolved: true, comment: 'Thanks' });
    expect((await local.confirm(receipt, { resolved: false })).feedback.status).to.equal('reopened');
    await local.withdraw(receipt);
    expect(await rejection(local.thread(receipt))).to.be.instanceOf(NotFoundError);
    expect(await local.list()).to.deep.equal([]);
  });

  it('keeps topics, followers, "me too", announcements and the feed', async () => {
    const local = new LocalAdapter({ site });
    await local.submit({ kind: 'complaint', text: 'Cold coffee', topic: 'coffee' }, key());
    await local.submit({ kind: 'idea', text: 'Oat milk please', topic: 'coffee' }, key());
    let [topic] = await local.topics();
    expect(topic).to.include({ slug: 'coffee', followers: 2, status: 'heard' });
    expect(topic.counts).to.deep.equal({ compliment: 0, idea: 1, complaint: 1 });
    const meToo = randomToken(12);
    expect(await local.meToo('coffee', { key: meToo })).to.deep.equal({ followers: 3 });
    expect(await local.meToo('coffee', { key: meToo })).to.deep.equal({ followers: 3 }, 'idempotent per key');
    expect(await rejection(local.meToo('tea', { key: meToo }))).to.be.instanceOf(NotFoundError);
    await local.setTopicStatus('coffee', 'planned', 'New machine by May');
    await local.announce('New coffee machine', 'It arrives in May.', 'coffee');
    [topic] = await local.topics();
    expect(topic.updates.map((u) => [u.status, u.message])).to.deep.equal([['planned', 'New machine by May']]);
    const feed = await local.feed();
    expect(feed.items.map((i) => i.type).sort()).to.deep.equal(['announcement', 'topic']);
    const onePerPage = await local.feed({ limit: 1 });
    const next = await local.feed({ limit: 1, cursor: onePerPage.next });
    expect([onePerPage.items.length, next.items.length, next.next]).to.deep.equal([1, 1, undefined]);
    const pulse = await local.pulse();
    expect(pulse.topComplaintTopics).to.deep.equal([
      {
        slug: 'coffee',
        title: 'coffee',
        count: 1,
        status: 'planned',
        latestUpdate: { at: topic.updates[0].at, message: 'New machine by May' },
      },
    ]);
    expect(pulse.current.actions).to.deep.equal({ statusMoves: 1, announcements: 1, incidentsResolved: 0 });
  });

  it('hides moderated items from every public view', async () => {
    const local = new LocalAdapter({ site });
    const { id } = await local.submit({ kind: 'complaint', text: 'Offensive remark here' }, key());
    await local.hide(id);
    expect((await local.cloud()).terms).to.deep.equal([]);
    expect(await local.quotes('offensive')).to.deep.equal([]);
  });

  it('keeps sites apart', async () => {
    await new LocalAdapter({ site }).submit({ kind: 'idea', text: 'Mine' }, key());
    expect(await new LocalAdapter({ site: `${site}-other` }).list()).to.deep.equal([]);
  });

  it('tells every tab of the site live, and resumes after an event id', async () => {
    const tabA = new LocalAdapter({ site });
    const tabB = new LocalAdapter({ site });
    const seenByB: LiveEvent[] = [];
    const stop = tabB.subscribe((e) => seenByB.push(e));
    await tabA.submit({ kind: 'compliment', text: 'Great playlist', topic: 'music' }, key());
    await waitUntil(() => seenByB.length === 2, 'tab B did not hear it');
    expect(seenByB.map((e) => e.type)).to.deep.equal(['feedback', 'cloud']);
    const cloudEvent = seenByB[1];
    expect(cloudEvent.type === 'cloud' && cloudEvent.data).to.deep.include({ kind: 'compliment', topic: 'music' });
    expect(cloudEvent.type === 'cloud' && cloudEvent.data.terms).to.include('playlist');
    stop();
    stop();
    await tabA.announce('Live music Friday', 'From 8 pm.');
    const resumed: LiveEvent[] = [];
    const stop2 = new LocalAdapter({ site }).subscribe((e) => resumed.push(e), { after: seenByB[1].id });
    await waitUntil(() => resumed.length === 1, 'missed events were not replayed');
    expect(resumed[0].type).to.equal('announcement');
    expect(Number(resumed[0].id)).to.equal(Number(seenByB[1].id) + 1);
    expect(seenByB.length).to.equal(2, 'no events after unsubscribe');
    stop2();
  });
});
