/**
 * The form's sending machinery, loaded on the customer's first focus or input, or when the browser is idle (so an
 * item an earlier visit left in the outbox is still delivered on load): validation, the outbox binding, receipts,
 * and what each outcome does to the form. What renders the form and keeps the draft does not wait for it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Localizer } from '@voc-kit/core/i18n.js';
import type { VocAdapter } from '@voc-kit/core/adapter.js';
import type { FeedbackDraft, Kind, SubmitResult } from '@voc-kit/protocol/model.js';
import { OutboxFullError, type Outbox, type OutboxError, type OutboxEventDetail, type OutboxItem } from '@voc-kit/core/outbox.js';
import { OutboxController } from '@voc-kit/core/outbox-controller.js';
import { receiptLink, rememberReceipt } from '@voc-kit/core/receipts.js';
import { checkLocale, validateDraft, type FieldError } from '@voc-kit/protocol/validation.js';
import type { FormErrorDetail, QueuedDetail, SubmittedDetail } from './feedback-form.js';
import { strings, type FormStrings } from './strings.js';
export { later } from './strings-later.js';

export { laterStyles } from './later.styles.js';

/** What the customer has typed or chosen. */
export interface Values {
  kind?: Kind;
  text: string;
  topic: string;
  email: string;
  consent: boolean;
}

export type Phase = 'idle' | 'sending' | 'queued' | 'sent';
export type Alert = { key: 'fix' | 'full' | 'failed' | 'error'; values?: Record<string, string | number> };

/** The form's state that sending changes. */
export interface FormState {
  values: Values;
  phase: Phase;
  errors: FieldError[];
  alert?: Alert;
  done?: { text: string; link?: string };
  note?: { key: 'earlier' | 'cancelled'; link?: string };
}

/** How the sender reads and changes the form it serves. */
export interface FormPort {
  host: ReactiveControllerHost & { emit<T>(type: string, detail: T, options?: { cancelable?: boolean }): boolean };
  /** Destination of the items (see `OutboxOptions.name`). */
  destination(): string;
  /** An outbox the page passed in, if any. */
  outbox(): Outbox | undefined;
  adapter(): Promise<VocAdapter>;
  site(): string | undefined;
  state(): FormState;
  set(patch: Partial<FormState>): void;
  /** The fields as a draft to validate (`locale` only when it is a valid tag). */
  input(validLocale: (tag: string) => boolean): Record<string, unknown>;
  /** Fields as they are on a fresh form. */
  empty(): Values;
  /** The localised message for an alert, and for a field's rule (falling back to `fallback`). */
  say(key: Alert['key'], values?: Record<string, string | number>): string;
  sayRule(error: OutboxError): string;
  /** Keeps the fields for a reload; forgets them once queued. */
  save(): void;
  forget(): void;
  /** The inline panel around the form (or the dialog's), once rendered; whether the form is a launcher. */
  panel(): HTMLElement | null | undefined;
  launcher(): boolean;
  /** Moves focus to a field (`kind`, `text`…) or to the thank-you heading (`done`) after the next render. */
  focus(target: string): void;
}

/** The message under a field the validation refused (the rule's own, else a general one). */
export function fieldMessage(i18n: Localizer<FormStrings>, field: string, e: FieldError | undefined): TemplateResult | typeof nothing {
  if (!e) return nothing;
  const key = `${e.field}.${e.rule}`;
  const text = key in strings.en ? i18n.t(key as keyof FormStrings, e.params) : i18n.t('invalid');
  return html`<p class="invalid" id="${field}-error">${text}</p>`;
}

/** The lines about items saved on this device: one delivered or taken back (`note`), and how many still wait. */
export function renderNotes(i18n: Localizer<FormStrings>, note: FormState['note'], waiting: number): TemplateResult {
  return html`${
    note
      ? html`<p part="note">
          ${i18n.t(note.key)} ${note.link ? html`<a part="receipt-link" href=${note.link}>${i18n.t('link')}</a>` : nothing}
        </p>`
      : nothing
  }
  ${waiting ? html`<p part="note">${i18n.plural('waiting', waiting)}</p>` : nothing}`;
}

/** Keeps Tab and Shift+Tab inside the open `dialog` (whose shadow root is `root`). */
export function trapTab(e: KeyboardEvent, dialog: HTMLDialogElement, root: ShadowRoot): void {
  if (e.key !== 'Tab') return;
  const list = [...dialog.querySelectorAll<HTMLElement>('a[href],button,input:not([type=radio]),select,textarea')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
  const active = root.activeElement;
  const first = list[0];
  const last = list[list.length - 1];
  if (e.shiftKey && active === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

/** The thank-you (`sent`) or saved (`queued`) panel, quoting the customer's words. */
export function renderDone(
  i18n: Localizer<FormStrings>,
  sent: boolean,
  done: FormState['done'],
  another: () => void,
  cancel: () => void,
): TemplateResult {
  return html`<div class="field" part="done">
    <h2 id="done" tabindex="-1">${i18n.t(sent ? 'sentTitle' : 'queuedTitle')}</h2>
    <p>${i18n.t(sent ? 'sent' : 'queued')}</p>
    ${sent && done?.link ? html`<p><a part="receipt-link" href=${done.link}>${i18n.t('link')}</a></p>` : nothing}
    <p>${i18n.t('youSaid')}</p>
    <blockquote>${done?.text}</blockquote>
    <button type="button" @click=${another}>${i18n.t('another')}</button>
    ${sent ? nothing : html`<button type="button" part="cancel" @click=${cancel}>${i18n.t('cancel')}</button>`}
  </div>`;
}

/** Submits the form's draft through the outbox and turns each outcome into what the customer sees. */
export class FormSender {
  readonly #port: FormPort;
  readonly #box: OutboxController;
  #formHeight = 0;

  constructor(port: FormPort) {
    this.#port = port;
    this.#box = new OutboxController(port.host, {
      name: port.destination,
      outbox: port.outbox,
      send: async (draft, key) => {
        // a page without a configured adapter keeps the item queued, and tells its developer why
        const adapter = await port.adapter().catch((e) => {
          console.error(e);
          throw e;
        });
        return adapter.submit(draft, key);
      },
      onDelivered: (item, result) => this.#remember(item, result),
      onEvent: (d, mine) => this.#onOutbox(d, mine),
    });
  }

  /** Items waiting in this browser besides the one this form is sending. */
  get waiting(): number {
    return this.#box.waiting;
  }

  /** The destination or the outbox changed. */
  rebind(): void {
    this.#box.rebind();
  }

  /** The customer moves on: an item still queued is reported by a notice from now on. */
  settle(): void {
    this.#box.settle();
  }

  /** The customer changed their mind about a queued item; when it was delivered meanwhile, the thank-you arrives. */
  cancel(): Promise<void> {
    return this.#box.cancel();
  }

  /**
   * The thank-you (or saved) panel takes the place of an inline form at the form's height (scrolling inside when
   * the words quoted are longer), so content below the form does not move when it appears; the form comes back at
   * its own height. Set through the CSSOM, which a strict CSP allows. Called when the phase changes.
   */
  keepHeight(): void {
    const panel = this.#port.panel();
    if (!panel) return;
    const { phase } = this.#port.state();
    const done = phase === 'sent' || phase === 'queued';
    // the height the customer saw when sending (not a state between two frames that was never painted)
    if (phase === 'sending') this.#formHeight = panel.getBoundingClientRect().height;
    if (!done || this.#port.launcher()) panel.style.height = panel.style.overflow = '';
    else if (!panel.style.height && panel.querySelector('form')) {
      panel.style.height = `${this.#formHeight || panel.getBoundingClientRect().height}px`;
      panel.style.overflow = 'auto';
    }
  }

  async submit(): Promise<void> {
    const port = this.#port;
    const checked = validateDraft(port.input((tag) => !checkLocale(tag)));
    if (!checked.ok) {
      port.set({ errors: checked.errors, alert: { key: 'fix' } });
      port.focus(checked.errors[0].field);
      return;
    }
    port.set({ errors: [], alert: undefined, note: undefined });
    const draft = checked.value;
    if (!port.host.emit('voc-submit', draft, { cancelable: true }) || !this.#box.outbox) return;
    port.set({ phase: 'sending' });
    let item: OutboxItem;
    try {
      item = await this.#box.add(draft);
    } catch (error) {
      port.set({ phase: 'idle' });
      const full = error instanceof OutboxFullError;
      this.#fail(
        full ? 'outbox_full' : 'unknown',
        String((error as Error).message),
        full ? 'full' : 'error',
        { n: full ? error.limit : 0 },
        draft,
      );
      return;
    }
    port.forget();
    await this.#box.flush();
    if (port.state().phase === 'sending' && this.#box.pending === item.key) this.#queued(item);
  }

  async #remember(item: OutboxItem, result: SubmitResult): Promise<void> {
    const adapter = (await this.#port.adapter().catch(() => undefined)) as { site?: string } | undefined;
    await rememberReceipt({
      receipt: result.receipt,
      id: result.id,
      site: adapter?.site ?? this.#port.site() ?? '',
      kind: item.draft.kind,
      excerpt: item.draft.text.slice(0, 120),
      createdAt: new Date(item.queuedAt).toISOString(),
    });
  }

  #fail(code: string, message: string, key: Alert['key'], values: Record<string, string | number>, draft?: FeedbackDraft, field?: string) {
    this.#port.set({ alert: { key, values } });
    this.#port.host.emit<FormErrorDetail>('voc-error', {
      code,
      message,
      action: 'submit',
      reason: this.#port.say(key, values),
      ...(field && { field }),
      ...(draft && { draft }),
    });
  }

  /** What became of this form's item, or of one an earlier visit left (the controller filters the rest). */
  #onOutbox(d: OutboxEventDetail, mine: boolean): void {
    const port = this.#port;
    if (d.type === 'retry') {
      if (port.state().phase === 'sending') this.#queued(d.item);
    } else if (d.type === 'delivered') {
      const link = receiptLink(d.result.receipt);
      if (!mine) return port.set({ note: { key: 'earlier', link } });
      this.settle();
      port.set({ done: { text: d.item.draft.text, link }, phase: 'sent', values: port.empty() });
      port.host.emit<SubmittedDetail>('voc-submitted', { key: d.item.key, id: d.result.id, status: d.result.status, draft: d.item.draft });
      port.focus('done');
    } else if (d.type === 'failed') {
      // the backend refused it for good: the words go back into the box so the customer can fix and resend
      if (mine) this.settle();
      this.#takeBack(d.item.draft, mine && port.state().phase === 'sending');
      this.#fail(d.error.code, d.error.message, 'failed', { reason: port.sayRule(d.error) }, d.item.draft, d.error.field);
    } else if (d.type === 'cancelled') {
      this.settle();
      this.#takeBack(d.item.draft, true);
      port.set({ note: { key: 'cancelled' } });
      port.focus('text');
    }
  }

  /** Puts a draft that was not sent back into the fields (after words typed since, never over them). */
  #takeBack(draft: FeedbackDraft, replace: boolean): void {
    const now = this.#port.state().values.text;
    const text = now.trim() && !replace ? `${now}\n\n${draft.text}` : draft.text;
    const values = { kind: draft.kind, text, topic: draft.topic ?? '', email: draft.contact?.email ?? '', consent: !!draft.contact };
    this.#port.set({ values, phase: 'idle', done: undefined });
    this.#port.save();
  }

  #queued(item: OutboxItem): void {
    this.#port.set({ done: { text: item.draft.text }, phase: 'queued', values: this.#port.empty() });
    this.#port.host.emit<QueuedDetail>('voc-queued', { key: item.key, draft: item.draft });
    this.#port.focus('done');
  }
}
