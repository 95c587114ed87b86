import type { VocErrorDetail } from './element.js';

/**
 * The `voc-error` detail for `error`, thrown while doing `action`: `el.emit('voc-error', errorDetail(error, 'load'))`.
 * The code is read from the error (every `VocError` has a string `code`), not by `instanceof`: so the elements, which
 * load this to paint, do not carry the error classes (they travel with the adapters and the outbox).
 */
export function errorDetail(error: unknown, action: string): VocErrorDetail {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: error instanceof Error && typeof code === 'string' ? code : 'unknown',
    message: error instanceof Error ? error.message : String(error),
    action,
    error,
  };
}

/** A `heading-level` attribute's value within 1–5 (2 when it is not a number). */
export const headingLevel = (level: number): number => Math.min(Math.max(Math.round(level) || 2, 1), 5);
