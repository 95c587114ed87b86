import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `bytes` random bytes as base64url (16 bytes = 128 bits). */
export const randomToken = (bytes = 16): string => randomBytes(bytes).toString('base64url');

/**
 * A time-ordered UUID (version 7, RFC 9562: 48 bits of Unix milliseconds, then random bits) for feedback items, the
 * table that grows with every submission: a new id lands at the end of the primary key, on a page already in memory,
 * where a random (v4) id lands on any leaf of an index that, at a million items, no longer fits in memory (a page
 * read, and a full-page image in the WAL after each checkpoint, per submission). Ids still carry 74 random bits.
 */
export function uuidv7(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The receipt of a submission: only someone who knows the idempotency key can derive it again. */
export const deriveReceipt = (idempotencyKey: string, nonce: string): string =>
  createHmac('sha256', idempotencyKey).update(nonce).digest().subarray(0, 16).toString('base64url');

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** ISO 8601 from whatever the driver gives for a timestamptz. */
export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/** JSON with sorted keys, so equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
