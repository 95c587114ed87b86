/**
 * The form's sending machinery, loaded on the customer's first focus or input, or when the browser is idle (so an
 * item an earlier visit left in the outbox is still delivered on load): validation, the outbox binding, receipts,
 * and what each outcome does to the form. What renders the form and keeps the draft does not wait for it.
 */
import type { CSSResult } from 'lit';
import '@voc-kit/core/defaults.js';
import type { VocAdapter } from '@voc-kit/core/adapter.js';
import type { FeedbackDraft, Kind, SubmitResult } from '@voc-kit/protocol/model.js';
import { OutboxFullError, type OutboxEventDetail, type OutboxItem } from '@voc-kit/core/outbox.js';
import { OutboxController } from '@voc-kit/core/outbox-controller.js';
import { receiptLink, rememberReceipt } from '@voc-kit/core/receipts.js';
import { checkLocale, validateDraft, type FieldError } from '@voc-kit/protocol/validation.js';
import type { BaseLocalizer } from '@voc-kit/core/base-localizer.js';
import type { FormErrorDetail, QueuedDetail, SubmittedDetail, VocFeedbackForm } from './feedback-form.js';
import type { FormStrings } from './strings.js';
import type { StringTable } from '@voc-kit/core/base-localizer.js';
import { outcomeStrings, outcomeStyles, ruleMessage } from './outcome.js';

// what the form shows once something was sent (or tried) travels with the machinery that gets it there
export { donePanel, fieldMessage, limitWarning, notes } from './outcome.js';

/** What the customer has typed or chosen. */
export interface Values {
  kind?: Kind;
  text: string;
  topic: string;
  email: string;
  consent: boolean;
}

export type Phase = 'idle' | 'sending' | 'queued' | 'sent';
export type Topic = { slug: string; title: string };
export type Alert = { key: 'fix' | 'full' | 'failed' | 'error'; values?: Record<string, string | number> };

/** The form's state that sending changes. */
export interface FormState {
  values: Values;
  phase: Phase;
  errors: FieldError[];
  alert?: Alert;
  done?: { text: string; link?: string };
  note?: { key: 'earlier' | 'cancelled'; link?: string };
  /** The adapter's topics (when the form has no `topics` of its own). */
  loadedTopics: Topic[];
}

/**
 * The form as its sender and its launcher's dialog see it: its public properties, its state, and the members it keeps
 * for its own modules (TypeScript-private on the element, so not part of its API).
 */
export interface FormPort
  extends
    FormState,
    Pick<
      VocFeedbackForm,
      | 'renderRoot'
      | 'addController'
      | 'removeController'
      | 'requestUpdate'
      | 'updateComplete'
      | 'emit'
      | 'topics'
      | 'outbox'
      | 'site'
      | 'kind'
      | 'launcher'
    > {
  /** Destination of the items (see `OutboxOptions.name`). */
  readonly destination: string;
  getAdapter(): Promise<VocAdapter>;
  /** The kinds the form offers. */
  readonly kindList: Kind[];
  /** The honeypot field's value (people leave it empty). */
  readonly honeypot: string;
  /** The form's strings, in its language. */
  readonly i18n: BaseLocalizer<FormStrings>;
  /** Keeps the fields for a reload; forgets them (`forget`) once queued. */
  save(forget?: boolean): void;
  /** Moves focus (after the pending render, if any) to a field (`kind`, `text`…), the thank-you heading (`done`), or `start`. */
  focusOn(target: string): void;
}

// the form keeps its sender by type only: the chunk exports just what the form calls
export type { FormSender };

/**
 * Binds a form to the machinery once it is here: the English strings only sending shows join the form's table (a
 * page's own `en` strings, added before, still win), their styles the form's sheet, and the form renders again (the
 * length warning, the notes).
 */
export function attach(form: FormPort, table: StringTable<FormStrings>, addStyles: (styles: CSSResult) => void): FormSender {
  table.en = { ...outcomeStrings, ...table.en };
  addStyles(outcomeStyles);
  form.requestUpdate();
  return new FormSender(form);
}

/**
 * Submits the form's draft through the outbox and turns each outcome into what the customer sees. The form's
 * `OutboxController` (it binds the form to its backend's outbox, counts what waits, and `settle()`s or `cancel()`s
 * the form's item); before each render it also keeps the form's height when the thank-you replaces it (`hostUpdate`).
 */
class FormSender extends OutboxController {
  readonly #port: FormPort;
  /** The form's height when the customer sent: the thank-you panel takes it. */
  #height = 0;
  #phase: Phase = 'idle';

  constructor(port: FormPort) {
    super(port, {
      name: () => port.destination,
      outbox: () => port.outbox,
      send: async (draft, key) => {
        // a page without a configured adapter keeps the item queued, and tells its developer why
        const adapter = await port.getAdapter().catch((e) => {
          console.error(e);
          throw e;
        });
        return adapter.submit(draft, key);
      },
      // the outbox reports after an await: `this` is the sender by then
      onDelivered: (item, result) => this.#remember(item, result),
      onEvent: (d, mine) => this.#onOutbox(d, mine),
    });
    this.#port = port;
    void this.#loadTopics();
  }

  #set(patch: Partial<FormState>): void {
    Object.assign(this.#port, patch);
  }

  override hostUpdate(): void {
    super.hostUpdate();
    const { phase } = this.#port;
    if (phase !== this.#phase) this.#keepHeight((this.#phase = phase));
  }

  async #loadTopics(): Promise<void> {
    if (this.#port.topics !== undefined) return;
    let loadedTopics: Topic[] = []; // no topics is a valid form: the choice is optional
    try {
      loadedTopics = (await (await this.#port.getAdapter()).topics()).map((t) => ({ slug: t.slug, title: t.title }));
    } catch {
      // the adapter is not reachable: no topics offered
    }
    this.#set({ loadedTopics });
  }

  /** "Send more feedback": a fresh form, and an item still queued is reported by a notice from now on. */
  another(): void {
    this.settle();
    this.#set({ phase: 'idle', done: undefined, alert: undefined, note: undefined, values: this.#empty() });
    this.#port.focusOn('start');
  }

  /**
   * The thank-you (or saved) panel takes the place of an inline form at the form's height (scrolling inside when the
   * words quoted are longer), so content below the form does not move when it appears; the form comes back at its
   * own height. Called before each render that changes the phase; set through the CSSOM, which a strict CSP allows.
   */
  #keepHeight(phase: Phase): void {
    const host = this.#port;
    const panel = host.renderRoot.querySelector<HTMLElement>('.panel');
    if (!panel) return;
    const done = phase === 'sent' || phase === 'queued';
    // the height the customer saw when sending (not a state between two frames that was never painted)
    if (phase === 'sending') this.#height = panel.getBoundingClientRect().height;
    if (!done || host.launcher) panel.style.height = panel.style.overflow = '';
    else if (!panel.style.height && panel.querySelector('form')) {
      panel.style.height = `${this.#height || panel.getBoundingClientRect().height}px`;
      panel.style.overflow = 'auto';
    }
  }

  /** Fields as they are on a fresh form. */
  #empty(): Values {
    return { text: '', topic: '', email: '', consent: false, kind: this.#port.kind };
  }

  /** The fields as a draft to validate. */
  #input(): Record<string, unknown> {
    const port = this.#port;
    const v = port.values;
    const locale = port.i18n.locale;
    const email = v.email.trim();
    return {
      kind: v.kind && port.kindList.includes(v.kind) ? v.kind : undefined,
      text: v.text,
      topic: v.topic || undefined,
      pageUrl: /^https?:$/.test(location.protocol) ? location.origin + location.pathname : undefined,
      locale: checkLocale(locale) ? undefined : locale,
      // contact goes only with an explicit tick; an email without it is an error, never sent
      contact: email || v.consent ? { email, consent: v.consent } : undefined,
      website: port.honeypot || undefined,
    };
  }

  /** Validates the fields and queues the draft (or shows what to correct). */
  async submit(): Promise<void> {
    const port = this.#port;
    if (port.phase === 'sending') return;
    const checked = validateDraft(this.#input());
    if (!checked.ok) {
      this.#set({ errors: checked.errors, alert: { key: 'fix' } });
      port.focusOn(checked.errors[0].field);
      return;
    }
    this.#set({ errors: [], alert: undefined, note: undefined });
    const draft = checked.value;
    if (!port.emit('voc-submit', draft, { cancelable: true }) || !this.outbox) return;
    this.#set({ phase: 'sending' });
    let item: OutboxItem;
    try {
      item = await this.add(draft);
    } catch (error) {
      this.#set({ phase: 'idle' });
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
    port.save(true);
    await this.flush();
    if ((port.phase as Phase) === 'sending' && this.pending === item.key) this.#queued(item);
  }

  async #remember(item: OutboxItem, result: SubmitResult): Promise<void> {
    const adapter = (await this.#port.getAdapter().catch(() => undefined)) as { site?: string } | undefined;
    await rememberReceipt({
      receipt: result.receipt,
      id: result.id,
      site: adapter?.site ?? this.#port.site ?? '',
      kind: item.draft.kind,
      excerpt: item.draft.text.slice(0, 120),
      createdAt: new Date(item.queuedAt).toISOString(),
    });
  }

  #fail(code: string, message: string, key: Alert['key'], values: Record<string, string | number>, draft?: FeedbackDraft, field?: string) {
    this.#set({ alert: { key, values } });
    this.#port.emit<FormErrorDetail>('voc-error', {
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
      if (port.phase === 'sending') this.#queued(d.item);
    } else if (d.type === 'delivered') {
      const link = receiptLink(d.result.receipt);
      if (!mine) return this.#set({ note: { key: 'earlier', link } });
      this.settle();
      this.#set({ done: { text: d.item.draft.text, link }, phase: 'sent', values: this.#empty() });
      port.emit<SubmittedDetail>('voc-submitted', { key: d.item.key, id: d.result.id, status: d.result.status, draft: d.item.draft });
      port.focusOn('done');
    } else if (d.type === 'failed') {
      // the backend refused it for good: the words go back into the box so the customer can fix and resend
      if (mine) this.settle();
      this.#takeBack(d.item.draft, mine && port.phase === 'sending');
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
      this.#set({ note: { key: 'cancelled' } });
      port.focusOn('text');
    }
  }

  /** Puts a draft that was not sent back into the fields (after words typed since, never over them). */
  #takeBack(draft: FeedbackDraft, replace: boolean): void {
    const now = this.#port.values.text;
    const text = now.trim() && !replace ? `${now}\n\n${draft.text}` : draft.text;
    const values = { kind: draft.kind, text, topic: draft.topic ?? '', email: draft.contact?.email ?? '', consent: !!draft.contact };
    this.#set({ values, phase: 'idle', done: undefined });
    this.#port.save();
  }

  #queued(item: OutboxItem): void {
    this.#set({ done: { text: item.draft.text }, phase: 'queued', values: this.#empty() });
    this.#port.emit<QueuedDetail>('voc-queued', { key: item.key, draft: item.draft });
    this.#port.focusOn('done');
  }
}
