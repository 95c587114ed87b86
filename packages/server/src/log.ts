/**
 * JSON logs through Fastify's logger (pino), one line per request, with nothing in them that is a secret or
 * personal: no headers (tokens, cookies), no bodies (contact addresses), receipts and email addresses in URLs
 * replaced by "…", and the same fields redacted wherever a log call passes them in an object.
 */
import type { FastifyServerOptions } from 'fastify';

/** Query parameters whose values never reach a log. */
const SECRET_PARAMS = /^(email|receipt|voc-receipt|token|contact)$/i;
/** Anything that looks like an email address, wherever it stands in a URL. */
const EMAIL = /[^\s/?&=#]+(?:@|%40)[^\s/?&=#]+/gi;

/** A request URL as it may appear in a log: receipts, tokens and email addresses replaced by "…". */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at === -1 ? url : url.slice(0, at)).replace(/\/threads\/[^/]+/, '/threads/…').replace(EMAIL, '…');
  if (at === -1) return path;
  const params = new URLSearchParams(url.slice(at + 1));
  for (const key of new Set(params.keys())) if (SECRET_PARAMS.test(key)) params.set(key, '…');
  return `${path}?${params.toString().replaceAll('%E2%80%A6', '…').replace(EMAIL, '…')}`;
}

/** Fields redacted in any object handed to the logger (e.g. `req.log.info({ contact }, '…')`). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'email',
  'contact',
  'receipt',
  'token',
  '*.email',
  '*.contact',
  '*.receipt',
  '*.token',
  '*.authorization',
];

/** Fastify's `logger` option for the reference server: JSON lines on stdout, `VOC_LOG_LEVEL` (default info). */
export function loggerOptions(level = process.env.VOC_LOG_LEVEL || 'info'): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
