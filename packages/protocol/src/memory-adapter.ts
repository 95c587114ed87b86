import type { CallOptions, SubscribeOptions, Unsubscribe, VocAdapter } from './adapter.js';
import {
  addConfirmation,
  addReply,
  checkMeToo,
  cloudTerms,
  checkSubmission,
  computePulse,
  DAY_MS,
  feedPage,
  latestUpdates,
  foundByReceipt,
  moveTopic,
  newFeedback,
  newTopic,
  quotesFor,
  sortTopics,
  earlierResult,
  submittedEvents,
  topicUpdatesPage,
  type StoredFeedback,
  type SubmissionRecord,
} from './adapter-logic.js';
import { NotFoundError } from './errors.js';
import { LIMITS } from './limits.js';
import type {
  Announcement,
  CloudQuery,
  CloudSnapshot,
  Contact,
  FeedPage,
  FeedQuery,
  Feedback,
  FeedbackDraft,
  IncidentStatus,
  LiveEvent,
  MeTooRequest,
  Pulse,
  PulseQuery,
  Quote,
  QuoteQuery,
  SubmitResult,
  Thread,
  Topic,
  TopicStatus,
  TopicUpdatesPage,
  TopicUpdatesQuery,
} from './model.js';
import { sha256Hex, uuid } from './random.js';
import { assertQuery } from './query.js';

export { sinceToTime } from './adapter-logic.js';

/** A copy of `topic` as public answers carry it (its latest updates). */
const publicTopic = (topic: Topic): Topic => latestUpdates(structuredClone(topic));

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
  private readonly items = new Map<string, StoredFeedback>();
  private readonly byReceipt = new Map<string, string>();
  private readonly keys = new Map<string, SubmissionRecord>();
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
    const { value, body } = checkSubmission(draft, idempotencyKey);
    const seen = earlierResult(this.keys.get(idempotencyKey), body);
    if (seen) return seen;
    if (value.topic && !this.topicMap.has(value.topic)) this.createTopic(value.topic, value.topic);
    const { stored, result } = await newFeedback(value, this.site, this.iso());
    const { feedback } = stored;
    this.items.set(feedback.id, stored);
    this.byReceipt.set(stored.receiptHash, feedback.id);
    this.keys.set(idempotencyKey, { body, result });
    if (value.topic) {
      this.follow(value.topic, `feedback:${feedback.id}`);
      const topic = this.topicMap.get(value.topic)!;
      topic.counts[value.kind]++;
    }
    const events = submittedEvents(stored);
    this.publish('feedback', events.feedback);
    this.publish('cloud', events.cloud);
    return result;
  }

  async topics(): Promise<Topic[]> {
    return sortTopics([...this.topicMap.values()].map(publicTopic));
  }

  async cloud(query: CloudQuery = {}): Promise<CloudSnapshot> {
    return { site: this.site, terms: cloudTerms(this.items.values(), query, this.now()), generatedAt: this.iso() };
  }

  async quotes(term: string, query: QuoteQuery = {}): Promise<Quote[]> {
    return quotesFor(this.items.values(), term, query, this.now());
  }

  async feed(query: FeedQuery = {}): Promise<FeedPage> {
    return feedPage(structuredClone(this.announcements), [...this.topicMap.values()].map(publicTopic), query);
  }

  async topicUpdates(topic: string, query: TopicUpdatesQuery = {}): Promise<TopicUpdatesPage> {
    return structuredClone(topicUpdatesPage(topic, this.topicMap.get(topic), query));
  }

  async pulse(query: PulseQuery = {}): Promise<Pulse> {
    assertQuery(query);
    return computePulse({
      site: this.site,
      since: query.since ?? LIMITS.since.pulseDefault,
      now: this.now(),
      items: this.items.values(),
      topics: [...this.topicMap.values()],
      announcements: this.announcements,
    });
  }

  private async byReceiptOrThrow(receipt: string): Promise<StoredFeedback> {
    const id = typeof receipt === 'string' && receipt ? this.byReceipt.get(await sha256Hex(receipt)) : undefined;
    return foundByReceipt(id ? this.items.get(id) : undefined);
  }

  private threadOf(stored: StoredFeedback): Thread {
    const topic = stored.feedback.topic ? this.topicMap.get(stored.feedback.topic) : undefined;
    return structuredClone({ feedback: stored.feedback, entries: stored.entries, ...(topic && { topic: publicTopic(topic) }) });
  }

  async thread(receipt: string): Promise<Thread> {
    return this.threadOf(await this.byReceiptOrThrow(receipt));
  }

  async confirm(receipt: string, confirmation: { resolved: boolean; comment?: string }): Promise<Thread> {
    const stored = await this.byReceiptOrThrow(receipt);
    addConfirmation(stored, confirmation, this.iso());
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
    const { key } = checkMeToo(topic, request);
    const t = this.topicMap.get(topic);
    if (!t) throw new NotFoundError('No such topic.');
    this.follow(topic, `key:${key}`);
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
    const topic = newTopic(slug, title, this.iso(), incident);
    this.topicMap.set(slug, topic);
    return topic;
  }

  /** Moves a topic (or incident) and publishes the dated update; `expectedBy` sets (or with `null` clears) the date. */
  setTopicStatus(slug: string, status: TopicStatus | IncidentStatus, message?: string, expectedBy?: string | null): Topic {
    const topic = this.topicMap.get(slug);
    if (!topic) throw new NotFoundError('No such topic.');
    moveTopic(topic, status, this.iso(), message, expectedBy);
    this.publish('topic', publicTopic(topic));
    return topic;
  }

  /** Answers one customer in their thread. */
  reply(feedbackId: string, text: string, author?: string): void {
    const stored = this.items.get(feedbackId);
    if (!stored) throw new NotFoundError('No such feedback.');
    addReply(stored, text, this.iso(), author);
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

  /** Moves everything stored so far `days` days into the past, for tests of time windows (`since`, the pulse). */
  backdate(days: number): void {
    const back = (at: string) => new Date(Date.parse(at) - days * DAY_MS).toISOString();
    for (const { feedback, entries } of this.items.values()) {
      feedback.createdAt = back(feedback.createdAt);
      for (const e of entries) e.at = back(e.at);
    }
    for (const t of this.topicMap.values()) {
      Object.assign(t, { createdAt: back(t.createdAt), updatedAt: back(t.updatedAt) });
      for (const u of t.updates) u.at = back(u.at);
      if (t.incident) t.incident.startedAt = back(t.incident.startedAt);
      if (t.incident?.resolvedAt) t.incident.resolvedAt = back(t.incident.resolvedAt);
    }
    for (const a of this.announcements) a.at = back(a.at);
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
