/** The v1 protocol as an OpenAPI 3.1 document, served at `/v1/openapi.json`. */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const err = (description: string) => json(ref('Error'), description);
const errors = {
  '400': err('Malformed request (bad JSON, bad parameter)'),
  '403': err('Origin not allowed for this site'),
  '404': err('No such site, topic or receipt'),
  '413': err('Body too large'),
  '415': err('Body is not JSON'),
  '422': err('Validation failed, or idempotency key reused with another body'),
  '429': { ...err('Too many requests'), headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } },
};
const site = {
  name: 'site',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  description: 'Public site key',
};
const receipt = {
  name: 'receipt',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The secret receipt of a submission',
};
const topic = { name: 'topic', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const q = (name: string, schema: object, description?: string) => ({ name, in: 'query', schema, ...(description && { description }) });
const since = q('since', { type: 'string', examples: ['7d', '30d', 'all'] });
const kinds = q('kinds', { type: 'string' }, 'Comma-separated kinds');
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const team = { security: [{ bearer: [] }], tags: ['team'] };
const teamErrors = { ...errors, '401': err('Missing or invalid team token') };
const op = (summary: string, extra: object, responses: object) => ({ summary, ...extra, responses: { ...responses, ...errors } });
const admin = (summary: string, extra: object, responses: object) => ({
  summary,
  ...team,
  ...extra,
  responses: { ...responses, ...teamErrors },
});
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', properties, required });
const s = { type: 'string' };

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'VoC Kit protocol',
      version: '1.0.0',
      description:
        'Voice-of-customer feedback: submit, live cloud, “we heard you” feed, private threads by receipt, and the team API. Every error is `{error: {code, message}}`; a 5xx is a bug.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Team token (VOC_ADMIN_TOKEN or one made with POST /v1/admin/tokens)' },
      },
      schemas: {
        Error: obj(
          {
            error: obj(
              {
                code: { enum: ['validation', 'rate_limited', 'network', 'server', 'not_found', 'unauthorized', 'conflict'] },
                message: s,
                field: s,
                rule: s,
                params: { type: 'object' },
                retryAfter: { type: 'integer' },
              },
              ['code', 'message'],
            ),
          },
          ['error'],
        ),
        Kind: { enum: ['compliment', 'idea', 'complaint'] },
        Draft: obj(
          {
            kind: ref('Kind'),
            text: { type: 'string', minLength: 1, maxLength: 4000 },
            topic: s,
            pageUrl: { type: 'string', format: 'uri' },
            locale: s,
            contact: obj({ email: { type: 'string', format: 'email' }, consent: { const: true } }, ['email', 'consent']),
            website: { type: 'string', description: 'Honeypot: leave empty' },
          },
          ['kind', 'text'],
        ),
        SubmitResult: obj({ id: s, receipt: s, status: s }, ['id', 'receipt', 'status']),
        Feedback: obj({ id: s, site: s, kind: ref('Kind'), text: s, topic: s, pageUrl: s, locale: s, createdAt: s, status: s }),
        Topic: obj({
          slug: s,
          title: s,
          status: { enum: ['heard', 'planned', 'in-progress', 'done', 'declined'] },
          incident: obj({ status: s, startedAt: s, resolvedAt: s }),
          updates: { type: 'array', items: obj({ id: s, at: s, status: s, message: s }) },
          followers: { type: 'integer' },
          counts: { type: 'object' },
          createdAt: s,
          updatedAt: s,
        }),
        Thread: obj({ feedback: ref('Feedback'), entries: { type: 'array', items: { type: 'object' } }, topic: ref('Topic') }),
        Announcement: obj({ id: s, site: s, topic: s, at: s, title: s, body: s }),
      },
    },
    paths: {
      '/v1/sites/{site}/feedback': {
        post: op(
          'Submit feedback (exactly once per Idempotency-Key, forever)',
          {
            parameters: [
              site,
              { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' } },
            ],
            requestBody: body(ref('Draft')),
          },
          { '201': json(ref('SubmitResult'), 'Stored (or the original answer for a repeated key and body)') },
        ),
      },
      '/v1/sites/{site}/topics': {
        get: op('Topics', { parameters: [site] }, { '200': json(obj({ topics: { type: 'array', items: ref('Topic') } })) }),
      },
      '/v1/sites/{site}/cloud': {
        get: op(
          'Cloud term counts by kind',
          { parameters: [site, since, kinds, q('topic', s), q('limit', { type: 'integer' })] },
          { '200': json({ type: 'object' }) },
        ),
      },
      '/v1/sites/{site}/quotes': {
        get: op(
          'Real quotes behind a term',
          { parameters: [site, q('term', s), since, kinds, q('limit', { type: 'integer' })] },
          { '200': json({ type: 'object' }) },
        ),
      },
      '/v1/sites/{site}/feed': {
        get: op(
          'Announcements and topic progress',
          { parameters: [site, q('cursor', s), q('limit', { type: 'integer' }), kinds, q('topic', s)] },
          { '200': json({ type: 'object' }) },
        ),
      },
      '/v1/sites/{site}/pulse': { get: op('Transparency numbers', { parameters: [site, since] }, { '200': json({ type: 'object' }) }) },
      '/v1/sites/{site}/events': {
        get: op(
          'Live events (Server-Sent Events; resume with Last-Event-ID or ?lastEventId=)',
          { parameters: [site, { name: 'Last-Event-ID', in: 'header', schema: s }, q('lastEventId', s)] },
          {
            '200': {
              description: 'text/event-stream of LiveEvent JSON, heartbeat comments every 10 s',
              content: { 'text/event-stream': {} },
            },
          },
        ),
      },
      '/v1/sites/{site}/topics/{topic}/me-too': {
        post: op(
          'Follow a topic ("me too")',
          { parameters: [site, topic], requestBody: body(obj({ key: s, contact: { type: 'object' } }, ['key'])) },
          { '200': json(obj({ followers: { type: 'integer' } })) },
        ),
      },
      '/v1/threads/{receipt}': {
        get: op('The customer’s own thread', { parameters: [receipt] }, { '200': json(ref('Thread')) }),
        delete: op(
          'Withdraw (delete) the feedback and everything tied to it',
          { parameters: [receipt] },
          { '204': { description: 'Deleted' } },
        ),
      },
      '/v1/threads/{receipt}/confirm': {
        post: op(
          'Resolved / not resolved yet',
          { parameters: [receipt], requestBody: body(obj({ resolved: { type: 'boolean' }, comment: s }, ['resolved'])) },
          { '200': json(ref('Thread')) },
        ),
      },
      '/v1/threads/{receipt}/export': {
        get: op('Export everything stored for this receipt', { parameters: [receipt] }, { '200': json({ type: 'object' }) }),
      },
      '/v1/sign-in': {
        post: op(
          'Spend a one-time sign-in link (printed by `voc-server` in production) for a new team token',
          { tags: ['team'], requestBody: body(obj({ token: s }, ['token'])) },
          { '201': json(obj({ token: s, name: s })), '401': err('The link is not valid, was used already or was replaced') },
        ),
      },
      '/v1/admin/sites': {
        get: admin('Sites', {}, { '200': json({ type: 'object' }) }),
        post: admin(
          'Create a site',
          {
            requestBody: body(
              obj({ key: s, name: s, origins: { type: 'array', items: s }, settings: obj({ premoderation: { type: 'boolean' } }) }, [
                'key',
                'name',
              ]),
            ),
          },
          { '201': json({ type: 'object' }) },
        ),
      },
      '/v1/admin/sites/{site}': {
        patch: admin('Change a site', { parameters: [site], requestBody: body({ type: 'object' }) }, { '200': json({ type: 'object' }) }),
      },
      '/v1/admin/tokens': {
        get: admin('Team tokens (never the tokens themselves)', {}, { '200': json({ type: 'object' }) }),
        post: admin(
          'Create a token (shown once)',
          { requestBody: body(obj({ name: s }, ['name'])) },
          { '201': json(obj({ id: s, name: s, token: s })) },
        ),
      },
      '/v1/admin/tokens/{id}': { delete: admin('Revoke a token', { parameters: [id] }, { '204': { description: 'Revoked' } }) },
      '/v1/admin/sites/{site}/inbox': {
        get: admin(
          'Inbox (with contact details)',
          { parameters: [site, q('status', s), q('kind', s), q('topic', s), q('cursor', s), q('limit', { type: 'integer' })] },
          { '200': json({ type: 'object' }) },
        ),
      },
      '/v1/admin/sites/{site}/feedback/{id}': {
        get: admin('One item with its thread', { parameters: [site, id] }, { '200': json({ type: 'object' }) }),
      },
      ...Object.fromEntries(
        ['hide', 'restore', 'approve', 'heard'].map((a) => [
          `/v1/admin/sites/{site}/feedback/{id}/${a}`,
          { post: admin(`Moderation: ${a}`, { parameters: [site, id] }, { '200': json({ type: 'object' }) }) },
        ]),
      ),
      '/v1/admin/sites/{site}/feedback/{id}/topic': {
        post: admin(
          'Group into a topic',
          { parameters: [site, id], requestBody: body(obj({ topic: s }, ['topic'])) },
          { '200': json({ type: 'object' }) },
        ),
      },
      '/v1/admin/sites/{site}/feedback/{id}/replies': {
        post: admin(
          'Reply to the customer in their thread',
          { parameters: [site, id], requestBody: body(obj({ text: s, author: s }, ['text'])) },
          { '201': json({ type: 'object' }) },
        ),
      },
      '/v1/admin/sites/{site}/topics': {
        get: admin('Topics', { parameters: [site] }, { '200': json({ type: 'object' }) }),
        post: admin(
          'Create a topic',
          { parameters: [site], requestBody: body(obj({ slug: s, title: s }, ['slug', 'title'])) },
          { '201': json(ref('Topic')) },
        ),
      },
      '/v1/admin/sites/{site}/topics/{topic}': {
        patch: admin(
          'Move a topic or incident (dated update)',
          { parameters: [site, topic], requestBody: body(obj({ title: s, status: s, message: s })) },
          { '200': json(ref('Topic')) },
        ),
      },
      '/v1/admin/sites/{site}/incidents': {
        post: admin(
          'Open an incident',
          { parameters: [site], requestBody: body(obj({ slug: s, title: s, status: s, message: s }, ['slug', 'title'])) },
          { '201': json(ref('Topic')) },
        ),
      },
      '/v1/admin/sites/{site}/announcements': {
        post: admin(
          'Announce to a topic’s followers and the public feed',
          { parameters: [site], requestBody: body(obj({ title: s, body: s, topic: s }, ['title', 'body'])) },
          { '201': json(obj({ announcement: ref('Announcement'), followers: { type: 'integer' } })) },
        ),
      },
      '/v1/admin/sites/{site}/webhooks': {
        get: admin('Webhooks with pending and failed deliveries', { parameters: [site] }, { '200': json({ type: 'object' }) }),
        post: admin(
          'Add a Slack-compatible webhook',
          { parameters: [site], requestBody: body(obj({ url: s, events: { type: 'array', items: s } }, ['url'])) },
          { '201': json({ type: 'object' }) },
        ),
      },
      '/v1/admin/sites/{site}/webhooks/{id}': {
        delete: admin('Remove a webhook', { parameters: [site, id] }, { '204': { description: 'Removed' } }),
      },
      '/v1/admin/live/disconnect': {
        post: admin(
          'Close this instance’s live streams (drain before a deploy)',
          {},
          { '200': json(obj({ disconnected: { type: 'integer' } })) },
        ),
      },
      '/v1/admin/export': {
        get: admin(
          'GDPR export by email or receipt',
          { parameters: [q('email', s), q('receipt', s)] },
          { '200': json({ type: 'object' }) },
        ),
      },
      '/v1/admin/data': {
        delete: admin(
          'GDPR delete by email or receipt',
          { parameters: [q('email', s), q('receipt', s)] },
          { '200': json(obj({ deleted: { type: 'integer' } })) },
        ),
      },
    },
  };
}
