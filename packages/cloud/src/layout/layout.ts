/**
 * The cloud's layout engine: pure TypeScript, no DOM, the same in Node and the browser.
 *
 * Words are boxes on a bit-mask occupancy grid (one bit per `cell`×`cell` pixels, 32 cells per integer), so a
 * collision test is a few integer ANDs per row. Each word searches an elliptical Archimedean spiral from the
 * centre (jittered by a seeded random), biggest words first. When space runs out a word is shrunk, never
 * silently dropped. Adding, resizing and removing a word leaves every other word where it is.
 */

/** The font size (px) a `Measure` measures at; the engine scales what it returns linearly. */
export const MEASURE_PX = 100;

/** Ink extents of a text at a font size of `MEASURE_PX`: advance width, and height above and below the baseline. */
export interface TextExtents {
  width: number;
  ascent: number;
  descent: number;
}

/**
 * Measures `text` at a font size of `MEASURE_PX` (the engine scales linearly): its width, or its ink extents. With
 * extents a word's box is as tall as its ink ("one" is lower than "Big"), so words pack more tightly; with a
 * width only, the box is `lineHeight` tall.
 */
export type Measure = (text: string) => number | TextExtents;

export interface LayoutWord {
  /** Stable identity (usually the term itself). */
  id: string;
  text: string;
  /** Wanted font size in px before fitting. */
  size: number;
}

export interface PlacedWord {
  id: string;
  text: string;
  /** Left and top of the word's box in px (the box is rotated when `rotate` is 90). */
  x: number;
  y: number;
  /** Box size in px, after rotation. */
  width: number;
  height: number;
  /** Font size actually used, in px (smaller than wanted when space ran out). */
  fontSize: number;
  /** 0, or 90 for a word written upwards. */
  rotate: 0 | 90;
  /** True when the word had to be made smaller than wanted to find room. */
  shrunk: boolean;
}

export interface LayoutOptions {
  width: number;
  height: number;
  measure: Measure;
  /** Same seed, same words, same layout. */
  seed?: number;
  /** Share of words written upwards (0 to 1; default 0: all horizontal, easiest to read). */
  rotate?: number;
  /** Space around every word in px (default 2). */
  padding?: number;
  /** Grid resolution in px (default 2). */
  cell?: number;
  /** Box height as a share of the font size when `measure` gives a width only (default 1.15). */
  lineHeight?: number;
  /** Smallest font size a word may be shrunk to, in px (default 8). */
  minFontSize?: number;
  /**
   * Before a full layout, sizes are scaled down together so the words' boxes cover at most this share of the
   * area (default 0.42): a cloud that fits keeps its proportions instead of shrinking only the last words.
   */
  density?: number;
  /**
   * Scale sizes up too, so that few words still cover `density` of the area instead of an island in the middle
   * (default false: sizes are only ever scaled down).
   */
  fill?: boolean;
}

/** Highest level of the row-OR tables: windows of up to 2^5 = 32 grid rows. */
const MAX_LEVEL = 5;

/** mulberry32: small, fast, good enough for layout jitter; deterministic for a seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string's hash, so a word's jitter and rotation depend on the seed and the word, not on the order. */
function hash(text: string, seed: number): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Font sizes for counts: square-root scale between `min` and `max` px, so area follows frequency.
 */
export function fontSizes(counts: readonly number[], min = 12, max = 64): number[] {
  if (counts.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of counts) {
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  const span = Math.sqrt(hi) - Math.sqrt(lo);
  return counts.map((c) => (span > 0 ? min + ((max - min) * (Math.sqrt(c) - Math.sqrt(lo))) / span : (min + max) / 2));
}

interface Box {
  /** Grid cell of the top-left corner, and size in cells. */
  gx: number;
  gy: number;
  cw: number;
  ch: number;
}

/** The live state of one cloud: words placed so far, and the grid they occupy. */
export class CloudLayout {
  readonly width: number;
  readonly height: number;
  readonly #measure: Measure;
  readonly #seed: number;
  readonly #rotateShare: number;
  readonly #padding: number;
  readonly #cell: number;
  readonly #lineHeight: number;
  readonly #minFontSize: number;
  readonly #density: number;
  readonly #grow: boolean;
  readonly #cols: number;
  readonly #rows: number;
  readonly #stride: number;
  readonly #grid: Uint32Array;
  /**
   * levels[k][r] is the OR of grid rows r … r+2^k−1 (levels[0] is the grid): the OR of any band of rows is then
   * a few lookups instead of one per row. Kept up to date on every mark and unmark.
   */
  readonly #levels: Uint32Array[];
  /** Scratch row for the OR of a band of rows. */
  readonly #band: Uint32Array;
  /** Bits past the last column, always "occupied". */
  readonly #tail: number;
  readonly #words = new Map<string, PlacedWord & { box: Box }>();
  /** Width and height at `MEASURE_PX`, per text. */
  readonly #extents = new Map<string, { width: number; height: number }>();
  /** Boxes (in cells) for which a full search failed; bigger boxes are skipped until space is freed. */
  #failed: Array<[number, number]> = [];
  /** Scale applied to wanted sizes by the last full layout; later additions use the same. */
  scale = 1;

  constructor(options: LayoutOptions) {
    this.width = Math.max(1, Math.floor(options.width));
    this.height = Math.max(1, Math.floor(options.height));
    this.#measure = options.measure;
    this.#seed = options.seed ?? 1;
    this.#rotateShare = options.rotate ?? 0;
    this.#padding = options.padding ?? 1;
    this.#cell = Math.max(1, Math.round(options.cell ?? 2));
    this.#lineHeight = options.lineHeight ?? 1.15;
    this.#minFontSize = options.minFontSize ?? 6;
    this.#density = options.density ?? 0.42;
    this.#grow = options.fill ?? false;
    this.#cols = Math.ceil(this.width / this.#cell);
    this.#rows = Math.ceil(this.height / this.#cell);
    this.#stride = Math.ceil(this.#cols / 32);
    this.#grid = new Uint32Array(this.#stride * this.#rows);
    this.#band = new Uint32Array(this.#stride);
    this.#levels = [this.#grid];
    for (let k = 1; k <= MAX_LEVEL && 1 << k <= this.#rows; k++) this.#levels.push(new Uint32Array(this.#stride * this.#rows));
    const used = this.#cols - (this.#stride - 1) * 32;
    this.#tail = used === 32 ? 0 : ~((1 << used) - 1);
  }

  /** Every placed word, in placement order. */
  placed(): PlacedWord[] {
    return [...this.#words.keys()].map((id) => this.get(id)!);
  }

  /** One placed word, or undefined when it is not in the cloud. */
  get(id: string): PlacedWord | undefined {
    const w = this.#words.get(id);
    if (!w) return undefined;
    const { box: _box, ...word } = w;
    return word;
  }

  get size(): number {
    return this.#words.size;
  }

  /** Removes every word. */
  clear(): void {
    for (const level of this.#levels) level.fill(0);
    this.#words.clear();
    this.#failed = [];
  }

  /**
   * Lays out `words` from scratch, biggest first: sizes are fitted to the area first (see `density`).
   * Returns the words that could not be placed even at the smallest size.
   */
  layout(words: readonly LayoutWord[]): LayoutWord[] {
    const order = this.#prepare(words);
    const missed: LayoutWord[] = [];
    for (const w of order) if (!this.#place(w)) missed.push(w);
    return missed;
  }

  /**
   * The same as `layout()`, in slices of at most `budget` ms of work between which it yields to the event
   * loop (`yieldTo`, default a macrotask), so the page stays responsive. Stops early when `signal` aborts.
   */
  async layoutAsync(
    words: readonly LayoutWord[],
    options: { budget?: number; signal?: AbortSignal; yieldTo?: () => Promise<unknown>; onSlice?: (placed: number) => void } = {},
  ): Promise<LayoutWord[]> {
    const budget = options.budget ?? 8;
    const yieldTo = options.yieldTo ?? yieldToEventLoop;
    const order = this.#prepare(words);
    const missed: LayoutWord[] = [];
    let start = performance.now();
    for (let i = 0; i < order.length; i++) {
      if (options.signal?.aborted) break;
      if (!this.#place(order[i])) missed.push(order[i]);
      if (performance.now() - start >= budget && i < order.length - 1) {
        options.onSlice?.(i + 1);
        await yieldTo();
        start = performance.now();
      }
    }
    return missed;
  }

  #prepare(words: readonly LayoutWord[]): LayoutWord[] {
    this.clear();
    const order = [...words].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // the area of the words' boxes at a scale, with the words that scale would put under the smallest size held
    // at it (summed in sorted order, so the input order cannot change the scale by a rounding error)
    const floor = this.#minFontSize;
    const unit = order.map((w) => {
      const { width, height } = this.#extentsOf(w.text);
      return (width * height) / 10_000;
    });
    const areaAt = (s: number) => {
      let sum = 0;
      for (let i = 0; i < order.length; i++) sum += unit[i] * Math.max(order[i].size * s, floor) ** 2;
      return sum;
    };
    // scale sizes together so the words cover `density` of the area: down when they would not fit, and up (with
    // `fill`) when a few words would leave the box mostly empty; the biggest word still fits the box well
    const target = this.#density * this.width * this.height;
    let scale = 1;
    if (order.length && areaAt(0) < target) {
      let lo = 0;
      let hi = 1;
      while (areaAt(hi) < target && hi < 1e6) hi *= 2;
      for (let k = 0; k < 24; k++) {
        const mid = (lo + hi) / 2;
        if (areaAt(mid) > target) hi = mid;
        else lo = mid;
      }
      scale = lo;
    } else if (order.length) scale = 0;
    // when more words come than fit at the smallest size, the small ones stay out (they are placed last), and the
    // big ones keep at least twice the smallest size, so the cloud still shows what is said most
    if (order.length && order[0].size > 0) scale = Math.max(scale, (2 * floor) / order[0].size);
    if (!this.#grow || scale < 1) scale = Math.min(1, scale);
    else if (order.length) {
      const big = order[0];
      const { width, height } = this.#extentsOf(big.text);
      scale = Math.min(scale, (0.9 * this.width * MEASURE_PX) / (width * big.size), (0.4 * this.height * MEASURE_PX) / (height * big.size));
    }
    this.scale = Math.max(scale, 1e-6);
    return order;
  }

  /**
   * Adds one word to the finished layout without moving any other. Its size is scaled like the last full
   * layout's. Returns the placed word, or undefined when there is no room even at the smallest size.
   */
  add(word: LayoutWord): PlacedWord | undefined {
    this.remove(word.id);
    return this.#place(word) ? this.get(word.id) : undefined;
  }

  /**
   * Gives a placed word a new wanted size. It stays centred where it is when it fits there; otherwise only
   * this word moves (to the nearest free place), or shrinks. Every other word stays where it is.
   */
  resize(id: string, size: number): PlacedWord | undefined {
    const old = this.#words.get(id);
    if (!old) return undefined;
    this.remove(id);
    const cx = old.x + old.width / 2;
    const cy = old.y + old.height / 2;
    const word = { id, text: old.text, size };
    // a growing word never ends up smaller than it was: at worst it keeps its old size and place
    const floor = size * this.scale >= old.fontSize ? old.fontSize : undefined;
    return this.#place(word, cx, cy, old.rotate, floor) ? this.get(id) : undefined;
  }

  /** Takes a word out; the space it held is free again. */
  remove(id: string): boolean {
    const old = this.#words.get(id);
    if (!old) return false;
    this.#fill(old.box, false);
    this.#words.delete(id);
    this.#failed = [];
    return true;
  }

  #extentsOf(text: string): { width: number; height: number } {
    let e = this.#extents.get(text);
    if (!e) {
      const m = this.#measure(text);
      e =
        typeof m === 'number'
          ? { width: m, height: MEASURE_PX * this.#lineHeight }
          : { width: m.width, height: Math.max(1, m.ascent + m.descent) };
      this.#extents.set(text, e);
    }
    return e;
  }

  /** Places one word near (cx, cy) (default: the centre, jittered), shrinking it when there is no room. */
  #place(word: LayoutWord, cx?: number, cy?: number, rotate?: 0 | 90, floor = this.#minFontSize): boolean {
    const h = hash(word.id, this.#seed);
    const rand = random(h);
    const turn: 0 | 90 = rotate ?? (rand() < this.#rotateShare ? 90 : 0);
    const startX = cx ?? this.width / 2 + (rand() - 0.5) * this.width * 0.12;
    const startY = cy ?? this.height / 2 + (rand() - 0.5) * this.height * 0.12;
    const wanted = word.size * this.scale;
    const { width: w100, height: h100 } = this.#extentsOf(word.text);
    const pad2 = this.#padding * 2;
    for (let fontSize = Math.max(wanted, floor); ; fontSize = Math.max(floor, fontSize * 0.82)) {
      const textW = (w100 * fontSize) / MEASURE_PX;
      const textH = (h100 * fontSize) / MEASURE_PX;
      const bw = turn === 90 ? textH : textW;
      const bh = turn === 90 ? textW : textH;
      const cw = Math.ceil((bw + pad2) / this.#cell);
      const ch = Math.ceil((bh + pad2) / this.#cell);
      if (cw <= this.#cols && ch <= this.#rows && !this.#knownToFail(cw, ch)) {
        const box = this.#search(cw, ch, startX / this.#cell, startY / this.#cell);
        if (box) {
          this.#fill(box, true);
          const x = box.gx * this.#cell + (box.cw * this.#cell - bw) / 2;
          const y = box.gy * this.#cell + (box.ch * this.#cell - bh) / 2;
          this.#words.set(word.id, {
            id: word.id,
            text: word.text,
            x,
            y,
            width: bw,
            height: bh,
            fontSize,
            rotate: turn,
            shrunk: fontSize < wanted - 1e-9,
            box,
          });
          return true;
        }
        this.#failed.push([cw, ch]);
      }
      if (fontSize <= floor) return false;
    }
  }

  #knownToFail(cw: number, ch: number): boolean {
    for (const [fw, fh] of this.#failed) if (cw >= fw && ch >= fh) return true;
    return false;
  }

  /**
   * The free box of cw×ch cells nearest to (sx, sy) (in cells, distance on an ellipse shaped like the area),
   * or undefined when there is none. Rows are tried outwards from the target; for each band of `ch` rows the
   * occupied bits are ORed into one row, whose free runs give every feasible x at once. The search ends as
   * soon as no farther row can beat the best box found.
   */
  #search(cw: number, ch: number, sx: number, sy: number): Box | undefined {
    const cols = this.#cols;
    const rows = this.#rows;
    const stride = this.#stride;
    const band = this.#band;
    const level = Math.min(this.#levels.length - 1, 31 - Math.clz32(ch));
    const table = this.#levels[level];
    const span = 1 << level;
    const maxGy = rows - ch;
    if (maxGy < 0 || cw > cols) return undefined;
    const ratio2 = (cols / rows) ** 2;
    const tx = Math.round(sx - cw / 2);
    const ty = Math.round(sy - ch / 2);
    const t0 = Math.min(Math.max(ty, 0), maxGy);
    let best: Box | undefined;
    let bestD = Infinity;
    const tryBand = (gy: number): void => {
      const dy2 = (gy - ty) ** 2;
      if (dy2 >= bestD) return;
      band.fill(0);
      band[stride - 1] = this.#tail;
      // cover the ch rows with a few windows of 2^k rows, each already ORed in the level-k table
      for (let r = gy; ; r += span) {
        const at = Math.min(r, gy + ch - span) * stride;
        for (let i = 0; i < stride; i++) band[i] |= table[at + i];
        if (r + span >= gy + ch) break;
      }
      for (let s = nextBit(band, 0, false, cols); s < cols;) {
        const e = nextBit(band, s, true, cols);
        if (e - s >= cw) {
          const x = Math.min(Math.max(tx, s), e - cw);
          const d = (x - tx) ** 2 / ratio2 + dy2;
          if (d < bestD) {
            bestD = d;
            best = { gx: x, gy, cw, ch };
          }
          if (s >= tx) break; // runs further right are farther away
        }
        if (e >= cols) break;
        s = nextBit(band, e, false, cols);
      }
    };
    for (let d = 0; ; d++) {
      const up = t0 - d;
      const down = t0 + d;
      const upOk = up >= 0;
      const downOk = down <= maxGy;
      if (!upOk && !downOk) break;
      const nearest = Math.min(upOk ? Math.abs(up - ty) : Infinity, downOk ? Math.abs(down - ty) : Infinity);
      if (nearest * nearest >= bestD) break;
      if (downOk) tryBand(down);
      if (d > 0 && upOk) tryBand(up);
    }
    return best;
  }

  #fill({ gx, gy, cw, ch }: Box, on: boolean): void {
    const grid = this.#grid;
    const end = gx + cw;
    for (let r = gy; r < gy + ch; r++) {
      const row = r * this.#stride;
      for (let c = gx; c < end;) {
        const bit = c & 31;
        const n = Math.min(32 - bit, end - c);
        const m = n === 32 ? 0xffffffff : ((1 << n) - 1) << bit;
        if (on) grid[row + (c >>> 5)] |= m;
        else grid[row + (c >>> 5)] &= ~m;
        c += n;
      }
    }
    this.#refresh(gy, gy + ch);
  }

  /** Recomputes the level tables for windows that overlap grid rows [r0, r1). */
  #refresh(r0: number, r1: number): void {
    const stride = this.#stride;
    const rows = this.#rows;
    const levels = this.#levels;
    for (let k = 1; k < levels.length; k++) {
      const below = levels[k - 1];
      const table = levels[k];
      const half = 1 << (k - 1);
      const from = Math.max(0, r0 - (1 << k) + 1);
      for (let r = from; r < r1; r++) {
        const at = r * stride;
        const next = r + half < rows ? (r + half) * stride : -1;
        for (let i = 0; i < stride; i++) table[at + i] = next < 0 ? below[at + i] : below[at + i] | below[next + i];
      }
    }
  }
}

/**
 * Gives the event loop a turn: `scheduler.yield()` where there is one, else a message-channel macrotask
 * (unlike nested `setTimeout`, never clamped to 4 ms; every browser and Node has `MessageChannel`).
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** The first column ≥ `from` whose bit is set (`set`) or clear (`!set`), or `cols` when there is none. */
function nextBit(row: Uint32Array, from: number, set: boolean, cols: number): number {
  let i = from >>> 5;
  if (i >= row.length) return cols;
  let w = (set ? row[i] : ~row[i]) & (~0 << (from & 31));
  while (w === 0) {
    if (++i >= row.length) return cols;
    w = set ? row[i] : ~row[i];
  }
  return Math.min(cols, (i << 5) + 31 - Math.clz32(w & -w));
}

/**
 * A width estimate for places without a canvas (Node tests, servers): average glyph widths of a
 * proportional sans-serif at 100 px, wide for CJK.
 */
export function approximateMeasure(text: string): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x2e80) w += 100;
    else if ("ilI.,;:!|'j".includes(ch)) w += 28;
    else if ('mwMW'.includes(ch)) w += 85;
    else if (ch === ' ') w += 28;
    else if (ch >= 'A' && ch <= 'Z') w += 66;
    else w += 55;
  }
  return w;
}
