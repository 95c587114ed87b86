import { formatter, format, type BaseLocalizer, type Strings } from './base-localizer.js';

/**
 * A counted string in `i18n`'s language, by its plural rules (`Intl.PluralRules`): the table has one key per form,
 * `{key}.one`, `{key}.other` (and `zero`, `two`, `few`, `many` where the language has them, as Arabic does); a form
 * a table lacks falls back to that table's `{key}.other`. `{count}` is the count in the locale's digits.
 * `Localizer.plural()` calls this; an element with a `BaseLocalizer` calls it directly.
 */
export function plural(i18n: BaseLocalizer<Strings>, key: string, count: number, values: Record<string, string | number> = {}): string {
  const rule = formatter(Intl.PluralRules, i18n.locale).select(count);
  return format(i18n.template(`${key}.${rule}`, `${key}.other`) ?? key, { count: i18n.number(count), ...values });
}
