import type {
  CloudQuery,
  CloudSnapshot,
  FeedPage,
  FeedQuery,
  FeedbackDraft,
  LiveEvent,
  MeTooRequest,
  Pulse,
  PulseQuery,
  Quote,
  QuoteQuery,
  SubmitResult,
  Thread,
  Topic,
  TopicUpdatesPage,
  TopicUpdatesQuery,
} from './model.js';

/** Stops a live subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

export interface SubscribeOptions {
  /** Resume after this event id (events after it are delivered first). */
  after?: string;
  /** Told when the connection drops (`false`) and comes back (`true`). */
  onConnection?: (connected: boolean) => void;
}

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * What every backend implements: the customer-facing half of VoC Kit.
 * Methods reject with the typed errors of `errors.ts` (ValidationError, RateLimitedError, NetworkError,
 * ServerError, NotFoundError, UnauthorizedError, ConflictError), never with anything else.
 */
export interface VocAdapter {
  /**
   * Stores one feedback item exactly once per `idempotencyKey`, forever: the same key with the same draft
   * gives the original result; the same key with another draft rejects with ConflictError.
   */
  submit(draft: FeedbackDraft, idempotencyKey: string, options?: CallOptions): Promise<SubmitResult>;
  /** Topics a customer may choose from, and that the feed shows. */
  topics(options?: CallOptions): Promise<Topic[]>;
  /** Term counts by kind, most frequent first. */
  cloud(query?: CloudQuery, options?: CallOptions): Promise<CloudSnapshot>;
  /** Real quotes (visible feedback) that contain a cloud term, newest first. */
  quotes(term: string, query?: QuoteQuery, options?: CallOptions): Promise<Quote[]>;
  /** Announcements and topic progress, newest first, by cursor. */
  feed(query?: FeedQuery, options?: CallOptions): Promise<FeedPage>;
  /**
   * Older dated updates of a topic, oldest first, by cursor: `topics` and `feed` carry a topic's latest
   * `LIMITS.topicUpdates.shown` and count the rest in `earlierUpdates`. NotFoundError for an unknown topic or
   * `before`; ValidationError for a bad slug, `before` or `limit`.
   */
  topicUpdates(topic: string, query?: TopicUpdatesQuery, options?: CallOptions): Promise<TopicUpdatesPage>;
  /** Public transparency numbers. */
  pulse(query?: PulseQuery, options?: CallOptions): Promise<Pulse>;
  /** The customer's own thread; NotFoundError for a wrong, expired or withdrawn receipt. */
  thread(receipt: string, options?: CallOptions): Promise<Thread>;
  /** "Resolved" or "not resolved yet": only this closes a complaint; `false` reopens it. */
  confirm(receipt: string, confirmation: { resolved: boolean; comment?: string }, options?: CallOptions): Promise<Thread>;
  /** Deletes the customer's feedback and everything tied to it (GDPR). */
  withdraw(receipt: string, options?: CallOptions): Promise<void>;
  /** Follow a topic ("me too"); idempotent per `request.key`. Returns the follower count. */
  meToo(topic: string, request: MeTooRequest, options?: CallOptions): Promise<{ followers: number }>;
  /** Live public events of the site, from now (or after `options.after`). */
  subscribe(listener: (event: LiveEvent) => void, options?: SubscribeOptions): Unsubscribe;
}
