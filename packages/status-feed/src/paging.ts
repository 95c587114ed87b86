// The list of <voc-status-feed>: its pages (the first, then "Show more"), the items that arrive live, and how the
// list shows while it loads, when it failed and when it is empty.
import { html, nothing, type TemplateResult } from 'lit';
import { READ_LIMITS } from '@voc-kit/protocol/read-limits.js';
import { Load, type FeedItem } from '@voc-kit/core';
import { renderAnnouncement, renderTopic } from './items.js';
import { appendPage, itemKey } from './live.js';
import type { Host } from './status-feed.js';

export class FeedPages {
  items: FeedItem[] = [];
  /** New items that arrived live, shown when the reader asks, so nothing moves under them. */
  fresh: FeedItem[] = [];
  #next?: string;
  /** The current (or last) run loads the next page, not the first. */
  #paging = false;
  /** The first page, or with `more` the next one (a new run aborts the one before). */
  #load: Load<void, [more: boolean]>;

  constructor(private readonly h: Host) {
    this.#load = new Load(
      h,
      (signal, more) => this.#page(signal, more),
      (error) => h.fail(error, 'feed'),
    );
  }

  /** Loads the first page again (filters changed, a retry, back online), or the next one. */
  run(more = false): Promise<boolean> {
    return this.#load.run(more);
  }

  async #page(signal: AbortSignal, more: boolean): Promise<void> {
    this.#paging = more;
    const api = await this.h.connect(signal);
    const page = await api.feed({ ...this.h.query(), ...(more && this.#next && { cursor: this.#next }) }, { signal });
    if (signal.aborted) return;
    this.#next = page.next;
    if (!more) {
      this.items = page.items;
      this.fresh = [];
      return;
    }
    const { items, first } = appendPage(this.items, page.items);
    this.items = items;
    this.h.requestUpdate();
    if (first) await this.focus(first);
  }

  /** Where the first page is: `loading`, `ready` or `error` (a next page that fails says so below the list). */
  get state(): 'loading' | 'ready' | 'error' {
    const status = this.#load.status;
    return this.#paging ? 'ready' : status === 'idle' ? 'loading' : status;
  }

  /** Moves focus to `item` once it is on screen. */
  async focus(item: FeedItem): Promise<void> {
    await this.h.rendered();
    this.h.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(itemKey(item))}"]`)?.focus();
  }

  render(): TemplateResult | typeof nothing {
    const { h } = this;
    const t = h.t.bind(h);
    const state = this.state;
    // while the first page loads, its room is held (a page of placeholder rows, at most LIMITS.feed.shown), so the
    // page below does not move when the items arrive; voc.js reserves the same box before the element is defined
    if (state === 'loading' && this.items.length === 0)
      return html`<p class="muted" aria-busy="true">${t('loading')}</p>
        <ol class="items" aria-hidden="true">
          ${Array.from({ length: Math.min(h.query().limit, READ_LIMITS.feed.shown) }, () => html`<li class="item placeholder"></li>`)}
        </ol>`;
    const error =
      state === 'error'
        ? html`<div class="error" role="alert">
            <p>${h.errorText(this.#load.error)}</p>
            <button part="button" @click=${() => this.run()}>${t('retry')}</button>
          </div>`
        : nothing;
    if (this.items.length === 0) return state === 'error' ? error : html`<p class="muted">${t('empty')}</p>`;
    const paging = this.#paging ? this.#load.status : 'ready';
    // only live updates (`live-updates.ts`) bring items that wait behind "Show new"
    return html`${error}${this.fresh.length ? h.updates?.bar() : nothing}
      <ol part="feed" class="items" aria-busy=${state === 'loading' ? 'true' : 'false'}>
        ${this.items.map(
          (i) =>
            html`<li part="item" class="item">${i.type === 'topic' ? renderTopic(h, i.topic) : renderAnnouncement(h, i.announcement)}</li>`,
        )}
      </ol>
      ${paging === 'error' ? html`<p class="error" role="alert">${h.errorText(this.#load.error)}</p>` : nothing}
      ${
        this.#next
          ? html`<button part="button" class="more" aria-busy=${paging === 'loading' ? 'true' : 'false'} @click=${() => this.run(true)}>
              ${paging === 'loading' ? t('loading') : t('more')}
            </button>`
          : nothing
      }`;
  }
}
