import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, RateLimitedError, ValidationError, VocError } from '@voc-kit/protocol/errors.js';
import { HttpError } from '../http.js';

/** Every error answer: `{error: {code, message, …}}`, never cached, Retry-After on a 429. */
export function send(reply: FastifyReply, error: VocError) {
  if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfter));
  return reply.code(error.status).header('cache-control', 'no-store').send({ error: error.toJSON() });
}

/** Bytes of a refused body read and thrown away, so the client reads its answer instead of a reset connection. */
const DRAIN_MAX = 16 * 1024 * 1024;
const DRAIN_MS = 5000;

/**
 * Reads the rest of a request body we will not use. A client still sending when the answer comes and the
 * connection closes sees a reset instead of the JSON error; reading the rest first (within bounds) lets it read
 * the answer. Past the bounds the connection is closed after the answer.
 */
export function drain(raw: IncomingMessage, reply: FastifyReply): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  // whatever was reading it (a parser, a timeout stream) lets go, or it would hold the stream paused
  raw.unpipe();
  const declared = Number(raw.headers['content-length'] ?? 0);
  if (declared > DRAIN_MAX) {
    reply.header('connection', 'close');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX) {
        reply.header('connection', 'close');
        done();
      }
    };
    const timer = setTimeout(() => {
      reply.header('connection', 'close');
      done();
    }, DRAIN_MS);
    raw.on('data', onData);
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    raw.resume();
  });
}

interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}
const HEADER_NAMES: Record<string, string> = { 'idempotency-key': 'Idempotency-Key', 'last-event-id': 'Last-Event-ID' };
const RULES: Record<string, string> = { maxLength: 'too_long', maxItems: 'too_long', required: 'required', minLength: 'required' };

/** A schema validation failure as the protocol's ValidationError: the field at fault and the rule it broke. */
export function schemaError(errors: AjvError[], context: string): ValidationError {
  const e = errors[0];
  const path = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') path.push(e.params.missingProperty);
  let field = path.join('.') || (context === 'body' ? 'body' : context);
  if (context === 'headers') field = HEADER_NAMES[field] ?? field;
  const rule = RULES[e.keyword] ?? 'invalid';
  const params: Record<string, string | number> = {};
  if (typeof e.params.limit === 'number') params.max = e.params.limit;
  const message = context === 'body' && !path.length ? 'Send a JSON object.' : `${field} ${e.message ?? 'is not valid'}.`;
  return new ValidationError(field, rule, message, params);
}

/** The error handler, the not-found handler and the body drain, for the whole server. */
export function registerErrors(app: FastifyInstance, logger: boolean): void {
  app.setSchemaErrorFormatter((errors, context) => schemaError(errors as AjvError[], context));

  app.setErrorHandler(async (error: FastifyError, req: FastifyRequest, reply) => {
    if (error instanceof VocError) {
      if (error.status === 413 || error.status === 415) await drain(req.raw, reply);
      return send(reply, error);
    }
    const status = error.statusCode ?? 500;
    if (status === 408) {
      // the sender stopped sending: answer and close, there is nothing to wait for
      reply.header('connection', 'close');
      return send(reply, new HttpError(408, 'validation', 'The request body took too long to arrive.'));
    }
    if (status >= 400 && status < 500) {
      // whatever is left of a body we refuse is read first, so the client gets this answer
      await drain(req.raw, reply);
      if (status === 413) return send(reply, new HttpError(413, 'validation', 'The request body is too large.'));
      if (status === 415) return send(reply, new HttpError(415, 'validation', 'Send JSON (Content-Type: application/json).'));
      return send(
        reply,
        new HttpError(status, 'validation', error.code?.startsWith('FST_ERR_CTP') ? 'The request body is not valid JSON.' : error.message),
      );
    }
    // a 5xx is a bug: say so where operators look (with the logger off, on stderr)
    if (logger) reply.log.error(error);
    else console.error('[voc-server] 500:', error);
    return reply.code(500).send({ error: { code: 'server', message: 'The server failed; this is a bug.' } });
  });

  app.setNotFoundHandler(async (req, reply) => {
    await drain(req.raw, reply);
    return send(reply, new NotFoundError('No such route.'));
  });
}
