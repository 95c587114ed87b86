import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConflictError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  ValidationError,
  errorFromResponse,
  isRetryable,
  parseRetryAfter,
} from './errors.js';

describe('errors', () => {
  it('maps HTTP answers to typed errors', () => {
    const body = (code: string, extra = {}) => ({ error: { code, message: 'm', ...extra } });
    const v = errorFromResponse(422, body('validation', { field: 'text', rule: 'too_long' }));
    assert.ok(v instanceof ValidationError && v.field === 'text' && v.rule === 'too_long');
    const r = errorFromResponse(429, body('rate_limited'), '7');
    assert.ok(r instanceof RateLimitedError && r.retryAfter === 7);
    assert.ok(errorFromResponse(401, body('unauthorized')) instanceof UnauthorizedError);
    assert.ok(errorFromResponse(404, body('not_found')) instanceof NotFoundError);
    assert.ok(errorFromResponse(503, 'not json') instanceof ServerError);
    assert.ok(errorFromResponse(408, null) instanceof ServerError);
    assert.ok(errorFromResponse(422, body('conflict')) instanceof ConflictError);
    assert.ok(errorFromResponse(400, {}) instanceof ValidationError);
  });

  it('says which errors are worth retrying', () => {
    assert.equal(isRetryable(new NetworkError()), true);
    assert.equal(isRetryable(new RateLimitedError(3)), true);
    assert.equal(isRetryable(new ServerError(502)), true);
    assert.equal(isRetryable(new ValidationError('text', 'required', 'm')), false);
    assert.equal(isRetryable(new NotFoundError()), false);
    assert.equal(isRetryable(new Error('plain')), false);
  });

  it('reads Retry-After as seconds or a date', () => {
    assert.equal(parseRetryAfter('120'), 120);
    assert.equal(parseRetryAfter(new Date(10_000 + 5_000).toUTCString(), 10_000), 5);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('serialises to the protocol shape', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(new ValidationError('email', 'invalid', 'Bad email'))), {
      code: 'validation',
      message: 'Bad email',
      field: 'email',
      rule: 'invalid',
      params: {},
    });
  });
});
