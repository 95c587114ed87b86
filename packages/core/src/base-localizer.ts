import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One element's strings: keys to text with `{name}` placeholders. */
export type Strings = Record<string, string>;

/**
 * The plural forms a counted key `K` may have besides `{K}.other` (each language writes the forms its plural rules
 * use: English `one`, Arabic `zero`, `one`, `two`, `few`, `many`; see `plural()`).
 */
export type PluralForms<K extends string> = { [F in `${K}.${Exclude<Intl.LDMLPluralRule, 'other'>}`]?: string };

/** An element's strings per language; `en` is complete, others may omit keys (English fills in). */
export type StringTable<S extends Strings> = { en: S } & Partial<Record<string, Partial<S>>>;

const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ps', 'sd', 'ur', 'yi']);

/** The language of a locale, lowercase and without region or script: `de-CH` → `de`. */
const languageOf = (locale: string): string => locale.split(/[-_]/)[0].toLowerCase();

/** `rtl` for languages written right to left. */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RTL.has(languageOf(locale)) ? 'rtl' : 'ltr';
}

/** Fills `{name}` placeholders; unknown names stay as they are. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The locale an element speaks: its own `lang`, else the nearest ancestor's (crossing shadow roots),
 * else the page's `<html lang>`, else the browser's language, else English.
 */
export function localeOf(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return globalThis.navigator?.language || 'en';
}

interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  /** Per-instance overrides of any string. */
  strings?: Partial<Strings>;
}

/** Languages an element can fetch on demand: a module whose default export is the table. */
export type LanguageLoaders<S extends Strings> = Partial<Record<string, () => Promise<{ default: Partial<S> }>>>;

// one fetch per language module, shared by every element instance
const pending = new WeakMap<object, Promise<void>>();

// Building an Intl formatter costs far more than using one: keep one per kind, locale and options.
const formatters = new Map<string, unknown>();
/** @internal The shared `Kind` formatter for `locale` and `options` (built once). */
export function formatter<T, O>(Kind: new (locale: string, options?: O) => T, locale: string, options?: O): T {
  const key = `${Kind.name} ${locale} ${JSON.stringify(options ?? {})}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = new Kind(locale, options)));
  return f;
}

const hosts = new Set<LocalizedHost>();
let observer: MutationObserver | undefined;

// One observer for the whole page: a change of <html lang> (or any lang attribute) re-renders every element.
function watchLang(): void {
  if (observer || !globalThis.MutationObserver) return;
  observer = new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
}

/**
 * Gives an element its strings in the right language and direction: `t()`, `number()`, `dir`. It is `Localizer`
 * without counted strings and dates, for what an element needs to paint (the form, which every page with a form
 * loads before the customer does anything, needs no more); `Localizer` (`i18n.ts`) adds `plural()`, `date()` and
 * `relative()`, and `plural()` (`plural.ts`) counts with a `BaseLocalizer` too.
 */
export class BaseLocalizer<S extends Strings> implements ReactiveController {
  readonly #host: LocalizedHost;
  readonly #table: StringTable<S>;
  readonly #loaders: LanguageLoaders<S>;
  #asked = '';

  /** Resolves once the table of the language the element speaks is here (or failed to load: English stays). */
  loaded: Promise<void> = Promise.resolve();

  /**
   * @param table strings per language; `en` complete. Shared by every instance of the element.
   * @param loaders languages fetched only when a page speaks them, e.g. `{ de: () => import('./strings/de.js') }`
   */
  constructor(host: LocalizedHost, table: StringTable<S>, loaders: LanguageLoaders<S> = {}) {
    this.#host = host;
    this.#table = table;
    this.#loaders = loaders;
    host.addController(this);
  }

  hostUpdate(): void {
    void this.load();
  }

  /** Fetches the table of the language the element speaks, if it has a loader and the table is not here yet. */
  load(): Promise<void> {
    const lang = languageOf(this.locale);
    const loader = this.#loaders[lang];
    // asked once per language and element: a chunk that fails to load leaves English, with no retry loop
    if (!loader || this.#table[lang] || this.#asked === lang) return this.loaded;
    this.#asked = lang;
    let loading = pending.get(loader);
    if (!loading) {
      loading = loader().then(
        (m) => void (this.#table[lang] = { ...m.default, ...this.#table[lang] }),
        () => void pending.delete(loader),
      );
      pending.set(loader, loading);
    }
    return (this.loaded = loading.then(() => this.#host.requestUpdate()));
  }

  hostConnected(): void {
    hosts.add(this.#host);
    watchLang();
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /** Adds or completes a language at run time. */
  add(locale: string, strings: Partial<S>): void {
    this.#table[locale] = { ...this.#table[locale], ...strings } as Partial<S>;
    this.#host.requestUpdate();
  }

  /** The resolved locale (e.g. `de-CH`). */
  get locale(): string {
    return localeOf(this.#host);
  }

  /** The language whose table is used: `de-CH` → `de-CH` if present, else `de`, else `en`. */
  get language(): string {
    const locale = this.locale;
    if (this.#table[locale]) return locale;
    const base = languageOf(locale);
    return this.#table[base] ? base : 'en';
  }

  get dir(): 'rtl' | 'ltr' {
    return directionOf(this.locale);
  }

  /**
   * @internal The template of the first of `keys` that a table has, looking in the element's `strings`, then its
   * language's table, then English.
   */
  template(...keys: string[]): string | undefined {
    for (const table of [this.#host.strings, this.#table[this.language], this.#table.en] as Array<Partial<Strings> | undefined>)
      for (const key of keys) if (table?.[key] != null) return table[key];
  }

  /** The string for `key` with placeholders filled: override, then language, then English. */
  t(key: keyof S & string, values?: Record<string, string | number>): string {
    return format(this.template(key) ?? key, values);
  }

  /** A number in the element's locale. */
  number(value: number, options?: Intl.NumberFormatOptions): string {
    return formatter(Intl.NumberFormat, this.locale, options).format(value);
  }
}
