/**
 * What only a `launcher` form shows: the floating button, the modal dialog around the form and the Tab trap inside
 * it, with their styles. A launcher form loads this module before its first render (the script-tag bundle fetches it
 * beside the form, on the customer's first sign of interest), so an inline form's first paint carries none of it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';

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

/** What the launcher view shows and calls (the handlers run with the form as `this`, as Lit binds them). */
export interface LauncherView {
  open: boolean;
  dir: string;
  lang: string;
  /** The launcher's name, which is also the dialog's title. */
  label: string;
  closeLabel: string;
  icon: TemplateResult;
  /** The form's panel (fields, or the thank-you) with its live status line. */
  body: TemplateResult;
  show(): void;
  close(): void;
  onClose(): void;
}

/** The launcher button and its dialog, which holds the form while it is open. */
export function launcherView(v: LauncherView): TemplateResult {
  return html`<div dir=${v.dir} lang=${v.lang}>
    <button
      part="launcher"
      class="launcher"
      type="button"
      aria-haspopup="dialog"
      aria-expanded=${v.open ? 'true' : 'false'}
      @click=${v.show}
    >
      ${v.icon}${v.label}
    </button>
    <dialog aria-labelledby="title" @close=${v.onClose} @keydown=${keepFocusInside}>
      ${
        v.open
          ? html`<div part="base" class="panel">
              <div class="head">
                <h2 id="title">${v.label}</h2>
                <button part="button" class="close" type="button" @click=${v.close}>${v.closeLabel}</button>
              </div>
              ${v.body}
            </div>`
          : nothing
      }
    </dialog>
  </div>`;
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
