/** Machine-readable error codes, shared by every adapter and the HTTP protocol. */
export type VocErrorCode = 'validation' | 'rate_limited' | 'network' | 'server' | 'not_found' | 'unauthorized' | 'conflict';

/** Base of every error an adapter throws. `code` is stable; `message` is for people (English). */
export class VocError extends Error {
  readonly code: VocErrorCode;
  /** HTTP status when the error came from (or maps to) an HTTP answer. */
  readonly status: number;
  constructor(code: VocErrorCode, message: string, status: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VocError';
    this.code = code;
    this.status = status;
  }
  toJSON(): { code: VocErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Bad input: `field` names what is wrong (e.g. `text`), `rule` which rule failed (e.g. `too_long`). */
export class ValidationError extends VocError {
  readonly field: string;
  readonly rule: string;
  readonly params: Record<string, string | number>;
  constructor(field: string, rule: string, message: string, params: Record<string, string | number> = {}) {
    super('validation', message, 422);
    this.name = 'ValidationError';
    this.field = field;
    this.rule = rule;
    this.params = params;
  }
  override toJSON() {
    return { ...super.toJSON(), field: this.field, rule: this.rule, params: this.params };
  }
}

/** Too many requests; try again after `retryAfter` seconds. */
export class RateLimitedError extends VocError {
  readonly retryAfter: number;
  constructor(retryAfter: number, message = `Too many requests; try again in ${retryAfter} s.`) {
    super('rate_limited', message, 429);
    this.name = 'RateLimitedError';
    this.retryAfter = retryAfter;
  }
  override toJSON() {
    return { ...super.toJSON(), retryAfter: this.retryAfter };
  }
}

/** The backend could not be reached (offline, DNS, CORS, connection reset, timeout). */
export class NetworkError extends VocError {
  constructor(message = 'The server could not be reached.', options?: { cause?: unknown }) {
    super('network', message, 0, options);
    this.name = 'NetworkError';
  }
}

/** The backend failed (5xx, 408, or an answer that is not the protocol). */
export class ServerError extends VocError {
  constructor(status = 500, message = 'The server failed to answer.') {
    super('server', message, status);
    this.name = 'ServerError';
  }
}

/** Nothing there, or not for you: says nothing about which. */
export class NotFoundError extends VocError {
  constructor(message = 'Not found.') {
    super('not_found', message, 404);
    this.name = 'NotFoundError';
  }
}

/** A team endpoint was called without a valid token. */
export class UnauthorizedError extends VocError {
  constructor(message = 'A valid team token is required.') {
    super('unauthorized', message, 401);
    this.name = 'UnauthorizedError';
  }
}

/** The request contradicts an earlier one, e.g. an idempotency key reused with another body. */
export class ConflictError extends VocError {
  constructor(message: string) {
    super('conflict', message, 422);
    this.name = 'ConflictError';
  }
}

/** True when trying again later may succeed: network trouble, 408, 429 and 5xx. */
export function isRetryable(error: unknown): boolean {
  return error instanceof VocError && ['network', 'rate_limited', 'server'].includes(error.code);
}

/** Shape of every error body in the HTTP protocol. */
export interface ErrorBody {
  error: {
    code: VocErrorCode;
    message: string;
    field?: string;
    rule?: string;
    params?: Record<string, string | number>;
    retryAfter?: number;
  };
}

/**
 * Turns an HTTP answer into the matching typed error.
 * @param retryAfterHeader the `Retry-After` header (seconds or an HTTP date)
 */
export function errorFromResponse(status: number, body: unknown, retryAfterHeader?: string | null): VocError {
  const e = (body as Partial<ErrorBody> | null)?.error;
  const message = typeof e?.message === 'string' ? e.message : `HTTP ${status}`;
  if (status === 429) return new RateLimitedError(parseRetryAfter(retryAfterHeader) ?? e?.retryAfter ?? 1, message);
  if (status === 401 || status === 403) return new UnauthorizedError(message);
  if (status === 404 || status === 410) return new NotFoundError(message);
  if (status === 408 || status >= 500) return new ServerError(status, message);
  if (e?.code === 'conflict') return new ConflictError(message);
  return new ValidationError(e?.field ?? 'request', e?.rule ?? 'invalid', message, e?.params ?? {});
}

/** Seconds to wait from a `Retry-After` header, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
