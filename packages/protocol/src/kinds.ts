/**
 * The three kinds of feedback, in the order they are offered. Part of the model (`model.ts` re-exports it), in a
 * module of its own so that a form paints its choices without loading the rest of the model.
 */
export const KINDS = ['compliment', 'idea', 'complaint'] as const;
export type Kind = (typeof KINDS)[number];
