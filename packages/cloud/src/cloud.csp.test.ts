// A page with a strict Content-Security-Policy (no 'unsafe-inline' styles, Trusted Types required for script
// sinks): the cloud still lays out, positions and opens quotes, and causes no violation.
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

describe('<voc-cloud> under a strict CSP', () => {
  it('lays out, positions terms and shows quotes without inline styles or unsafe script sinks', async () => {
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
    for (const text of ['Late delivery again', 'Late delivery, no tracking', 'Friendly support', 'Checkout keeps failing <b>bold</b>'])
      await adapter.submit({ kind: 'complaint', text }, randomToken());
    const el = document.createElement('voc-cloud');
    el.adapter = adapter;
    const box = document.createElement('div');
    box.append(el);
    document.body.append(box);
    const terms = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.cloud button.term')];
    await waitUntil(() => terms().length >= 4, 'no terms', { timeout: 5000 });
    const lefts = new Set(terms().map((b) => getComputedStyle(b.parentElement!).left));
    expect(lefts.size, 'terms are positioned apart').to.be.greaterThan(2);
    terms()[0].click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=quotes] blockquote'), 'no quotes');
    expect(violations).to.deep.equal([]);
    box.remove();
  });
});
