import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { VocElement, type VocErrorDetail } from '@voc-kit/core/element.js';
import { Localizer } from '@voc-kit/core/i18n.js';
import { KINDS, type FeedbackDraft, type Kind, type SubmitResult } from '@voc-kit/protocol/model.js';
import { Outbox, OutboxFullError, type OutboxError, type OutboxEventDetail, type OutboxItem } from '@voc-kit/core/outbox.js';
import { receiptLink, rememberReceipt } from '@voc-kit/core/receipts.js';
import { base } from '@voc-kit/core/tokens.js';
import { TEXT_MAX, checkLocale, textLength, validateDraft, type FieldError } from '@voc-kit/protocol/validation.js';
import { styles } from './feedback-form.styles.js';
import { limitWarning, loaders, strings, type FormStrings } from './strings.js';

/** Detail of `voc-submitted`: the item reached the backend. */
export interface SubmittedDetail {
  /** Idempotency key the item was sent with. */
  key: string;
  id: string;
  status: SubmitResult['status'];
  draft: FeedbackDraft;
}

/** Detail of `voc-queued`: the item waits in this browser's outbox. */
export interface QueuedDetail {
  key: string;
  draft: FeedbackDraft;
}

/** Detail of `voc-error`: the one shape every element fires (`VocErrorDetail` in core); here `action` is `submit`. */
export type FormErrorDetail = VocErrorDetail;

interface Values {
  kind?: Kind;
  text: string;
  topic: string;
  email: string;
  consent: boolean;
}

type Phase = 'idle' | 'sending' | 'queued' | 'sent';
type Alert = { key: 'fix' | 'full' | 'failed' | 'error'; values?: Record<string, string | number> };

// Keys some form on this page sent and is waiting for; other forms leave their outcome alone.
const owned = new Set<string>();
// Outcomes of earlier items already shown by one form on this page.
const claimed = new Set<string>();
const claim = (key: string) => !owned.has(key) && !claimed.has(key) && !!claimed.add(key);

const ICONS: Record<Kind, SVGTemplateResult> = {
  compliment: svg`<path d="M12 20s-7-4.4-9-8.5A5 5 0 0 1 12 6a5 5 0 0 1 9 5.5C19 15.6 12 20 12 20z"></path>`,
  idea: svg`<path d="M9 18h6m-5 3h4M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3z"></path>`,
  complaint: svg`<path d="M12 3 2 20h20L12 3zm0 6v5m0 3v.5"></path>`,
};
const icon = (kind: Kind) => html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS[kind]}</svg>`;

/**
 * A compliment, an idea or a complaint in the customer's own words, with an optional topic and an optional
 * email (sent only with explicit consent). Every submission goes through a lossless outbox in this browser:
 * offline, on errors and across reloads nothing is lost, and it is delivered exactly once.
 *
 * @tagname voc-feedback-form
 * @csspart base - the panel around everything
 * @csspart form - the form
 * @csspart kinds - the group of kinds
 * @csspart kind - one kind choice (label with radio, icon and name)
 * @csspart text - the text area
 * @csspart count - the character count
 * @csspart topic - the topic list
 * @csspart email - the email field
 * @csspart consent - the consent checkbox label
 * @csspart error - the message that says what went wrong and what to do
 * @csspart submit - the send button
 * @csspart done - the thank-you (or saved) panel
 * @csspart receipt-link - the private link to follow the feedback
 * @csspart cancel - "Don't send it" on the saved panel: takes a queued item back into the form
 * @csspart note - a line about items saved on this device (sent, taken back, waiting)
 * @csspart launcher - the floating "Feedback" button (launcher mode)
 * @csspart dialog - the dialog (launcher mode)
 * @csspart close - the dialog's close button
 *
 * @cssprop --voc-feedback-form-background - panel background (default `--voc-color-surface`)
 * @cssprop --voc-feedback-form-border - panel border colour (default `--voc-color-border`)
 * @cssprop --voc-feedback-form-padding - panel padding
 * @cssprop --voc-feedback-form-gap - space between fields
 * @cssprop --voc-feedback-form-max-width - widest the inline form grows (default 36rem)
 * @cssprop --voc-feedback-form-button - send and launcher button colour (default `--voc-color-accent`)
 * @cssprop --voc-feedback-form-launcher-offset - distance of the launcher from the viewport corner (default 1rem)
 *
 * @fires voc-submit - cancelable, before sending; `preventDefault()` stops it; detail: the FeedbackDraft
 * @fires voc-queued - saved in the outbox to be sent later; detail: QueuedDetail
 * @fires voc-submitted - the backend has it; detail: SubmittedDetail
 * @fires voc-error - it could not be sent, or not queued; detail: FormErrorDetail
 */
export class VocFeedbackForm extends VocElement {
  static override styles = [base, styles];
  // private state says `attribute: false` too, which keeps it out of custom-elements.json's attributes
  static override properties: PropertyDeclarations = {
    kind: {},
    kinds: {},
    topics: {},
    launcher: { type: Boolean, reflect: true },
    noContact: { type: Boolean, attribute: 'no-contact' },
    outbox: { attribute: false },
    values: { state: true, attribute: false },
    phase: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    alert: { state: true, attribute: false },
    done: { state: true, attribute: false },
    note: { state: true, attribute: false },
    waiting: { state: true, attribute: false },
    loadedTopics: { state: true, attribute: false },
    open: { state: true, attribute: false },
  };

  /** Kind chosen at first: `compliment`, `idea` or `complaint`. */
  kind?: Kind;

  /** The kinds offered, separated by spaces or commas (default: all three). */
  kinds?: string;

  /** Topics to choose from, comma-separated `slug` or `slug:Title`; without it the adapter's topics are offered. */
  topics?: string;

  /** Shows a floating "Feedback" button that opens the form in a modal dialog. */
  launcher = false;

  /** Hides the optional email and consent fields. */
  noContact = false;

  /** Outbox to queue into (e.g. one with a smaller limit); by default one per backend, shared by every tab. */
  outbox?: Outbox;

  readonly #i18n = new Localizer<FormStrings>(this, strings, loaders);
  private values: Values = { text: '', topic: '', email: '', consent: false };
  private phase: Phase = 'idle';
  private errors: FieldError[] = [];
  private alert?: Alert;
  private done?: { text: string; link?: string };
  private note?: { key: 'earlier' | 'cancelled'; link?: string };
  private waiting = 0;
  private loadedTopics: Array<{ slug: string; title: string }> = [];
  private open = false;
  #box?: Outbox;
  #ownBox = false;
  #pending?: string;
  #restored = false;
  #formHeight = 0;

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog');
  }

  /** Opens the dialog (launcher mode). */
  async show(): Promise<void> {
    // reopening after a thank-you starts a fresh form
    if (this.phase === 'sent' || this.phase === 'queued') {
      this.phase = 'idle';
      this.done = undefined;
    }
    this.open = true;
    await this.updateComplete;
    if (this.#dialog && !this.#dialog.open) this.#dialog.showModal();
    this.#focusStart();
  }

  /** Closes the dialog (launcher mode); focus returns to the launcher. */
  close(): void {
    this.#dialog?.close();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#bind();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unbind();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated && this.kind && !this.values.kind) this.values = { ...this.values, kind: this.kind };
    if (!this.hasUpdated) this.#bind();
    else if (changed.has('endpoint') || changed.has('site') || changed.has('adapter') || changed.has('outbox')) {
      this.#unbind();
      this.#bind();
    }
    if ((changed as PropertyValues).has('phase')) this.#keepHeight();
  }

  /**
   * The thank-you (or saved) panel takes the place of an inline form at the form's height (scrolling inside when
   * the words quoted are longer), so content below the form does not move when it appears; the form comes back at
   * its own height. Set through the CSSOM, which a strict CSP allows.
   */
  #keepHeight(): void {
    const panel = this.renderRoot?.querySelector<HTMLElement>('.panel');
    if (!panel) return;
    const done = this.phase === 'sent' || this.phase === 'queued';
    // the height the customer saw when sending (not a state between two frames that was never painted)
    if (this.phase === 'sending') this.#formHeight = panel.getBoundingClientRect().height;
    if (!done || this.launcher) panel.style.height = panel.style.overflow = '';
    else if (!panel.style.height && panel.querySelector('form')) {
      panel.style.height = `${this.#formHeight || panel.getBoundingClientRect().height}px`;
      panel.style.overflow = 'auto';
    }
  }

  /** Destination of this form's items: the same for every form (and tab) that talks to the same backend. */
  get #destination(): string {
    let where = this.adapter ? 'custom' : 'local';
    try {
      if (this.endpoint) where = `http ${new URL(this.endpoint, location.href).href}`;
    } catch {
      where = `http ${this.endpoint}`;
    }
    return `${where} ${this.site ?? ''}`;
  }

  #bind(): void {
    this.#ownBox = !this.outbox;
    this.#box =
      this.outbox ??
      new Outbox({
        name: this.#destination,
        send: async (draft, key) => {
          // a page without a configured adapter keeps the item queued, and tells its developer why
          const adapter = await this.getAdapter().catch((e) => {
            console.error(e);
            throw e;
          });
          return adapter.submit(draft, key);
        },
        onDelivered: (item, result) => this.#remember(item, result),
      });
    this.#box.addEventListener('change', this.#onOutbox);
    if (this.#pending) owned.add(this.#pending);
    this.#box.start();
    if (!this.#restored) this.#restore();
    void this.#loadTopics();
    void this.#count();
  }

  #unbind(): void {
    // while away from the page, another form may report this item's outcome
    if (this.#pending) owned.delete(this.#pending);
    this.#box?.removeEventListener('change', this.#onOutbox);
    if (this.#ownBox) this.#box?.stop();
    this.#box = undefined;
  }

  async #remember(item: OutboxItem, result: SubmitResult): Promise<void> {
    const adapter = (await this.getAdapter().catch(() => undefined)) as { site?: string } | undefined;
    await rememberReceipt({
      receipt: result.receipt,
      id: result.id,
      site: adapter?.site ?? this.site ?? '',
      kind: item.draft.kind,
      excerpt: item.draft.text.slice(0, 120),
      createdAt: new Date(item.queuedAt).toISOString(),
    });
  }

  async #loadTopics(): Promise<void> {
    if (this.topics !== undefined) return;
    try {
      const list = await (await this.getAdapter()).topics();
      this.loadedTopics = list.map((t) => ({ slug: t.slug, title: t.title }));
    } catch {
      this.loadedTopics = []; // no topics is a valid form: the choice is optional
    }
  }

  get #topicList(): Array<{ slug: string; title: string }> {
    if (this.topics === undefined) return this.loadedTopics;
    return this.topics
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [slug, ...title] = s.split(':');
        return { slug: slug.trim(), title: title.join(':').trim() || slug.trim() };
      });
  }

  get #kindList(): Kind[] {
    const wanted = this.kinds?.split(/[\s,]+/).filter(Boolean);
    const list = KINDS.filter((k) => !wanted?.length || wanted.includes(k));
    return list.length ? list : [...KINDS];
  }

  // ——— what the customer types survives a reload until it is queued ———

  get #storageKey(): string {
    return `voc-draft ${this.#destination} ${this.launcher ? 'launcher' : 'inline'} ${this.id}`;
  }

  #restore(): void {
    this.#restored = true;
    try {
      const saved = JSON.parse(localStorage.getItem(this.#storageKey) ?? 'null') as Values | null;
      if (saved && typeof saved.text === 'string') this.values = { ...this.values, ...saved };
    } catch {
      // storage may be disabled; the form still works
    }
  }

  #save(): void {
    try {
      const v = this.values;
      if (v.text || v.email || v.topic) localStorage.setItem(this.#storageKey, JSON.stringify(v));
      else localStorage.removeItem(this.#storageKey);
    } catch {
      // storage may be full or disabled
    }
  }

  #set(patch: Partial<Values>): void {
    this.values = { ...this.values, ...patch };
    const fields = Object.keys(patch);
    if (this.errors.length) this.errors = this.errors.filter((e) => !fields.includes(e.field));
    this.#save();
  }

  // ——— sending ———

  #draftInput(): Record<string, unknown> {
    const v = this.values;
    const locale = this.#i18n.locale;
    const email = v.email.trim();
    return {
      kind: v.kind && this.#kindList.includes(v.kind) ? v.kind : undefined,
      text: v.text,
      topic: v.topic || undefined,
      pageUrl: /^https?:$/.test(location.protocol) ? location.origin + location.pathname : undefined,
      locale: checkLocale(locale) ? undefined : locale,
      // contact goes only with an explicit tick; an email without it is an error, never sent
      contact: email || v.consent ? { email, consent: v.consent } : undefined,
    };
  }

  async #onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.phase === 'sending') return;
    const checked = validateDraft(this.#draftInput());
    if (!checked.ok) {
      this.errors = checked.errors;
      this.alert = { key: 'fix' };
      await this.updateComplete;
      this.#focusField(checked.errors[0].field);
      return;
    }
    this.errors = [];
    this.alert = undefined;
    this.note = undefined;
    const draft = checked.value;
    if (!this.emit('voc-submit', draft, { cancelable: true }) || !this.#box) return;
    this.phase = 'sending';
    let item: OutboxItem;
    try {
      item = await this.#box.add(draft);
    } catch (error) {
      this.phase = 'idle';
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
    this.#pending = item.key;
    owned.add(item.key);
    try {
      localStorage.removeItem(this.#storageKey);
    } catch {
      // nothing saved then
    }
    await this.#box.flush();
    if (this.phase === 'sending' && this.#pending === item.key) this.#queued(item);
  }

  #fail(code: string, message: string, key: Alert['key'], values: Record<string, string | number>, draft?: FeedbackDraft, field?: string) {
    this.alert = { key, values };
    this.emit<FormErrorDetail>('voc-error', {
      code,
      message,
      action: 'submit',
      reason: this.#i18n.t(key, values),
      ...(field && { field }),
      ...(draft && { draft }),
    });
  }

  #reason(error: OutboxError): string {
    const key = `${error.field}.${error.rule}`;
    return key in strings.en ? this.#i18n.t(key as keyof FormStrings, error.params) : error.message;
  }

  readonly #onOutbox = (e: Event): void => {
    const d = (e as CustomEvent<OutboxEventDetail>).detail;
    const mine = d.item.key === this.#pending;
    // an outbox passed in has no onDelivered of ours: remember the receipt here (it is idempotent)
    if (d.type === 'delivered' && !this.#ownBox) void this.#remember(d.item, d.result);
    void this.#count();
    if (!mine && (d.type === 'retry' || d.type === 'queued' || d.type === 'cancelled' || !claim(d.item.key))) return;
    if (d.type === 'retry') {
      if (this.phase === 'sending') this.#queued(d.item);
    } else if (d.type === 'delivered') {
      const link = receiptLink(d.result.receipt);
      if (!mine) {
        this.note = { key: 'earlier', link };
        return;
      }
      this.#settle();
      this.done = { text: d.item.draft.text, link };
      this.phase = 'sent';
      this.values = this.#empty();
      this.emit<SubmittedDetail>('voc-submitted', { key: d.item.key, id: d.result.id, status: d.result.status, draft: d.item.draft });
      void this.#focusDone();
    } else if (d.type === 'failed') {
      // the backend refused it for good: the words go back into the box so the customer can fix and resend
      if (mine) this.#settle();
      this.#takeBack(d.item.draft, mine && this.phase === 'sending');
      this.#fail(d.error.code, d.error.message, 'failed', { reason: this.#reason(d.error) }, d.item.draft, d.error.field);
    } else if (d.type === 'cancelled') {
      this.#settle();
      this.#takeBack(d.item.draft, true);
      this.note = { key: 'cancelled' };
      void this.updateComplete.then(() => this.#focusField('text'));
    }
  };

  /** Puts a draft that was not sent back into the fields (after words typed since, never over them). */
  #takeBack(draft: FeedbackDraft, replace: boolean): void {
    const text = this.values.text.trim() && !replace ? `${this.values.text}\n\n${draft.text}` : draft.text;
    this.values = { kind: draft.kind, text, topic: draft.topic ?? '', email: draft.contact?.email ?? '', consent: !!draft.contact };
    this.#save();
    this.phase = 'idle';
    this.done = undefined;
  }

  /** The customer changed their mind about a queued item. */
  async #cancelQueued(): Promise<void> {
    // when it was delivered meanwhile, the thank-you arrives instead
    if (this.#pending) await this.#box?.cancel(this.#pending);
  }

  /** Items waiting in this browser, besides the one this form is sending (the button and the panels speak for it). */
  async #count(): Promise<void> {
    const items = (await this.#box?.pending().catch(() => [])) ?? [];
    this.waiting = items.filter((i) => i.key !== this.#pending).length;
  }

  #settle(): void {
    if (this.#pending) owned.delete(this.#pending);
    this.#pending = undefined;
  }

  #queued(item: OutboxItem): void {
    this.done = { text: item.draft.text };
    this.phase = 'queued';
    this.values = this.#empty();
    this.emit<QueuedDetail>('voc-queued', { key: item.key, draft: item.draft });
    void this.#focusDone();
  }

  #empty(): Values {
    return { text: '', topic: '', email: '', consent: false, kind: this.kind };
  }

  async #reset(): Promise<void> {
    // an item still queued is reported by a notice from now on, so new words are never replaced by its thank-you
    this.#settle();
    void this.#count();
    this.phase = 'idle';
    this.done = undefined;
    this.alert = undefined;
    this.note = undefined;
    this.values = this.#empty();
    await this.updateComplete;
    this.#focusStart();
  }

  // ——— focus ———

  async #focusDone(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
  }

  #focusStart(): void {
    this.#focusField(this.values.kind ? 'text' : 'kind');
  }

  #focusField(field: string): void {
    const root = this.renderRoot;
    const el =
      field === 'kind'
        ? (root.querySelector<HTMLInputElement>('input[name=kind]:checked') ?? root.querySelector<HTMLInputElement>('input[name=kind]'))
        : root.querySelector<HTMLElement>(`#${field}`);
    el?.focus();
  }

  #onClose(): void {
    if (this.#dialog?.open) return; // reopened before this (asynchronous) close event arrived
    this.open = false;

    this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  }

  /** Keeps Tab and Shift+Tab inside the open dialog. */
  #onDialogKey(e: KeyboardEvent): void {
    if (e.key !== 'Tab' || !this.#dialog) return;
    const list = [...this.#dialog.querySelectorAll<HTMLElement>('a[href],button,input:not([type=radio]),select,textarea')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
    );
    const active = (this.renderRoot as ShadowRoot).activeElement;
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

  // ——— render ———

  #error(field: string): FieldError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  #message(field: string): TemplateResult | typeof nothing {
    const e = this.#error(field);
    if (!e) return nothing;
    const key = `${e.field}.${e.rule}`;
    const text = key in strings.en ? this.#i18n.t(key as keyof FormStrings, e.params) : this.#i18n.t('invalid');
    return html`<p class="invalid" id="${field}-error">${text}</p>`;
  }

  #describedBy(...ids: string[]): string {
    return ids.filter((id) => !id.endsWith('-error') || this.#error(id.slice(0, -6))).join(' ');
  }

  #renderDone(): TemplateResult {
    const i = this.#i18n;
    const sent = this.phase === 'sent';
    return html`<div class="field" part="done">
      <h2 id="done" tabindex="-1">${i.t(sent ? 'sentTitle' : 'queuedTitle')}</h2>
      <p>${i.t(sent ? 'sent' : 'queued')}</p>
      ${sent && this.done?.link ? html`<p><a part="receipt-link" href=${this.done.link}>${i.t('link')}</a></p>` : nothing}
      <p>${i.t('youSaid')}</p>
      <blockquote>${this.done?.text}</blockquote>
      <button type="button" @click=${this.#reset}>${i.t('another')}</button>
      ${sent ? nothing : html`<button type="button" part="cancel" @click=${this.#cancelQueued}>${i.t('cancel')}</button>`}
    </div>`;
  }

  #renderForm(): TemplateResult {
    const i = this.#i18n;
    const v = this.values;
    const length = textLength(v.text.trim());
    const topics = this.#topicList;
    const sending = this.phase === 'sending';
    const invalid = (field: string) => (this.#error(field) ? 'true' : 'false');
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      <fieldset part="kinds" aria-describedby=${this.#describedBy('kind-error') || nothing}>
        <legend>${i.t('legend')}</legend>
        <div class="kinds">
          ${this.#kindList.map(
            (k) =>
              html`<label class="kind ${k}" part="kind">
                <input
                  type="radio"
                  name="kind"
                  value=${k}
                  .checked=${v.kind === k}
                  aria-invalid=${invalid('kind')}
                  @change=${() => this.#set({ kind: k })}
                />
                ${icon(k)}<span>${i.t(k)}</span>
              </label>`,
          )}
        </div>
        ${this.#message('kind')}
      </fieldset>
      <div class="field">
        <label for="text">${i.t('text')}</label>
        <textarea
          id="text"
          part="text"
          .value=${v.text}
          aria-invalid=${invalid('text')}
          aria-describedby=${this.#describedBy('count', 'text-error')}
          @input=${(e: Event) => this.#set({ text: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        <span id="count" class="count ${length > TEXT_MAX ? 'over' : ''}" part="count"
          >${i.t('count', { n: i.number(length), max: i.number(TEXT_MAX) })}</span
        >
        <span class="count-warning" part="count-warning" aria-live="polite">${limitWarning(i, length, TEXT_MAX)}</span>
        ${this.#message('text')}
      </div>
      ${
        topics.length
          ? html`<div class="field">
              <label for="topic">${i.t('topic')}</label>
              <select
                id="topic"
                part="topic"
                aria-invalid=${invalid('topic')}
                aria-describedby=${this.#describedBy('topic-error') || nothing}
                @change=${(e: Event) => this.#set({ topic: (e.target as HTMLSelectElement).value })}
              >
                <option value="" ?selected=${!v.topic}>${i.t('noTopic')}</option>
                ${topics.map((t) => html`<option value=${t.slug} ?selected=${v.topic === t.slug}>${t.title}</option>`)}
              </select>
              ${this.#message('topic')}
            </div>`
          : nothing
      }
      ${
        this.noContact
          ? nothing
          : html`<div class="field">
              <label for="email">${i.t('email')}</label>
              <input
                id="email"
                part="email"
                type="email"
                autocomplete="email"
                .value=${v.email}
                aria-invalid=${invalid('email')}
                aria-describedby=${this.#describedBy('email-error', 'consent-error') || nothing}
                @input=${(e: Event) => this.#set({ email: (e.target as HTMLInputElement).value })}
              />
              <label class="consent" part="consent">
                <input
                  id="consent"
                  type="checkbox"
                  .checked=${v.consent}
                  aria-invalid=${invalid('consent')}
                  aria-describedby=${this.#describedBy('consent-error') || nothing}
                  @change=${(e: Event) => this.#set({ consent: (e.target as HTMLInputElement).checked })}
                />
                <span>${i.t('consent')}</span>
              </label>
              ${this.#message('email')}${this.#message('consent')}
            </div>`
      }
      <div class="alert" part="error" role="alert">${this.alert ? i.t(this.alert.key, this.alert.values) : nothing}</div>
      ${
        this.note
          ? html`<p part="note">
              ${i.t(this.note.key)} ${this.note.link ? html`<a part="receipt-link" href=${this.note.link}>${i.t('link')}</a>` : nothing}
            </p>`
          : nothing
      }
      ${this.waiting ? html`<p part="note">${i.plural('waiting', this.waiting)}</p>` : nothing}
      <button class="primary" part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
        ${i.t(sending ? 'sending' : 'submit')}
      </button>
    </form>`;
  }

  override render(): TemplateResult {
    const i = this.#i18n;
    const body = this.phase === 'sent' || this.phase === 'queued' ? this.#renderDone() : this.#renderForm();
    const status = { idle: '', sending: i.t('sending'), queued: i.t('queued'), sent: i.t('sentTitle') }[this.phase];
    const announce = html`<div class="visually-hidden" role="status">${status}</div>`;
    if (!this.launcher) return html`<div part="base" class="panel" dir=${i.dir} lang=${i.language}>${body}${announce}</div>`;
    return html`<div dir=${i.dir} lang=${i.language}>
      <button
        part="launcher"
        class="launcher"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        @click=${this.show}
      >
        ${icon('compliment')}${i.t('launcher')}
      </button>
      <dialog part="dialog" aria-labelledby="title" @close=${this.#onClose} @keydown=${this.#onDialogKey}>
        ${
          this.open
            ? html`<div part="base" class="panel">
                <div class="head">
                  <h2 id="title">${i.t('launcher')}</h2>
                  <button part="close" class="close" type="button" @click=${this.close}>${i.t('close')}</button>
                </div>
                ${body}${announce}
              </div>`
            : nothing
        }
      </dialog>
    </div>`;
  }
}
