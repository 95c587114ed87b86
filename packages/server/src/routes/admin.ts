import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/index.js';

/** What the `/v1/admin/…` route plugins share: their OpenAPI schema, the site and the params of a request. */
const errors = { '4xx': { $ref: 'Error#' } };
const security = [{ bearer: [] }];
const tags = ['team'];

/** `{ [key]: items[] }`, the answer of a list. */
export const list = (key: string, items: object) => ({ type: 'object', properties: { [key]: { type: 'array', items } }, required: [key] });
/** A JSON body with these properties, none required. */
export const body = (properties: Record<string, object>) => ({ type: 'object', properties });
/** An admin route's schema: team tag, bearer security, the 4xx error answers beside `response`. */
export const schema = (summary: string, extra: object, response: object) => ({
  summary,
  tags,
  security,
  ...extra,
  response: { ...response, ...errors },
});
/** The key of the `:site` of a request; NotFoundError when there is no such site. */
export const siteKey = async (store: Store, req: FastifyRequest): Promise<string> =>
  (await store.requireSite((req.params as { site: string }).site)).key;
/** A path parameter of a request. */
export const param = (req: FastifyRequest, name: string): string => (req.params as Record<string, string>)[name];
