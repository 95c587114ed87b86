import { css } from 'lit';

/**
 * The global `--voc-*` tokens, defined once. A page sets them anywhere above the element (e.g. on `:root`);
 * each element reads them through the private `--_voc-*` names below, so the defaults here never shadow
 * the page's values. Per-element hooks (`--voc-<element>-<thing>`, e.g. `--voc-feedback-form-gap`) fall back to these.
 *
 * Colours come in pairs, a surface and the text on it (`--voc-color-surface` / `--voc-color-on-surface`,
 * `--voc-color-accent` / `--voc-color-on-accent`). Set both; an `on-` token left unset is derived from its surface,
 * so it stays legible.
 *
 * @cssprop --voc-color-compliment - colour of compliments (default green)
 * @cssprop --voc-color-idea - colour of ideas (default orange)
 * @cssprop --voc-color-complaint - colour of complaints (default red)
 * @cssprop --voc-color-mixed - colour of terms no one kind dominates (default violet)
 * @cssprop --voc-color-surface - background of the element
 * @cssprop --voc-color-on-surface - text on the surface (default: derived from the surface)
 * @cssprop --voc-color-text - former name of `--voc-color-on-surface` (deprecated, still read)
 * @cssprop --voc-color-muted - secondary text on the surface
 * @cssprop --voc-color-border - borders and separators
 * @cssprop --voc-color-accent - buttons, links and focus rings
 * @cssprop --voc-color-on-accent - text on accent-coloured buttons (default: derived from the accent)
 * @cssprop --voc-color-danger - error messages
 * @cssprop --voc-font - font family
 * @cssprop --voc-font-size - base font size
 * @cssprop --voc-line-height - line height of text (default `normal`)
 * @cssprop --voc-letter-spacing - letter spacing (default normal; raise it for WCAG 1.4.12 text spacing)
 * @cssprop --voc-word-spacing - word spacing (default normal)
 * @cssprop --voc-radius - corner radius
 * @cssprop --voc-space - base spacing unit
 */
export const tokens = css`
  :host {
    /* The page's colour-scheme is inherited (a page declaring none stays light); light-dark() picks by it. */
    --_voc-compliment: var(--voc-color-compliment, light-dark(#1a7f37, #4ac26b));
    --_voc-idea: var(--voc-color-idea, light-dark(#b35900, #f0a04b));
    --_voc-complaint: var(--voc-color-complaint, light-dark(#c4171e, #ff7b72));
    --_voc-mixed: var(--voc-color-mixed, light-dark(#6e40c9, #c297ff));
    --_voc-surface: var(--voc-color-surface, light-dark(#fff, #0d1117));
    /* an on- colour left unset reads on its surface: dark on a light one, light on a dark one (the switch is at
       OKLCH lightness 0.57, where black and white text have the same contrast) */
    --_voc-text: var(
      --voc-color-on-surface,
      var(--voc-color-text, oklch(from var(--_voc-surface) clamp(0.22, (0.57 - l) * 1000, 0.96) 0 0))
    );
    --_voc-muted: var(--voc-color-muted, oklch(from var(--_voc-surface) clamp(0.45, (0.57 - l) * 1000, 0.78) 0 0));
    --_voc-border: var(--voc-color-border, light-dark(#d1d9e0, #3d444d));
    --_voc-accent: var(--voc-color-accent, light-dark(#0b5cad, #4493f8));
    --_voc-on-accent: var(--voc-color-on-accent, oklch(from var(--_voc-accent) clamp(0, (0.57 - l) * 1000, 1) 0 0));
    --_voc-danger: var(--voc-color-danger, light-dark(#c4171e, #ff7b72));
    --_voc-font: var(--voc-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    --_voc-font-size: var(--voc-font-size, 1rem);
    --_voc-radius: var(--voc-radius, 0.5rem);
    --_voc-space: var(--voc-space, 0.5rem);
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`;

/**
 * What every element starts from: tokens, `hidden` honoured, a visible focus ring, and the inherited properties
 * set again on the element's own top-level nodes, so a page's `* { … }` rules (which reach the host) stop there.
 */
export const base = [
  tokens,
  css`
    :host {
      display: block;
      color: var(--_voc-text);
    }
    :host([hidden]) {
      display: none;
    }
    :host > * {
      color: var(--_voc-text);
      font-family: var(--_voc-font);
      font-size: var(--_voc-font-size);
      line-height: var(--voc-line-height, normal);
      letter-spacing: var(--voc-letter-spacing, normal);
      word-spacing: var(--voc-word-spacing, normal);
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
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
