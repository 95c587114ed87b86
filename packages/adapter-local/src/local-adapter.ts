import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { CallOptions, SubscribeOptions, Unsubscribe, VocAdapter } from '@voc-kit/protocol/adapter.js';
import {
  addConfirmation,
  addReply,
  checkMeToo,
  checkSubmission,
  cloudTerms,
  computePulse,
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
} from '@voc-kit/protocol/adapter-logic.js';
import { NotFoundError } from '@voc-kit/protocol/errors.js';
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
} from '@voc-kit/protocol/model.js';
import { sha256Hex, uuid } from '@voc-kit/protocol/random.js';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import { assertQuery } from '@voc-kit/protocol/query.js';

export interface LocalAdapterOptions {
  /** Site key: separates the data of several sites (or demos) in one browser. */
  site?: string;
  /** IndexedDB database name (default `voc-local`). */
  database?: string;
  /** Live events kept for `subscribe({ after })` (default 500). */
  keepEvents?: number;
  /** Clock (ms), for tests; default `Date.now`. */
  now?: () => number;
}

const stores = new Map<string, UseStore>();

/**
 * The whole adapter contract in one browser, on IndexedDB: a static page works with no server. Data is kept
 * per site; every write runs under a Web Lock, so tabs never interleave; live events reach every tab of the
 * same site through a BroadcastChannel. The team's side (`createTopic`, `setTopicStatus`, `reply`, `announce`,
 * `hide`) is there too, for demos and tests. Semantics follow core's `MemoryAdapter`.
 */
export class LocalAdapter implements VocAdapter {
  readonly site: string;
  private readonly db: UseStore;
  private readonly database: string;
  private readonly keepEvents: number;
  private readonly now: () => number;
  private readonly listeners = new Set<(e: LiveEvent) => void>();
  private channel?: BroadcastChannel;

  constructor(options: LocalAdapterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.site = options.site ?? 'local';
    const name = (this.database = options.database ?? 'voc-local');
    let db = stores.get(name);
    if (!db) stores.set(name, (db = createStore(name, 'kv')));
    this.db = db;
    this.keepEvents = options.keepEvents ?? 500;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  // ——— storage helpers: keys are [type, site, ...] arrays in one object store ———

  private get<T>(...key: IDBValidKey[]): Promise<T | undefined> {
    return this.db('readonly', (s) => promisifyRequest<T | undefined>(s.get([key[0], this.site, ...key.slice(1)])));
  }

  private all<T>(type: string): Promise<T[]> {
    const range = IDBKeyRange.bound([type, this.site], [type, this.site, []]);
    return this.db('readonly', (s) => promisifyRequest<T[]>(s.getAll(range)));
  }

  /** Writes (and deletes) in one transaction. */
  private write(puts: Array<[IDBValidKey[], unknown]>, deletes: IDBValidKey[][] = []): Promise<void> {
    return this.db('readwrite', (s) => {
      for (const [key, value] of puts) s.put(value, [key[0], this.site, ...key.slice(1)]);
      for (const key of deletes) s.delete([key[0], this.site, ...key.slice(1)]);
      return promisifyRequest(s.transaction);
    });
  }

  /** Runs `fn` while no other tab writes to this site. */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return fn();
    let result!: T;
    await locks.request(`voc-local:${this.database} ${this.site}`, async () => {
      result = await fn();
    });
    return result;
  }

  private async publish<T extends LiveEvent['type']>(type: T, data: Extract<LiveEvent, { type: T }>['data']): Promise<void> {
    const seq = ((await this.get<number>('seq')) ?? 0) + 1;
    const event = { id: String(seq), type, site: this.site, at: this.iso(), data } as LiveEvent;
    const deletes = seq > this.keepEvents ? [['event', seq - this.keepEvents]] : [];
    await this.write(
      [
        [['seq'], seq],
        [['event', seq], event],
      ],
      deletes,
    );
    this.open()?.postMessage(event);
    for (const listener of [...this.listeners]) listener(event);
  }

  private async byReceiptOrThrow(receipt: string): Promise<StoredFeedback> {
    const id = typeof receipt === 'string' && receipt ? await this.get<string>('receipt', await sha256Hex(receipt)) : undefined;
    return foundByReceipt(id ? await this.get<StoredFeedback>('feedback', id) : undefined);
  }

  private async threadOf(stored: StoredFeedback): Promise<Thread> {
    const topic = stored.feedback.topic ? await this.get<Topic>('topic', stored.feedback.topic) : undefined;
    return { feedback: stored.feedback, entries: stored.entries, ...(topic && { topic: latestUpdates(topic) }) };
  }

  /** Adds a follower to a topic; returns the topic with its new count (not yet written). */
  private async follow(slug: string, who: string): Promise<{ topic: Topic; followers: string[] }> {
    const topic = (await this.get<Topic>('topic', slug))!;
    const followers = (await this.get<string[]>('followers', slug)) ?? [];
    if (!followers.includes(who)) followers.push(who);
    topic.followers = followers.length;
    return { topic, followers };
  }

  // ——— the customer's side ———

  async submit(draft: FeedbackDraft, idempotencyKey: string, _options?: CallOptions): Promise<SubmitResult> {
    const { value, body } = checkSubmission(draft, idempotencyKey);
    return this.locked(async () => {
      const seen = earlierResult(await this.get<SubmissionRecord>('key', idempotencyKey), body);
      if (seen) return seen;
      if (value.topic && !(await this.get('topic', value.topic))) await this.putTopic(value.topic, value.topic);
      const { stored, result } = await newFeedback(value, this.site, this.iso());
      const { feedback } = stored;
      const puts: Array<[IDBValidKey[], unknown]> = [
        [['feedback', feedback.id], stored],
        [['receipt', stored.receiptHash], feedback.id],
        [['key', idempotencyKey], { body, result }],
      ];
      if (value.topic) {
        const { topic, followers } = await this.follow(value.topic, `feedback:${feedback.id}`);
        topic.counts[value.kind]++;
        puts.push([['topic', value.topic], topic], [['followers', value.topic], followers]);
      }
      await this.write(puts);
      const events = submittedEvents(stored);
      await this.publish('feedback', events.feedback);
      await this.publish('cloud', events.cloud);
      return result;
    });
  }

  async topics(_options?: CallOptions): Promise<Topic[]> {
    return (await this.allTopics()).map(latestUpdates);
  }

  /** Every topic with every update, as stored (public answers carry the latest updates only). */
  private async allTopics(): Promise<Topic[]> {
    return sortTopics(await this.all<Topic>('topic'));
  }

  async topicUpdates(topic: string, query: TopicUpdatesQuery = {}, _options?: CallOptions): Promise<TopicUpdatesPage> {
    return topicUpdatesPage(topic, await this.get<Topic>('topic', topic), query);
  }

  async cloud(query: CloudQuery = {}, _options?: CallOptions): Promise<CloudSnapshot> {
    const terms = cloudTerms(await this.all<StoredFeedback>('feedback'), query, this.now());
    return { site: this.site, terms, generatedAt: this.iso() };
  }

  async quotes(term: string, query: QuoteQuery = {}, _options?: CallOptions): Promise<Quote[]> {
    return quotesFor(await this.all<StoredFeedback>('feedback'), term, query, this.now());
  }

  async feed(query: FeedQuery = {}, _options?: CallOptions): Promise<FeedPage> {
    return feedPage(await this.all<Announcement>('announcement'), await this.topics(), query);
  }

  async pulse(query: PulseQuery = {}, _options?: CallOptions): Promise<Pulse> {
    assertQuery(query);
    return computePulse({
      site: this.site,
      since: query.since ?? LIMITS.since.pulseDefault,
      now: this.now(),
      items: await this.all<StoredFeedback>('feedback'),
      topics: await this.allTopics(),
      announcements: await this.all<Announcement>('announcement'),
    });
  }

  async thread(receipt: string, _options?: CallOptions): Promise<Thread> {
    return this.threadOf(await this.byReceiptOrThrow(receipt));
  }

  async confirm(receipt: string, confirmation: { resolved: boolean; comment?: string }, _options?: CallOptions): Promise<Thread> {
    return this.locked(async () => {
      const stored = await this.byReceiptOrThrow(receipt);
      addConfirmation(stored, confirmation, this.iso());
      await this.write([[['feedback', stored.feedback.id], stored]]);
      await this.publish('thread', { id: stored.feedback.id });
      return this.threadOf(stored);
    });
  }

  async withdraw(receipt: string, _options?: CallOptions): Promise<void> {
    await this.locked(async () => {
      const stored = await this.byReceiptOrThrow(receipt);
      const who = `feedback:${stored.feedback.id}`;
      const puts: Array<[IDBValidKey[], unknown]> = [];
      for (const topic of await this.allTopics()) {
        const followers = (await this.get<string[]>('followers', topic.slug)) ?? [];
        if (!followers.includes(who)) continue;
        const left = followers.filter((f) => f !== who);
        puts.push([['followers', topic.slug], left], [['topic', topic.slug], { ...topic, followers: left.length }]);
      }
      await this.write(puts, [
        ['feedback', stored.feedback.id],
        ['receipt', stored.receiptHash],
      ]);
    });
  }

  async meToo(topic: string, request: MeTooRequest, _options?: CallOptions): Promise<{ followers: number }> {
    const { key } = checkMeToo(topic, request);
    return this.locked(async () => {
      if (!(await this.get('topic', topic))) throw new NotFoundError('No such topic.');
      const { topic: t, followers } = await this.follow(topic, `key:${key}`);
      await this.write([
        [['topic', topic], t],
        [['followers', topic], followers],
      ]);
      return { followers: t.followers };
    });
  }

  subscribe(listener: (event: LiveEvent) => void, options: SubscribeOptions = {}): Unsubscribe {
    this.open();
    let active = true;
    let replaying = options.after !== undefined;
    const held: LiveEvent[] = [];
    const replayed = new Set<string>();
    const deliver = (e: LiveEvent) => active && listener(e);
    // events that arrive while the log is read wait, so the listener sees each event once and in order
    const wrapped = (e: LiveEvent) => (replaying ? held.push(e) : deliver(e));
    this.listeners.add(wrapped);
    const replay = async () => {
      if (options.after === undefined) return;
      const after = Number(options.after);
      for (const e of await this.all<LiveEvent>('event'))
        if (Number(e.id) > after) {
          replayed.add(e.id);
          deliver(e);
        }
    };
    void replay().finally(() => {
      replaying = false;
      for (const e of held) if (!replayed.has(e.id)) deliver(e);
      held.length = 0;
      if (active) options.onConnection?.(true);
    });
    return () => {
      active = false;
      this.listeners.delete(wrapped);
    };
  }

  /** One channel per adapter: it tells other tabs (and other adapters on this page) what happened here. */
  private open(): BroadcastChannel | undefined {
    if (!this.channel && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(`voc-local:${this.database} ${this.site}`);
      this.channel.onmessage = (m: MessageEvent<LiveEvent>) => [...this.listeners].forEach((l) => l(m.data));
    }
    return this.channel;
  }

  // ——— the team's side, for demos and tests ———

  private async putTopic(slug: string, title: string, incident?: IncidentStatus): Promise<Topic> {
    const topic = newTopic(slug, title, this.iso(), incident);
    await this.write([[['topic', slug], topic]]);
    return topic;
  }

  /** Creates (or returns) a topic. */
  createTopic(slug: string, title: string, incident?: IncidentStatus): Promise<Topic> {
    return this.locked(async () => (await this.get<Topic>('topic', slug)) ?? this.putTopic(slug, title, incident));
  }

  /** Moves a topic (or incident) and publishes the dated update; `expectedBy` sets (or with `null` clears) the date. */
  setTopicStatus(slug: string, status: TopicStatus | IncidentStatus, message?: string, expectedBy?: string | null): Promise<Topic> {
    return this.locked(async () => {
      const topic = await this.get<Topic>('topic', slug);
      if (!topic) throw new NotFoundError('No such topic.');
      moveTopic(topic, status, this.iso(), message, expectedBy);
      await this.write([[['topic', slug], topic]]);
      await this.publish('topic', latestUpdates(topic));
      return topic;
    });
  }

  /** Answers one customer in their thread. */
  reply(feedbackId: string, text: string, author?: string): Promise<void> {
    return this.locked(async () => {
      const stored = await this.get<StoredFeedback>('feedback', feedbackId);
      if (!stored) throw new NotFoundError('No such feedback.');
      addReply(stored, text, this.iso(), author);
      await this.write([[['feedback', feedbackId], stored]]);
      await this.publish('thread', { id: feedbackId });
    });
  }

  /** Tells everyone following a topic (and the public feed). */
  announce(title: string, body: string, topic?: string): Promise<Announcement> {
    return this.locked(async () => {
      const a: Announcement = { id: uuid(), site: this.site, at: this.iso(), title, body, ...(topic && { topic }) };
      await this.write([[['announcement', a.id], a]]);
      await this.publish('announcement', a);
      return a;
    });
  }

  /** Moderation: hides a feedback item from every public view. */
  hide(feedbackId: string): Promise<void> {
    return this.locked(async () => {
      const stored = await this.get<StoredFeedback>('feedback', feedbackId);
      if (!stored) return;
      stored.feedback.status = 'hidden';
      await this.write([[['feedback', feedbackId], stored]]);
    });
  }

  /** Private contact details of an item, as only the team may see them. */
  async contactOf(feedbackId: string): Promise<Contact | undefined> {
    return (await this.get<StoredFeedback>('feedback', feedbackId))?.contact;
  }

  /** Everything stored for this site: public fields only. */
  async list(): Promise<Feedback[]> {
    return (await this.all<StoredFeedback>('feedback')).map((s) => s.feedback);
  }
}
