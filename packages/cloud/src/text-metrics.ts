/**
 * Watches what the cloud's text measurements depend on — the text spacing the page gives the element (a user's
 * WCAG 1.4.12 text-spacing tool, or `--voc-letter-spacing` / `--voc-word-spacing`), the font once a web font has
 * loaded, the font size — and says when they changed, so the cloud measures and lays out again.
 *
 * Cheap: a hidden probe (a few letters, in the terms' font and the page's spacing) is watched by a ResizeObserver,
 * and `document.fonts` reports loaded fonts. Either only schedules a check; the check compares a signature of the
 * metrics (spacing as a share of the font size, and a sample's canvas extents) with the one the last layout used,
 * and calls back only when it differs. Laying out never changes the probe, so there is no loop.
 */

/** Letter and word spacing as a share of the font size (em), as the terms get them. */
export interface Spacing {
  letter: number;
  word: number;
}

/** Letters with ascenders, descenders, wide and narrow glyphs, and a space (for word spacing). */
const SAMPLE = 'Hxgy Wmil';
/** Coalesces the observer's and the font events' checks into one. */
const CHECK_DELAY = 50;

export class TextMetricsWatch {
  readonly #onChange: () => void;
  #root?: ShadowRoot;
  #probe?: HTMLElement;
  #observer?: ResizeObserver;
  #timer?: ReturnType<typeof setTimeout>;
  #ctx?: CanvasRenderingContext2D | null;
  /** The signature of the metrics the last layout was measured with. */
  #used?: string;
  #current: Spacing = { letter: 0, word: 0 };
  /** The font (canvas shorthand at 100 px) of the last snapshot. */
  #font = '';
  readonly #schedule = (): void => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(), CHECK_DELAY);
  };

  /** `onChange` is called (at most once per change) when the metrics differ from those of the last `snapshot()`. */
  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  /** Starts watching: puts the probe into `root` (once) and listens. Called again after a reconnect. */
  start(root: ShadowRoot): void {
    if (!this.#probe || this.#root !== root) {
      this.#root = root;
      // outside the part Lit renders (before its marker), so a render never removes it
      const box = document.createElement('div');
      box.className = 'probe';
      box.setAttribute('aria-hidden', 'true');
      const probe = document.createElement('span');
      probe.textContent = SAMPLE;
      box.append(probe);
      root.prepend(box);
      this.#probe = probe;
    }
    // the callback only schedules: nothing it does changes the probe, so the observer cannot loop
    this.#observer ??= new ResizeObserver(this.#schedule);
    this.#observer.observe(this.#probe);
    document.fonts?.addEventListener('loadingdone', this.#schedule);
  }

  stop(): void {
    this.#observer?.disconnect();
    document.fonts?.removeEventListener('loadingdone', this.#schedule);
    clearTimeout(this.#timer);
  }

  /** Checks soon whether the metrics changed (e.g. when the cloud is shown again after the list view). */
  check(): void {
    this.#schedule();
  }

  /** The spacing the last `snapshot()` read. */
  get spacing(): Spacing {
    return this.#current;
  }

  /**
   * Reads the metrics now, for a layout about to measure: remembers them as the ones in use and returns the
   * spacing, and whether anything changed since the last snapshot (so cached measurements must go).
   */
  snapshot(font: string): { spacing: Spacing; changed: boolean } {
    const { spacing, signature } = this.#read(font);
    const changed = this.#used !== undefined && signature !== this.#used;
    this.#used = signature;
    this.#current = spacing;
    this.#font = font;
    return { spacing, changed };
  }

  #check(): void {
    if (this.#used === undefined || !this.#probe?.isConnected) return;
    if (this.#read(this.#font).signature !== this.#used) this.#onChange();
  }

  #read(font: string): { spacing: Spacing; signature: string } {
    let spacing: Spacing = { letter: 0, word: 0 };
    if (this.#probe) {
      const style = getComputedStyle(this.#probe);
      const size = parseFloat(style.fontSize) || 16;
      // computed spacing is in px (`normal` is 0), resolved at the element that set it: as a share of that size
      const px = (value: string) => parseFloat(value) || 0;
      spacing = { letter: round(px(style.letterSpacing) / size), word: round(px(style.wordSpacing) / size) };
    }
    // a web font that finished loading changes the extents at the same font string
    this.#ctx ??= document.createElement('canvas').getContext('2d');
    let extents = '';
    if (this.#ctx && font) {
      this.#ctx.font = font;
      const m = this.#ctx.measureText(SAMPLE);
      extents = `${m.width.toFixed(2)} ${m.actualBoundingBoxAscent.toFixed(2)} ${m.actualBoundingBoxDescent.toFixed(2)}`;
    }
    return { spacing, signature: `${spacing.letter} ${spacing.word} ${font} ${extents}` };
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Whether this browser's canvas applies `letterSpacing` / `wordSpacing` itself (Chromium, Firefox, Safari 18+). */
const canvasSpaces = (ctx: CanvasRenderingContext2D) => 'letterSpacing' in ctx && 'wordSpacing' in ctx;

/**
 * `measureText` of `text` in the context's font (100 px) with the given spacing: the advance width includes the
 * spacing (after every character, as CSS lays it out, and on every space).
 */
export function measureSpaced(ctx: CanvasRenderingContext2D, text: string, spacing: Spacing, fontPx = 100): Extents {
  if (canvasSpaces(ctx)) {
    const letter = `${spacing.letter * fontPx}px`;
    const word = `${spacing.word * fontPx}px`;
    if (ctx.letterSpacing !== letter) ctx.letterSpacing = letter;
    if (ctx.wordSpacing !== word) ctx.wordSpacing = word;
    return ctx.measureText(text);
  }
  const m = ctx.measureText(text);
  if (!spacing.letter && !spacing.word) return m;
  // older canvases: add the spacing by hand, per character (grapheme) and per space
  const characters = [...new Intl.Segmenter().segment(text)].length;
  const spaces = text.split(' ').length - 1;
  const extra = (spacing.letter * characters + spacing.word * spaces) * fontPx;
  return {
    width: m.width + extra,
    actualBoundingBoxAscent: m.actualBoundingBoxAscent,
    actualBoundingBoxDescent: m.actualBoundingBoxDescent,
    fontBoundingBoxAscent: m.fontBoundingBoxAscent,
    fontBoundingBoxDescent: m.fontBoundingBoxDescent,
  };
}

/** What the cloud reads of a `measureText`. */
export type Extents = Pick<
  TextMetrics,
  'width' | 'actualBoundingBoxAscent' | 'actualBoundingBoxDescent' | 'fontBoundingBoxAscent' | 'fontBoundingBoxDescent'
>;

/** The spacing as custom properties for the cloud's list (`.cloud .term` reads them), in em of each term's size. */
export function spacingProps(spacing: Spacing): Record<string, string> {
  return { '--_letter-spacing': `${spacing.letter}em`, '--_word-spacing': `${spacing.word}em` };
}
