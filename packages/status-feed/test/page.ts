// A customer's page against the real server started by the test runner: the feedback form and the status feed,
// both from their define modules (HTTP adapter from `endpoint`), as a company site would have them.
import '@voc-kit/feedback-form/define.js';
import '../src/define.js';

const { endpoint, site } = (await (await fetch('/__voc/endpoint')).json()) as { endpoint: string; site: string };
for (const tag of ['voc-feedback-form', 'voc-status-feed'] as const) {
  const el = document.createElement(tag);
  el.setAttribute('endpoint', endpoint);
  el.setAttribute('site', site);
  // servers without live thread events: check the open thread every second
  if (tag === 'voc-status-feed') el.setAttribute('thread-refresh', '1');
  document.body.append(el);
}
