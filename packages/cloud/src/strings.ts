import type { StringTable } from '@voc-kit/core';

/**
 * Every visible string of `<voc-cloud>`, in English; replace any of them with the element's `strings` property.
 * Other languages load on demand (`strings/*.ts`), so English-only pages do not carry them.
 */
const en = {
  label: 'What customers say',
  compliment: 'Compliments',
  idea: 'Ideas',
  complaint: 'Complaints',
  mixed: 'Mixed',
  legend: 'Colours',
  showList: 'Show as list',
  showCloud: 'Show as cloud',
  term: 'Term',
  total: 'Mentions',
  termLabel: '{term}: {count} mentions, mostly {kind}',
  loading: 'Loading what customers say…',
  error: 'The cloud could not be loaded.',
  retry: 'Try again',
  empty: 'No feedback in this period yet.',
  quotesTitle: 'What customers said about “{term}”',
  quotesCount: '{count} mentions',
  noQuotes: 'No quotes to show.',
  close: 'Close',
  topic: 'Topic: {title}',
  topicStatus: 'Status: {status}',
  updated: 'Updated {when}',
  status_heard: 'Heard',
  status_planned: 'Planned',
  'status_in-progress': 'In progress',
  status_done: 'Done',
  status_declined: 'Declined',
  status_investigating: 'Investigating',
  status_identified: 'Identified',
  status_monitoring: 'Monitoring',
  status_resolved: 'Resolved',
  newTerms: 'New in the cloud: {terms}',
  offline: 'Live updates paused; reconnecting…',
  shown: '{shown} of {total} terms shown',
};

export type CloudStrings = typeof en;

/** The table the element starts with; `loaders` fills in other languages when a page speaks them. */
export const strings: StringTable<CloudStrings> = { en };

/** Languages shipped with the element, each in its own small module. */
export const loaders: Record<string, () => Promise<{ default: Partial<CloudStrings> }>> = {
  de: () => import('./strings/de.js'),
  fr: () => import('./strings/fr.js'),
  es: () => import('./strings/es.js'),
  ja: () => import('./strings/ja.js'),
  ar: () => import('./strings/ar.js'),
};
