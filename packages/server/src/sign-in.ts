/**
 * The owner's first way in, in production: a one-time sign-in link printed at start,
 * `${VOC_PUBLIC_URL}/console#token=…`. The token in it is not a team token: it is stored only as the SHA-256 of
 * `sign-in:<token>`, so it authenticates nothing by itself; the console (or any client) exchanges it once at
 * `POST /v1/sign-in` for a new team token, and the link is then spent. A new link is printed on every start while
 * no team token exists, and `voc-server sign-in-link` prints one whenever an owner has lost access.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { UnauthorizedError } from '@voc-kit/protocol/errors.js';
import type { Db } from './db.js';
import type { Store } from './store/index.js';
import { randomToken, sha256 } from './util.js';

/** The name a sign-in link's row carries in the tokens table (listed and revocable like any token). */
export const SIGN_IN_NAME = 'one-time sign-in link';

const hashOf = (token: string) => sha256(`sign-in:${token}`);
/** The form of a sign-in token (`randomToken(32)` gives 43 characters). */
const SIGN_IN_TOKEN = /^[A-Za-z0-9_-]{22,128}$/;

/** Team tokens in force, sign-in links not counted. */
async function teamTokenCount(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE revoked_at IS NULL AND name <> $1', [
    SIGN_IN_NAME,
  ]);
  return row?.n ?? 0;
}

/** Makes a new one-time sign-in token (earlier unused ones stop working) and returns it; only its hash is stored. */
export async function createSignInToken(db: Db): Promise<string> {
  const token = randomToken(32);
  await db.query('UPDATE tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL', [SIGN_IN_NAME]);
  await db.query('INSERT INTO tokens (id, name, hash) VALUES ($1, $2, $3)', [randomUUID(), SIGN_IN_NAME, hashOf(token)]);
  return token;
}

/** A sign-in token when no team token exists yet (first start in production), otherwise undefined. */
export async function firstSignInToken(db: Db): Promise<string | undefined> {
  return (await teamTokenCount(db)) === 0 ? createSignInToken(db) : undefined;
}

/** The link an owner opens: the token in the fragment never reaches a server log or a Referer header. */
export const signInLink = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/console#token=${token}`;

/** Spends a one-time sign-in token: true for exactly one caller (of two racing with the same link, only one gets the row). */
export async function spendSignInToken(db: Db, token: string): Promise<boolean> {
  if (!SIGN_IN_TOKEN.test(token)) return false;
  const spent = await db.query<{ id: string }>(
    'UPDATE tokens SET revoked_at = now() WHERE hash = $1 AND name = $2 AND revoked_at IS NULL RETURNING id',
    [hashOf(token), SIGN_IN_NAME],
  );
  return spent.length === 1;
}

/** `POST /v1/sign-in` `{ token }` → 201 `{ token }`: spends a sign-in token for a new team token, once. */
export function registerSignIn(app: FastifyInstance, store: Store, db: Db): void {
  app.post(
    '/v1/sign-in',
    {
      schema: {
        summary: 'Spend a one-time sign-in link (printed by `voc-server` in production) for a new team token',
        tags: ['team'],
        body: { type: 'object', properties: { token: { type: 'string', maxLength: 256 } }, required: ['token'] },
        response: {
          201: { type: 'object', properties: { token: { type: 'string' }, name: { type: 'string' } }, required: ['token', 'name'] },
        },
      },
    },
    async (req, reply) => {
      const token = (req.body as { token?: unknown } | null)?.token;
      if (typeof token !== 'string' || !SIGN_IN_TOKEN.test(token)) throw new UnauthorizedError('This sign-in link is not valid.');
      // one statement: of two requests racing with the same link, only one gets the row
      if (!(await spendSignInToken(db, token)))
        throw new UnauthorizedError('This sign-in link was used already or replaced by a newer one.');
      const created = await store.createToken('owner (signed in with the one-time link)');
      return reply.code(201).header('cache-control', 'no-store').send({ token: created.token, name: created.name });
    },
  );
}
