/**
 * The limits of a submission, in a module of their own (no validation code), so an element can show them at first
 * paint without loading the validation that uses them. `validation.ts` re-exports them.
 */
export const TEXT_MAX = 4000;
export const EMAIL_MAX = 254;
export const TOPIC_MAX = 64;
export const URL_MAX = 2048;
export const KEY_MIN = 8;
export const KEY_MAX = 128;

/** Length in Unicode code points, so an emoji counts as one character on every side. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
