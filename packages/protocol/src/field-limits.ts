/**
 * The maxima of a submission's fields besides the text's (`text-length.ts`), in a module of their own so that
 * checking a draft (the form's sending machinery, the HTTP adapter) carries only them; `LIMITS` (`limits.ts`), the one
 * table of every maximum, reads them from here.
 */

/** A contact e-mail address, in UTF-16 units. */
export const EMAIL_MAX = 254;
/** A topic slug: lowercase letters, digits, single hyphens. */
export const TOPIC_MAX = 64;
/** The page address sent with feedback. */
export const URL_MAX = 2048;
/** A BCP 47 language tag. */
export const LOCALE_MAX = 35;
/** Idempotency keys (submissions and "me too"): letters, digits, `_` and `-`. */
export const KEY_MIN = 8;
export const KEY_MAX = 128;
