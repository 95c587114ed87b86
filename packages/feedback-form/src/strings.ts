import type { PluralForms, StringTable } from '@voc-kit/core';
import type { outcomeStrings } from './outcome.js';
import type { dialogStrings } from './dialog.js';

/**
 * The visible strings of `<voc-feedback-form>` before anything is sent, in English. What only sending shows (the
 * thank-you, the notes, validation messages keyed `field.rule` as in protocol's validation) and the length warning
 * (which loads with it, on the first focus or input) are in `outcome.ts`, which completes this table, and what only
 * the launcher shows in `dialog.ts`. Other languages load on demand (`strings/*.ts`, every key), so English-only pages
 * do not carry them.
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
};

/** Every string of the form (keys for the `strings` property): these, `outcome.ts`'s and `dialog.ts`'s. */
export type FormStrings = typeof en & typeof outcomeStrings & typeof dialogStrings & PluralForms<'waiting' | 'nearLimit' | 'overLimit'>;

/**
 * The table the element starts with; `loaders` fill in other languages when a page speaks them, and the sending
 * machinery and the launcher's dialog add their English strings when they load (before any state that shows them can
 * be reached).
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
