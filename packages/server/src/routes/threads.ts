import type { FastifyInstance } from 'fastify';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import { object, text } from '../http.js';
import * as S from '../schemas.js';
import { receiptOf, type Ctx } from './context.js';

const errors = { '4xx': { $ref: 'Error#' } };
const tags = ['threads'];

/** `/v1/threads/:receipt…`: the private thread of whoever holds a receipt. */
export async function threadRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  const { store, reads } = ctx;
  const params = S.params.receipt;

  app.get(
    '/v1/threads/:receipt',
    {
      schema: {
        summary: 'A private thread by receipt',
        tags,
        params,
        headers: S.ifNoneMatchHeader,
        response: { 200: S.Thread, 304: S.notModified, ...errors },
      },
    },
    async (req, reply) => {
      const receipt = await receiptOf(ctx, req);
      return reads.serve(req, reply, undefined, () => store.thread(receipt), { private: true, siteOf: (t) => t.feedback.site });
    },
  );

  app.post(
    '/v1/threads/:receipt/confirm',
    { schema: { summary: 'Confirm it is resolved, or reopen', tags, params, body: S.Confirm, response: { 200: S.Thread, ...errors } } },
    async (req) => {
      const receipt = await receiptOf(ctx, req);
      const body = object(req.body);
      if (typeof body.resolved !== 'boolean') throw new ValidationError('resolved', 'required', 'resolved must be true or false.');
      return store.confirm(receipt, body.resolved, text(body, 'comment', 2000, false));
    },
  );

  app.delete(
    '/v1/threads/:receipt',
    {
      schema: {
        summary: 'Withdraw: delete the item and everything tied to it',
        tags,
        params,
        response: { 204: { type: 'null', description: 'Deleted' }, ...errors },
      },
    },
    async (req, reply) => {
      await store.withdraw(await receiptOf(ctx, req));
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/threads/:receipt/export',
    {
      schema: {
        summary: 'Everything stored about this submission (GDPR access)',
        tags,
        params,
        response: {
          200: {
            type: 'object',
            properties: {
              feedback: { type: 'array', items: S.TeamThread },
              follows: { type: 'array', items: { type: 'object', properties: { site: { type: 'string' }, topic: { type: 'string' } } } },
            },
            required: ['feedback', 'follows'],
          },
          ...errors,
        },
      },
    },
    async (req) => store.exportData({ receipt: await receiptOf(ctx, req) }),
  );
}
