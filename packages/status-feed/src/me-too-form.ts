import { css, html, type TemplateResult } from 'lit';
import { checkEmail, randomToken, type Topic } from '@voc-kit/core';
import { STORED, type Followed, type MeToo, type MeTooDetail } from './me-too.js';

/** The "me too" form's strings in English: they join the element's table when the form's code loads. */
export const en = {
  meTooTitle: 'Follow “{title}”',
  meTooEmail: 'Email (optional)',
  meTooConsent: 'Use my email only to tell me what happens with this',
  meTooSend: 'Follow',
  cancel: 'Cancel',
  meTooDone: 'Thank you. You follow “{title}”.',
  'error.email': 'Enter an email address like name@example.com.',
  'error.consent': 'Tick the box to let us use your email.',
};

/** The form's own styles, adopted by the element when the form's code loads (the feed's styles apply too). */
export const styles = css`
  .me-too-form {
    display: grid;
    gap: var(--_voc-space);
    flex-basis: 100%;
  }
  .me-too-form label.check {
    align-items: start;
  }
`;

/** Remembers what this browser follows (in memory when storage is blocked). */
function save(m: MeToo, next: Followed): void {
  m.followed = next;
  m.h.requestUpdate();
  try {
    localStorage.setItem(STORED + m.site, JSON.stringify(next));
  } catch {
    // storage blocked or full: followed for this page's life only
  }
}

/**
 * The open "me too" form (one at a time), a sub-view loaded the first time a customer chooses "Follow": an optional
 * email, sent only with consent; the follower count, the live region and focus follow the answer.
 */
export class MeTooForm {
  /** The topic whose form is open. */
  open = '';
  #error = '';
  #busy = false;

  constructor(private readonly m: MeToo) {}

  /** Opens the form of `slug` and moves focus to its email field. */
  async show(slug: string): Promise<void> {
    const h = this.m.h;
    this.open = slug;
    this.#setError('');
    await h.rendered();
    h.renderRoot.querySelector<HTMLInputElement>('.me-too-form [name=email]')?.focus();
  }

  async #close(): Promise<void> {
    const h = this.m.h;
    const slug = this.open;
    this.open = '';
    h.requestUpdate();
    await h.rendered();
    h.renderRoot.querySelector<HTMLElement>(`[data-me-too="${CSS.escape(slug)}"]`)?.focus();
  }

  #setError(error: string): void {
    this.#error = error;
    this.m.h.requestUpdate();
  }

  async #send(event: SubmitEvent, topic: Topic): Promise<void> {
    event.preventDefault();
    const m = this.m;
    const h = m.h;
    const api = h.api;
    if (this.#busy || !api) return;
    const t = h.t.bind(h);
    const form = event.target as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const consent = (form.elements.namedItem('consent') as HTMLInputElement).checked;
    if (email && (checkEmail(email) || !consent)) {
      this.#setError(t(checkEmail(email) ? 'error.email' : 'error.consent'));
      await h.rendered();
      form.querySelector<HTMLInputElement>(checkEmail(email) ? '[name=email]' : '[name=consent]')?.focus();
      return;
    }
    const key = m.followed[topic.slug]?.key ?? randomToken(16);
    save(m, { ...m.followed, [topic.slug]: { key } });
    this.#busy = true;
    this.#setError('');
    try {
      const { followers } = await api.meToo(topic.slug, { key, ...(email && { contact: { email, consent: true as const } }) });
      save(m, { ...m.followed, [topic.slug]: { key, done: true } });
      h.pages.items = h.pages.items.map((i) =>
        i.type === 'topic' && i.topic.slug === topic.slug ? { ...i, topic: { ...i.topic, followers } } : i,
      );
      this.open = '';
      h.live = t('meTooDone', { title: topic.title });
      h.emit('voc-me-too', { topic: topic.slug, followers } satisfies MeTooDetail);
      await h.rendered();
      h.renderRoot.querySelector<HTMLElement>(`[data-following="${CSS.escape(topic.slug)}"]`)?.focus();
    } catch (error) {
      this.#setError(h.errorText(error));
      h.fail(error, 'me-too');
    } finally {
      this.#busy = false;
    }
  }

  /** The open form of `topic`. */
  render(topic: Topic): TemplateResult {
    const h = this.m.h;
    const t = h.t.bind(h);
    const err = this.#error;
    return html`<form
      class="me-too-form"
      aria-label=${t('meTooTitle', { title: topic.title })}
      novalidate
      @submit=${(e: SubmitEvent) => h.track(this.#send(e, topic))}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#close()}
    >
      <label for="me-too-email">${t('meTooEmail')}</label>
      <input
        id="me-too-email"
        name="email"
        type="email"
        autocomplete="email"
        maxlength="254"
        aria-invalid=${err === t('error.email') ? 'true' : 'false'}
        aria-describedby="me-too-error"
      />
      <label class="check"><input type="checkbox" name="consent" /> ${t('meTooConsent')}</label>
      <p id="me-too-error" class="error" role="alert">${err}</p>
      <div class="actions">
        <button part="button" type="submit" class="primary">${t('meTooSend')}</button>
        <button part="button" type="button" @click=${() => this.#close()}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}
