import { LitElement, type PropertyDeclarations } from 'lit';
import { resolveAdapter, type VocAdapter } from './adapter.js';
import type { Strings } from './i18n.js';

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
    if (typeof document === 'undefined') return;
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

  /** `light`, `dark`, or unset to follow `prefers-color-scheme`. */
  theme?: 'light' | 'dark';

  /** Replaces any visible string of this element (keys as in its English table). */
  strings?: Partial<Strings>;

  /** The adapter for this element, from `adapter`, or `endpoint` + `site`. */
  protected getAdapter(): Promise<VocAdapter> {
    return resolveAdapter({ adapter: this.adapter, endpoint: this.endpoint, site: this.site });
  }

  /**
   * Dispatches a bubbling, composed `CustomEvent` from this element.
   * @returns false when the event was cancelable and a listener called `preventDefault()`
   */
  emit<T>(type: string, detail: T, options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }
}
