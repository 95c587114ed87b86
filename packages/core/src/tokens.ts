import { css } from 'lit';

// Dark defaults, used by prefers-color-scheme and by theme="dark".
const dark = css`
  --_voc-compliment: var(--voc-color-compliment, #4ac26b);
  --_voc-idea: var(--voc-color-idea, #f0a04b);
  --_voc-complaint: var(--voc-color-complaint, #ff7b72);
  --_voc-text: var(--voc-color-text, #e6edf3);
  --_voc-muted: var(--voc-color-muted, #9198a1);
  --_voc-surface: var(--voc-color-surface, #0d1117);
  --_voc-border: var(--voc-color-border, #3d444d);
  --_voc-accent: var(--voc-color-accent, #4493f8);
  --_voc-on-accent: var(--voc-color-on-accent, #0d1117);
  --_voc-danger: var(--voc-color-danger, #ff7b72);
`;

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
    --_voc-compliment: var(--voc-color-compliment, #1a7f37);
    --_voc-idea: var(--voc-color-idea, #b35900);
    --_voc-complaint: var(--voc-color-complaint, #c4171e);
    --_voc-text: var(--voc-color-text, #1f2328);
    --_voc-muted: var(--voc-color-muted, #59636e);
    --_voc-surface: var(--voc-color-surface, #ffffff);
    --_voc-border: var(--voc-color-border, #d1d9e0);
    --_voc-accent: var(--voc-color-accent, #0b5cad);
    --_voc-on-accent: var(--voc-color-on-accent, #ffffff);
    --_voc-danger: var(--voc-color-danger, #c4171e);
    --_voc-font: var(--voc-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    --_voc-font-size: var(--voc-font-size, 1rem);
    --_voc-radius: var(--voc-radius, 0.5rem);
    --_voc-space: var(--voc-space, 0.5rem);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
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
