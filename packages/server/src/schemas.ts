/**
 * JSON Schemas of the v1 protocol, built from the shared limits and vocabularies. Routes use them to validate every
 * request and to serialise every answer; `@fastify/swagger` turns the same schemas into `/v1/openapi.json`.
 */
import { LIMITS } from '@voc-kit/protocol/limits.js';
import {
  FEEDBACK_STATUSES as ALL_STATUSES,
  CLOUD_WINDOWS,
  INCIDENT_STATUSES,
  KINDS,
  PULSE_WINDOWS,
  TOPIC_STATUSES,
} from '@voc-kit/protocol/model.js';
import { RECEIPT } from '@voc-kit/protocol/query.js';
import { EMAIL_MAX, EXPECTED_BY, KEY_MAX, KEY_MIN, SLUG, TEXT_MAX, TOPIC_MAX, URL_MAX } from '@voc-kit/protocol/validation.js';

/** Statuses of a feedback item, as the team filters them: a withdrawn item is gone, not listed. */
export const FEEDBACK_STATUSES = ALL_STATUSES.filter((status) => status !== 'withdrawn');
/** Live event types a webhook may subscribe to. */
export const WEBHOOK_EVENTS = ['feedback', 'topic', 'announcement'] as const;
/** The form of a site key (also used in URLs): a slug, like a topic's. */
export const SITE_KEY = SLUG;
/** The form of a receipt, as protocol accepts it anywhere. */
export { RECEIPT };

const s = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const obj = (properties: Record<string, object>, required: string[] = [], extra: object = {}) => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
const arr = (items: object) => ({ type: 'array', items });
const kind = { type: 'string', enum: [...KINDS] };
const counts = obj({ compliment: int, idea: int, complaint: int }, ['compliment', 'idea', 'complaint']);

// ——— models (answers) ———

const feedbackStatus = { type: 'string', enum: [...ALL_STATUSES] };
export const Feedback = obj({ id: s, site: s, kind, text: s, topic: s, pageUrl: s, locale: s, createdAt: s, status: feedbackStatus }, [
  'id',
  'site',
  'kind',
  'text',
  'createdAt',
  'status',
]);
export const InboxItem = obj(
  { ...Feedback.properties, contact: obj({ email: s }, ['email']), sample: { type: 'boolean' } },
  Feedback.required,
);
export const SubmitResult = obj({ id: s, receipt: { ...s, pattern: RECEIPT.source }, status: feedbackStatus }, ['id', 'receipt', 'status']);
const TopicUpdate = obj({ id: s, at: s, status: s, message: s }, ['id', 'at', 'status']);
export const Topic = obj(
  {
    slug: s,
    title: s,
    status: { type: 'string', enum: [...TOPIC_STATUSES] },
    incident: obj({ status: { type: 'string', enum: [...INCIDENT_STATUSES] }, startedAt: s, resolvedAt: s }, ['status', 'startedAt']),
    updates: arr(TopicUpdate),
    earlierUpdates: { ...int, description: 'How many older updates this answer leaves out (see the updates route)' },
    followers: int,
    counts,
    expectedBy: { type: 'string', pattern: EXPECTED_BY.source, description: 'When the team expects it done (YYYY-MM-DD)' },
    mergedInto: { type: 'string', description: 'The topic this one was merged into' },
    createdAt: s,
    updatedAt: s,
  },
  ['slug', 'title', 'status', 'updates', 'followers', 'counts', 'createdAt', 'updatedAt'],
);
export const TopicUpdatesPage = obj(
  { updates: arr(TopicUpdate), next: { ...s, description: 'Pass as before for the page before this one' } },
  ['updates'],
);
export const Announcement = obj({ id: s, site: s, topic: s, at: s, title: s, body: s }, ['id', 'site', 'at', 'title', 'body']);
export const ThreadEntry = obj(
  {
    type: { type: 'string', enum: ['reply', 'confirmation'] },
    id: s,
    feedbackId: s,
    at: s,
    text: s,
    author: s,
    resolved: { type: 'boolean' },
    comment: s,
  },
  ['type', 'feedbackId', 'at'],
);
export const Thread = obj({ feedback: Feedback, entries: arr(ThreadEntry), topic: Topic }, ['feedback', 'entries']);
export const TeamThread = obj({ ...Thread.properties, feedback: InboxItem }, Thread.required);
export const CloudSnapshot = obj(
  { site: s, terms: arr(obj({ term: s, counts, total: int }, ['term', 'counts', 'total'])), generatedAt: s },
  ['site', 'terms', 'generatedAt'],
);
export const Quote = obj({ id: s, kind, text: s, createdAt: s, topic: s }, ['id', 'kind', 'text', 'createdAt']);
export const FeedPage = obj(
  {
    items: arr(
      obj({ type: { type: 'string', enum: ['announcement', 'topic'] }, at: s, announcement: Announcement, topic: Topic }, ['type', 'at']),
    ),
    next: s,
  },
  ['items'],
);
const numberOrNull = { type: ['number', 'null'] };
const PulsePeriod = obj(
  {
    from: s,
    to: s,
    totals: counts,
    actions: obj({ statusMoves: int, announcements: int, incidentsResolved: int }, ['statusMoves', 'announcements', 'incidentsResolved']),
    medianFirstReplyHours: numberOrNull,
    medianResolutionHours: numberOrNull,
    confirmedResolvedShare: numberOrNull,
  },
  ['from', 'to', 'totals', 'actions', 'medianFirstReplyHours', 'medianResolutionHours', 'confirmedResolvedShare'],
);
export const Pulse = obj(
  {
    site: s,
    since: { type: 'string', enum: [...PULSE_WINDOWS] },
    current: PulsePeriod,
    previous: PulsePeriod,
    days: arr(obj({ date: s, compliment: int, idea: int, complaint: int }, ['date', 'compliment', 'idea', 'complaint'])),
    hourOfWeek: arr(int),
    backlog: obj({ open: int, awaitingConfirmation: int, reopened: int }, ['open', 'awaitingConfirmation', 'reopened']),
    topComplaintTopics: arr(
      obj({ slug: s, title: s, status: s, count: int, latestUpdate: obj({ at: s, message: s }, ['at', 'message']), expectedBy: s }, [
        'slug',
        'title',
        'status',
        'count',
      ]),
    ),
  },
  ['site', 'since', 'current', 'previous', 'days', 'hourOfWeek', 'backlog', 'topComplaintTopics'],
);
export const SiteSettings = obj(
  {
    premoderation: { type: 'boolean' },
    rateLimit: obj({ perMinute: int, burst: int }, ['perMinute', 'burst']),
    threadUrl: { type: 'string', maxLength: 2000, description: 'the page with <voc-status-feed> where mail thread links land' },
  },
  [],
);
export const Site = obj({ key: s, name: s, origins: arr(s), settings: SiteSettings, sample: { type: 'boolean' }, createdAt: s }, [
  'key',
  'name',
  'origins',
  'settings',
  'sample',
  'createdAt',
]);
export const TokenInfo = obj({ id: s, name: s, createdAt: s, revokedAt: s }, ['id', 'name', 'createdAt']);
export const Webhook = obj({ id: s, url: s, events: arr(s), pending: int, failed: int }, ['id', 'url', 'events']);
export const ErrorBody = obj(
  {
    error: obj(
      {
        code: { type: 'string', enum: ['validation', 'rate_limited', 'network', 'server', 'not_found', 'unauthorized', 'conflict'] },
        message: s,
        field: s,
        rule: s,
        params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
        retryAfter: int,
      },
      ['code', 'message'],
    ),
  },
  ['error'],
);

// ——— requests ———

const slug = { type: 'string', minLength: 1, maxLength: TOPIC_MAX };
export const params = {
  site: obj({ site: { type: 'string', maxLength: LIMITS.site.max, description: 'Public site key' } }, ['site']),
  receipt: obj({ receipt: { type: 'string', maxLength: 200, description: 'The secret receipt of a submission' } }, ['receipt']),
  siteTopic: obj({ site: s, topic: { type: 'string', maxLength: 200 } }, ['site', 'topic']),
  siteId: obj({ site: s, id: { type: 'string', maxLength: 200 } }, ['site', 'id']),
  id: obj({ id: { type: 'string', maxLength: 200 } }, ['id']),
};
/** Query strings stay strings (no coercion); their own readers check them and answer with the field at fault. */
const q = { type: 'string', maxLength: 1000 } as const;
export const query = {
  since: { type: 'string', maxLength: 10, description: `Like 7d, 30d, 365d (at most ${LIMITS.since.maxDays} days) or all` },
  cloudSince: { type: 'string', maxLength: 10, description: `One of ${CLOUD_WINDOWS.join(', ')} (default all)` },
  kinds: { type: 'string', maxLength: 100, description: `Comma-separated: ${KINDS.join(', ')}` },
  limit: { type: 'string', maxLength: 7, description: 'A whole number from 1 to the maximum of the read (see LIMITS)' },
  topic: { type: 'string', maxLength: 200 },
  any: q,
};
export const Draft = obj(
  {
    kind: { ...kind, description: 'What the person chose' },
    text: { type: 'string', maxLength: TEXT_MAX * 2, description: `At most ${TEXT_MAX} characters once trimmed` },
    topic: { type: 'string', maxLength: TOPIC_MAX * 4 },
    pageUrl: { type: 'string', maxLength: URL_MAX * 2 },
    locale: { type: 'string', maxLength: LIMITS.locale.max * 2 },
    contact: obj({ email: { type: 'string', maxLength: EMAIL_MAX * 2 }, consent: { type: 'boolean' } }),
    website: { type: 'string', maxLength: 2000, description: 'Honeypot: people leave it empty' },
  },
  [],
);
export const idempotencyHeader = obj(
  { 'idempotency-key': { type: 'string', maxLength: 1000, description: `${KEY_MIN}–${KEY_MAX} characters of A–Z a–z 0–9 _ -` } },
  [],
);
export const MeToo = obj({ key: { type: 'string', maxLength: 1000 }, contact: { type: 'object' } });
export const Confirm = obj({ resolved: { type: 'boolean' }, comment: { type: ['string', 'null'], maxLength: TEXT_MAX } });
export const textField = (max: number) => ({ type: 'string', maxLength: max * 2 });
/** A topic move's "expected by" day (`null` clears it); protocol's `checkExpectedBy` also refuses a day in the past. */
export const expectedBy = {
  type: ['string', 'null'],
  pattern: EXPECTED_BY.source,
  description: 'When the team expects it done (YYYY-MM-DD, not in the past); null clears it',
};
export { slug };
/** Conditional GET of the cached public reads (issue 16): the ETag of an earlier answer. */
export const ifNoneMatchHeader = obj({ 'if-none-match': { type: 'string', maxLength: 1000, description: 'ETag of an earlier answer' } });
/** The answer to a conditional GET whose ETag still matches: no body. */
export const notModified = { type: 'null', description: 'Not Modified: the ETag in If-None-Match is current' };
