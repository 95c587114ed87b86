import { css, html, nothing, type TemplateResult } from 'lit';
import {
  Load,
  VocError,
  forgetReceipt,
  rememberReceipt,
  rememberedReceipts,
  type RememberedReceipt,
  type Thread,
  type Topic,
} from '@voc-kit/core';
import type { Host } from './status-feed.js';
import type { StatusFeedStrings } from './strings.js';

type Key = keyof StatusFeedStrings;

/** The thread's strings in English: they join the element's table when the thread loads. */
export const en = {
  mine: 'Your feedback',
  mineList: 'Feedback you sent from this browser',
  'kind.compliment': 'Compliment',
  'kind.idea': 'Idea',
  'kind.complaint': 'Complaint',
  sent: 'Sent {date}',
  'fs.received': 'Received',
  'fs.pending': 'Awaiting review',
  'fs.heard': 'Heard',
  'fs.replied': 'Answered',
  'fs.resolved': 'Resolved',
  'fs.reopened': 'Not resolved yet',
  'fs.hidden': 'Hidden',
  'fs.withdrawn': 'Deleted',
  statusIs: 'Status: {status}',
  replies: 'Replies',
  teamReplied: 'The team replied',
  authorReplied: '{author} replied',
  youResolved: 'You said it is resolved',
  youReopened: 'You said it is not resolved yet',
  noReply: 'No reply yet. The team will answer here.',
  topicIs: 'Topic: {title} ({status})',
  question: 'Is this resolved for you?',
  comment: 'Comment (optional)',
  yes: 'Resolved',
  no: 'Not resolved yet',
  isResolved: 'You confirmed this is resolved.',
  reopen: 'Not resolved after all',
  thanksYes: 'Thank you for confirming.',
  thanksNo: 'Thank you. The team will look at it again.',
  newReply: 'New reply to your feedback',
  forget: 'Forget on this browser',
  forgotten: 'This browser no longer remembers that feedback.',
  withdraw: 'Delete my feedback',
  withdrawAsk: 'Delete this feedback and every reply for good?',
  withdrawYes: 'Yes, delete',
  withdrawNo: 'Keep it',
  withdrawn: 'Your feedback was deleted.',
  notFound: 'Nothing was found for this link. It may be mistyped, expired or deleted.',
};

/** The thread's own styles, adopted by the element when the thread loads (the feed's styles apply too). */
export const styles = css`
  blockquote {
    margin: 0;
    padding-inline-start: var(--_voc-space);
    border-inline-start: 3px solid var(--_voc-border);
  }
  .kind[data-kind='compliment'] {
    color: var(--_voc-compliment);
  }
  .kind[data-kind='idea'] {
    color: var(--_voc-idea);
  }
  .kind[data-kind='complaint'] {
    color: var(--_voc-complaint);
  }
  .entries .confirmation {
    color: var(--_voc-muted);
  }
  .thread {
    display: grid;
    gap: var(--_voc-space);
  }
  button.danger {
    color: var(--_voc-danger);
    border-color: currentColor;
  }
  button.link {
    border: 0;
    padding: 0;
    text-align: start;
    text-decoration: underline;
    color: var(--_voc-accent);
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  .mine {
    display: grid;
    gap: calc(var(--_voc-space) / 2);
  }
  .entries {
    display: grid;
    gap: var(--_voc-space);
    border-inline-start: 2px solid var(--_voc-border);
    padding-inline-start: calc(var(--_voc-space) * 1.5);
  }
  .notice:empty {
    display: none;
  }
  .confirm {
    display: grid;
    gap: var(--_voc-space);
  }
`;

/**
 * The customer's own thread: their words, every reply, the status, and what they can do about it (confirm,
 * reopen, forget, delete). A separate module, loaded only when this browser holds a receipt.
 */
export class ThreadView {
  /** The open thread, or `not-found`; `idle` while none is open. A new load aborts the one before. */
  #load: Load<Thread | 'not-found' | undefined, [receipt: string, remember: boolean, quiet: boolean]>;
  /** The current load refreshes what is shown, without a loading state. */
  #quiet = false;
  /** What a customer action that failed says (a failed load says its own). */
  #error = '';
  #notice = '';
  #ask = false;
  #busy = false;
  mine: RememberedReceipt[] = [];
  /** The receipt of the open thread: kept here only, never rendered. */
  receipt?: string;

  constructor(private readonly h: Host) {
    this.#load = new Load(
      h,
      (signal, ...args) => this.#fetch(signal, ...args),
      (error) => h.fail(error, 'thread'),
    );
  }

  /** Lets go of the element (another backend gets a new view). */
  dispose(): void {
    this.#load.abort();
    this.h.removeController(this.#load);
  }

  get #thread(): Thread | undefined {
    const value = this.#load.value;
    return this.#load.status === 'idle' || value === 'not-found' ? undefined : value;
  }

  set #thread(thread: Thread | undefined) {
    this.#load.value = thread;
  }

  get #state(): 'none' | 'loading' | 'ready' | 'not-found' | 'error' {
    const { status, value } = this.#load;
    if (status === 'idle' || status === 'error') return status === 'idle' ? 'none' : 'error';
    if (status === 'loading' && !this.#quiet) return 'loading';
    return value === 'not-found' ? 'not-found' : 'ready';
  }

  /** Id of the open feedback, for live `thread` events. */
  get id(): string | undefined {
    return this.#thread?.feedback.id;
  }

  /** Opens the receipt from the link (remembering it), else the newest one this browser remembers. */
  async begin(fromLink: string | undefined): Promise<void> {
    this.mine = await rememberedReceipts(this.h.siteKey).catch(() => []);
    const receipt = fromLink ?? this.mine[0]?.receipt;
    if (receipt) await this.open(receipt, fromLink !== undefined);
    else this.h.requestUpdate();
  }

  /** Shows the thread of an item a form on this page just sent, once the form has remembered it. */
  async adopt(id: string): Promise<void> {
    for (let tries = 0; tries < 20; tries++) {
      const mine = await rememberedReceipts(this.h.siteKey).catch(() => []);
      const found = mine.find((m) => m.id === id);
      if (found) {
        this.mine = mine;
        this.#notice = '';
        return this.open(found.receipt, false);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Reloads the open thread without a loading state (a live event, a timer, the tab shown again). */
  refresh(): void {
    if (this.receipt && this.#state === 'ready') void this.open(this.receipt, false, true);
  }

  /** A topic changed live: the thread shows its new status. */
  topic(topic: Topic): void {
    if (this.#thread?.topic?.slug !== topic.slug) return;
    this.#thread = { ...this.#thread, topic };
    this.h.requestUpdate();
  }

  /** Loads a thread; `remember` keeps its receipt in this browser; `quiet` refreshes without a loading state. */
  async open(receipt: string, remember: boolean, quiet = false): Promise<void> {
    await this.#load.run(receipt, remember, quiet);
  }

  async #fetch(signal: AbortSignal, receipt: string, remember: boolean, quiet: boolean): Promise<Thread | 'not-found' | undefined> {
    const shown = this.#thread;
    this.receipt = receipt;
    this.#quiet = quiet;
    if (!quiet) {
      this.#thread = undefined;
      this.#ask = false;
    }
    try {
      const thread = await this.h.api!.thread(receipt);
      if (signal.aborted) return thread;
      this.#error = '';
      const last = thread.entries[thread.entries.length - 1];
      if (quiet && shown && thread.entries.length > shown.entries.length && last?.type === 'reply') this.#notice = this.h.t('newReply');
      if (remember && !this.mine.some((m) => m.receipt === receipt)) {
        const f = thread.feedback;
        const entry = {
          receipt,
          id: f.id,
          site: this.h.siteKey,
          kind: f.kind,
          excerpt: [...f.text].slice(0, 80).join(''),
          createdAt: f.createdAt,
        };
        this.mine = [entry, ...this.mine];
        await rememberReceipt(entry).catch(() => undefined);
      }
      return thread;
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof VocError && error.code === 'not_found') {
        // a wrong, expired or withdrawn receipt: say so, reveal nothing, and stop remembering it
        this.receipt = undefined;
        if (this.mine.some((m) => m.receipt === receipt)) {
          this.mine = this.mine.filter((m) => m.receipt !== receipt);
          await forgetReceipt(this.h.siteKey, receipt).catch(() => undefined);
        }
        return 'not-found';
      }
      // a failed background refresh keeps what is shown; the next one may succeed
      if (quiet) return shown;
      throw error;
    }
  }

  /** Runs one customer action at a time; with `action`, a failure is shown in the thread and reported. */
  #act(task: () => Promise<void>, action?: 'confirm' | 'withdraw'): void {
    if (this.#busy || !this.receipt) return;
    this.#busy = true;
    const run = action
      ? task().catch((error) => {
          this.#error = this.h.errorText(error);
          this.h.fail(error, action);
          this.h.requestUpdate();
        })
      : task();
    void this.h.track(run.finally(() => (this.#busy = false)));
  }

  #confirm(resolved: boolean): void {
    this.#act(async () => {
      const box = this.h.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name=comment]');
      const comment = box?.value.trim();
      const thread = (this.#thread = await this.h.api!.confirm(this.receipt!, { resolved, ...(comment && { comment }) }));
      if (box) box.value = '';
      this.#error = '';
      this.#notice = this.h.t(resolved ? 'thanksYes' : 'thanksNo');
      this.h.emit('voc-confirmed', { id: thread.feedback.id, resolved });
      await this.#focusNotice();
    }, 'confirm');
  }

  #withdraw(): void {
    const id = this.#thread?.feedback.id;
    this.#act(async () => {
      await this.h.api!.withdraw(this.receipt!);
      await this.#forget(this.receipt!);
      this.#notice = this.h.t('withdrawn');
      this.h.emit('voc-withdrawn', { id });
      await this.#focusNotice();
    }, 'withdraw');
  }

  #onForget(): void {
    this.#act(async () => {
      await this.#forget(this.receipt!);
      this.#notice = this.h.t('forgotten');
      await this.#focusNotice();
    });
  }

  async #forget(receipt: string): Promise<void> {
    this.mine = this.mine.filter((m) => m.receipt !== receipt);
    this.#load.abort();
    this.#load.status = 'idle';
    this.#thread = undefined;
    this.receipt = undefined;
    this.#ask = false;
    await forgetReceipt(this.h.siteKey, receipt).catch(() => undefined);
  }

  async #focusNotice(): Promise<void> {
    this.h.requestUpdate();
    await this.h.rendered();
    this.h.renderRoot.querySelector<HTMLElement>('.notice')?.focus();
  }

  #setAsk(ask: boolean): void {
    this.#ask = ask;
    this.h.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    if (this.#state === 'none' && this.mine.length === 0 && !this.#notice) return nothing;
    const { h } = this;
    const t = h.t.bind(h);
    const open = this.#thread?.feedback.id;
    const others = this.mine.filter((m) => m.id !== open);
    return html`<section part="thread" class="thread" aria-labelledby="thread-heading">
      <div role="heading" aria-level=${this.h.level()} id="thread-heading" class="h2">${t('mine')}</div>
      <p class="notice" role="status" tabindex="-1">${this.#notice}</p>
      ${this.#body()}
      ${
        others.length
          ? html`<ul class="mine" aria-label=${t('mineList')}>
              ${others.map(
                (m) =>
                  html`<li>
                    <button part="button" class="link" @click=${() => ((this.#notice = ''), this.open(m.receipt, false))}>
                      ${t(`kind.${m.kind}` as Key)} · ${h.date(m.createdAt)} · “${m.excerpt}”
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </section>`;
  }

  #body() {
    const t = this.h.t.bind(this.h);
    switch (this.#state) {
      case 'loading':
        return html`<p class="muted" aria-busy="true">${t('loading')}</p>`;
      case 'not-found':
        return html`<p class="error" role="alert">${t('notFound')}</p>`;
      case 'error':
        return html`<div class="error" role="alert">
          <p>${this.h.errorText(this.#load.error)}</p>
          <button part="button" @click=${() => this.receipt && this.open(this.receipt, false)}>${t('retry')}</button>
        </div>`;
      case 'ready':
        return this.#thread ? this.#own(this.#thread) : nothing;
      default:
        return nothing;
    }
  }

  #own(thread: Thread) {
    const { h } = this;
    const t = h.t.bind(h);
    const when = h.when.bind(h);
    const f = thread.feedback;
    const resolved = f.status === 'resolved';
    return html`<article class="own" aria-label=${t(`kind.${f.kind}`)}>
        <p class="meta">
          <span class="kind" data-kind=${f.kind}>${t(`kind.${f.kind}`)}</span> · ${t('sent', { date: this.h.date(f.createdAt) })} ·
          <strong>${t('statusIs', { status: t(`fs.${f.status}` as Key) })}</strong>
        </p>
        <blockquote class="text" dir="auto">${f.text}</blockquote>
        ${thread.topic ? html`<p class="meta">${t('topicIs', { title: thread.topic.title, status: this.h.statusText(thread.topic) })}</p>` : nothing}
      </article>
      ${
        thread.entries.length
          ? html`<ol class="entries" aria-label=${t('replies')}>
              ${thread.entries.map((e) =>
                e.type === 'reply'
                  ? html`<li class="reply">
                      <p class="meta">
                        <strong>${e.author ? t('authorReplied', { author: e.author }) : t('teamReplied')}</strong> · ${when(e.at)}
                      </p>
                      <p class="text" dir="auto">${e.text}</p>
                    </li>`
                  : html`<li class="confirmation">
                      <p class="meta"><strong>${t(e.resolved ? 'youResolved' : 'youReopened')}</strong> · ${when(e.at)}</p>
                      ${e.comment ? html`<p class="text" dir="auto">${e.comment}</p>` : nothing}
                    </li>`,
              )}
            </ol>`
          : html`<p class="muted">${t('noReply')}</p>`
      }
      ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : nothing}
      ${
        f.kind === 'complaint'
          ? html`<div class="confirm" role="group" aria-labelledby="question">
              <p id="question">${resolved ? t('isResolved') : t('question')}</p>
              <label for="comment">${t('comment')}</label>
              <textarea id="comment" name="comment" rows="2" maxlength="2000"></textarea>
              <div class="actions">
                ${resolved ? nothing : html`<button part="button" class="primary" @click=${() => this.#confirm(true)}>${t('yes')}</button>`}
                <button part="button" @click=${() => this.#confirm(false)}>${t(resolved ? 'reopen' : 'no')}</button>
              </div>
            </div>`
          : nothing
      }
      <div class="actions">
        <button part="button" @click=${() => this.#onForget()}>${t('forget')}</button>
        <button part="button" class="danger" aria-expanded=${this.#ask ? 'true' : 'false'} @click=${() => this.#setAsk(true)}>
          ${t('withdraw')}
        </button>
      </div>
      ${
        this.#ask
          ? html`<div class="ask" role="group" aria-labelledby="withdraw-ask">
              <p id="withdraw-ask">${t('withdrawAsk')}</p>
              <div class="actions">
                <button part="button" class="danger" @click=${() => this.#withdraw()}>${t('withdrawYes')}</button>
                <button part="button" @click=${() => this.#setAsk(false)}>${t('withdrawNo')}</button>
              </div>
            </div>`
          : nothing
      }`;
  }
}
