import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '@voc-kit/protocol/errors.js';
import type { Store } from '../store/index.js';
import { sameHash, sha256 } from '../util.js';

/** An `onRequest` hook for team routes: a Bearer token whose hash is an active token's (compared in constant time). */
export function requireTeamToken(store: Store) {
  return async (req: FastifyRequest): Promise<void> => {
    if (req.method === 'OPTIONS') return;
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_.~+/=-]{1,256})$/.exec(header) : null;
    if (!match) throw new UnauthorizedError();
    const hash = sha256(match[1]);
    const stored = await store.activeTokenHash(hash);
    if (!stored || !sameHash(stored, hash)) throw new UnauthorizedError();
  };
}
