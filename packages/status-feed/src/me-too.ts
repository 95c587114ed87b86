import { html, nothing, type TemplateResult } from 'lit';
import type { Topic } from '@voc-kit/core';
import type { MeTooForm } from './me-too-form.js';
import type { Host } from './status-feed.js';

export type Followed = Record<string, { key: string; done?: boolean }>;

/** Where a browser keeps what it follows on a site: this, then the site key. */
export const STORED = 'voc-me-too:';

/** Detail of `voc-me-too`. */
export interface MeTooDetail {
  topic: string;
  followers: number;
}

/**
 * "Me too" on each topic: what this browser follows, and the "Follow" button; the form it opens is a sub-view
 * (`me-too-form.ts`), loaded with its strings the first time a customer chooses "Follow".
 */
export class MeToo {
  /** The topics this browser follows, with the key each "me too" was sent with. */
  followed: Followed = {};
  /** The site key what this browser follows is kept under (`use()`). */
  site = '';
  /** The form, once its code is loaded. */
  #form?: MeTooForm;
  /** The topic whose form's code could not be loaded (said beside its button until it is tried again). */
  #failed = '';

  constructor(
    readonly h: Host,
    private readonly load: () => Promise<typeof import('./me-too-form.js')>,
  ) {}

  /** Reads what this browser follows on `siteKey` (the same key the feedback form remembers receipts under). */
  use(siteKey: string): void {
    this.site = siteKey;
    try {
      this.followed = JSON.parse(localStorage.getItem(STORED + siteKey) ?? '{}');
    } catch {
      this.followed = {};
    }
  }

  /** Opens the form of `slug`, its code loaded on first use (a failure is reported; the button stays). */
  async #show(slug: string): Promise<void> {
    this.#failed = '';
    try {
      const { MeTooForm } = await this.load();
      await (this.#form ??= new MeTooForm(this)).show(slug);
    } catch (error) {
      // almost always the connection: said as the feed says it
      this.#failed = slug;
      this.h.requestUpdate();
      this.h.fail(error, 'me-too');
    }
  }

  /** "Following", the "me too" button (with what went wrong when its form could not be loaded), or its open form. */
  render(topic: Topic): TemplateResult {
    const slug = topic.slug;
    if (this.followed[slug]?.done)
      return html`<span class="following" tabindex="-1" data-following=${slug}>✓ ${this.h.t('following')}</span>`;
    if (this.#form?.open !== slug) {
      const failed = this.#failed === slug ? html`<span class="error" role="alert">${this.h.t('error.network')}</span>` : nothing;
      return html`<button
          part="button"
          class="me-too"
          data-me-too=${slug}
          aria-expanded="false"
          @click=${() => this.h.track(this.#show(slug))}
        >
          ${this.h.t('meToo')}
        </button>
        ${failed}`;
    }
    return this.#form.render(topic);
  }
}
