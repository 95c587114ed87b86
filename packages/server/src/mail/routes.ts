import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import { isReceipt } from '@voc-kit/protocol/query.js';
import { checkEmail, EMAIL_MAX } from '@voc-kit/protocol/validation.js';
import type { Store } from '../store/index.js';
import { emailHash, type LinkClaims, type LinkPurpose } from './links.js';
import type { MailOutbox } from './outbox.js';
import { escapeHtml } from './render.js';
import { MAIL_STRINGS, mailLocale, type MailStrings } from './strings.js';

export interface MailRoutesOptions {
  outbox: MailOutbox;
  store: Store;
  /** Where a mail's thread link lands when the site has no `threadUrl` setting (the demo's status-feed page). */
  defaultThreadPage?: (base: string) => string | undefined;
  publicUrl: () => string;
}

/** A page with one sentence and, until the person acts, one button: links in mails never act on a GET (mail scanners open them). */
function page(reply: FastifyReply, locale: string | undefined, title: string, body: string, status = 200): FastifyReply {
  const lang = mailLocale(locale);
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}

const button = (action: string, token: string, label: string) =>
  `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="t" value="${escapeHtml(token)}">` +
  `<button type="submit">${escapeHtml(label)}</button></form>`;

const tags = ['mail'];
const token = { type: 'object', properties: { t: { type: 'string', maxLength: 600 } } };
const html = { description: 'a small HTML page', content: { 'text/html': { schema: { type: 'string' } } } };
const page404 = {
  description: 'the link has expired or is not valid (HTML page)',
  content: { 'text/html': { schema: { type: 'string' } } },
};
const pageSchema = (summary: string, post = false) => ({
  schema: {
    summary,
    tags,
    ...(post ? { body: token } : { querystring: token }),
    response: { 200: html, 404: page404 },
  },
});

/** Public one-click pages behind the links in mails. */
export async function mailRoutes(app: FastifyInstance, opts: MailRoutesOptions): Promise<void> {
  const { outbox, store } = opts;
  const signer = outbox.signer;
  const tokenOf = (req: FastifyRequest): unknown =>
    (req.body as Record<string, unknown> | undefined)?.t ?? (req.query as Record<string, unknown>).t;
  const claimsOf = (req: FastifyRequest, purposes: LinkPurpose[]) =>
    signer.verify(tokenOf(req), purposes) as (LinkClaims & { l?: string }) | undefined;
  const bad = (reply: FastifyReply, locale?: string) => page(reply, locale, MAIL_STRINGS[mailLocale(locale)].badLink, '', 404);

  // the thread link of a mail: to the site's page that shows <voc-status-feed>, with the receipt
  app.get(
    '/v1/mail/thread',
    {
      schema: {
        summary: "A mail's thread link: redirects to the site's thread page with the receipt",
        tags,
        querystring: { type: 'object', properties: { site: { type: 'string' }, 'voc-receipt': { type: 'string' } } },
        response: { 303: { description: 'to settings.threadUrl with ?voc-receipt=' }, 404: page404 },
      },
    },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const receipt = typeof q['voc-receipt'] === 'string' ? q['voc-receipt'] : '';
      const site = typeof q.site === 'string' ? await store.site(q.site) : null;
      const target = site?.settings.threadUrl ?? opts.defaultThreadPage?.(opts.publicUrl());
      if (!site || !isReceipt(receipt) || !target) return bad(reply);
      const url = new URL(target);
      url.searchParams.set('voc-receipt', receipt);
      return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').redirect(url.href, 303);
    },
  );

  type Claims = LinkClaims & { l?: string };
  type Key = { [K in keyof MailStrings]: MailStrings[K] extends string ? K : never }[keyof MailStrings];
  /** The GET of a mail link: a page whose one button POSTs the link's token back to `path`. */
  const buttonPage = (path: string, purposes: LinkPurpose[], summary: string, title: Key, label: (claims: Claims) => Key) =>
    app.get(path, pageSchema(summary), async (req, reply) => {
      const claims = claimsOf(req, purposes);
      if (!claims) return bad(reply);
      const s = MAIL_STRINGS[mailLocale(claims.l)];
      return page(reply, claims.l, s[title], button(path, tokenOf(req) as string, s[label(claims)]));
    });
  /** The page after the POST: what was done, in one sentence. */
  const done = (reply: FastifyReply, claims: Claims, title: Key, sentence: Key) => {
    const s = MAIL_STRINGS[mailLocale(claims.l)];
    return page(reply, claims.l, s[title], `<p>${escapeHtml(s[sentence])}</p>`);
  };

  // "is it resolved for you?": the page offers the one button; the POST confirms or reopens
  buttonPage('/v1/mail/confirm', ['confirm', 'reopen'], 'Is it resolved for you? The page with one button', 'confirmTitle', (c) =>
    c.p === 'confirm' ? 'askYes' : 'askNo',
  );
  app.post('/v1/mail/confirm', pageSchema("Confirms or reopens (the signed link's one purpose)", true), async (req, reply) => {
    const claims = claimsOf(req, ['confirm', 'reopen']);
    if (!claims?.f) return bad(reply);
    try {
      await store.confirm(signer.threadReceipt(claims.f), claims.p === 'confirm');
    } catch {
      return bad(reply, claims.l);
    }
    return done(reply, claims, 'confirmTitle', claims.p === 'confirm' ? 'confirmedYes' : 'confirmedNo');
  });

  // unsubscribe: RFC 8058 one-click POST from the mail client, or the page's button
  buttonPage(
    '/v1/mail/unsubscribe',
    ['unsubscribe'],
    'Unsubscribe: the page with one button',
    'unsubscribeTitle',
    () => 'unsubscribeButton',
  );
  app.post('/v1/mail/unsubscribe', pageSchema("Unsubscribe (RFC 8058 one-click POST, or the page's button)", true), async (req, reply) => {
    const claims = claimsOf(req, ['unsubscribe']);
    if (!claims?.e || !claims.s) return bad(reply);
    await outbox.suppress(claims.e, claims.s, 'unsubscribe');
    return done(reply, claims, 'unsubscribeTitle', claims.s === '*' ? 'unsubscribedAll' : 'unsubscribedTopic');
  });

  // a daily digest instead of each mail
  buttonPage('/v1/mail/digest', ['digest'], 'A daily digest instead of each mail: the page', 'digestTitle', () => 'digestButton');
  app.post('/v1/mail/digest', pageSchema('Switch to a daily digest', true), async (req, reply) => {
    const claims = claimsOf(req, ['digest']);
    if (!claims?.e) return bad(reply);
    await outbox.setMode(claims.e, 'daily');
    return done(reply, claims, 'digestTitle', 'digestDone');
  });
}

/** The team's mail routes; register them behind the team check of /v1/admin. */
export function mailAdminRoutes(app: FastifyInstance, outbox: MailOutbox): void {
  const siteQuery = { type: 'object', properties: { site: { type: 'string', maxLength: LIMITS.site.max } } };
  app.get(
    '/v1/admin/mail',
    {
      schema: {
        summary: 'Mail: on or off, and the outbox by status',
        tags,
        querystring: siteQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              enabled: { type: 'boolean' },
              transport: { type: 'string', enum: ['smtp', 'dev-mailbox', 'off'] },
              counts: { type: 'object', additionalProperties: { type: 'integer' } },
            },
          },
        },
      },
    },
    async (req) => {
      const site = (req.query as Record<string, unknown>).site;
      return {
        enabled: outbox.enabled,
        transport: outbox.options.smtpUrl ? 'smtp' : outbox.enabled ? 'dev-mailbox' : 'off',
        counts: await outbox.stats(typeof site === 'string' ? site : undefined),
      };
    },
  );
  app.get(
    '/v1/admin/mail/dev-mailbox',
    {
      schema: {
        summary: 'Development without SMTP: the mails that would have been sent, newest first',
        tags,
        querystring: siteQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              mails: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    site: { type: 'string' },
                    to: { type: 'string' },
                    subject: { type: 'string' },
                    text: { type: 'string' },
                    html: { type: 'string' },
                    messageId: { type: 'string' },
                    createdAt: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      return { mails: await outbox.devMailbox(typeof q.site === 'string' ? q.site : undefined) };
    },
  );
  // bounces and complaints reported by the mail provider (or by hand): no more mail to that address
  app.post(
    '/v1/admin/mail/suppressions',
    {
      schema: {
        summary: 'Stop mail to an address (a bounce or complaint your provider reported, or by hand)',
        tags,
        body: {
          type: 'object',
          properties: {
            email: { type: 'string', maxLength: EMAIL_MAX },
            reason: { type: 'string', enum: ['bounce', 'complaint', 'unsubscribe'] },
          },
          required: ['email'],
        },
        response: { 204: { description: 'no more mail to that address', type: 'null' } },
      },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body.email !== 'string' || checkEmail(body.email))
        throw new ValidationError('email', 'invalid', 'email is the address to stop writing to.');
      const reason = body.reason ?? 'bounce';
      if (reason !== 'bounce' && reason !== 'complaint' && reason !== 'unsubscribe')
        throw new ValidationError('reason', 'invalid', 'reason is bounce, complaint or unsubscribe.');
      await outbox.suppress(emailHash(body.email), '*', reason);
      return reply.code(204).send();
    },
  );
}
