// "Me too" on a topic of <voc-status-feed>: the button, the small form that asks for an optional e-mail, and
// the topics this browser follows (kept in localStorage per site, with the key that makes a retry the same "me too").
import { html, type TemplateResult } from 'lit';
import { checkEmail, randomToken, type Topic } from '@voc-kit/core';
import type { Host } from './status-feed.js';

type Followed = Record<string, { key: string; done?: boolean }>;

/** Detail of `voc-me-too`. */
export interface MeTooDetail {
  topic: string;
  followers: number;
}

export class MeToo {
  /** The topics this browser follows, with the key each "me too" was sent with. */
  #followed: Followed = {};
  #siteKey = '';
  /** The topic whose form is open. */
  #open = '';
  #error = '';
  #busy = false;

  constructor(private readonly h: Host) {}

  /** Reads what this browser follows on `siteKey` (the same key the feedback form remembers receipts under). */
  use(siteKey: string): void {
    this.#siteKey = siteKey;
    try {
      this.#followed = JSON.parse(localStorage.getItem(`voc-me-too:${siteKey}`) ?? '{}');
    } catch {
      this.#followed = {};
    }
  }

  #save(next: Followed): void {
    this.#followed = next;
    this.h.requestUpdate();
    try {
      localStorage.setItem(`voc-me-too:${this.#siteKey}`, JSON.stringify(next));
    } catch {
      // storage blocked: "me too" still works for this page view and stays idempotent on the server by key
    }
  }

  #submit(event: SubmitEvent, topic: Topic): Promise<void> {
    return this.h.track(this.#send(event, topic));
  }

  async #send(event: SubmitEvent, topic: Topic): Promise<void> {
    event.preventDefault();
    const api = this.h.api;
    if (this.#busy || !api) return;
    const t = this.h.t.bind(this.h);
    const form = event.target as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const consent = (form.elements.namedItem('consent') as HTMLInputElement).checked;
    if (email && (checkEmail(email) || !consent)) {
      this.#setError(t(checkEmail(email) ? 'error.email' : 'error.consent'));
      await this.h.rendered();
      form.querySelector<HTMLInputElement>(checkEmail(email) ? '[name=email]' : '[name=consent]')?.focus();
      return;
    }
    // one key per topic per browser, kept before sending, so a retry or a second click is the same "me too"
    const key = this.#followed[topic.slug]?.key ?? randomToken(16);
    this.#save({ ...this.#followed, [topic.slug]: { key } });
    this.#busy = true;
    this.#setError('');
    try {
      const { followers } = await api.meToo(topic.slug, { key, ...(email && { contact: { email, consent: true as const } }) });
      this.#save({ ...this.#followed, [topic.slug]: { key, done: true } });
      this.h.pages.map((i) => (i.type === 'topic' && i.topic.slug === topic.slug ? { ...i, topic: { ...i.topic, followers } } : i));
      this.#open = '';
      this.h.live = t('meTooDone', { title: topic.title });
      this.h.emit('voc-me-too', { topic: topic.slug, followers } satisfies MeTooDetail);
      await this.h.rendered();
      this.h.renderRoot.querySelector<HTMLElement>(`[data-following="${CSS.escape(topic.slug)}"]`)?.focus();
    } catch (error) {
      this.#setError(this.h.errorText(error));
      this.h.fail(error, 'me-too');
    } finally {
      this.#busy = false;
    }
  }

  #setError(error: string): void {
    this.#error = error;
    this.h.requestUpdate();
  }

  async #show(slug: string): Promise<void> {
    this.#open = slug;
    this.#setError('');
    await this.h.rendered();
    this.h.renderRoot.querySelector<HTMLInputElement>('.me-too-form [name=email]')?.focus();
  }

  async #close(): Promise<void> {
    const slug = this.#open;
    this.#open = '';
    this.h.requestUpdate();
    await this.h.rendered();
    this.h.renderRoot.querySelector<HTMLElement>(`[data-me-too="${CSS.escape(slug)}"]`)?.focus();
  }

  /** "Following", the "me too" button, or its open form. */
  render(topic: Topic): TemplateResult {
    const t = this.h.t.bind(this.h);
    const slug = topic.slug;
    if (this.#followed[slug]?.done) return html`<span class="following" tabindex="-1" data-following=${slug}>✓ ${t('following')}</span>`;
    if (this.#open !== slug)
      return html`<button part="button" class="me-too" data-me-too=${slug} aria-expanded="false" @click=${() => this.#show(slug)}>
        ${t('meToo')}
      </button>`;
    const err = this.#error;
    return html`<form
      class="me-too-form"
      aria-label=${t('meTooTitle', { title: topic.title })}
      novalidate
      @submit=${(e: SubmitEvent) => this.#submit(e, topic)}
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
