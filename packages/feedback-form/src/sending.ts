/**
 * The form's sending machinery, loaded on the customer's first focus or input, or when the browser is idle (so an
 * item an earlier visit left in the outbox is still delivered on load): validation, the outbox binding, receipts,
 * and what each outcome does to the form. What renders the form and keeps the draft does not wait for it.
 */
import type { ReactiveControllerHost } from 'lit';
import type { VocAdapter } from '@voc-kit/core/adapter.js';
import type { FeedbackDraft, Kind, SubmitResult } from '@voc-kit/protocol/model.js';
import { OutboxFullError, type Outbox, type OutboxEventDetail, type OutboxItem } from '@voc-kit/core/outbox.js';
import { OutboxController } from '@voc-kit/core/outbox-controller.js';
import { receiptLink, rememberReceipt } from '@voc-kit/core/receipts.js';
import { checkLocale, validateDraft, type FieldError } from '@voc-kit/protocol/validation.js';
import type { Localizer } from '@voc-kit/core/i18n.js';
import type { FormErrorDetail, QueuedDetail, SubmittedDetail } from './feedback-form.js';
import type { FormStrings } from './strings.js';
import { ruleMessage } from './outcome.js';

// what the form shows once something was sent (or tried) travels with the machinery that gets it there
export { donePanel, fieldMessage, notes, outcomeStrings } from './outcome.js';

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
  /** The form's strings, in its language. */
  i18n: Localizer<FormStrings>;
  /** Keeps the fields for a reload; forgets them once queued. */
  save(): void;
  forget(): void;
  /** Moves focus to a field (`kind`, `text`…) or to the thank-you heading (`done`) after the next render. */
  focus(target: string): void;
}

/** Submits the form's draft through the outbox and turns each outcome into what the customer sees. */
export class FormSender {
  readonly #port: FormPort;
  readonly #box: OutboxController;

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
      reason: this.#port.i18n.t(key, values),
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
      this.#fail(
        d.error.code,
        d.error.message,
        'failed',
        { reason: ruleMessage(port.i18n, d.error, d.error.message) },
        d.item.draft,
        d.error.field,
      );
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
