import { KINDS, type Kind, type Pulse } from '@voc-kit/core';

/** One day's column of the volume chart: a segment per kind, stacked from the bottom in `KINDS` order. */
export interface Column {
  x: number;
  width: number;
  segments: Array<{ kind: Kind; y: number; height: number }>;
}

/**
 * The stacked columns of `days` in a `width` × `height` box (SVG units, y downwards); `max` is the largest day's
 * total (at least 1), which is the top of the box. Kinds with no feedback that day get no segment.
 */
export function columns(days: Pulse['days'], width: number, height: number): { columns: Column[]; max: number } {
  const max = Math.max(1, ...days.map((d) => d.compliment + d.idea + d.complaint));
  const step = width / Math.max(days.length, 1);
  // a gap between columns while they are wide enough to see it
  const gap = days.length <= 90 ? step * 0.2 : 0;
  return {
    max,
    columns: days.map((d, i) => {
      let y = height;
      const segments = [];
      for (const kind of KINDS) {
        if (!d[kind]) continue;
        const h = (d[kind] / max) * height;
        y -= h;
        segments.push({ kind, y, height: h });
      }
      return { x: i * step + gap / 2, width: step - gap, segments };
    }),
  };
}

/** The busiest hour of the week (the first one when several tie), or undefined when there is no feedback. */
export function busiest(hourOfWeek: readonly number[]): { day: number; hour: number; count: number } | undefined {
  let best = -1;
  hourOfWeek.forEach((n, i) => {
    if (n > (hourOfWeek[best] ?? 0)) best = i;
  });
  return best < 0 ? undefined : { day: Math.floor(best / 24), hour: best % 24, count: hourOfWeek[best] };
}

/** Opacity of a heat-map cell: 0 for none, else from 0.15 (fewest) to 1 (the busiest hour). */
export function heat(count: number, max: number): number {
  return count > 0 && max > 0 ? Math.round((0.15 + (0.85 * count) / max) * 100) / 100 : 0;
}

/** Sum of a kind-count record. */
export const total = (counts: Record<Kind, number>): number => counts.compliment + counts.idea + counts.complaint;
