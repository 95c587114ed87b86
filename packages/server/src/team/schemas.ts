/** JSON schema pieces of the team routes (the server does not coerce query strings: numbers arrive as strings). */
import { ValidationError } from '@voc-kit/protocol/errors.js';
import { KINDS } from '@voc-kit/protocol/model.js';
import { SEARCH_MAX, TEAM_ROLES } from '@voc-kit/protocol/team.js';
import { EMAIL_MAX, TOPIC_MAX } from '@voc-kit/protocol/limits.js';
import { FEEDBACK_STATUSES, RECEIPT, SITE_KEY } from '../schemas.js';

export const uuid = { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' } as const;
export const slug = { type: 'string', minLength: 1, maxLength: TOPIC_MAX } as const;
export const str = (maxLength: number, minLength = 1) => ({ type: 'string', minLength, maxLength }) as const;
export const role = { type: 'string', enum: [...TEAM_ROLES] } as const;
export const siteParams = { type: 'object', properties: { site: { type: 'string', pattern: SITE_KEY.source } }, required: ['site'] };
export const itemParams = { ...siteParams, properties: { ...siteParams.properties, id: uuid }, required: ['site', 'id'] };
export const topicParams = { ...siteParams, properties: { ...siteParams.properties, topic: slug }, required: ['site', 'topic'] };
export const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] };
export const body = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
export const filterQuery = {
  q: { type: 'string', maxLength: SEARCH_MAX },
  kind: { type: 'string', enum: [...KINDS] },
  status: { type: 'string', enum: [...FEEDBACK_STATUSES] },
  topic: slug,
  // query strings are strings (the server does not coerce types): 'true' or 'false'
  contact: { type: 'string', enum: ['true', 'false'] },
  awaiting: { type: 'string', enum: ['true', 'false'] },
  reopened: { type: 'string', enum: ['true', 'false'] },
  term: { type: 'string', maxLength: 200 },
};
/** Who a GDPR request is about: a contact e-mail or a receipt. */
export const whoQuery = {
  type: 'object',
  properties: { email: { type: 'string', maxLength: EMAIL_MAX }, receipt: { type: 'string', pattern: RECEIPT.source } },
};

/** A whole number in a query string (the server does not coerce types); `intOf` checks its range. */
export const queryInt = { type: 'string', pattern: '^\\d{1,4}$' };
export function intOf(value: unknown, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ValidationError('limit', 'invalid', `limit is a whole number from 1 to ${max}.`);
  return n;
}
