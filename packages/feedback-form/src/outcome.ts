/**
 * What the form shows once something was sent (or tried): the thank-you (or saved) panel, the field messages, the
 * notes about items saved on this device, and their English strings and styles. Only the sending machinery reaches
 * these states, so this module loads with it (`sending.ts`: on the customer's first focus or input, or when the
 * browser is idle) and the form's first paint carries none of it. The length warning is here too: it only speaks
 * once the customer has typed, and typing loads this module.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { BaseLocalizer } from '@voc-kit/core/base-localizer.js';
import { plural } from '@voc-kit/core/plural.js';
import type { FieldError } from '@voc-kit/protocol/validation.js';
import type { FormStrings } from './strings.js';

/** The English strings only sending shows; the form's table gets them when this module loads. */
export const outcomeStrings = {
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
  'nearLimit.one': 'At most {count} character left',
  'nearLimit.other': 'At most {count} characters left',
  'overLimit.one': '{count} character too many',
  'overLimit.other': '{count} characters too many',
};

/** The styles of the thank-you panel and the notes; the form adds them to its sheet when this module loads. */
export const outcomeStyles = css`
  h2 {
    font-size: 1.25em;
    margin: 0;
  }
  blockquote {
    margin: 0;
    padding-inline-start: var(--_voc-space);
    border-inline-start: 3px solid var(--_voc-border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-height: 8rem;
    overflow: auto;
  }
  a {
    color: var(--_voc-accent);
  }
  [aria-invalid='true'] {
    border-color: var(--_voc-danger);
  }
  [aria-disabled='true'] {
    cursor: progress;
  }
`;

type I18n = BaseLocalizer<FormStrings>;

/** The message for a field's broken rule in the element's language (a rule without a string of its own: `invalid`). */
export function ruleMessage(
  i: I18n,
  e: { field?: string; rule?: string; params?: Record<string, string | number> },
  fallback = i.t('invalid'),
): string {
  const key = `${e.field}.${e.rule}`;
  return key in outcomeStrings ? i.t(key as keyof FormStrings, e.params) : fallback;
}

/** Steps of the "at most N characters left" warning: it changes only when a step is passed, so it is not read on every key. */
const LEFT = [0, 10, 20, 50, 100, 200];

/**
 * The warning spoken (politely) and shown as the text nears its limit of `max` characters and passes it; empty
 * while there is room.
 */
export function limitWarning(i: I18n, length: number, max: number): string {
  if (length > max) return plural(i, 'overLimit', length - max);
  const step = LEFT.find((n) => max - length <= n);
  return step === undefined ? '' : plural(i, 'nearLimit', step);
}

/** The message under a field whose value broke a rule (`id` = `{field}-error`, which the field is described by). */
export function fieldMessage(i: I18n, e: FieldError | undefined): TemplateResult | typeof nothing {
  return e ? html`<p class="invalid" part="message" id="${e.field}-error">${ruleMessage(i, e)}</p>` : nothing;
}

/** The thank-you (sent) or saved (queued) panel, quoting the customer's words. */
export function donePanel(
  i: I18n,
  sent: boolean,
  done: { text: string; link?: string } | undefined,
  form: { another(): void; cancel(): void },
): TemplateResult {
  return html`<div class="field done">
    <h2 id="done" tabindex="-1">${i.t(sent ? 'sentTitle' : 'queuedTitle')}</h2>
    <p>${i.t(sent ? 'sent' : 'queued')}</p>
    ${sent && done?.link ? html`<p><a href=${done.link}>${i.t('link')}</a></p>` : nothing}
    <p>${i.t('youSaid')}</p>
    <blockquote>${done?.text}</blockquote>
    <button part="button" type="button" @click=${() => form.another()}>${i.t('another')}</button>
    ${sent ? nothing : html`<button part="button" class="cancel" type="button" @click=${() => form.cancel()}>${i.t('cancel')}</button>`}
  </div>`;
}

/** The lines about items saved on this device: one sent or taken back, and how many still wait. */
export function notes(i: I18n, note: { key: 'earlier' | 'cancelled'; link?: string } | undefined, waiting: number): TemplateResult {
  return html`${
    note
      ? html`<p class="note" part="message">${i.t(note.key)} ${note.link ? html`<a href=${note.link}>${i.t('link')}</a>` : nothing}</p>`
      : nothing
  }${waiting ? html`<p class="note" part="message">${plural(i, 'waiting', waiting)}</p>` : nothing}`;
}
