import { adoptStyles, type CSSResultOrNative, type ReactiveController, type ReactiveElement } from 'lit';

/** A sub-view module: what it shows, with its own styles and English strings, which travel with it. */
export interface SubView {
  styles?: CSSResultOrNative;
  en?: Record<string, string>;
}

type Loaders = Record<string, () => Promise<SubView>>;
type Loaded<L extends Loaders, K extends keyof L> = Awaited<ReturnType<L[K]>>;

/**
 * The one pattern for an element's lazily loaded sub-views (the cloud's quotes, table and wall, the feed's thread):
 * each is a module loaded the first time any instance on the page needs it, exporting `styles` (adopted by every
 * element that shows it) and `en` (its English strings, merged into the element's table; the other languages keep
 * them in their own tables, loaded with the language).
 *
 * ```ts
 * const views = new SubViews({ quotes: () => import('./quotes.js') }, strings.en); // once per element class
 * #views = new SubViewController(this, views, (error) => this.fail(error, 'part')); // per element
 * render() { const quotes = this.#views.get('quotes'); return quotes ? quotes.render(this) : loading(); }
 * ```
 */
export class SubViews<L extends Loaders> {
  readonly loaded: { [K in keyof L]?: Loaded<L, K> } = {};
  #pending: { [K in keyof L]?: Promise<Loaded<L, K>> } = {};
  /** The address to import a module from after its import failed. */
  #failed: { [K in keyof L]?: string } = {};
  #loaders: L;
  #en: Record<string, string>;

  constructor(loaders: L, en: Record<string, string>) {
    this.#loaders = loaders;
    this.#en = en;
  }

  /** The module `name`, loaded once (tried again after a failure). */
  need<K extends keyof L>(name: K): Promise<Loaded<L, K>> {
    const again = this.#failed[name];
    return (this.#pending[name] ??= (again ? (import(/* @vite-ignore */ again) as Promise<SubView>) : this.#loaders[name]()).then(
      (m) => {
        Object.assign(this.#en, m.en);
        return (this.loaded[name] = m as Loaded<L, K>);
      },
      (error: unknown) => {
        delete this.#pending[name];
        // Chromium keeps a failed module fetch for the page's life (the standard no longer does: whatwg/html#10327),
        // so importing the same address again fails without asking: a retry asks for the address its error names
        // (Chromium and Firefox name it), with a query of its own, when it is where this code came from
        const url = /\bhttps?:\/\/\S+/.exec(String((error as Error)?.message))?.[0];
        const base = url?.replace(/[?&]voc-retry=\d+$/, '');
        if (base && new URL(base).origin === new URL(import.meta.url).origin)
          this.#failed[name] = `${base}${base.includes('?') ? '&' : '?'}voc-retry=${Date.now()}`;
        throw error;
      },
    ) as Promise<Loaded<L, K>>);
  }
}

/** An element's view of `SubViews`: adopts the styles of the loaded ones and renders again when one arrives. */
export class SubViewController<L extends Loaders> implements ReactiveController {
  #host: ReactiveElement;
  #views: SubViews<L>;
  #onError: (error: unknown) => void;
  #broken = new Set<keyof L>();
  #sheets = 0;

  constructor(host: ReactiveElement, views: SubViews<L>, onError: (error: unknown) => void) {
    (this.#host = host).addController(this);
    this.#views = views;
    this.#onError = onError;
  }

  hostUpdate(): void {
    // the styles of views loaded since the last update (by this element or another one on the page)
    const sheets = Object.values(this.#views.loaded).flatMap((m) => (m?.styles ? [m.styles] : []));
    if (sheets.length !== this.#sheets && this.#host.renderRoot instanceof ShadowRoot) {
      this.#sheets = sheets.length;
      adoptStyles(this.#host.renderRoot, [...(this.#host.constructor as typeof ReactiveElement).elementStyles, ...sheets]);
    }
  }

  /** The view `name` when it is loaded; else starts loading it and renders again once it is there. */
  get<K extends keyof L>(name: K): Loaded<L, K> | undefined {
    if (!this.#views.loaded[name] && !this.#broken.has(name)) void this.#load(name);
    return this.#views.loaded[name];
  }

  /** The view `name`, loaded once; the caller handles a failure (e.g. the quotes panel shows its own error). */
  need<K extends keyof L>(name: K): Promise<Loaded<L, K>> {
    return this.#views.need(name);
  }

  /** Loads the view `name`; a failure is reported and remembered. */
  async #load(name: keyof L): Promise<void> {
    try {
      await this.#views.need(name);
    } catch (error) {
      this.#broken.add(name); // shown as an error until the person asks again
      this.#onError(error);
    }
    this.#host.requestUpdate();
  }

  /** Whether the view `name` could not be loaded. */
  failed(name: keyof L): boolean {
    return this.#broken.has(name);
  }

  /** Lets views that failed be tried again. */
  retry(): void {
    this.#broken.clear();
  }
}
