// The element under a strict Content Security Policy with Trusted Types: every violation is reported to the test.
import { MemoryAdapter } from '@voc-kit/core';
import { VocStatusFeed } from '../src/status-feed.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
VocStatusFeed.define('voc-status-feed');

const a = new MemoryAdapter({ site: 'csp' });
a.createTopic('delivery', '<img src=x onerror=alert(1)> Delivery');
a.setTopicStatus('delivery', 'planned', '<script>alert(1)</script> New courier.');
const r = await a.submit({ kind: 'complaint', text: '<b>late</b> parcel', topic: 'delivery' }, 'csp-key-12345');
a.reply(r.id, '<i>Sorry</i>');
const el = document.createElement('voc-status-feed');
el.adapter = a;
el.receipt = r.receipt;
document.body.append(el);
await el.updateComplete;
a.announce('Live <u>news</u>', 'Body');
await el.updateComplete;
(window as { report?: unknown }).report = {
  violations,
  text: el.shadowRoot!.textContent!.replace(/\s+/g, ' '),
  markup: el.shadowRoot!.querySelectorAll('img, script, b, i, u').length,
  styled: getComputedStyle(el.shadowRoot!.querySelector('.item')!).borderTopStyle,
};
