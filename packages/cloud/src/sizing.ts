// Sizing of <voc-cloud>: where each term goes and how large it is, for the box the cloud has. A full layout runs in
// slices that keep the page responsive; the box's size and the text metrics (fonts, spacing) are watched, and only a
// new shape, an illegibly small box or new metrics lay the cloud out again (the same shape scales with CSS).
import type { CloudTerm } from '@voc-kit/core';
import type { Host } from './cloud.js';
import { CloudLayout, MEASURE_PX, type TextExtents } from './layout/layout.js';
import { measureSpaced, watchTextMetrics, type Spacing } from './text-metrics.js';

const LINE_HEIGHT = 1.15;
/** Smallest term in CSS px, anywhere and on the wall (read across a room). */
const MIN_FONT = 12;
const MIN_WALL_FONT = 18;
/** Share by which the container's aspect ratio must change before the cloud is laid out again. */
const ASPECT_CHANGE = 0.12;

export class CloudSizing {
  /** The current layout (live updates add, resize and remove terms in it). */
  layout?: CloudLayout;
  /** The box the current layout was made for. */
  box = { width: 0, height: 0 };
  /** Terms the last full layout could not place. */
  missed = 0;
  /** Counts full layouts. */
  generation = 0;
  /** The spacing the current layout was measured with (the terms are drawn with the same). */
  spacing: Spacing = { letter: 0, word: 0 };
  #measuring: Spacing = { letter: 0, word: 0 };
  #range = { lo: 1, hi: 1, min: 12, max: 64 };
  #canvas?: CanvasRenderingContext2D | null;
  #shift = new Map<string, number>();
  #font = '';
  /** Counts layouts started: one overtaken by a newer one is dropped. */
  #layouts = 0;
  #resizer?: ResizeObserver;
  #resizeTimer?: ReturnType<typeof setTimeout>;
  /** Text spacing, fonts and size the layout measured with; a change lays the cloud out again. */
  #metrics = watchTextMetrics(() => void this.relayout(this.signal()));

  /** @param signal the signal of the current load, which a relayout of its own stops with */
  constructor(
    private readonly h: Host,
    private readonly signal: () => AbortSignal | undefined,
  ) {}

  /** Starts watching the box and the text metrics (again after a reconnect). */
  start(): void {
    // the callback only schedules: work inside it that changes layout would loop the observer
    this.#resizer ??= new ResizeObserver(() => setTimeout(() => this.#onResize()));
    this.observe();
    this.#metrics.start(this.h.renderRoot as ShadowRoot);
  }

  stop(): void {
    this.#resizer?.disconnect();
    this.#metrics.stop();
    clearTimeout(this.#resizeTimer);
  }

  /** Watches the cloud's box (the wrapper stays while the list inside is replaced by a new layout). */
  observe(): void {
    const wrap = this.h.renderRoot.querySelector('.cloud-wrap');
    if (wrap) this.#resizer?.observe(wrap);
  }

  /** Checks soon whether the text metrics changed (e.g. what changed while the list was shown). */
  check(): void {
    this.#metrics.check();
  }

  /** How far (in em) to move a term so its ink is centred where the layout put its box. */
  shift(text: string): number {
    return this.#shift.get(text) ?? 0;
  }

  /** A term's font size for its number of mentions, on the scale of the last full layout. */
  sizeFor(total: number): number {
    const { lo, hi, min, max } = this.#range;
    if (hi <= lo) return (min + max) / 2;
    const share = (Math.sqrt(Math.max(total, lo)) - Math.sqrt(lo)) / (Math.sqrt(hi) - Math.sqrt(lo));
    // a term that outgrows the top of the last full layout may grow a little further, not without end
    return min + (max - min) * Math.min(share, 1.3);
  }

  /**
   * Ink extents at `MEASURE_PX` from a canvas, so words pack by their ink. Each term is drawn in a 1em line box; `shift`
   * keeps, per text, how far (in em) to move it so its ink is centred where the layout put its box.
   */
  #measure = (text: string): number | TextExtents => {
    if (this.#canvas === undefined) this.#canvas = document.createElement('canvas').getContext('2d');
    if (!this.#canvas) return text.length * 55;
    if (this.#canvas.font !== this.#font) this.#canvas.font = this.#font;
    const [m, width] = measureSpaced(this.#canvas, text, this.#measuring);
    if (!(m.actualBoundingBoxAscent >= 0) || !(m.fontBoundingBoxAscent > 0)) return width;
    const [a, d, inkA, inkD] = [m.fontBoundingBoxAscent, m.fontBoundingBoxDescent, m.actualBoundingBoxAscent, m.actualBoundingBoxDescent];
    // baseline sits (1 + a − d) / 2 em below the top of a 1em line box; move the ink's centre to the box's centre
    this.#shift.set(text, (d - a + inkA - inkD) / 2 / MEASURE_PX);
    return { width, ascent: inkA, descent: inkD };
  };

  /** Lays every shown term out from scratch for the cloud's current size, in slices that keep the page responsive. */
  async relayout(signal?: AbortSignal): Promise<void> {
    const { h } = this;
    const el = h.renderRoot.querySelector<HTMLElement>('.cloud');
    if (!el || h.status !== 'ready') return;
    const width = el.clientWidth;
    const height = el.clientHeight;
    if (width < 20 || height < 20) return; // not visible yet; the ResizeObserver calls again
    this.box = { width, height };
    const { font, spacing, changed } = this.#metrics.snapshot();
    if (font !== this.#font || changed) this.#shift.clear();
    this.#font = font;
    this.#measuring = spacing;
    const started = ++this.#layouts;
    const terms: CloudTerm[] = h.terms;
    const totals = terms.map((t) => t.total);
    // legible everywhere: no term under 12 CSS px (18 px on the wall); a narrow box shows fewer terms instead
    const floor = h.wall ? MIN_WALL_FONT : MIN_FONT;
    this.#range = {
      lo: Math.min(...totals, 1),
      hi: Math.max(...totals, 1),
      min: Math.max(floor, height / 28),
      max: Math.max(floor * 2, height / 5.5),
    };
    const layout = new CloudLayout({
      width,
      height,
      measure: this.#measure,
      seed: h.seed,
      rotate: h.rotate,
      lineHeight: LINE_HEIGHT,
      minFontSize: Math.max(floor, height / 45),
      fill: true, // a few terms use the box, not an island in its middle
    });
    const missed = await layout.layoutAsync(
      terms.map((t) => ({ id: t.term, text: t.term, size: this.sizeFor(t.total) })),
      { budget: 8, signal },
    );
    if (signal?.aborted || started !== this.#layouts) return;
    this.spacing = spacing;
    this.layout = layout;
    this.generation++;
    this.missed = missed.length;
    h.placed = new Map(layout.placed().map((w) => [w.id, w]));
  }

  #onResize(): void {
    const { h } = this;
    const el = h.renderRoot.querySelector<HTMLElement>('.cloud');
    if (!el || h.status !== 'ready') return;
    const { clientWidth: w, clientHeight: ht } = el;
    // no layout yet: relayout() lays the cloud out once the box is large enough
    if (!this.layout) return void this.relayout(this.signal());
    // same shape: the cloud scales with CSS (positions in %, sizes in cqw); only a new shape needs a new layout,
    // or a box so much narrower that the smallest term would drop under the legible minimum
    const before = this.box.width / this.box.height;
    const smallest = Math.min(...[...h.placed.values()].map((p) => p.fontSize));
    const illegible = (smallest * w) / this.box.width < (h.wall ? MIN_WALL_FONT : MIN_FONT) - 0.5;
    if (ht > 0 && (Math.abs(w / ht / before - 1) > ASPECT_CHANGE || illegible)) {
      clearTimeout(this.#resizeTimer);
      this.#resizeTimer = setTimeout(() => void this.relayout(this.signal()), 300);
    }
  }
}
