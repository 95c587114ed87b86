/**
 * The storage-free half of an adapter: what `MemoryAdapter` and the IndexedDB `LocalAdapter` (and any adapter
 * you write that keeps its data itself) compute the same way. Plain functions over plain data, no I/O and
 * nothing run at import: read from your store, call these, write back what they return or change.
 */
import { ConflictError, NotFoundError } from './errors.js';
import { LIMITS } from './limits.js';
import {
  INCIDENT_STATUSES,
  CLOUD_WINDOWS,
  PULSE_WINDOWS,
  isPublicStatus,
  TOPIC_CLOSED_STATUSES,
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
  type PulsePeriod,
  type PulseWindow,
  type Quote,
  type QuoteQuery,
  type Since,
  type SubmitResult,
  type ThreadEntry,
  type Topic,
  type TopicStatus,
  type TopicUpdatesPage,
  type TopicUpdatesQuery,
} from './model.js';
import { randomToken, sha256Hex, uuid } from './random.js';
import { countTerms, terms } from './text/analyze.js';
import { assertQuery, checkQuoteTerm, checkUpdateId, checkWindow } from './query.js';
import { validateMeToo } from './me-too.js';
import { assertDraft, checkExpectedBy, checkIdempotencyKey, checkTopic, toValidationError } from './validation.js';

/** One day in ms: `since` windows and the pulse count whole UTC days. */
export const DAY_MS = 86_400_000;
const DAY = DAY_MS;
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
      isPublicStatus(f.status) &&
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
  assertQuery(query, LIMITS.cloud, CLOUD_WINDOWS);
  const visible = visibleFeedback(items, query, now).map((s) => ({ kind: s.feedback.kind, terms: s.terms }));
  return countTerms(visible, { limit: query.limit ?? LIMITS.cloud.default });
}

/** Quotes behind a cloud term: the visible items using `term`, newest first, `query.limit` (`LIMITS.quotes`) at most. */
export function quotesFor(items: Iterable<StoredFeedback>, term: string, query: QuoteQuery, now: number): Quote[] {
  const badTerm = checkQuoteTerm(term);
  if (badTerm) throw toValidationError([badTerm]);
  assertQuery(query, LIMITS.quotes);
  const wanted = term.trim().normalize('NFKC').toLocaleLowerCase();
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
 * `topic` as public answers carry it: its latest `LIMITS.topicUpdates.shown` updates (oldest first) and, when that
 * leaves some out, how many in `earlierUpdates` (a shallow copy; `topic` is not changed).
 */
export function latestUpdates<T extends Topic>(topic: T): T {
  const earlier = topic.updates.length - LIMITS.topicUpdates.shown;
  return earlier > 0 ? { ...topic, updates: topic.updates.slice(earlier), earlierUpdates: earlier } : { ...topic };
}

/**
 * One page of the updates of `topic` (the topic `slug` names, if there is one) for `topicUpdates`: the
 * `query.limit` updates just before the update `query.before` (the newest ones without it), oldest first, and
 * `next` when older ones remain. A bad slug, `limit` or `before` is a `ValidationError`; an unknown topic, or a
 * `before` that is not one of its updates, a `NotFoundError`.
 */
export function topicUpdatesPage(slug: string, topic: Pick<Topic, 'updates'> | undefined, query: TopicUpdatesQuery = {}): TopicUpdatesPage {
  const bad = [checkTopic(slug), query.before === undefined ? undefined : checkUpdateId(query.before)].filter((e) => e !== undefined);
  if (bad.length) throw toValidationError(bad);
  assertQuery(query, LIMITS.topicUpdates);
  if (!topic) throw new NotFoundError('No such topic.');
  const updates = topic.updates;
  const end = query.before === undefined ? updates.length : updates.findIndex((u) => u.id === query.before);
  if (end < 0) throw new NotFoundError('No such update of this topic.');
  const start = Math.max(0, end - (query.limit ?? LIMITS.topicUpdates.default));
  const page = updates.slice(start, end);
  return start > 0 ? { updates: page, next: page[0].id } : { updates: page };
}

/** The median of `values` (sorted here), or null when there are none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The pulse window asked for (`LIMITS.since.pulseDefault` when none), or a `ValidationError` (422) for anything else. */
export function checkPulseWindow(value: unknown): PulseWindow {
  if (value === undefined || value === '') return LIMITS.since.pulseDefault;
  const error = checkWindow(value, PULSE_WINDOWS);
  if (error) throw toValidationError([error]);
  return value as PulseWindow;
}

/**
 * The current and previous period of a pulse window at `now`: the current one is the `since` UTC days ending
 * with today (today included), the previous one the same number of days just before. Times in ms, `[from, to)`.
 */
export function pulsePeriods(since: PulseWindow, now: number): { current: [number, number]; previous: [number, number] } {
  const days = Number.parseInt(since, 10);
  const to = Math.floor(now / DAY) * DAY + DAY;
  const from = to - days * DAY;
  return { current: [from, to], previous: [from - days * DAY, from] };
}

const HOUR_MS = 3_600_000;
/**
 * The bucket of a duration in the pulse, as its lower bound in whole hours: `LIMITS.pulseDurations.fine`-hour
 * buckets below `fineUntil` hours, `coarse`-hour buckets from there (0–1 h → 0, 71.9 h → 71, 72–96 h → 72,
 * 100 h → 96). A negative duration (clocks apart) counts as 0.
 */
export function durationBucket(hours: number): number {
  const { fineUntil, fine, coarse } = LIMITS.pulseDurations;
  const h = Math.max(0, hours);
  return h < fineUntil ? Math.floor(h / fine) * fine : fineUntil + Math.floor((h - fineUntil) / coarse) * coarse;
}

/** The width in hours of the bucket whose lower bound is `bucket`. */
export function durationBucketWidth(bucket: number): number {
  const { fineUntil, fine, coarse } = LIMITS.pulseDurations;
  return bucket < fineUntil ? fine : coarse;
}

/**
 * The pulse's median of durations counted in buckets (`bucket` = lower bound from `durationBucket`, `n` =
 * durations in it, buckets in any order, repeated buckets add up): every duration stands for the middle of its
 * bucket, and the median of those values is taken (the mean of the two middle ones for an even count). Null when
 * there are none. The one rule for every adapter and the server: exact to half a bucket width.
 */
export function bucketMedian(buckets: Iterable<{ bucket: number; n: number }>): number | null {
  const counts = new Map<number, number>();
  for (const { bucket, n } of buckets) if (n) counts.set(bucket, (counts.get(bucket) ?? 0) + n);
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  // the values at 0-based positions lo and hi of the sorted durations (the same one for an odd count)
  const lo = (total - 1) >> 1;
  const hi = total >> 1;
  const at = (position: number): number => {
    let seen = 0;
    for (const [bucket, n] of sorted) {
      seen += n;
      if (position < seen) return bucket + durationBucketWidth(bucket) / 2;
    }
    return NaN; // unreachable: position < total
  };
  return (at(lo) + at(hi)) / 2;
}

/**
 * What one item adds to the pulse's duration figures, by the one rule (see `PulsePeriod`): a public item with a
 * team reply adds its time to first reply, in the period of its submission; a public complaint resolved now adds
 * its time to the customer's last confirmation, in the period of that confirmation. Times in ms; `firstReplyAt`
 * and `lastConfirmationAt` are the item's first reply and last confirmation, if any.
 */
export function pulseDurations(item: {
  kind: Kind;
  status: string;
  createdAt: number;
  firstReplyAt?: number;
  lastConfirmationAt?: number;
}): Array<{ metric: 'reply' | 'resolution'; at: number; bucket: number }> {
  if (item.status === 'hidden' || item.status === 'pending' || item.status === 'withdrawn') return [];
  const out: Array<{ metric: 'reply' | 'resolution'; at: number; bucket: number }> = [];
  if (item.firstReplyAt !== undefined)
    out.push({ metric: 'reply', at: item.createdAt, bucket: durationBucket((item.firstReplyAt - item.createdAt) / HOUR_MS) });
  if (item.kind === 'complaint' && item.status === 'resolved' && item.lastConfirmationAt !== undefined)
    out.push({
      metric: 'resolution',
      at: item.lastConfirmationAt,
      bucket: durationBucket((item.lastConfirmationAt - item.createdAt) / HOUR_MS),
    });
  return out;
}

/** `pulseDurations` of a stored item (its entries are in the order they were written). */
function storedDurations(s: StoredFeedback) {
  const reply = s.entries.find((e) => e.type === 'reply');
  const confirmation = s.entries.filter((e) => e.type === 'confirmation').at(-1);
  return pulseDurations({
    kind: s.feedback.kind,
    status: s.feedback.status,
    createdAt: Date.parse(s.feedback.createdAt),
    ...(reply && { firstReplyAt: Date.parse(reply.at) }),
    ...(confirmation && { lastConfirmationAt: Date.parse(confirmation.at) }),
  });
}

/**
 * The pulse of a site (see `Pulse` and `PulsePeriod` for what each figure means): the one definition the memory
 * and local adapters use. The server keeps the same figures in read models by the same rules (`pulseDurations`,
 * `durationBucket`, `bucketMedian`), and the conformance suite checks every figure on all of them.
 */
export function computePulse(input: {
  site: string;
  since: PulseWindow;
  now: number;
  /** Every stored item: those that are not public are left out here. */
  items: Iterable<StoredFeedback>;
  topics: readonly Topic[];
  announcements: readonly Announcement[];
}): Pulse {
  const since = checkPulseWindow(input.since);
  const periods = pulsePeriods(since, input.now);
  const items = [...input.items].filter((s) => isPublicStatus(s.feedback.status));
  const durations = items.flatMap(storedDurations);
  const inside = ([from, to]: [number, number], at: string | number | undefined) => {
    const t = typeof at === 'string' ? Date.parse(at) : at;
    return t !== undefined && t >= from && t < to;
  };
  const period = (range: [number, number]): PulsePeriod => {
    const submitted = items.filter((s) => inside(range, s.feedback.createdAt));
    const complaints = submitted.filter((s) => s.feedback.kind === 'complaint');
    const totals = zeroCounts();
    for (const s of submitted) totals[s.feedback.kind]++;
    const firstReplies: Array<{ bucket: number; n: number }> = [];
    const resolutions: Array<{ bucket: number; n: number }> = [];
    for (const d of durations)
      if (inside(range, d.at)) (d.metric === 'reply' ? firstReplies : resolutions).push({ bucket: d.bucket, n: 1 });
    return {
      from: new Date(range[0]).toISOString(),
      to: new Date(range[1]).toISOString(),
      totals,
      actions: {
        statusMoves: input.topics.reduce((n, t) => n + t.updates.filter((u) => inside(range, u.at)).length, 0),
        announcements: input.announcements.filter((a) => inside(range, a.at)).length,
        incidentsResolved: input.topics.filter((t) => inside(range, t.incident?.resolvedAt)).length,
      },
      medianFirstReplyHours: bucketMedian(firstReplies),
      medianResolutionHours: bucketMedian(resolutions),
      confirmedResolvedShare: complaints.length
        ? complaints.filter((s) => s.feedback.status === 'resolved').length / complaints.length
        : null,
    };
  };
  const [from, to] = periods.current;
  const days: Pulse['days'] = [];
  for (let t = from; t < to; t += DAY) days.push({ date: new Date(t).toISOString().slice(0, 10), ...zeroCounts() });
  const hourOfWeek = Array.from({ length: 168 }, () => 0);
  const complaintsByTopic = new Map<string, number>();
  for (const { feedback: f } of items) {
    const t = Date.parse(f.createdAt);
    if (!inside(periods.current, t)) continue;
    days[Math.floor((t - from) / DAY)][f.kind]++;
    const at = new Date(t);
    hourOfWeek[((at.getUTCDay() + 6) % 7) * 24 + at.getUTCHours()]++;
    if (f.kind === 'complaint' && f.topic) complaintsByTopic.set(f.topic, (complaintsByTopic.get(f.topic) ?? 0) + 1);
  }
  const backlog = { open: 0, awaitingConfirmation: 0, reopened: 0 };
  for (const { feedback: f } of items) {
    if (f.kind !== 'complaint' || f.status === 'resolved') continue;
    backlog.open++;
    if (f.status === 'replied') backlog.awaitingConfirmation++;
    if (f.status === 'reopened') backlog.reopened++;
  }
  const topics = new Map(input.topics.map((t) => [t.slug, t]));
  return {
    site: input.site,
    since,
    current: period(periods.current),
    previous: period(periods.previous),
    days,
    hourOfWeek,
    backlog,
    topComplaintTopics: [...complaintsByTopic]
      // most complaints first; ties in code-point order of the slug, as the server's SQL orders them
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, LIMITS.pulseTopTopics.max)
      .map(([slug, count]) => {
        const t = topics.get(slug);
        const latest = t?.updates.filter((u) => u.message).at(-1);
        return {
          slug,
          title: t?.title ?? slug,
          count,
          status: t?.status ?? 'heard',
          ...(latest && { latestUpdate: { at: latest.at, message: latest.message! } }),
          ...(t?.expectedBy && { expectedBy: t.expectedBy }),
        };
      }),
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

/**
 * A new topic, `heard`, with no followers yet; with `incident`, an incident started at `at`, whose first status is
 * its first dated update (as the server records it).
 */
export function newTopic(slug: string, title: string, at: string, incident?: IncidentStatus): Topic {
  return {
    slug,
    title,
    status: 'heard',
    updates: incident ? [{ id: uuid(), at, status: incident }] : [],
    followers: 0,
    counts: zeroCounts(),
    createdAt: at,
    updatedAt: at,
    ...(incident && { incident: { status: incident, startedAt: at } }),
  };
}

/**
 * Moves `topic` (changed in place) to `status` with a dated update: an incident status moves the incident
 * (resolving it at `at`), any other the topic. `expectedBy` (checked by `checkExpectedBy` against `at`) sets the
 * date the team expects it done, `null` clears it, absent keeps it; a move to done or declined clears it.
 */
export function moveTopic(
  topic: Topic,
  status: TopicStatus | IncidentStatus,
  at: string,
  message?: string,
  expectedBy?: string | null,
): Topic {
  const invalid = checkExpectedBy(expectedBy, new Date(at));
  if (invalid) throw toValidationError([invalid]);
  if (topic.incident && INCIDENT.includes(status)) {
    topic.incident.status = status as IncidentStatus;
    if (status === 'resolved') topic.incident.resolvedAt = at;
  } else topic.status = status as TopicStatus;
  if ((TOPIC_CLOSED_STATUSES as readonly string[]).includes(status)) delete topic.expectedBy;
  else if (expectedBy === null) delete topic.expectedBy;
  else if (expectedBy) topic.expectedBy = expectedBy;
  topic.updates.push({ id: uuid(), at, status, ...(message && { message }) });
  topic.updatedAt = at;
  return topic;
}
