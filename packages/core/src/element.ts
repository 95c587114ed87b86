import { LitElement, type PropertyDeclarations } from 'lit';
import type { VocAdapter } from './adapter.js';
import type { Strings } from './i18n.js';
import type { FeedbackDraft } from '@voc-kit/protocol/model.js';

// What elements with a backend to load from and a heading share; the form, which every page with a form loads
// before the customer does anything, uses neither, so they live in a module of their own.
export { errorDetail, headingLevel } from './element-helpers.js';

/**
 * Every VoC Kit event: a bubbling, composed `CustomEvent` with a typed `detail`. Each element's `define.ts` declares
 * its events in `GlobalEventHandlersEventMap` as `VocEvent<Detail>`, so `addEventListener('voc-…')` is typed.
 */
export class VocEvent<T = unknown> extends CustomEvent<T> {}

/** The one `detail` of `voc-error`, the same for every element. */
export interface VocErrorDetail {
  /** An adapter error code (`network`, `server`, `validation`, `rate_limited`, `not_found`, …), `outbox_full`, or `unknown`. */
  code: string;
  /** English message, for logs. */
  message: string;
  /** What the element was doing: `load`, `more`, `quotes`, `submit`, `me-too`, `thread`, `confirm`, `withdraw`, … */
  action: string;
  /** What the person was shown, in their language, when the element showed it. */
  reason?: string;
  /** The field at fault, for validation errors. */
  field?: string;
  /** The feedback that was not sent (the form). */
  draft?: FeedbackDraft;
  /** The error as thrown, when there was one. */
  error?: unknown;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'voc-error': VocEvent<VocErrorDetail>;
  }
}

/**
 * The thin base of every VoC Kit element: how it finds its backend, its theme, its strings,
 * safe registration and typed events.
 */
export class VocElement extends LitElement {
  // Reactive properties declared without decorators: the script-tag bundle then carries no decorator helpers.
  static override properties: PropertyDeclarations = {
    endpoint: {},
    site: {},
    adapter: { attribute: false },
    theme: { reflect: true },
    strings: { attribute: false },
  };

  /**
   * Registers `tag` for this class unless the tag is already taken: two copies of VoC Kit on one page
   * must coexist, so this never throws (it warns once when another class holds the tag). Without a DOM
   * (server-side rendering imports modules in Node) it registers nothing: the browser upgrades the tags later.
   */
  static define(tag: string): void {
    if (!globalThis.document) return;
    const existing = customElements.get(tag);
    if (!existing) customElements.define(tag, this);
    else if (existing !== this) console.warn(`VocKit: <${tag}> is already defined by another copy; keeping that one.`);
  }

  /** URL of an HTTP backend (e.g. `https://feedback.example.com`); without it the local adapter is used. */
  endpoint?: string;

  /** Public site key on the backend. */
  site?: string;

  /** Any object implementing the adapter contract; wins over `endpoint`. */
  adapter?: VocAdapter;

  /**
   * Colour scheme. Unset: the page's `color-scheme` (a page that declares none is light); `auto`: the OS preference
   * (`prefers-color-scheme`); `light` or `dark`: forced.
   */
  theme?: 'light' | 'dark' | 'auto';

  /** Replaces any visible string of this element (keys as in its English table). */
  strings?: Partial<Strings>;

  #tasks = new Set<Promise<unknown>>();

  /**
   * @internal Makes `updateComplete` wait for `task` too (what the element is loading, e.g. a `Load` run), so
   * `await el.updateComplete` shows a settled state.
   */
  track<T>(task: Promise<T>): Promise<T> {
    this.#tasks.add(task);
    void task.finally(() => this.#tasks.delete(task)).catch(() => undefined);
    return task;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#tasks.size) {
      await Promise.allSettled([...this.#tasks]);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** Resolves when the pending render is in the DOM, without waiting for what the element is loading. */
  protected rendered(): Promise<boolean> {
    return super.getUpdateComplete();
  }

  /**
   * The adapter for this element, from `adapter`, or `endpoint` + `site` (the resolver loads with the first call,
   * so an element that does not talk to its backend yet, like the form before any interaction, does not carry it).
   */
  protected getAdapter(): Promise<VocAdapter> {
    return import('./adapter.js').then(({ resolveAdapter }) => resolveAdapter(this));
  }

  /**
   * Dispatches a bubbling, composed `VocEvent` from this element.
   * @returns false when the event was cancelable and a listener called `preventDefault()`
   */
  emit<T>(type: string, detail: T, options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new VocEvent<T>(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }
}
