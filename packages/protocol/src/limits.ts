import { TEXT_MAX } from './text-length.js';
import { EMAIL_MAX, KEY_MAX, KEY_MIN, LOCALE_MAX, TOPIC_MAX, URL_MAX } from './field-limits.js';
import { READ_LIMITS } from './read-limits.js';

export { TEXT_MAX, textLength } from './text-length.js';
export { EMAIL_MAX, KEY_MAX, KEY_MIN, LOCALE_MAX, TOPIC_MAX, URL_MAX } from './field-limits.js';
export { READ_LIMITS, clampLimit } from './read-limits.js';

/**
 * Every maximum and default of the VoC Kit protocol, in one table. The server, the adapters and the elements
 * read it from here; nothing writes these numbers anywhere else (a submission's field maxima are in
 * `field-limits.ts` and the text's in `text-length.ts`, which this table reads, so a draft is checked without it; the
 * public reads' page sizes are in `read-limits.ts`, so the elements that ask for pages carry only them).
 */
export const LIMITS = {
  /** Feedback text, in Unicode code points after trimming (the number is in `text-length.ts`, for the form's first paint). */
  text: { max: TEXT_MAX },
  /** A contact e-mail address, in UTF-16 units. */
  email: { max: EMAIL_MAX },
  /** A topic slug: lowercase letters, digits, single hyphens. */
  topic: { max: TOPIC_MAX },
  /** A site key: a slug like a topic's. */
  site: { max: 64 },
  /** The page address sent with feedback. */
  pageUrl: { max: URL_MAX },
  /** A BCP 47 language tag. */
  locale: { max: LOCALE_MAX },
  /** Idempotency keys (submissions and "me too"): letters, digits, `_` and `-`. */
  idempotencyKey: { min: KEY_MIN, max: KEY_MAX },
  /** Receipts as handed out (`randomToken(16)` gives 22) and as accepted in a thread address. */
  receipt: { bytes: 16, min: 16, max: 64 },
  ...READ_LIMITS,
  /** The team's inbox page. */
  inbox: { default: 50, max: 200 },
  /** Topics in the pulse's "most complaints" list. */
  pulseTopTopics: { max: 5 },
  /**
   * The pulse's durations (time to first reply, time to confirmed resolution) are counted in hour buckets: `fine`
   * hours wide below `fineUntil` hours, `coarse` hours wide from there (see `durationBucket` in adapter-logic).
   * Every adapter and the server's read models count the same buckets, so their medians are identical; a median
   * is within half a bucket of the exact one (±0.5 h below three days, ±12 h above).
   */
  pulseDurations: { fineUntil: 72, fine: 1, coarse: 24 },
  /** `since` windows: `Nd` (1 ≤ N ≤ max days, counted in whole UTC days including today) or `all`. */
  since: { maxDays: 99_999, pulseDefault: '30d' },
} as const;
