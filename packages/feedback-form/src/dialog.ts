/**
 * What only a `launcher` form shows: the floating button, the modal dialog around the form and the Tab trap inside
 * it, with their styles. A launcher form loads this module before its first render (the script-tag bundle fetches it
 * beside the form, on the customer's first sign of interest), so an inline form's first paint carries none of it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { FormPort } from './sending.js';

/** The English strings only the launcher shows; the form's table gets them when this module loads. */
export const dialogStrings = {
  launcher: 'Feedback',
  close: 'Close',
};

export const dialogStyles = css`
  .launcher {
    position: fixed;
    inset-block-end: var(--voc-feedback-form-launcher-offset, 1rem);
    inset-inline-end: var(--voc-feedback-form-launcher-offset, 1rem);
    z-index: 2147483000;
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_voc-space) / 2);
    box-shadow: 0 2px 8px #0004;
    background: var(--_button);
    border-color: var(--_button);
    color: var(--_voc-on-accent);
  }
  h2 {
    font-size: 1.25em;
    margin: 0;
  }
  dialog {
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    width: min(36rem, 100vw - 2rem);
  }
  dialog::backdrop {
    background: #0006;
  }
  dialog .panel {
    max-width: none;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }
`;

/** A launcher form's button and dialog: whether it is open, opening and closing it, and drawing both. */
export class Launcher {
  readonly #port: FormPort;
  readonly #icon: TemplateResult;
  #open = false;

  /** @param icon the launcher's icon (the form's compliment icon) */
  constructor(port: FormPort, icon: TemplateResult) {
    this.#port = port;
    this.#icon = icon;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#port.renderRoot.querySelector('dialog');
  }

  async show(): Promise<void> {
    const host = this.#port;
    // reopening after a thank-you starts a fresh form
    if (host.phase === 'sent' || host.phase === 'queued') Object.assign(host, { phase: 'idle', done: undefined });
    this.#open = true;
    host.requestUpdate();
    await host.updateComplete;
    if (this.#dialog && !this.#dialog.open) this.#dialog.showModal();
    this.#port.focusOn('start');
  }

  close(): void {
    this.#dialog?.close();
  }

  readonly #onClose = (): void => {
    if (this.#dialog?.open) return; // reopened before this (asynchronous) close event arrived
    this.#open = false;
    this.#port.requestUpdate();
    this.#port.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  };

  /** The launcher button, and the dialog that holds `body` (the form's panel and its live status line) while open. */
  render(body: TemplateResult): TemplateResult {
    const i = this.#port.i18n;
    return html`<div dir=${i.dir} lang=${i.language}>
      <button
        part="launcher"
        class="launcher"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.#open ? 'true' : 'false'}
        @click=${() => this.show()}
      >
        ${this.#icon}${i.t('launcher')}
      </button>
      <dialog aria-labelledby="title" @close=${this.#onClose} @keydown=${keepFocusInside}>
        ${
          this.#open
            ? html`<div part="base" class="panel">
                <div class="head">
                  <h2 id="title">${i.t('launcher')}</h2>
                  <button part="button" class="close" type="button" @click=${() => this.close()}>${i.t('close')}</button>
                </div>
                ${body}
              </div>`
            : nothing
        }
      </dialog>
    </div>`;
  }
}

/** Keeps Tab and Shift+Tab inside the open dialog. */
function keepFocusInside(e: KeyboardEvent): void {
  const dialog = e.currentTarget as HTMLDialogElement;
  if (e.key !== 'Tab') return;
  const list = [...dialog.querySelectorAll<HTMLElement>('a[href],button,input:not([type=radio]),select,textarea')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
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
