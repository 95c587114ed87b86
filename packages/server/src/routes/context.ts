import type { FastifyRequest } from 'fastify';
import { NotFoundError, RateLimitedError } from '@voc-kit/protocol/errors.js';
import type { Db } from '../db.js';
import type { Limit } from '../http.js';
import type { LiveHub } from '../live.js';
import type { RateLimiter } from '../plugins/rate-limit.js';
import type { ReadCache } from '../reads/cache.js';
import { RECEIPT, SITE_KEY } from '../schemas.js';
import type { Site, Store } from '../store/index.js';

/** What every route plugin gets: the store, the database, the live hub, the limiter, the read cache and the server's options. */
export interface Ctx {
  store: Store;
  db: Db;
  hub: LiveHub;
  limiter: RateLimiter;
  /** ETags, 304s and cached answers of the public reads (issue 16). */
  reads: ReadCache;
  /** Crash-test hook: runs after a submission commits and before it is answered. */
  afterSubmitCommit?: () => void;
}

export type Q = Record<string, unknown>;

export async function rate(ctx: Ctx, req: FastifyRequest, site: string, kind: 'read' | 'write', own?: Limit): Promise<void> {
  const wait = await ctx.limiter.take(req.ip ?? 'unknown', site, kind, own);
  if (wait) throw new RateLimitedError(wait);
}

/** The site of a `/v1/sites/:site/…` request, after its rate limit. */
export async function siteOf(ctx: Ctx, req: FastifyRequest, kind: 'read' | 'write'): Promise<Site> {
  const key = (req.params as { site: string }).site;
  const site = SITE_KEY.test(key) ? await ctx.store.site(key) : null;
  if (!site) throw new NotFoundError('No such site.');
  await rate(ctx, req, site.key, kind, kind === 'write' ? site.settings.rateLimit : undefined);
  return site;
}

/** The receipt of a `/v1/threads/:receipt…` request, after its rate limit. */
export async function receiptOf(ctx: Ctx, req: FastifyRequest): Promise<string> {
  const receipt = (req.params as { receipt: string }).receipt;
  if (!RECEIPT.test(receipt)) throw new NotFoundError('No feedback for this link.');
  await rate(ctx, req, 'threads', 'read');
  return receipt;
}

/** Standard error answers, for the OpenAPI document. */
export const errorResponses = (codes: number[]) => {
  const out: Record<number, object> = {};
  for (const c of codes) out[c] = { $ref: 'Error#' };
  return out;
};
