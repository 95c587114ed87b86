import { css, html, nothing, type CSSResult, type PropertyDeclarations, type TemplateResult } from 'lit';
import { VocElement, type VocErrorDetail } from '@voc-kit/core/element.js';
import { BaseLocalizer } from '@voc-kit/core/base-localizer.js';
import { TEXT_MAX, textLength } from '@voc-kit/protocol/text-length.js';
import { KINDS, type Kind } from '@voc-kit/protocol/kinds.js';
import type { FeedbackDraft, SubmitResult } from '@voc-kit/protocol/model.js';
import type { Outbox } from '@voc-kit/core/outbox.js';
import type { FieldError } from '@voc-kit/protocol/validation.js';
import type * as Sending from './sending.js';
import type * as Dialog from './dialog.js';
import { base } from '@voc-kit/core/tokens.js';
import { styles } from './feedback-form.styles.js';
import { loaders, strings, type FormStrings } from './strings.js';

import type { Alert, FormPort, FormSender, Phase, Topic, Values } from './sending.js';

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

// each kind's icon: the path of a 24 × 24 stroke drawing
const ICONS: Record<Kind, string> = {
  compliment: 'M12 20s-7-4.4-9-8.5A5 5 0 0 1 12 6a5 5 0 0 1 9 5.5C19 15.6 12 20 12 20z',
  idea: 'M9 18h6m-5 3h4M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3z',
  complaint: 'M12 3 2 20h20L12 3zm0 6v5m0 3v.5',
};
const icon = (kind: Kind) => html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${ICONS[kind]}></path></svg>`;

// The styles of what loads later (the launcher's dialog, what sending shows) join one sheet that every form adopts
// from the start, so they reach every form when their module arrives. Through the CSSOM, which a strict CSP allows.
const later = css``;
let laterText = '';
const addStyles = (s: CSSResult) => {
  if (!laterText.includes(s.cssText)) later.styleSheet?.replaceSync((laterText += s.cssText));
};

/** The launcher's dialog module, loading or here: a launcher form loads it before its first render. */
let dialog: Promise<typeof Dialog | void> | undefined;

/**
 * A compliment, an idea or a complaint in the customer's own words, with an optional topic and an optional
 * email (sent only with explicit consent). Every submission goes through a lossless outbox in this browser:
 * offline, on errors and across reloads nothing is lost, and it is delivered exactly once.
 *
 * @tagname voc-feedback-form
 * @csspart base - the panel around everything (inline, or inside the dialog)
 * @csspart kind - one kind choice: label with radio, icon and name
 * @csspart field - a field the customer fills in: the text area, the topic list, the email field
 * @csspart button - every button but the launcher: send, close, send more, don't send it
 * @csspart message - what the form tells the customer: what went wrong, a field's error, the limit warning, a note about items saved on this device
 * @csspart launcher - the floating "Feedback" button (launcher mode)
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
  static override styles = [base, styles, later];
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
    loadedTopics: { state: true, attribute: false },
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

  /** @internal */
  protected readonly i18n = new BaseLocalizer<FormStrings>(this, strings, loaders);
  private values: Values = { text: '', topic: '', email: '', consent: false };
  private phase: Phase = 'idle';
  private errors: FieldError[] = [];
  private alert?: Alert;
  private done?: { text: string; link?: string };
  private note?: { key: 'earlier' | 'cancelled'; link?: string };
  private loadedTopics: Topic[] = [];
  #sending?: Promise<FormSender>;
  #sender?: FormSender;
  /** The sending module, once here: it also draws what only sending shows (thank-you, messages, notes). */
  #outcome?: typeof Sending;
  /** The launcher's button and dialog (launcher mode, once its module is here). */
  #launcher?: Dialog.Launcher;
  /** @internal The honeypot field's value (people leave it empty). */
  protected honeypot = '';

  /** Opens the dialog (launcher mode). */
  show(): Promise<void> {
    return this.#launcher?.show() ?? this.updateComplete.then(() => this.#launcher?.show());
  }

  /** Closes the dialog (launcher mode); focus returns to the launcher. */
  close(): void {
    this.#launcher?.close();
  }

  /** A launcher form renders once its dialog is here (a failed load renders nothing, and the next update tries again). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.launcher || this.#launcher) return super.scheduleUpdate();
    dialog ??= import('./dialog.js').then(
      // its English strings join the table (a page's own `en` strings, added before, still win), its styles the sheet
      (m) => ((strings.en = { ...m.dialogStrings, ...strings.en }), addStyles(m.dialogStyles), m),
      () => (dialog = undefined),
    );
    return dialog.then((m) => {
      if (m) this.#launcher = new m.Launcher(this as unknown as FormPort, icon('compliment'));
      super.scheduleUpdate();
    });
  }

  protected override willUpdate(): void {
    if (!this.hasUpdated) {
      if (this.kind && !this.values.kind) this.values = { ...this.values, kind: this.kind };
      this.#restore();
    }
  }

  protected override firstUpdated(): void {
    // an item an earlier visit left in the outbox is delivered on load, without waiting for the customer
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    idle(() => void this.#machinery().catch(() => {}), { timeout: 2000 });
  }

  /** Loads the sending machinery once (again after a failed load) and binds this form to its outbox. */
  #machinery(): Promise<FormSender> {
    this.#sending ??= import('./sending.js').then(
      (m) => (this.#sender = (this.#outcome = m).attach(this as unknown as FormPort, strings, addStyles)),
      (error: unknown) => {
        this.#sending = undefined;
        throw error;
      },
    );
    return this.#sending;
  }

  /**
   * @internal Moves focus (after the pending render, if any) to a field (`kind`, `text`…), the thank-you heading
   * (`done`) or where the customer starts (`start`).
   */
  protected focusOn(target: string): void {
    if (this.isUpdatePending) void this.updateComplete.then(() => this.#focusField(target));
    else this.#focusField(target);
  }

  // `updateComplete` waits for it: what the customer did next shows with what it loads (the length warning)
  readonly #warm = (): void => void (this.#sender || this.track(this.#machinery()).catch(() => {}));

  /**
   * Any field changed (its `input` event, caught on the way down): keeps the field's value (named as in `Values`;
   * the honeypot's apart, which people never fill) and loads the sending machinery.
   */
  readonly #onInput = {
    capture: true,
    handleEvent: (e: Event): void => {
      const field = e.target as HTMLInputElement;
      if (field.name === 'website') this.honeypot = field.value;
      else this.#set({ [field.name]: field.type === 'checkbox' ? field.checked : field.value } as Partial<Values>);
      this.#warm();
    },
  };

  /** @internal Destination of this form's items: the same for every form (and tab) that talks to the same backend. */
  protected get destination(): string {
    let where = this.adapter ? 'custom' : 'local';
    try {
      if (this.endpoint) where = `http ${new URL(this.endpoint, location.href).href}`;
    } catch {
      where = `http ${this.endpoint}`;
    }
    return `${where} ${this.site ?? ''}`;
  }

  get #topicList(): Topic[] {
    if (this.topics === undefined) return this.loadedTopics;
    return this.topics
      .split(',')
      .filter((s) => s.trim())
      .map((s) => {
        const [slug, ...title] = s.split(':');
        return { slug: slug.trim(), title: title.join(':').trim() || slug.trim() };
      });
  }

  /** @internal The kinds the form offers. */
  protected get kindList(): Kind[] {
    const list = KINDS.filter((k) => this.kinds?.split(/[\s,]+/).includes(k));
    return list.length ? list : [...KINDS];
  }

  // ——— what the customer types survives a reload until it is queued ———

  get #storageKey(): string {
    return `voc-draft ${this.destination} ${this.launcher ? 'launcher' : 'inline'} ${this.id}`;
  }

  #restore(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(this.#storageKey) ?? 'null') as Values | null;
      if (saved && typeof saved.text === 'string') this.values = { ...this.values, ...saved };
    } catch {
      // storage may be disabled; the form still works
    }
  }

  /** @internal Keeps the fields for a reload (nothing to keep when they are empty), or forgets them (`forget`: queued). */
  protected save(forget = false): void {
    try {
      const v = this.values;
      if (!forget && (v.text || v.email || v.topic)) localStorage.setItem(this.#storageKey, JSON.stringify(v));
      else localStorage.removeItem(this.#storageKey);
    } catch {
      // storage may be full or disabled
    }
  }

  #set(patch: Partial<Values>): void {
    this.values = { ...this.values, ...patch };
    const fields = Object.keys(patch);
    if (this.errors.length) this.errors = this.errors.filter((e) => !fields.includes(e.field));
    this.save();
  }

  // ——— sending ———

  async #onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    try {
      await (await this.#machinery()).submit();
    } catch (error) {
      // the sending machinery could not load (offline before it ever did): the words stay in the box and on disk
      const reason = String((error as Error).message);
      this.alert = { key: 'error', values: { reason } };
      this.emit<FormErrorDetail>('voc-error', {
        code: 'unknown',
        message: reason,
        action: 'submit',
        reason: this.i18n.t('error', { reason }),
      });
    }
  }

  // ——— focus ———

  /** Focuses a field (`kind`, `text`…), the thank-you heading (`done`) or where the customer starts (`start`). */
  #focusField(field: string): void {
    const root = this.renderRoot;
    if (field === 'start') field = this.values.kind ? 'text' : 'kind';
    const el =
      field === 'kind'
        ? (root.querySelector<HTMLInputElement>('input[name=kind]:checked') ?? root.querySelector<HTMLInputElement>('input[name=kind]'))
        : root.querySelector<HTMLElement>(`#${field}`);
    el?.focus();
  }

  // ——— render ———

  #error(field: string): FieldError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  // errors, notes and the thank-you come only from the sending machinery, which draws them
  #message(field: string): TemplateResult | typeof nothing {
    return this.#outcome?.fieldMessage(this.i18n, this.#error(field)) ?? nothing;
  }

  #describedBy(...ids: string[]): string {
    return ids.filter((id) => !id.endsWith('-error') || this.#error(id.slice(0, -6))).join(' ');
  }

  #renderDone(): TemplateResult {
    return this.#outcome!.donePanel(this.i18n, this.phase === 'sent', this.done, this.#sender!);
  }

  #renderForm(): TemplateResult {
    const i = this.i18n;
    const v = this.values;
    const length = textLength(v.text.trim());
    const topics = this.#topicList;
    const sending = this.phase === 'sending';
    // aria-invalid and aria-disabled: Lit writes `true` and `false` as those words
    const invalid = (field: string) => !!this.#error(field);
    return html`<form novalidate @submit=${this.#onSubmit} @input=${this.#onInput} @focusin=${this.#warm} @pointerover=${this.#warm}>
      <fieldset aria-describedby=${this.#describedBy('kind-error') || nothing}>
        <legend>${i.t('legend')}</legend>
        <div class="kinds">
          ${this.kindList.map(
            (k) =>
              html`<label class="kind ${k}" part="kind">
                <input type="radio" name="kind" value=${k} .checked=${v.kind === k} aria-invalid=${invalid('kind')} />
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
          name="text"
          part="field"
          .value=${v.text}
          aria-invalid=${invalid('text')}
          aria-describedby=${this.#describedBy('count', 'text-error')}
        ></textarea>
        <span id="count" class="count ${length > TEXT_MAX ? 'over' : ''}"
          >${i.t('count', { n: i.number(length), max: i.number(TEXT_MAX) })}</span
        >
        <span part="message" aria-live="polite">${this.#outcome?.limitWarning(i, length, TEXT_MAX)}</span>
        ${this.#message('text')}
      </div>
      ${
        topics.length
          ? html`<div class="field">
              <label for="topic">${i.t('topic')}</label>
              <select
                id="topic"
                name="topic"
                part="field"
                aria-invalid=${invalid('topic')}
                aria-describedby=${this.#describedBy('topic-error') || nothing}
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
                name="email"
                part="field"
                type="email"
                autocomplete="email"
                .value=${v.email}
                aria-invalid=${invalid('email')}
                aria-describedby=${this.#describedBy('email-error', 'consent-error') || nothing}
              />
              <label class="consent">
                <input
                  id="consent"
                  name="consent"
                  type="checkbox"
                  .checked=${v.consent}
                  aria-invalid=${invalid('consent')}
                  aria-describedby=${this.#describedBy('consent-error') || nothing}
                />
                <span>${i.t('consent')}</span>
              </label>
              ${this.#message('email')}${this.#message('consent')}
            </div>`
      }
      <div class="alert" part="message" role="alert">${this.alert ? i.t(this.alert.key, this.alert.values) : nothing}</div>
      ${this.#outcome?.notes(i, this.note, this.#sender?.waiting ?? 0)}
      <div class="visually-hidden" aria-hidden="true">
        <input name="website" tabindex="-1" autocomplete="off" aria-label="website" />
      </div>
      <button class="primary" part="button" type="submit" aria-disabled=${sending}>${i.t(sending ? 'sending' : 'submit')}</button>
    </form>`;
  }

  override render(): TemplateResult | typeof nothing {
    const i = this.i18n;
    const body = this.phase === 'sent' || this.phase === 'queued' ? this.#renderDone() : this.#renderForm();
    const phase = this.phase;
    const status = phase === 'idle' ? '' : i.t(phase === 'sending' ? 'sending' : phase === 'sent' ? 'sentTitle' : 'queued');
    const announce = html`<div class="visually-hidden" role="status">${status}</div>`;
    if (!this.launcher) return html`<div part="base" class="panel" dir=${i.dir} lang=${i.language}>${body}${announce}</div>`;
    return this.#launcher?.render(html`${body}${announce}`) ?? nothing;
  }
}
