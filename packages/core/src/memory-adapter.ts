import type { CallOptions, SubscribeOptions, Unsubscribe, VocAdapter } from './adapter.js';
import { ConflictError, NotFoundError } from './errors.js';
import type {
  Announcement,
  CloudQuery,
  CloudSnapshot,
  Contact,
  FeedItem,
  FeedPage,
  FeedQuery,
  Feedback,
  FeedbackDraft,
  IncidentStatus,
  Kind,
  LiveEvent,
  MeTooRequest,
  Pulse,
  PulseQuery,
  Quote,
  QuoteQuery,
  Since,
  SubmitResult,
  Thread,
  ThreadEntry,
  Topic,
  TopicStatus,
} from './model.js';
import { randomToken, sha256Hex, uuid } from './random.js';
import { terms } from './text/analyze.js';
import { assertDraft, checkIdempotencyKey, checkTopic, toValidationError, validateMeToo } from './validation.js';

const zero = (): Record<Kind, number> => ({ compliment: 0, idea: 0, complaint: 0 });
const DAY = 86_400_000;

interface Stored {
  feedback: Feedback;
  contact?: Contact;
  receiptHash: string;
  entries: ThreadEntry[];
  terms: string[];
}

/** Start from `since` (e.g. `7d`) relative to `now`, or 0 for all time. */
export function sinceToTime(since: Since | undefined, now: number): number {
  if (!since || since === 'all') return 0;
  const days = Number.parseInt(since, 10);
  return Number.isFinite(days) && days > 0 ? now - days * DAY : 0;
}

export interface MemoryAdapterOptions {
  site?: string;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * The whole adapter contract in memory: for tests, demos and as the reference for writing adapters.
 * It also has the team's side (`createTopic`, `setTopicStatus`, `reply`, `announce`, `hide`) so tests
 * can drive a full loop.
 */
export class MemoryAdapter implements VocAdapter {
  readonly site: string;
  private readonly now: () => number;
  private readonly items = new Map<string, Stored>();
  private readonly byReceipt = new Map<string, string>();
  private readonly keys = new Map<string, { body: string; result: SubmitResult }>();
  private readonly topicMap = new Map<string, Topic>();
  private readonly followers = new Map<string, Set<string>>();
  private readonly announcements: Announcement[] = [];
  private readonly listeners = new Set<(e: LiveEvent) => void>();
  private readonly log: LiveEvent[] = [];
  private seq = 0;

  constructor(options: MemoryAdapterOptions = {}) {
    this.site = options.site ?? 'demo';
    this.now = options.now ?? Date.now;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private publish<T extends LiveEvent['type']>(type: T, data: Extract<LiveEvent, { type: T }>['data']): void {
    const event = { id: String(++this.seq), type, site: this.site, at: this.iso(), data } as LiveEvent;
    this.log.push(event);
    for (const listener of [...this.listeners]) listener(event);
  }

  async submit(draft: FeedbackDraft, idempotencyKey: string, _options?: CallOptions): Promise<SubmitResult> {
    const keyError = checkIdempotencyKey(idempotencyKey);
    if (keyError) throw toValidationError([keyError]);
    const value = assertDraft(draft);
    const body = JSON.stringify(value);
    const seen = this.keys.get(idempotencyKey);
    if (seen) {
      if (seen.body !== body) throw new ConflictError('This idempotency key was already used for another submission.');
      return seen.result;
    }
    if (value.topic && !this.topicMap.has(value.topic)) this.createTopic(value.topic, value.topic);
    const receipt = randomToken(16);
    const feedback: Feedback = {
      id: uuid(),
      site: this.site,
      kind: value.kind,
      text: value.text,
      createdAt: this.iso(),
      status: 'received',
      ...(value.topic && { topic: value.topic }),
      ...(value.pageUrl && { pageUrl: value.pageUrl }),
      ...(value.locale && { locale: value.locale }),
    };
    const stored: Stored = {
      feedback,
      receiptHash: await sha256Hex(receipt),
      entries: [],
      terms: terms(value.text, { locale: value.locale }),
      ...(value.contact && { contact: value.contact }),
    };
    const result: SubmitResult = { id: feedback.id, receipt, status: feedback.status };
    this.items.set(feedback.id, stored);
    this.byReceipt.set(stored.receiptHash, feedback.id);
    this.keys.set(idempotencyKey, { body, result });
    if (value.topic) {
      this.follow(value.topic, `feedback:${feedback.id}`);
      const topic = this.topicMap.get(value.topic)!;
      topic.counts[value.kind]++;
    }
    this.publish('feedback', {
      id: feedback.id,
      kind: feedback.kind,
      createdAt: feedback.createdAt,
      ...(value.topic && { topic: value.topic }),
    });
    this.publish('cloud', { kind: feedback.kind, terms: stored.terms, ...(value.topic && { topic: value.topic }) });
    return result;
  }

  async topics(): Promise<Topic[]> {
    return [...this.topicMap.values()].map((t) => structuredClone(t));
  }

  private visible(query: { since?: Since; kinds?: Kind[]; topic?: string }): Stored[] {
    const from = sinceToTime(query.since, this.now());
    return [...this.items.values()].filter(
      ({ feedback: f }) =>
        f.status !== 'hidden' &&
        f.status !== 'pending' &&
        Date.parse(f.createdAt) >= from &&
        (!query.kinds?.length || query.kinds.includes(f.kind)) &&
        (!query.topic || f.topic === query.topic),
    );
  }

  async cloud(query: CloudQuery = {}): Promise<CloudSnapshot> {
    const counts = new Map<string, Record<Kind, number>>();
    for (const item of this.visible(query)) {
      for (const term of item.terms) {
        let c = counts.get(term);
        if (!c) counts.set(term, (c = zero()));
        c[item.feedback.kind]++;
      }
    }
    const list = [...counts]
      .map(([term, c]) => ({ term, counts: c, total: c.compliment + c.idea + c.complaint }))
      // a phrase is a term only when it recurs
      .filter((t) => !t.term.includes(' ') || t.total > 1)
      .sort((a, b) => b.total - a.total || a.term.localeCompare(b.term));
    return { site: this.site, terms: list.slice(0, query.limit ?? 200), generatedAt: this.iso() };
  }

  async quotes(term: string, query: QuoteQuery = {}): Promise<Quote[]> {
    const wanted = term.normalize('NFKC').toLocaleLowerCase();
    return this.visible(query)
      .filter((s) => s.terms.includes(wanted))
      .sort((a, b) => b.feedback.createdAt.localeCompare(a.feedback.createdAt))
      .slice(0, query.limit ?? 20)
      .map(({ feedback: f }) => ({ id: f.id, kind: f.kind, text: f.text, createdAt: f.createdAt, ...(f.topic && { topic: f.topic }) }));
  }

  async feed(query: FeedQuery = {}): Promise<FeedPage> {
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    let items: FeedItem[] = [
      ...this.announcements.map((a) => ({ type: 'announcement' as const, at: a.at, announcement: structuredClone(a) })),
      ...[...this.topicMap.values()].map((t) => ({ type: 'topic' as const, at: t.updatedAt, topic: structuredClone(t) })),
    ];
    if (query.topic) items = items.filter((i) => (i.type === 'topic' ? i.topic.slug : i.announcement.topic) === query.topic);
    if (query.kinds?.length)
      items = items.filter((i) => {
        const slug = i.type === 'topic' ? i.topic.slug : i.announcement.topic;
        const topic = slug ? this.topicMap.get(slug) : undefined;
        return !topic || query.kinds!.some((k) => topic.counts[k] > 0);
      });
    const key = (i: FeedItem) => `${i.at}|${i.type === 'topic' ? i.topic.slug : i.announcement.id}`;
    items.sort((a, b) => key(b).localeCompare(key(a)));
    if (query.cursor) items = items.filter((i) => key(i) < query.cursor!);
    const page = items.slice(0, limit);
    return items.length > limit ? { items: page, next: key(page[page.length - 1]) } : { items: page };
  }

  async pulse(query: PulseQuery = {}): Promise<Pulse> {
    const since = query.since ?? '30d';
    const now = this.now();
    const from = sinceToTime(since, now);
    const all = this.visible({ since });
    const days = new Map<string, Record<Kind, number>>();
    const start = from || Math.min(now, ...all.map((s) => Date.parse(s.feedback.createdAt)));
    for (let t = start; t <= now; t += DAY) days.set(new Date(t).toISOString().slice(0, 10), zero());
    for (const { feedback: f } of all) {
      const day = f.createdAt.slice(0, 10);
      if (!days.has(day)) days.set(day, zero());
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
    const complaintCounts = new Map<string, number>();
    for (const { feedback: f } of all)
      if (f.kind === 'complaint' && f.topic) complaintCounts.set(f.topic, (complaintCounts.get(f.topic) ?? 0) + 1);
    const actions =
      this.announcements.filter((a) => Date.parse(a.at) >= from).length +
      [...this.topicMap.values()].reduce((n, t) => n + t.updates.filter((u) => Date.parse(u.at) >= from).length, 0);
    return {
      site: this.site,
      days: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, c]) => ({ date, ...c })),
      topComplaintTopics: [...complaintCounts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([slug, count]) => {
          const t = this.topicMap.get(slug)!;
          return { slug, title: t.title, count, status: t.status };
        }),
      actionsTaken: actions,
      medianResolutionHours: median,
    };
  }

  private async byReceiptOrThrow(receipt: string): Promise<Stored> {
    const id = typeof receipt === 'string' && receipt ? this.byReceipt.get(await sha256Hex(receipt)) : undefined;
    const stored = id ? this.items.get(id) : undefined;
    if (!stored || stored.feedback.status === 'withdrawn') throw new NotFoundError('No feedback for this link.');
    return stored;
  }

  private threadOf(stored: Stored): Thread {
    const topic = stored.feedback.topic ? this.topicMap.get(stored.feedback.topic) : undefined;
    return structuredClone({ feedback: stored.feedback, entries: stored.entries, ...(topic && { topic }) });
  }

  async thread(receipt: string): Promise<Thread> {
    return this.threadOf(await this.byReceiptOrThrow(receipt));
  }

  async confirm(receipt: string, confirmation: { resolved: boolean; comment?: string }): Promise<Thread> {
    const stored = await this.byReceiptOrThrow(receipt);
    const comment = confirmation.comment?.trim();
    stored.entries.push({
      type: 'confirmation',
      feedbackId: stored.feedback.id,
      at: this.iso(),
      resolved: confirmation.resolved === true,
      ...(comment && { comment }),
    });
    stored.feedback.status = confirmation.resolved === true ? 'resolved' : 'reopened';
    this.publish('thread', { id: stored.feedback.id });
    return this.threadOf(stored);
  }

  async withdraw(receipt: string): Promise<void> {
    const stored = await this.byReceiptOrThrow(receipt);
    this.items.delete(stored.feedback.id);
    this.byReceipt.delete(stored.receiptHash);
    for (const set of this.followers.values()) set.delete(`feedback:${stored.feedback.id}`);
  }

  async meToo(topic: string, request: MeTooRequest): Promise<{ followers: number }> {
    const topicError = checkTopic(topic);
    if (topicError) throw toValidationError([topicError]);
    const checked = validateMeToo(request);
    if (!checked.ok) throw toValidationError(checked.errors);
    const t = this.topicMap.get(topic);
    if (!t) throw new NotFoundError('No such topic.');
    this.follow(topic, `key:${checked.value.key}`);
    return { followers: t.followers };
  }

  subscribe(listener: (event: LiveEvent) => void, options: SubscribeOptions = {}): Unsubscribe {
    if (options.after !== undefined) for (const e of this.log) if (Number(e.id) > Number(options.after)) listener(e);
    this.listeners.add(listener);
    options.onConnection?.(true);
    return () => this.listeners.delete(listener);
  }

  private follow(slug: string, who: string): void {
    const set = this.followers.get(slug) ?? new Set<string>();
    this.followers.set(slug, set);
    set.add(who);
    this.topicMap.get(slug)!.followers = set.size;
  }

  // ——— the team's side, for tests and demos ———

  /** Creates (or returns) a topic. */
  createTopic(slug: string, title: string, incident?: IncidentStatus): Topic {
    const existing = this.topicMap.get(slug);
    if (existing) return existing;
    const at = this.iso();
    const topic: Topic = {
      slug,
      title,
      status: 'heard',
      updates: [],
      followers: 0,
      counts: zero(),
      createdAt: at,
      updatedAt: at,
      ...(incident && { incident: { status: incident, startedAt: at } }),
    };
    this.topicMap.set(slug, topic);
    return topic;
  }

  /** Moves a topic (or incident) and publishes the dated update. */
  setTopicStatus(slug: string, status: TopicStatus | IncidentStatus, message?: string): Topic {
    const topic = this.topicMap.get(slug);
    if (!topic) throw new NotFoundError('No such topic.');
    const at = this.iso();
    if (topic.incident && (['investigating', 'identified', 'monitoring', 'resolved'] as string[]).includes(status)) {
      topic.incident.status = status as IncidentStatus;
      if (status === 'resolved') topic.incident.resolvedAt = at;
    } else topic.status = status as TopicStatus;
    topic.updates.push({ id: uuid(), at, status, ...(message && { message }) });
    topic.updatedAt = at;
    this.publish('topic', structuredClone(topic));
    return topic;
  }

  /** Answers one customer in their thread. */
  reply(feedbackId: string, text: string, author?: string): void {
    const stored = this.items.get(feedbackId);
    if (!stored) throw new NotFoundError('No such feedback.');
    stored.entries.push({ type: 'reply', id: uuid(), feedbackId, at: this.iso(), text, ...(author && { author }) });
    if (stored.feedback.status === 'received' || stored.feedback.status === 'heard') stored.feedback.status = 'replied';
    this.publish('thread', { id: feedbackId });
  }

  /** Tells everyone following a topic (and the public feed). */
  announce(title: string, body: string, topic?: string): Announcement {
    const a: Announcement = { id: uuid(), site: this.site, at: this.iso(), title, body, ...(topic && { topic }) };
    this.announcements.push(a);
    this.publish('announcement', structuredClone(a));
    return a;
  }

  /** Moderation: hides a feedback item from every public view. */
  hide(feedbackId: string): void {
    const stored = this.items.get(feedbackId);
    if (stored) stored.feedback.status = 'hidden';
  }

  /** Private contact details of an item, as only the team may see them. */
  contactOf(feedbackId: string): Contact | undefined {
    return this.items.get(feedbackId)?.contact;
  }

  /** Everything stored, for tests: public fields only. */
  all(): Feedback[] {
    return [...this.items.values()].map((s) => structuredClone(s.feedback));
  }

  /** Number of followers per topic. */
  followerCount(slug: string): number {
    return this.followers.get(slug)?.size ?? 0;
  }
}
