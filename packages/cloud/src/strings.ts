import type { PluralForms, StringTable } from '@voc-kit/core';
import { commonStrings } from '@voc-kit/core/common-strings.js';

/**
 * The visible strings of `<voc-cloud>`'s first render, in English; replace any string with the element's `strings`
 * property. The quotes panel's and the table's English strings (`en` in `quotes.ts` and `table.ts`) join this table
 * when their part loads. Other languages load on demand (`strings/*.ts`), so English-only pages do not carry them.
 */
const en = {
  label: 'What customers say',
  'kinds.mixed': 'Mixed',
  legend: 'Colours',
  showList: 'Show as list',
  showCloud: 'Show as cloud',
  termLabel: '{term}: {mentions}, mostly {kind}',
  loading: 'Loading what customers say…',
  error: 'The cloud could not be loaded.',
  empty: 'No feedback in this period yet.',
  newTerms: 'New in the cloud: {terms}',
  shown: 'Terms shown: {shown} of {total}',
  'mentions.one': '{count} mention',
  'mentions.other': '{count} mentions',
  termMixed: '{term}: {mentions}, mixed',
  ...commonStrings,
};

/** Every visible string: the first render's, the quotes panel's and the table's. */
export type CloudStrings = typeof en &
  typeof import('./quotes.js').en &
  typeof import('./table.js').en &
  typeof import('./wall.js').en &
  PluralForms<'mentions'>;

/** The table the element starts with; `loaders` fills in other languages when a page speaks them. */
export const strings: StringTable<CloudStrings> = { en: en as CloudStrings };

/** Languages shipped with the element, each in its own small module. */
export const loaders: Record<string, () => Promise<{ default: Partial<CloudStrings> }>> = {
  de: () => import('./strings/de.js'),
  fr: () => import('./strings/fr.js'),
  es: () => import('./strings/es.js'),
  ja: () => import('./strings/ja.js'),
  ar: () => import('./strings/ar.js'),
};
