// Café Aurora in React 19: VoC Kit's elements are plain custom elements, so React renders them like any tag.
// React 19 sets a prop as a property when the element has one (`adapter`, `strings`), as an attribute otherwise,
// and turns `on<event-name>` props into listeners for that exact event name (`onvoc-submitted`).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { HttpAdapter } from '@voc-kit/adapter-http';
import '@voc-kit/feedback-form/define.js';
import '@voc-kit/cloud/define.js';
import '@voc-kit/status-feed/define.js';

// One adapter for every element on the page: one connection to the reference server that serves this page.
// (`endpoint="/" site="demo"` on each element works too; elements with the same pair share an adapter anyway.)
const adapter = new HttpAdapter({ endpoint: '/', site: 'demo' });

// Replace any visible string; the rest stay localised (`lang` on the page or the element picks the language).
const formStrings = { legend: 'How was your visit to Café Aurora?', submit: 'Send to the café' };

function Feedback({ onSent }) {
  return (
    <section aria-labelledby="tell-us">
      <h1 id="tell-us">Tell us what you think</h1>
      <p>A compliment, an idea or a complaint — in your own words. We answer every one.</p>
      <voc-feedback-form adapter={adapter} strings={formStrings} onvoc-submitted={(event) => onSent(event.detail)}></voc-feedback-form>
    </section>
  );
}

function Cloud() {
  const [chosen, setChosen] = useState(null);
  return (
    <section aria-labelledby="what-customers-say">
      <h2 id="what-customers-say">What customers say, live</h2>
      <voc-cloud adapter={adapter} onvoc-term-select={(event) => setChosen(event.detail.term)}></voc-cloud>
      <p id="chosen-term" aria-live="polite">
        {chosen
          ? `“${chosen.term}”: ${chosen.total} mentions (the React app heard voc-term-select).`
          : 'Choose a word to read what customers said.'}
      </p>
    </section>
  );
}

function App() {
  const [sent, setSent] = useState([]);
  const onSent = (detail) => setSent((list) => [{ id: detail.id, kind: detail.draft.kind, text: detail.draft.text }, ...list]);
  return (
    <>
      <Feedback onSent={onSent} />
      <section aria-labelledby="sent-here">
        <h2 id="sent-here">Sent from this page</h2>
        <p>The React app listens to voc-submitted and keeps its own list (customer text is rendered as text, never markup).</p>
        <ul id="sent-list" aria-live="polite">
          {sent.map((item) => (
            <li key={item.id}>
              {item.kind}: {item.text}
            </li>
          ))}
        </ul>
      </section>
      <Cloud />
      <section aria-labelledby="we-heard-you">
        <h2 id="we-heard-you">We heard you</h2>
        <voc-status-feed adapter={adapter} no-heading=""></voc-status-feed>
      </section>
      <voc-feedback-form
        launcher
        adapter={adapter}
        strings={formStrings}
        onvoc-submitted={(event) => onSent(event.detail)}
      ></voc-feedback-form>
    </>
  );
}

createRoot(document.getElementById('app')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
