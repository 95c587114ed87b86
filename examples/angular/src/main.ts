// Café Aurora in Angular, compiled ahead of time (no JIT compiler in the page: it would need 'unsafe-eval', which
// the demo pages' strict CSP forbids). VoC Kit's elements are plain custom elements: CUSTOM_ELEMENTS_SCHEMA lets
// the template use them, `[strings]="…"` sets a DOM property and `(voc-submitted)="…"` listens to the DOM event.
import { CUSTOM_ELEMENTS_SCHEMA, Component, computed, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import type { SubmittedDetail } from '@voc-kit/feedback-form';
import type { TermSelectDetail } from '@voc-kit/cloud';
import '@voc-kit/feedback-form/define.js';
import '@voc-kit/cloud/define.js';
import '@voc-kit/status-feed/define.js';

interface Sent {
  id: string;
  kind: string;
  text: string;
}

@Component({
  selector: 'cafe-app',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <section aria-labelledby="tell-us">
      <h1 id="tell-us">Tell us what you think</h1>
      <p>A compliment, an idea or a complaint — in your own words. We answer every one.</p>
      <voc-feedback-form
        [endpoint]="endpoint"
        [site]="site"
        [strings]="formStrings"
        (voc-submitted)="onSubmitted($event)"
      ></voc-feedback-form>
    </section>
    <section aria-labelledby="sent-here">
      <h2 id="sent-here">Sent from this page</h2>
      <p>The Angular app listens to voc-submitted and keeps its own list (customer text is rendered as text, never markup).</p>
      <ul id="sent-list" aria-live="polite">
        @for (item of sent(); track item.id) {
          <li>{{ item.kind }}: {{ item.text }}</li>
        }
      </ul>
    </section>
    <section aria-labelledby="what-customers-say">
      <h2 id="what-customers-say">What customers say, live</h2>
      <voc-cloud [endpoint]="endpoint" [site]="site" (voc-term-select)="onTermSelect($event)"></voc-cloud>
      <p id="chosen-term" aria-live="polite">{{ chosenText() }}</p>
    </section>
    <section aria-labelledby="we-heard-you">
      <h2 id="we-heard-you">We heard you</h2>
      <voc-status-feed [endpoint]="endpoint" [site]="site" [noHeading]="true"></voc-status-feed>
    </section>
    <voc-feedback-form
      launcher
      [endpoint]="endpoint"
      [site]="site"
      [strings]="formStrings"
      (voc-submitted)="onSubmitted($event)"
    ></voc-feedback-form>
  `,
})
class CafeApp {
  // Every element talks to the reference server that serves this page (`endpoint="/"`), site key `demo`.
  readonly endpoint = '/';
  readonly site = 'demo';
  // Replace any visible string; the rest stay localised (`lang` on the page or the element picks the language).
  readonly formStrings = { legend: 'How was your visit to Café Aurora?', submit: 'Send to the café' };
  readonly sent = signal<Sent[]>([]);
  readonly chosen = signal<TermSelectDetail['term'] | null>(null);
  readonly chosenText = computed(() => {
    const term = this.chosen();
    return term
      ? `“${term.term}”: ${term.total} mentions (the Angular app heard voc-term-select).`
      : 'Choose a word to read what customers said.';
  });

  onSubmitted(event: Event) {
    const { id, draft } = (event as CustomEvent<SubmittedDetail>).detail;
    this.sent.update((list) => [{ id, kind: draft.kind, text: draft.text }, ...list]);
  }

  onTermSelect(event: Event) {
    this.chosen.set((event as CustomEvent<TermSelectDetail>).detail.term);
  }
}

bootstrapApplication(CafeApp, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
