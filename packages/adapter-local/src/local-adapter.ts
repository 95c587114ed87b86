import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { CallOptions, SubscribeOptions, Unsubscribe, VocAdapter } from '@voc-kit/core/adapter.js';
import { ConflictError, NotFoundError } from '@voc-kit/core/errors.js';
import { sinceToTime } from '@voc-kit/core/memory-adapter.js';
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
} from '@voc-kit/core/model.js';
import { randomToken, sha256Hex, uuid } from '@voc-kit/core/random.js';
import { countTerms, terms } from '@voc-kit/core/text/analyze.js';
import { assertDraft, checkIdempotencyKey, checkTopic, toValidationError, validateMeToo } from '@voc-kit/core/validation.js';

/** One feedback item as this browser keeps it; contact and receipt hash never leave through the public methods. */
interface Stored {
  feedback: Feedback;
  contact?: Contact;
  receiptHash: string;
  entries: ThreadEntry[];
  terms: string[];
}

export interface LocalAdapterOptions {
  /** Site key: separates the data of several sites (or demos) in one browser. */
  site?: string;
  /** IndexedDB database name (default `voc-local`). */
  database?: string;
  /** Live events kept for `subscribe({ after })` (default 500). */
  keepEvents?: number;
}

const DAY = 86_400_000;
const INCIDENT = ['investigating', 'identified', 'monitoring', 'resolved'];
const zero = (): Record<Kind, number> => ({ compliment: 0, idea: 0, complaint: 0 });
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
  private readonly listeners = new Set<(e: LiveEvent) => void>();
  private channel?: BroadcastChannel;

  constructor(options: LocalAdapterOptions = {}) {
    this.site = options.site ?? 'local';
    const name = (this.database = options.database ?? 'voc-local');
    let db = stores.get(name);
    if (!db) stores.set(name, (db = createStore(name, 'kv')));
    this.db = db;
    this.keepEvents = options.keepEvents ?? 500;
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
    const event = { id: String(seq), type, site: this.site, at: new Date().toISOString(), data } as LiveEvent;
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

  private async byReceiptOrThrow(receipt: string): Promise<Stored> {
    const id = typeof receipt === 'string' && receipt ? await this.get<string>('receipt', await sha256Hex(receipt)) : undefined;
    const stored = id ? await this.get<Stored>('feedback', id) : undefined;
    if (!stored || stored.feedback.status === 'withdrawn') throw new NotFoundError('No feedback for this link.');
    return stored;
  }

  private async threadOf(stored: Stored): Promise<Thread> {
    const topic = stored.feedback.topic ? await this.get<Topic>('topic', stored.feedback.topic) : undefined;
    return { feedback: stored.feedback, entries: stored.entries, ...(topic && { topic }) };
  }

  private async visible(query: { since?: Since; kinds?: Kind[]; topic?: string }): Promise<Stored[]> {
    const from = sinceToTime(query.since, Date.now());
    return (await this.all<Stored>('feedback')).filter(
      ({ feedback: f }) =>
        f.status !== 'hidden' &&
        f.status !== 'pending' &&
        Date.parse(f.createdAt) >= from &&
        (!query.kinds?.length || query.kinds.includes(f.kind)) &&
        (!query.topic || f.topic === query.topic),
    );
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
    const keyError = checkIdempotencyKey(idempotencyKey);
    if (keyError) throw toValidationError([keyError]);
    const value = assertDraft(draft);
    const body = JSON.stringify(value);
    return this.locked(async () => {
      const seen = await this.get<{ body: string; result: SubmitResult }>('key', idempotencyKey);
      if (seen) {
        if (seen.body !== body) throw new ConflictError('This idempotency key was already used for another submission.');
        return seen.result;
      }
      if (value.topic && !(await this.get('topic', value.topic))) await this.putTopic(value.topic, value.topic);
      const receipt = randomToken(16);
      const feedback: Feedback = {
        id: uuid(),
        site: this.site,
        kind: value.kind,
        text: value.text,
        createdAt: new Date().toISOString(),
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
      await this.publish('feedback', {
        id: feedback.id,
        kind: feedback.kind,
        createdAt: feedback.createdAt,
        ...(value.topic && { topic: value.topic }),
      });
      await this.publish('cloud', { kind: feedback.kind, terms: stored.terms, ...(value.topic && { topic: value.topic }) });
      return result;
    });
  }

  async topics(_options?: CallOptions): Promise<Topic[]> {
    return (await this.all<Topic>('topic')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async cloud(query: CloudQuery = {}, _options?: CallOptions): Promise<CloudSnapshot> {
    const items = (await this.visible(query)).map((s) => ({ kind: s.feedback.kind, terms: s.terms }));
    return { site: this.site, terms: countTerms(items, { limit: query.limit ?? 200 }), generatedAt: new Date().toISOString() };
  }

  async quotes(term: string, query: QuoteQuery = {}, _options?: CallOptions): Promise<Quote[]> {
    const wanted = term.normalize('NFKC').toLocaleLowerCase();
    return (await this.visible(query))
      .filter((s) => s.terms.includes(wanted))
      .sort((a, b) => b.feedback.createdAt.localeCompare(a.feedback.createdAt))
      .slice(0, query.limit ?? 20)
      .map(({ feedback: f }) => ({ id: f.id, kind: f.kind, text: f.text, createdAt: f.createdAt, ...(f.topic && { topic: f.topic }) }));
  }

  async feed(query: FeedQuery = {}, _options?: CallOptions): Promise<FeedPage> {
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    const topics = new Map((await this.topics()).map((t) => [t.slug, t]));
    let items: FeedItem[] = [
      ...(await this.all<Announcement>('announcement')).map((a) => ({ type: 'announcement' as const, at: a.at, announcement: a })),
      ...[...topics.values()].map((t) => ({ type: 'topic' as const, at: t.updatedAt, topic: t })),
    ];
    const slugOf = (i: FeedItem) => (i.type === 'topic' ? i.topic.slug : i.announcement.topic);
    if (query.topic) items = items.filter((i) => slugOf(i) === query.topic);
    if (query.kinds?.length)
      items = items.filter((i) => {
        const slug = slugOf(i);
        const topic = slug ? topics.get(slug) : undefined;
        return !topic || query.kinds!.some((k) => topic.counts[k] > 0);
      });
    const key = (i: FeedItem) => `${i.at}|${i.type === 'topic' ? i.topic.slug : i.announcement.id}`;
    items.sort((a, b) => key(b).localeCompare(key(a)));
    if (query.cursor) items = items.filter((i) => key(i) < query.cursor!);
    const page = items.slice(0, limit);
    return items.length > limit ? { items: page, next: key(page[page.length - 1]) } : { items: page };
  }

  async pulse(query: PulseQuery = {}, _options?: CallOptions): Promise<Pulse> {
    const since = query.since ?? '30d';
    const now = Date.now();
    const from = sinceToTime(since, now);
    const all = await this.visible({ since });
    const topics = new Map((await this.topics()).map((t) => [t.slug, t]));
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
    const complaints = new Map<string, number>();
    for (const { feedback: f } of all) if (f.kind === 'complaint' && f.topic) complaints.set(f.topic, (complaints.get(f.topic) ?? 0) + 1);
    const actions =
      (await this.all<Announcement>('announcement')).filter((a) => Date.parse(a.at) >= from).length +
      [...topics.values()].reduce((n, t) => n + t.updates.filter((u) => Date.parse(u.at) >= from).length, 0);
    return {
      site: this.site,
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

  async thread(receipt: string, _options?: CallOptions): Promise<Thread> {
    return this.threadOf(await this.byReceiptOrThrow(receipt));
  }

  async confirm(receipt: string, confirmation: { resolved: boolean; comment?: string }, _options?: CallOptions): Promise<Thread> {
    return this.locked(async () => {
      const stored = await this.byReceiptOrThrow(receipt);
      const comment = confirmation.comment?.trim();
      stored.entries.push({
        type: 'confirmation',
        feedbackId: stored.feedback.id,
        at: new Date().toISOString(),
        resolved: confirmation.resolved === true,
        ...(comment && { comment }),
      });
      stored.feedback.status = confirmation.resolved === true ? 'resolved' : 'reopened';
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
      for (const topic of await this.topics()) {
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
    const topicError = checkTopic(topic);
    if (topicError) throw toValidationError([topicError]);
    const checked = validateMeToo(request);
    if (!checked.ok) throw toValidationError(checked.errors);
    return this.locked(async () => {
      if (!(await this.get('topic', topic))) throw new NotFoundError('No such topic.');
      const { topic: t, followers } = await this.follow(topic, `key:${checked.value.key}`);
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
    const at = new Date().toISOString();
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
    await this.write([[['topic', slug], topic]]);
    return topic;
  }

  /** Creates (or returns) a topic. */
  createTopic(slug: string, title: string, incident?: IncidentStatus): Promise<Topic> {
    return this.locked(async () => (await this.get<Topic>('topic', slug)) ?? this.putTopic(slug, title, incident));
  }

  /** Moves a topic (or incident) and publishes the dated update. */
  setTopicStatus(slug: string, status: TopicStatus | IncidentStatus, message?: string): Promise<Topic> {
    return this.locked(async () => {
      const topic = await this.get<Topic>('topic', slug);
      if (!topic) throw new NotFoundError('No such topic.');
      const at = new Date().toISOString();
      if (topic.incident && INCIDENT.includes(status)) {
        topic.incident.status = status as IncidentStatus;
        if (status === 'resolved') topic.incident.resolvedAt = at;
      } else topic.status = status as TopicStatus;
      topic.updates.push({ id: uuid(), at, status, ...(message && { message }) });
      topic.updatedAt = at;
      await this.write([[['topic', slug], topic]]);
      await this.publish('topic', topic);
      return topic;
    });
  }

  /** Answers one customer in their thread. */
  reply(feedbackId: string, text: string, author?: string): Promise<void> {
    return this.locked(async () => {
      const stored = await this.get<Stored>('feedback', feedbackId);
      if (!stored) throw new NotFoundError('No such feedback.');
      stored.entries.push({ type: 'reply', id: uuid(), feedbackId, at: new Date().toISOString(), text, ...(author && { author }) });
      if (stored.feedback.status === 'received' || stored.feedback.status === 'heard') stored.feedback.status = 'replied';
      await this.write([[['feedback', feedbackId], stored]]);
      await this.publish('thread', { id: feedbackId });
    });
  }

  /** Tells everyone following a topic (and the public feed). */
  announce(title: string, body: string, topic?: string): Promise<Announcement> {
    return this.locked(async () => {
      const a: Announcement = { id: uuid(), site: this.site, at: new Date().toISOString(), title, body, ...(topic && { topic }) };
      await this.write([[['announcement', a.id], a]]);
      await this.publish('announcement', a);
      return a;
    });
  }

  /** Moderation: hides a feedback item from every public view. */
  hide(feedbackId: string): Promise<void> {
    return this.locked(async () => {
      const stored = await this.get<Stored>('feedback', feedbackId);
      if (!stored) return;
      stored.feedback.status = 'hidden';
      await this.write([[['feedback', feedbackId], stored]]);
    });
  }

  /** Private contact details of an item, as only the team may see them. */
  async contactOf(feedbackId: string): Promise<Contact | undefined> {
    return (await this.get<Stored>('feedback', feedbackId))?.contact;
  }

  /** Everything stored for this site: public fields only. */
  async list(): Promise<Feedback[]> {
    return (await this.all<Stored>('feedback')).map((s) => s.feedback);
  }
}
