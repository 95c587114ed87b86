// Zero set-up: the element registered by define.ts, with neither `endpoint` nor `adapter`, runs on the local
// adapter (IndexedDB). The team's side is a second LocalAdapter on the same site, as another tab would be.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '@voc-kit/adapter-local';
import { forgetReceipt, randomToken } from '@voc-kit/core';
import './define.js';
import type { VocStatusFeed } from './status-feed.js';

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<voc-status-feed> on the local adapter', () => {
  const site = `sf-local-${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}`;
  after(() => forgetReceipt(site));

  it('runs the confirm and reopen flow, with team replies arriving live', async () => {
    const team = new LocalAdapter({ site });
    await team.createTopic('coffee', 'Coffee');
    await team.setTopicStatus('coffee', 'planned', 'Oat milk at every counter from March.');
    const r = await team.submit({ kind: 'complaint', text: 'The oat milk ran out again', topic: 'coffee' }, randomToken());

    const el = await fixture<VocStatusFeed>(html`<voc-status-feed site=${site} lang="en" .receipt=${r.receipt}></voc-status-feed>`);
    await el.updateComplete;
    const root = el.shadowRoot!;
    await expect(el).to.be.accessible();
    expect(text(root.querySelector('.own blockquote'))).to.equal('The oat milk ran out again');
    expect(text(root.querySelector('[data-key="t:coffee"] .badge'))).to.equal('Planned');

    await team.reply(r.id, 'Sorry! We doubled the order.', 'Mia');
    await waitUntil(() => root.querySelector('.entries .reply'), 'the reply did not arrive live', { timeout: 5000 });
    expect(text(root.querySelector('.entries .reply .text'))).to.equal('Sorry! We doubled the order.');

    const status = async () => (await team.list()).find((f) => f.id === r.id)!.status;
    const click = (label: string) => [...root.querySelectorAll('button')].find((b) => text(b) === label)!.click();

    root.querySelector<HTMLTextAreaElement>('textarea[name=comment]')!.value = 'Still none this morning';
    click('Not resolved yet');
    await waitUntil(async () => (await status()) === 'reopened', 'not reopened', { timeout: 5000 });
    await el.updateComplete;
    expect(text(root.querySelector('.entries .confirmation'))).to.contain('Still none this morning');

    click('Resolved');
    await waitUntil(async () => (await status()) === 'resolved', 'not resolved', { timeout: 5000 });
    await el.updateComplete;
    expect(text(root.querySelector('.own .meta'))).to.contain('Status: Resolved');

    click('Not resolved after all');
    await waitUntil(async () => (await status()) === 'reopened', 'not reopened again', { timeout: 5000 });
    await el.updateComplete;
    expect(root.querySelectorAll('.entries .confirmation')).to.have.length(3);
  });
});
