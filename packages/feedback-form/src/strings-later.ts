/**
 * The English strings the form needs only once the customer has sent something (or an earlier visit's item was
 * delivered): what the sending machinery says (thank-you, saved, notes, alerts) and the validation messages, keyed
 * `field.rule` as in protocol's validation. They travel with the sending machinery, not with the first paint;
 * the form adds them to `strings.en` when the machinery arrives. Other languages' tables (`strings/*.ts`) hold every key.
 */
export const later = {
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
  fix: 'Please correct the marked fields.',
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
};
