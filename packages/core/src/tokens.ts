import { css } from 'lit';

/**
 * The global `--voc-*` tokens, defined once. A page sets them anywhere above the element (e.g. on `:root`);
 * each element reads them through the private `--_voc-*` names below, so the defaults here never shadow
 * the page's values. Per-element hooks (`--voc-<element>-<thing>`) fall back to these.
 *
 * @cssprop --voc-color-compliment - colour of compliments (default green)
 * @cssprop --voc-color-idea - colour of ideas (default orange)
 * @cssprop --voc-color-complaint - colour of complaints (default red)
 * @cssprop --voc-color-text - text colour
 * @cssprop --voc-color-muted - secondary text colour
 * @cssprop --voc-color-surface - background of the element
 * @cssprop --voc-color-border - borders and separators
 * @cssprop --voc-color-accent - buttons, links and focus rings
 * @cssprop --voc-color-on-accent - text on accent-coloured buttons
 * @cssprop --voc-color-danger - error messages
 * @cssprop --voc-font - font family
 * @cssprop --voc-font-size - base font size
 * @cssprop --voc-radius - corner radius
 * @cssprop --voc-space - base spacing unit
 */
export const tokens = css`
  :host {
    /* light-dark() picks by the host's colour scheme: the page's preference, or the theme attribute below */
    color-scheme: light dark;
    --_voc-compliment: var(--voc-color-compliment, light-dark(#1a7f37, #4ac26b));
    --_voc-idea: var(--voc-color-idea, light-dark(#b35900, #f0a04b));
    --_voc-complaint: var(--voc-color-complaint, light-dark(#c4171e, #ff7b72));
    --_voc-text: var(--voc-color-text, light-dark(#1f2328, #e6edf3));
    --_voc-muted: var(--voc-color-muted, light-dark(#59636e, #9198a1));
    --_voc-surface: var(--voc-color-surface, light-dark(#ffffff, #0d1117));
    --_voc-border: var(--voc-color-border, light-dark(#d1d9e0, #3d444d));
    --_voc-accent: var(--voc-color-accent, light-dark(#0b5cad, #4493f8));
    --_voc-on-accent: var(--voc-color-on-accent, light-dark(#ffffff, #0d1117));
    --_voc-danger: var(--voc-color-danger, light-dark(#c4171e, #ff7b72));
    --_voc-font: var(--voc-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    --_voc-font-size: var(--voc-font-size, 1rem);
    --_voc-radius: var(--voc-radius, 0.5rem);
    --_voc-space: var(--voc-space, 0.5rem);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`;

/** What every element starts from: tokens, box sizing, `hidden` honoured, and a visible focus ring. */
export const base = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      font-family: var(--_voc-font);
      font-size: var(--_voc-font-size);
      color: var(--_voc-text);
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    :focus-visible {
      outline: 2px solid var(--_voc-accent);
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
  `,
];
