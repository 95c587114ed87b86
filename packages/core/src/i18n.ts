import { BaseLocalizer, formatter, type Strings } from './base-localizer.js';
import { plural } from './plural.js';

// The strings, the language and the direction are `BaseLocalizer`'s (in its own module, so what an element needs to
// paint carries neither counting nor dates); re-exported here, where pages and elements have always found them.
export { BaseLocalizer, directionOf, format, localeOf } from './base-localizer.js';
export type { LanguageLoaders, PluralForms, StringTable, Strings } from './base-localizer.js';
export { plural } from './plural.js';

/**
 * Gives an element its strings in the right language and direction, and its numbers and dates in its locale.
 *
 * ```ts
 * private i18n = new Localizer(this, table);
 * render() { return html`<button>${this.i18n.t('send')}</button>`; }
 * ```
 * Every visible string goes through `t()`, so a page can replace any of them with the element's `strings`
 * property, and add a language by passing a table to `Localizer.add()`.
 */
export class Localizer<S extends Strings> extends BaseLocalizer<S> {
  /** A counted string, by the language's plural rules (see `plural()`). */
  plural(key: string, count: number, values: Record<string, string | number> = {}): string {
    return plural(this, key, count, values);
  }

  /** A date (ISO string or ms) in the element's locale. */
  date(value: string | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    return formatter(Intl.DateTimeFormat, this.locale, options).format(new Date(value));
  }

  /** "3 days ago" in the element's locale. */
  relative(value: string | number, now = Date.now()): string {
    let amount = (new Date(value).getTime() - now) / 1000;
    let unit: Intl.RelativeTimeFormatUnit = 'second';
    // each unit, and how many of the one before make one
    for (const [next, size] of [
      ['minute', 60],
      ['hour', 60],
      ['day', 24],
      ['month', 30],
      ['year', 12],
    ] as const) {
      if (Math.abs(amount) < size) break;
      amount /= size;
      unit = next;
    }
    return formatter(Intl.RelativeTimeFormat, this.locale, { numeric: 'auto' }).format(Math.round(amount), unit);
  }
}
