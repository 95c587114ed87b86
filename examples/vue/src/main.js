// Café Aurora in Vue 3, with render functions (`h()`): the demo pages run under a strict CSP without
// 'unsafe-eval', where Vue's runtime template compiler cannot run (precompiled templates would work as well).
// Vue sets a prop as a DOM property when the element has one (`strings`, `endpoint`, `launcher`), and
// `onVocSubmitted` listens to the event `voc-submitted` (the same as `@voc-submitted` in a template).
import { createApp, h, ref } from 'vue';
import '@voc-kit/feedback-form/define.js';
import '@voc-kit/cloud/define.js';
import '@voc-kit/status-feed/define.js';

// Every element talks to the reference server that serves this page (`endpoint="/"`), site key `demo`.
const backend = { endpoint: '/', site: 'demo' };

// Replace any visible string; the rest stay localised (`lang` on the page or the element picks the language).
const formStrings = { legend: 'How was your visit to Café Aurora?', submit: 'Send to the café' };

const App = {
  setup() {
    const sent = ref([]);
    const chosen = ref(null);
    const onSubmitted = (event) => {
      const { id, draft } = event.detail;
      sent.value = [{ id, kind: draft.kind, text: draft.text }, ...sent.value];
    };
    const onTermSelect = (event) => {
      chosen.value = event.detail.term;
    };
    return () => [
      h('section', { 'aria-labelledby': 'tell-us' }, [
        h('h1', { id: 'tell-us' }, 'Tell us what you think'),
        h('p', 'A compliment, an idea or a complaint — in your own words. We answer every one.'),
        h('voc-feedback-form', { ...backend, strings: formStrings, onVocSubmitted: onSubmitted }),
      ]),
      h('section', { 'aria-labelledby': 'sent-here' }, [
        h('h2', { id: 'sent-here' }, 'Sent from this page'),
        h('p', 'The Vue app listens to voc-submitted and keeps its own list (customer text is rendered as text, never markup).'),
        h(
          'ul',
          { id: 'sent-list', 'aria-live': 'polite' },
          sent.value.map((item) => h('li', { key: item.id }, `${item.kind}: ${item.text}`)),
        ),
      ]),
      h('section', { 'aria-labelledby': 'what-customers-say' }, [
        h('h2', { id: 'what-customers-say' }, 'What customers say, live'),
        h('voc-cloud', { ...backend, onVocTermSelect: onTermSelect }),
        h(
          'p',
          { id: 'chosen-term', 'aria-live': 'polite' },
          chosen.value
            ? `“${chosen.value.term}”: ${chosen.value.total} mentions (the Vue app heard voc-term-select).`
            : 'Choose a word to read what customers said.',
        ),
      ]),
      h('section', { 'aria-labelledby': 'we-heard-you' }, [
        h('h2', { id: 'we-heard-you' }, 'We heard you'),
        h('voc-status-feed', { ...backend, noHeading: true }),
      ]),
      h('voc-feedback-form', { ...backend, launcher: true, strings: formStrings, onVocSubmitted: onSubmitted }),
    ];
  },
};

createApp(App).mount('#app');
