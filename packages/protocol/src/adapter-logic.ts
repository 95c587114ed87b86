/**
 * The storage-free half of an adapter: what `MemoryAdapter` and the IndexedDB `LocalAdapter` (and any adapter
 * you write that keeps its data itself) compute the same way. Plain functions over plain data, no I/O and
 * nothing run at import: read from your store, call these, write back what they return or change.
 */
import { ConflictError, NotFoundError } from './errors.js';
import { LIMITS } from './limits.js';
import {
  INCIDENT_STATUSES,
  PRIVATE_STATUSES,
  type Announcement,
  type CloudQuery,
  type CloudTerm,
  type Contact,
  type FeedItem,
  type FeedPage,
  type FeedQuery,
  type Feedback,
  type FeedbackDraft,
  type IncidentStatus,
  type Kind,
  type LiveEvent,
  type MeTooRequest,
  type Pulse,
  type Quote,
  type QuoteQuery,
  type Since,
  type SubmitResult,
  type ThreadEntry,
  type Topic,
  type TopicStatus,
} from './model.js';
import { randomToken, sha256Hex, uuid } from './random.js';
import { countTerms, terms } from './text/analyze.js';
import { assertQuery } from './query.js';
import { assertDraft, checkIdempotencyKey, checkTopic, toValidationError, validateMeToo } from './validation.js';

const DAY = 86_400_000;
const INCIDENT: readonly string[] = INCIDENT_STATUSES;

/** One feedback item as an adapter keeps it. `contact` and `receiptHash` never leave through public methods. */
export interface StoredFeedback {
  feedback: Feedback;
  contact?: Contact;
  /** SHA-256 (hex) of the receipt: the receipt itself is only ever handed to the customer. */
  receiptHash: string;
  entries: ThreadEntry[];
  /** The text's terms (see `terms()`), for the cloud and its quotes. */
  terms: string[];
}

/** What an idempotency key is remembered with: the normalised draft as JSON and the result given for it. */
export interface SubmissionRecord {
  body: string;
  result: SubmitResult;
}

/** A zero count per kind. */
export const zeroCounts = (): Record<Kind, number> => ({ compliment: 0, idea: 0, complaint: 0 });

/** The number of days of a `since` window (`7d` → 7), or null for all time. */
export function sinceDays(since: Since | undefined): number | null {
  if (!since || since === 'all') return null;
  const days = Number.parseInt(since, 10);
  return Number.isFinite(days) && days > 0 ? days : null;
}

/**
 * Start (ms) of the `since` window at `now`, or 0 for all time. Windows count whole UTC days, today included:
 * `7d` is today and the six days before it, from 00:00 UTC. This is the only granularity: the server keeps cloud
 * counts per UTC day, and the pulse shows one row per UTC day.
 */
export function sinceToTime(since: Since | undefined, now: number): number {
  const days = sinceDays(since);
  if (days === null) return 0;
  return Math.floor(now / DAY) * DAY - (days - 1) * DAY;
}

/**
 * Checks a submission: throws the `ValidationError` for a bad key or draft, else returns the normalised draft
 * and `body`, its JSON, to remember with the key (see `earlierResult`).
 */
export function checkSubmission(draft: FeedbackDraft, idempotencyKey: string): { value: FeedbackDraft; body: string } {
  const keyError = checkIdempotencyKey(idempotencyKey);
  if (keyError) throw toValidationError([keyError]);
  const value = assertDraft(draft);
  return { value, body: JSON.stringify(value) };
}

/**
 * The result to give again when the key was `seen` with the same body; undefined for a new key. Throws a
 * `ConflictError` when the key was used for another submission.
 */
export function earlierResult(seen: SubmissionRecord | undefined, body: string): SubmitResult | undefined {
  if (seen && seen.body !== body) throw new ConflictError('This idempotency key was already used for another submission.');
  return seen?.result;
}

/**
 * A new feedback item from a checked draft: the record to store, the one-time `receipt` (only its hash is
 * stored) and the `SubmitResult` to return and remember with the key.
 */
export async function newFeedback(
  value: FeedbackDraft,
  site: string,
  at: string,
): Promise<{ stored: StoredFeedback; result: SubmitResult }> {
  const receipt = randomToken(16);
  const feedback: Feedback = {
    id: uuid(),
    site,
    kind: value.kind,
    text: value.text,
    createdAt: at,
    status: 'received',
    ...(value.topic && { topic: value.topic }),
    ...(value.pageUrl && { pageUrl: value.pageUrl }),
    ...(value.locale && { locale: value.locale }),
  };
  const stored: StoredFeedback = {
    feedback,
    receiptHash: await sha256Hex(receipt),
    entries: [],
    terms: terms(value.text, { locale: value.locale }),
    ...(value.contact && { contact: value.contact }),
  };
  return { stored, result: { id: feedback.id, receipt, status: feedback.status } };
}

type EventData<T extends LiveEvent['type']> = Extract<LiveEvent, { type: T }>['data'];

/** The data of the two live events a new item publishes, `feedback` then `cloud` (public fields only). */
export function submittedEvents(stored: StoredFeedback): { feedback: EventData<'feedback'>; cloud: EventData<'cloud'> } {
  const f = stored.feedback;
  return {
    feedback: { id: f.id, kind: f.kind, createdAt: f.createdAt, ...(f.topic && { topic: f.topic }) },
    cloud: { kind: f.kind, terms: stored.terms, ...(f.topic && { topic: f.topic }) },
  };
}

/** The items public views show: not hidden or pending, created since `query.since`, of its kinds and topic. */
export function visibleFeedback(
  items: Iterable<StoredFeedback>,
  query: { since?: Since; kinds?: Kind[]; topic?: string },
  now: number,
): StoredFeedback[] {
  const from = sinceToTime(query.since, now);
  return [...items].filter(
    ({ feedback: f }) =>
      !PRIVATE_STATUSES.includes(f.status) &&
      Date.parse(f.createdAt) >= from &&
      (!query.kinds?.length || query.kinds.includes(f.kind)) &&
      (!query.topic || f.topic === query.topic),
  );
}

/**
 * The cloud's terms: counts per kind of the visible items' terms (see `visibleFeedback`), most frequent first,
 * ties in code-point order of the term (the server's `COLLATE "C"`), a phrase only when it recurs, at most
 * `query.limit` (`LIMITS.cloud`). Throws the `ValidationError` of a bad query.
 */
export function cloudTerms(items: Iterable<StoredFeedback>, query: CloudQuery, now: number): CloudTerm[] {
  assertQuery(query, LIMITS.cloud);
  const visible = visibleFeedback(items, query, now).map((s) => ({ kind: s.feedback.kind, terms: s.terms }));
  return countTerms(visible, { limit: query.limit ?? LIMITS.cloud.default });
}

/** Quotes behind a cloud term: the visible items using `term`, newest first, `query.limit` (`LIMITS.quotes`) at most. */
export function quotesFor(items: Iterable<StoredFeedback>, term: string, query: QuoteQuery, now: number): Quote[] {
  assertQuery(query, LIMITS.quotes);
  const wanted = term.normalize('NFKC').toLocaleLowerCase();
  return visibleFeedback(items, query, now)
    .filter((s) => s.terms.includes(wanted))
    .sort((a, b) => b.feedback.createdAt.localeCompare(a.feedback.createdAt))
    .slice(0, query.limit ?? LIMITS.quotes.default)
    .map(({ feedback: f }) => ({ id: f.id, kind: f.kind, text: f.text, createdAt: f.createdAt, ...(f.topic && { topic: f.topic }) }));
}

/**
 * One page of the public feed: announcements and topics, newest first, filtered by `query.topic` and
 * `query.kinds` (items of a topic with none of those kinds drop out), from `query.cursor` on. `next` is the
 * cursor of the following page. The items share the objects passed in: clone them first if they must not.
 */
export function feedPage(announcements: readonly Announcement[], topics: readonly Topic[], query: FeedQuery): FeedPage {
  assertQuery(query, LIMITS.feed);
  const limit = query.limit ?? LIMITS.feed.default;
  const bySlug = new Map(topics.map((t) => [t.slug, t]));
  let items: FeedItem[] = [
    ...announcements.map((a) => ({ type: 'announcement' as const, at: a.at, announcement: a })),
    ...topics.map((t) => ({ type: 'topic' as const, at: t.updatedAt, topic: t })),
  ];
  const slugOf = (i: FeedItem) => (i.type === 'topic' ? i.topic.slug : i.announcement.topic);
  if (query.topic) items = items.filter((i) => slugOf(i) === query.topic);
  if (query.kinds?.length)
    items = items.filter((i) => {
      const slug = slugOf(i);
      const topic = slug ? bySlug.get(slug) : undefined;
      return !topic || query.kinds!.some((k) => topic.counts[k] > 0);
    });
  const key = (i: FeedItem) => `${i.at}|${i.type === 'topic' ? i.topic.slug : i.announcement.id}`;
  // code-point order, the same order the cursor filter below uses (a locale collation could skip items)
  items.sort((a, b) => (key(b) < key(a) ? -1 : key(b) > key(a) ? 1 : 0));
  if (query.cursor) items = items.filter((i) => key(i) < query.cursor!);
  const page = items.slice(0, limit);
  return items.length > limit ? { items: page, next: key(page[page.length - 1]) } : { items: page };
}

/**
 * The pulse of a site over `since`: visible items per UTC day and kind (every day of the period, oldest
 * first), the five topics with most complaints, announcements plus topic moves in the period, and the median
 * hours from submission to the customer's confirmed resolution (null when none).
 */
export function computePulse(input: {
  site: string;
  since: Since;
  now: number;
  /** Every stored item: the hidden and the old are left out here. */
  items: Iterable<StoredFeedback>;
  topics: readonly Topic[];
  announcements: readonly Announcement[];
}): Pulse {
  const { now, since } = input;
  const from = sinceToTime(since, now);
  const all = visibleFeedback(input.items, { since }, now);
  const topics = new Map(input.topics.map((t) => [t.slug, t]));
  const days = new Map<string, Record<Kind, number>>();
  const start = from || Math.min(now, ...all.map((s) => Date.parse(s.feedback.createdAt)));
  for (let t = start; t <= now; t += DAY) days.set(new Date(t).toISOString().slice(0, 10), zeroCounts());
  for (const { feedback: f } of all) {
    const day = f.createdAt.slice(0, 10);
    if (!days.has(day)) days.set(day, zeroCounts());
    days.get(day)![f.kind]++;
  }
  const hours: number[] = [];
  for (const s of all) {
    const resolved = s.entries.find((e) => e.type === 'confirmation' && e.resolved);
    if (resolved) hours.push((Date.parse(resolved.at) - Date.parse(s.feedback.createdAt)) / 3_600_000);
  }
  hours.sort((a, b) => a - b);
  const mid = hours.length >> 1;
  const median = hours.length === 0 ? null : hours.length % 2 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2;
  const complaints = new Map<string, number>();
  for (const { feedback: f } of all) if (f.kind === 'complaint' && f.topic) complaints.set(f.topic, (complaints.get(f.topic) ?? 0) + 1);
  const actions =
    input.announcements.filter((a) => Date.parse(a.at) >= from).length +
    input.topics.reduce((n, t) => n + t.updates.filter((u) => Date.parse(u.at) >= from).length, 0);
  return {
    site: input.site,
    days: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, c]) => ({ date, ...c })),
    topComplaintTopics: [...complaints]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([slug, count]) => {
        const t = topics.get(slug);
        return { slug, title: t?.title ?? slug, count, status: t?.status ?? 'heard' };
      }),
    actionsTaken: actions,
    medianResolutionHours: median,
  };
}

/** Topics in the order every list shows them: by slug, in code-point order (the server's `ORDER BY slug`). */
export function sortTopics<T extends { slug: string }>(topics: T[]): T[] {
  return topics.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** Throws `NotFoundError` unless the receipt led to an item that is still there. */
export function foundByReceipt<T extends StoredFeedback>(stored: T | undefined): T {
  if (!stored || stored.feedback.status === 'withdrawn') throw new NotFoundError('No feedback for this link.');
  return stored;
}

/** Records the customer's answer on `stored` (changed in place): a dated entry, and resolved or reopened. */
export function addConfirmation(stored: StoredFeedback, confirmation: { resolved: boolean; comment?: string }, at: string): void {
  const resolved = confirmation.resolved === true;
  const comment = confirmation.comment?.trim();
  stored.entries.push({ type: 'confirmation', feedbackId: stored.feedback.id, at, resolved, ...(comment && { comment }) });
  stored.feedback.status = resolved ? 'resolved' : 'reopened';
}

/** Records the team's reply on `stored` (changed in place); a new or heard item becomes replied. */
export function addReply(stored: StoredFeedback, text: string, at: string, author?: string): void {
  const feedbackId = stored.feedback.id;
  stored.entries.push({ type: 'reply', id: uuid(), feedbackId, at, text, ...(author && { author }) });
  if (stored.feedback.status === 'received' || stored.feedback.status === 'heard') stored.feedback.status = 'replied';
}

/** Checks a "me too": throws the `ValidationError` for a bad slug or request, else returns the request. */
export function checkMeToo(topic: string, request: MeTooRequest): MeTooRequest {
  const topicError = checkTopic(topic);
  if (topicError) throw toValidationError([topicError]);
  const checked = validateMeToo(request);
  if (!checked.ok) throw toValidationError(checked.errors);
  return checked.value;
}

/** A new topic, `heard`, with no followers yet; with `incident`, an incident started at `at`. */
export function newTopic(slug: string, title: string, at: string, incident?: IncidentStatus): Topic {
  return {
    slug,
    title,
    status: 'heard',
    updates: [],
    followers: 0,
    counts: zeroCounts(),
    createdAt: at,
    updatedAt: at,
    ...(incident && { incident: { status: incident, startedAt: at } }),
  };
}

/**
 * Moves `topic` (changed in place) to `status` with a dated update: an incident status moves the incident
 * (resolving it at `at`), any other the topic.
 */
export function moveTopic(topic: Topic, status: TopicStatus | IncidentStatus, at: string, message?: string): Topic {
  if (topic.incident && INCIDENT.includes(status)) {
    topic.incident.status = status as IncidentStatus;
    if (status === 'resolved') topic.incident.resolvedAt = at;
  } else topic.status = status as TopicStatus;
  topic.updates.push({ id: uuid(), at, status, ...(message && { message }) });
  topic.updatedAt = at;
  return topic;
}
