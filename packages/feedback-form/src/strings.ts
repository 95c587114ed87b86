import type { Localizer, PluralForms, StringTable } from '@voc-kit/core';

/**
 * Every visible string of `<voc-feedback-form>`, in English. Validation messages are keyed `field.rule` as in
 * core's validation. Other languages load on demand (`strings/*.ts`), so English-only pages do not carry them.
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
  queuedTitle: 'Saved',
  queued: 'Saved on this device. It will be sent when you are back online.',
  sentTitle: 'Thank you!',
  sent: 'We have your feedback. Follow what becomes of it, privately, with this link:',
  link: 'Follow my feedback',
  youSaid: 'You said:',
  another: 'Send more feedback',
  cancel: 'Don’t send it',
  cancelled: 'Not sent. Your text is back in the box.',
  earlier: 'Your feedback saved earlier has been sent.',
  full: 'Too many messages ({n}) are already waiting on this device. Your text is kept here: please send it when you are back online.',
  failed: 'Your feedback was not accepted: {reason} Your text is back in the box; please check it and send again.',
  error: 'Something went wrong ({reason}). Your text is kept; please try again.',
  fix: 'Please correct the marked fields.',
  launcher: 'Feedback',
  close: 'Close',
  'kind.required': 'Choose compliment, idea or complaint.',
  'text.required': 'Tell us in your own words.',
  'text.too_long': 'Please keep it to {max} characters (now {length}).',
  'text.control': 'Please remove invisible control characters.',
  'email.required': 'Enter your email address, or untick the box.',
  'email.too_long': 'An email address has at most {max} characters.',
  'email.invalid': 'Enter an email address like name@example.com.',
  'consent.required': 'Tick the box to let us use your email, or clear the email.',
  'topic.invalid': 'Choose a topic from the list.',
  invalid: 'Please check this field.',
  'waiting.one': '{count} message saved on this device, waiting to be sent.',
  'waiting.other': '{count} messages saved on this device, waiting to be sent.',
  'nearLimit.one': 'At most {count} character left',
  'nearLimit.other': 'At most {count} characters left',
  'overLimit.one': '{count} character too many',
  'overLimit.other': '{count} characters too many',
};

export type FormStrings = typeof en & PluralForms<'waiting' | 'nearLimit' | 'overLimit'>;

/** The table the element starts with; `loaders` fills in other languages when a page speaks them. */
export const strings: StringTable<FormStrings> = { en };

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
