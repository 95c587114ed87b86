import { KINDS, type Kind, type Pulse } from '@voc-kit/core';

/** One day's column of the volume chart: a segment per kind, stacked from the bottom in `KINDS` order. */
export interface Column {
  x: number;
  width: number;
  segments: Array<{ kind: Kind; y: number; height: number }>;
}

/** Sum of a kind-count record. */
export const total = (counts: Record<Kind, number>): number => counts.compliment + counts.idea + counts.complaint;

/**
 * The stacked columns of `days` in a `width` × `height` box (SVG units, y downwards); `max` is the largest day's
 * total (at least 1), which is the top of the box. Kinds with no feedback that day get no segment.
 */
export function columns(days: Pulse['days'], width: number, height: number): { columns: Column[]; max: number } {
  const max = Math.max(1, ...days.map(total));
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

/** The 168 hours of the week moved `shift` hours later (for a zone `shift` hours ahead of UTC, −14 to 14): UTC hour i lands on i + shift. */
export const rotate = (hourOfWeek: readonly number[], shift: number): number[] =>
  hourOfWeek.map((_, i) => hourOfWeek[(i - shift + 168) % 168]);

/**
 * Minutes `timeZone` (an IANA name; undefined: the reader's) is ahead of UTC at the instant `at`: 330 in
 * Asia/Kolkata, −300 or −240 in America/New_York; a RangeError for a name that is not a time zone. It reads the
 * zone's offset and formats nothing shown (the Localizer does that).
 */
export function zoneOffset(timeZone: string | undefined, at: number): number {
  const [, h = '0', m = '0'] =
    /([+-]\d+):(\d+)/.exec(new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).format(at)) ?? [];
  return +h * 60 + (h[0] === '-' ? -m : +m);
}
