/**
 * The launcher's button before the form's code is here: the script-tag bundle draws it into a `launcher`
 * `<voc-feedback-form>` with plain DOM (no Lit), so a page pays about 1 kB until the customer shows interest. Hover,
 * focus or touch start loading the form; a click loads it if needed and opens the dialog. The form, once defined,
 * takes over the same shadow root (and the focus, when the button had it).
 *
 * It looks like the form's own launcher (same tokens, same defaults); a browser test compares the two.
 */

/** The launcher's name in each built-in language: the same words as the `launcher` key of the form's tables. */
export const LAUNCHER_LABELS: Record<string, string> = {
  en: 'Feedback',
  de: 'Feedback',
  fr: 'Votre avis',
  es: 'Opinión',
  ja: 'ご意見',
  ar: 'ملاحظات',
};

/** The compliment icon (a heart) the launcher shows, as in the form. */
export const HEART = 'M12 20s-7-4.4-9-8.5A5 5 0 0 1 12 6a5 5 0 0 1 9 5.5C19 15.6 12 20 12 20z';

// The form's launcher button, with the tokens' defaults (core's tokens.ts, the form's styles).
const CSS =
  `:host{display:block}button{position:fixed;inset-block-end:var(--voc-feedback-form-launcher-offset,1rem);` +
  `inset-inline-end:var(--voc-feedback-form-launcher-offset,1rem);z-index:2147483000;display:inline-flex;align-items:center;` +
  `gap:calc(var(--voc-space,.5rem)/2);font:inherit;font-family:var(--voc-font,system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif);` +
  `font-size:var(--voc-font-size,1rem);cursor:pointer;border-radius:var(--voc-radius,.5rem);` +
  `padding:calc(var(--voc-space,.5rem)*.75) calc(var(--voc-space,.5rem)*2);box-shadow:0 2px 8px #0004;` +
  `--b:var(--voc-feedback-form-button,var(--voc-color-accent,light-dark(#0b5cad,#4493f8)));` +
  `background:var(--b);border:1px solid var(--b);color:var(--voc-color-on-accent,oklch(from var(--b) clamp(0,(0.57 - l) * 1000,1) 0 0))}` +
  `:host([theme=auto]) button{color-scheme:light dark}:host([theme=light]) button{color-scheme:light}:host([theme=dark]) button{color-scheme:dark}` +
  `svg{width:1.25em;height:1.25em;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}` +
  `:focus-visible{outline:2px solid var(--voc-color-accent,light-dark(#0b5cad,#4493f8));outline-offset:2px}`;

type Form = HTMLElement & {
  strings?: Record<string, string>;
  show?: () => Promise<void>;
  updateComplete?: Promise<unknown>;
  createRenderRoot?: () => Element | ShadowRoot;
};

/**
 * Draws the launcher button into `el` (a `<voc-feedback-form launcher>` whose code is not loaded yet).
 * @param load loads and defines the form (the autoloader's `load`)
 */
export function drawLauncher(el: Form, load: () => Promise<unknown>): void {
  if (el.shadowRoot || customElements.get(el.localName)) return;
  const root = el.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // no constructable stylesheets: the form's own button arrives with the form
  }
  const lang = (el.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en').split(/[-_]/)[0].toLowerCase();
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  if (lang === 'ar') button.dir = 'rtl';
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', HEART);
  svg.append(path);
  button.append(svg, el.strings?.launcher ?? LAUNCHER_LABELS[lang] ?? LAUNCHER_LABELS.en);
  root.append(button);
  // The form, once defined, takes over this shadow root: it starts it afresh (this button leaves), and its own launcher
  // gets the focus when this button had it. Lit asks for the root once, before the form's first render.
  el.createRenderRoot = function (this: Form) {
    delete this.createRenderRoot; // the form's own, from now on
    const focused = !!root.activeElement;
    root.replaceChildren();
    if (focused) void this.updateComplete?.then(() => root.querySelector<HTMLElement>('.launcher')?.focus());
    return this.createRenderRoot!();
  };

  const warm = () => void load();
  for (const type of ['pointerenter', 'focus', 'touchstart']) button.addEventListener(type, warm, { once: true, passive: true });
  button.addEventListener('click', async () => {
    button.setAttribute('aria-busy', 'true');
    await load();
    await customElements.whenDefined(el.localName);
    await el.updateComplete;
    await el.show?.();
  });
}
