// Under a strict CSP (no inline script or style) with Trusted Types enforced, the element renders, styles itself
// (constructable style sheets) and shows user text as text, without a single violation.
import { expect, waitUntil } from '@open-wc/testing';

interface Report {
  violations: string[];
  text: string;
  markup: number;
  styled: string;
}

describe('<voc-status-feed> under a strict Content Security Policy', () => {
  it('renders, is styled and shows markup in user text as text, with no violation', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/packages/status-feed/test/csp.html';
    document.body.append(frame);
    try {
      await waitUntil(() => (frame.contentWindow as { report?: Report } | null)?.report, 'the page did not report', { timeout: 10_000 });
      const report = (frame.contentWindow as unknown as { report: Report }).report;
      expect(report.violations).to.deep.equal([]);
      expect(report.styled).to.equal('solid');
      expect(report.markup).to.equal(0);
      expect(report.text).to.contain('<b>late</b> parcel');
      expect(report.text).to.contain('<img src=x onerror=alert(1)> Delivery');
      expect(report.text).to.contain('<i>Sorry</i>');
    } finally {
      frame.remove();
    }
  });
});
