/**
 * The longest feedback text, in Unicode code points after trimming: `LIMITS.text.max`, written here so that a form
 * can count against it at first paint without loading the rest of the table (`limits.ts` reads it from here).
 */
export const TEXT_MAX = 4000;

/** Length in Unicode code points, so an emoji counts as one character on every side. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
