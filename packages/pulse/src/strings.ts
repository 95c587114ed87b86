import type { StringTable } from '@voc-kit/core';
import { commonStrings } from '@voc-kit/core/common-strings.js';

/**
 * Every visible string of `<voc-pulse>`, in English; replace any with the element's `strings` property. Other
 * languages load on demand (`strings/*.ts`), so English-only pages do not carry them.
 */
const en = {
  title: 'What customers tell us, and what we do',
  period: 'Period',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  '365d': '12 months',
  loading: 'Loading the numbers…',
  error: 'The numbers could not be loaded.',
  updated: 'Numbers updated.',
  current: 'This period',
  previous: 'Previous period',
  showTable: 'Show as table',
  none: 'None yet',
  volume: 'Feedback by kind',
  volumeSummary: 'Messages in this period: {total}; in the previous one: {previous}. Busiest day: {max}.',
  perDay: 'busiest day: {count}',
  hours: 'When we are busiest',
  hoursSummary: 'Busiest hour: {day}, {hour} ({zone}); messages: {count}.',
  empty: 'No feedback in this period yet.',
  backlog: 'Complaints open now',
  open: 'Open',
  awaiting: 'Awaiting the customer’s confirmation',
  reopened: 'Reopened by the customer',
  topics: 'Top complaint topics',
  noTopics: 'No complaint about a topic in this period.',
  topicCount: '{count} complaints',
  topicCountOne: '1 complaint',
  latest: 'Update of {date}:',
  expected: 'Expected by {date}',
  ...commonStrings,
  actions: 'What we did',
  statusMoves: 'Status updates on topics',
  announcements: 'Announcements',
  incidentsResolved: 'Incidents resolved',
  speed: 'How fast we make it right',
  firstReply: 'Median time to our first reply',
  resolution: 'Median time until the customer confirmed it resolved',
  share: 'Complaints the customer confirmed resolved',
};

/** Every visible string: the first render's, and the tables' and links' (`extras.ts`). */
export type PulseStrings = typeof en & typeof import('./extras.js').en;

/** The table the element starts with; `loaders` fills in other languages when a page speaks them. */
export const strings: StringTable<PulseStrings> = { en: en as PulseStrings };

/** Languages shipped with the element, each in its own small module. */
export const loaders: Record<string, () => Promise<{ default: Partial<PulseStrings> }>> = {
  de: () => import('./strings/de.js'),
  fr: () => import('./strings/fr.js'),
  es: () => import('./strings/es.js'),
  ja: () => import('./strings/ja.js'),
  ar: () => import('./strings/ar.js'),
};
