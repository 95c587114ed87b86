/**
 * Watches what the cloud's text measurements depend on — the text spacing the page gives the element (a user's
 * WCAG 1.4.12 text-spacing tool, or `--voc-letter-spacing` / `--voc-word-spacing`), the terms' font (family and
 * weight, read from the probe; a web font once it has loaded), the font size — and says when they changed, so the
 * cloud measures and lays out again.
 *
 * Cheap: a hidden probe (a few letters, in the terms' font and the page's spacing) is watched by a ResizeObserver,
 * and `document.fonts` reports loaded fonts. Either only schedules a check; the check compares a signature of the
 * metrics (spacing as a share of the font size, and a sample's canvas extents) with the one the last layout used,
 * and calls back only when it differs. Laying out never changes the probe, so there is no loop.
 */
import { MEASURE_PX } from './layout/layout.js';

/** Letter and word spacing as a share of the font size (em), as the terms get them. */
export interface Spacing {
  letter: number;
  word: number;
}

/** Letters with ascenders, descenders, wide and narrow glyphs, and a space (for word spacing). */
const SAMPLE = 'Hxgy Wmil';
/** Coalesces the observer's and the font events' checks into one. */
const CHECK_DELAY = 50;

/** What the cloud holds of a watch (see `watchTextMetrics`). */
export interface TextMetricsWatch {
  /** Starts watching: puts the probe into `root` (once) and listens. Called again after a reconnect. */
  start(root: ShadowRoot): void;
  stop(): void;
  /** Checks soon whether the metrics changed (e.g. when the cloud is shown again after the list view). */
  check(): void;
  /**
   * Reads the metrics now, for a layout about to measure: remembers them as the ones in use and returns the terms'
   * font at `MEASURE_PX` (as a canvas takes it), the spacing, and whether anything changed since the last snapshot (so
   * cached measurements must go).
   */
  snapshot(): { font: string; spacing: Spacing; changed: boolean };
}

/** `onChange` is called (once per change) when the metrics differ from those of the last `snapshot()`. */
export function watchTextMetrics(onChange: () => void): TextMetricsWatch {
  let probe: HTMLElement | undefined;
  let observer: ResizeObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ctx: CanvasRenderingContext2D | null | undefined;
  /** The signature of the metrics the last layout was measured with. */
  let used: string | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (used !== undefined && probe?.isConnected && read().signature !== used) onChange();
    }, CHECK_DELAY);
  };
  const read = () => {
    // the probe has the terms' font: its family, and its weight (`--voc-cloud-term-weight`)
    const style = getComputedStyle(probe!);
    const font = `${style.fontWeight} ${MEASURE_PX}px ${style.fontFamily}`;
    const size = parseFloat(style.fontSize) || 16;
    // computed spacing is in px (`normal` is 0), resolved at the element that set it: as a share of that size
    const em = (value: string) => Math.round(((parseFloat(value) || 0) / size) * 1e4) / 1e4;
    const spacing = { letter: em(style.letterSpacing), word: em(style.wordSpacing) };
    // a web font that finished loading changes the extents at the same font string
    ctx ??= document.createElement('canvas').getContext('2d');
    let extents = '';
    if (ctx) {
      ctx.font = font;
      const m = ctx.measureText(SAMPLE);
      extents = [m.width, m.actualBoundingBoxAscent, m.actualBoundingBoxDescent].map((x) => x.toFixed(2)).join();
    }
    return { font, spacing, signature: `${spacing.letter} ${spacing.word} ${font} ${extents}` };
  };
  return {
    start(root) {
      if (!probe || probe.getRootNode() !== root) {
        // outside the part Lit renders (before its marker), so a render never removes it
        const box = document.createElement('div');
        box.className = 'probe';
        box.setAttribute('aria-hidden', 'true');
        probe = box.appendChild(document.createElement('span'));
        probe.textContent = SAMPLE;
        root.prepend(box);
      }
      // the callback only schedules: nothing it does changes the probe, so the observer cannot loop
      (observer ??= new ResizeObserver(schedule)).observe(probe);
      document.fonts?.addEventListener('loadingdone', schedule);
    },
    stop() {
      observer?.disconnect();
      document.fonts?.removeEventListener('loadingdone', schedule);
      clearTimeout(timer);
    },
    check: schedule,
    snapshot() {
      const { font, spacing, signature } = read();
      const changed = used !== undefined && signature !== used;
      used = signature;
      return { font, spacing, changed };
    },
  };
}

/** Whether this browser's canvas applies `letterSpacing` / `wordSpacing` itself (Chromium, Firefox, Safari 18+). */
const canvasSpaces = (ctx: CanvasRenderingContext2D) => 'letterSpacing' in ctx && 'wordSpacing' in ctx;

/**
 * `measureText` of `text` in the context's font (`MEASURE_PX`) with the given spacing, and the advance width with the
 * spacing (after every character, as CSS lays it out, and on every space).
 */
export function measureSpaced(ctx: CanvasRenderingContext2D, text: string, spacing: Spacing): [TextMetrics, number] {
  let extra = 0;
  if (canvasSpaces(ctx)) {
    const letter = `${spacing.letter * MEASURE_PX}px`;
    const word = `${spacing.word * MEASURE_PX}px`;
    if (ctx.letterSpacing !== letter) ctx.letterSpacing = letter;
    if (ctx.wordSpacing !== word) ctx.wordSpacing = word;
  } else {
    // older canvases: the spacing added by hand, per character and per space
    extra = (spacing.letter * text.length + spacing.word * (text.split(' ').length - 1)) * MEASURE_PX;
  }
  const m = ctx.measureText(text);
  return [m, m.width + extra];
}

/** The spacing as custom properties for the cloud's list (`.cloud .term` reads them), in em of each term's size. */
export function spacingProps(spacing: Spacing): Record<string, string> {
  return { '--_letter-spacing': `${spacing.letter}em`, '--_word-spacing': `${spacing.word}em` };
}
