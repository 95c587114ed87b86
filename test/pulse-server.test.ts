// <voc-pulse> in real Chromium against the real reference server (started by test/wtr-voc-server.mjs): the numbers
// on screen are the API's, and a complaint sent by another client changes them live.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HttpAdapter } from '@voc-kit/adapter-http';
import { KINDS, type Pulse } from '@voc-kit/protocol/model.js';
import '@voc-kit/pulse/define.js';

interface TestServer {
  endpoint: string;
  site: string;
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<voc-pulse> against the reference server', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => {
    server = await (await fetch('/__voc/endpoint')).json();
  });

  it('shows the API’s numbers and follows a new complaint live', async () => {
    const api = new HttpAdapter({ endpoint: server.endpoint, site: server.site });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 760px"></div>`);
    wrapper.innerHTML = `<voc-pulse endpoint="${server.endpoint}" site="${server.site}"></voc-pulse>`;
    const el = wrapper.firstElementChild as HTMLElement & { updateComplete: Promise<boolean> };
    const root = () => el.shadowRoot!;
    await waitUntil(() => root().querySelector('.blocks.ready'), 'the pulse did not load', { timeout: 15_000 });
    const onScreen = () => ({
      totals: [...root().querySelectorAll('.volume table.compare tbody tr')].map((tr) => [text(tr.children[1]), text(tr.children[2])]),
      backlog: [...root().querySelectorAll('.backlog dd')].map(text),
      actions: [...root().querySelectorAll('.actions tbody tr')].map((tr) => text(tr.children[1])),
    });
    const fromApi = (p: Pulse) => ({
      totals: KINDS.map((k) => [p.current.totals[k].toLocaleString('en'), p.previous.totals[k].toLocaleString('en')]),
      backlog: [p.backlog.open, p.backlog.awaitingConfirmation, p.backlog.reopened].map((n) => n.toLocaleString('en')),
      actions: [p.current.actions.statusMoves, p.current.actions.announcements, p.current.actions.incidentsResolved].map(String),
    });
    const before = await api.pulse({ since: '30d' });
    expect(onScreen()).to.deep.equal(fromApi(before));

    await api.submit({ kind: 'complaint', text: 'The pulse test parcel never came', locale: 'en' }, `e2e-${crypto.randomUUID()}`);
    const wanted = (before.current.totals.complaint + 1).toLocaleString('en');
    await waitUntil(() => onScreen().totals[2][0] === wanted, 'the new complaint did not show live', { timeout: 15_000 });
    const after = await api.pulse({ since: '30d' });
    expect(after.backlog.open).to.equal(before.backlog.open + 1);
    expect(onScreen()).to.deep.equal(fromApi(after));
  });
});
