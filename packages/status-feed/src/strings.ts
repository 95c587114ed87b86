import type { PluralForms, StringTable } from '@voc-kit/core';
import { commonStrings } from '@voc-kit/core/common-strings.js';

/**
 * Every visible string of `<voc-status-feed>`, in English, but those of its sub-views (the thread, the "me too" form,
 * the live updates, older updates: `en` in `thread.ts`, `me-too-form.ts`, `live-updates.ts` and `older-updates.ts`),
 * which load with them. Other languages load on demand (`strings/*.ts`, all keys), so a page pays only for the
 * language it speaks.
 */
const en = {
  heading: 'We heard you',
  filters: 'Filter updates',
  kind: 'Kind',
  allKinds: 'All kinds',
  topic: 'Topic',
  allTopics: 'All topics',
  loading: 'Loading…',
  empty: 'Nothing to show yet.',
  more: 'Show more',
  announcement: 'Announcement',
  incident: 'Incident',
  progress: 'Progress',
  started: 'Started {date}',
  resolvedAt: 'Resolved {date}',
  expectedBy: 'Expected by {date}',
  about: 'About: {title}',
  ...commonStrings,
  meToo: 'Follow',
  following: 'Following',
  earlier: 'Earlier updates ({count})',
  older: 'Show older updates',
  'error.network': 'You seem to be offline. Try again when you are connected.',
  'error.rate_limited': 'Too many requests. Try again in {seconds} seconds.',
  'error.validation': 'Please check what you entered.',
  'error.server': 'Something went wrong on our side. Please try again.',
  'followers.one': '{count} person follows this',
  'followers.other': '{count} people follow this',
};

/** Complete in every language; a counted key needs only the plural forms its language uses. */
export type StatusFeedStrings = Omit<typeof en, 'followers.one'> &
  typeof import('./thread.js').en &
  typeof import('./me-too-form.js').en &
  Omit<typeof import('./live-updates.js').en, 'liveMany.one'> &
  Omit<typeof import('./older-updates.js').en, 'olderShown.one'> &
  PluralForms<'followers' | 'liveMany' | 'olderShown'>;

/** The table the element starts with; `loaders` fill in other languages when a page speaks them. */
// the thread's English strings join this table when the thread loads
export const strings: StringTable<StatusFeedStrings> = { en: en as unknown as StatusFeedStrings };

/** Languages shipped with the element: en, de, fr, es, ja, ar (right to left). */
export const loaders: Record<string, () => Promise<{ default: StatusFeedStrings }>> = {
  de: () => import('./strings/de.js'),
  fr: () => import('./strings/fr.js'),
  es: () => import('./strings/es.js'),
  ja: () => import('./strings/ja.js'),
  ar: () => import('./strings/ar.js'),
};
