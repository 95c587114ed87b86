import type { Localizer, PluralForms, StringTable } from '@voc-kit/core';
import type { outcomeStrings } from './outcome.js';

/**
 * The visible strings of `<voc-feedback-form>` before anything is sent, in English. What only sending shows (the
 * thank-you, the notes, validation messages keyed `field.rule` as in protocol's validation) is in `outcome.ts`, which
 * loads with the sending machinery and completes this table. Other languages load on demand (`strings/*.ts`, every
 * key), so English-only pages do not carry them.
 */
const en = {
  legend: 'What would you like to tell us?',
  compliment: 'Compliment',
  idea: 'Idea',
  complaint: 'Complaint',
  text: 'In your own words',
  count: '{n} of {max} characters',
  topic: 'Topic (optional)',
  noTopic: 'No topic',
  email: 'Email (optional)',
  consent: 'Use my email only to tell me what happens with this',
  submit: 'Send feedback',
  sending: 'Sending…',
  error: 'Something went wrong ({reason}). Your text is kept; please try again.',
  launcher: 'Feedback',
  close: 'Close',
  'nearLimit.one': 'At most {count} character left',
  'nearLimit.other': 'At most {count} characters left',
  'overLimit.one': '{count} character too many',
  'overLimit.other': '{count} characters too many',
};

/** Every string of the form (keys for the `strings` property): these and `outcome.ts`'s. */
export type FormStrings = typeof en & typeof outcomeStrings & PluralForms<'waiting' | 'nearLimit' | 'overLimit'>;

/**
 * The table the element starts with; `loaders` fill in other languages when a page speaks them, and the sending
 * machinery adds `outcome.ts`'s English strings when it loads (before any state that shows them can be reached).
 */
export const strings: StringTable<FormStrings> = { en: en as FormStrings };

/** Languages shipped with the element, each in its own small module. */
export const loaders: Record<string, () => Promise<{ default: Partial<FormStrings> }>> = {
  de: () => import('./strings/de.js'),
  fr: () => import('./strings/fr.js'),
  es: () => import('./strings/es.js'),
  ja: () => import('./strings/ja.js'),
  ar: () => import('./strings/ar.js'),
};

/** Steps of the "at most N characters left" warning: it changes only when a step is passed, so it is not read on every key. */
const LEFT = [0, 10, 20, 50, 100, 200];

/**
 * The warning spoken (politely) and shown as the text nears its limit of `max` characters and passes it; empty
 * while there is room.
 */
export function limitWarning(i18n: Localizer<FormStrings>, length: number, max: number): string {
  if (length > max) return i18n.plural('overLimit', length - max);
  const step = LEFT.find((n) => max - length <= n);
  return step === undefined ? '' : i18n.plural('nearLimit', step);
}
