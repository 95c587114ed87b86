// A page with a strict Content-Security-Policy (no 'unsafe-inline' styles, Trusted Types required for script
// sinks): the pulse draws its charts, opens its tables, links its numbers and updates live, and causes no violation.
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import './define.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
const meta = document.createElement('meta');
meta.httpEquiv = 'Content-Security-Policy';
meta.content = "style-src 'self'; require-trusted-types-for 'script'";
document.head.append(meta);

describe('<voc-pulse> under a strict CSP', () => {
  it('draws, opens a table and updates live without inline styles or unsafe script sinks', async () => {
    // the policy is in force: a style attribute is not applied, and a string into innerHTML throws
    const probe = document.createElement('b');
    document.body.append(probe);
    probe.setAttribute('style', 'color: rgb(255, 0, 0)');
    expect(getComputedStyle(probe).color).not.to.equal('rgb(255, 0, 0)');
    expect(() => (probe.innerHTML = '<i>x</i>')).to.throw();
    probe.remove();
    await new Promise((r) => setTimeout(r));
    expect(violations.length).to.equal(2);
    violations.length = 0;

    const adapter = new MemoryAdapter();
    adapter.createTopic('delivery', '<img src=x onerror=alert(1)>');
    for (const kind of ['complaint', 'idea', 'compliment'] as const)
      await adapter.submit({ kind, text: `A ${kind} <b>bold</b>`, topic: 'delivery' }, randomToken());
    const el = document.createElement('voc-pulse');
    el.adapter = adapter;
    // links and a time zone (the lazily loaded extras) too
    el.setAttribute('feed-href', '/status/');
    el.setAttribute('time-zone', 'Asia/Kolkata');
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    // with a time-zone, the numbers show once the zone is checked
    await waitUntil(() => root.querySelectorAll('.chart svg rect').length === 3, 'no chart');
    // the heat map's shades and the chart's heights are SVG attributes, which a strict style-src allows
    expect([...root.querySelectorAll('.cell')].some((c) => getComputedStyle(c).fillOpacity === '1')).to.equal(true);
    root.querySelector<HTMLElement>('.volume summary')!.click();
    await waitUntil(() => root.querySelector('.volume details tbody tr'), 'no table');
    await adapter.submit({ kind: 'complaint', text: 'One more' }, randomToken());
    await waitUntil(() => root.querySelector('.backlog dd')?.textContent === '2', 'no live update', { timeout: 5000 });
    await waitUntil(() => root.querySelector('[part=topic] a'), 'no topic link');
    expect(root.querySelector('[part=topic] a')!.getAttribute('href')).to.equal(`${location.origin}/status/#voc-topic-delivery`);
    expect(root.querySelector('img')).to.equal(null);
    expect(violations).to.deep.equal([]);
    el.remove();
  });
});
