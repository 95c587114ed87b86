/** The three kinds of feedback, in the order they are offered. */
export const KINDS = ['compliment', 'idea', 'complaint'] as const;
export type Kind = (typeof KINDS)[number];

/** Where a feedback item stands, as its author and the team see it. */
export type FeedbackStatus =
  | 'received' // stored, not yet looked at
  | 'pending' // held for pre-moderation
  | 'heard' // grouped into a topic or read by the team
  | 'replied' // the team answered in the customer's thread
  | 'resolved' // the customer confirmed it is resolved (only this closes a complaint)
  | 'reopened' // the customer said it is not resolved yet
  | 'hidden' // removed by moderation
  | 'withdrawn'; // deleted by its author

/** Progress of a topic, shown on the public feed. */
export const TOPIC_STATUSES = ['heard', 'planned', 'in-progress', 'done', 'declined'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** Statuspage-style incident progress. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Contact details: private, only with consent, only used to tell the customer what was done. */
export interface Contact {
  email: string;
  /** Must be true: contact is never stored or sent without explicit consent. */
  consent: true;
}

/** What a customer submits. */
export interface FeedbackDraft {
  kind: Kind;
  /** In the customer's own words, 1–4000 characters after trimming. */
  text: string;
  /** Slug of the topic the customer chose, if any. */
  topic?: string;
  /** Page the feedback was given on (no query string or fragment). */
  pageUrl?: string;
  /** BCP 47 language tag of the customer's page. */
  locale?: string;
  contact?: Contact;
}

/** A feedback item as it may be shown publicly: never contact details, never the receipt. */
export interface Feedback {
  id: string;
  site: string;
  kind: Kind;
  text: string;
  topic?: string;
  pageUrl?: string;
  locale?: string;
  /** ISO 8601 time. */
  createdAt: string;
  status: FeedbackStatus;
}

/** Answer to a submission. The receipt is a secret shown once: it opens the customer's thread. */
export interface SubmitResult {
  id: string;
  receipt: string;
  status: FeedbackStatus;
}

/** One dated step in a topic's (or incident's) timeline. */
export interface TopicUpdate {
  id: string;
  at: string;
  status: TopicStatus | IncidentStatus;
  /** What changed, what is being done, and by when. */
  message?: string;
}

/** What many feedback items are about, e.g. "delivery". */
export interface Topic {
  slug: string;
  title: string;
  status: TopicStatus;
  /** Set for incidents (Statuspage style); then `updates` carry incident statuses. */
  incident?: { status: IncidentStatus; startedAt: string; resolvedAt?: string };
  /** Dated updates, oldest first. */
  updates: TopicUpdate[];
  /** Everyone who raised it or said "me too". */
  followers: number;
  /** Feedback counts by kind. */
  counts: Record<Kind, number>;
  createdAt: string;
  updatedAt: string;
}

/** The team's answer to one customer, in that customer's thread. */
export interface Reply {
  id: string;
  feedbackId: string;
  at: string;
  text: string;
  /** Display name of the team member or team, if the company wants to show it. */
  author?: string;
}

/** The team's message to everyone following a topic, also shown on the public feed. */
export interface Announcement {
  id: string;
  site: string;
  topic?: string;
  at: string;
  title: string;
  body: string;
}

/** The customer's word on whether their feedback is resolved: only this closes a complaint. */
export interface Confirmation {
  feedbackId: string;
  at: string;
  resolved: boolean;
  comment?: string;
}

/** A customer's own feedback with everything that happened to it, readable only with its receipt. */
export interface Thread {
  feedback: Feedback;
  /** Replies and confirmations, oldest first. */
  entries: ThreadEntry[];
  topic?: Topic;
}
export type ThreadEntry = ({ type: 'reply' } & Reply) | ({ type: 'confirmation' } & Confirmation);

/** Counts of one term or phrase, by kind. */
export interface CloudTerm {
  term: string;
  counts: Record<Kind, number>;
  total: number;
}

/** `7d`, `30d`, `90d`, `365d` or `all`. */
export type Since = `${number}d` | 'all';

export interface CloudQuery {
  since?: Since;
  kinds?: Kind[];
  topic?: string;
  /** At most this many terms, most frequent first. */
  limit?: number;
}

export interface CloudSnapshot {
  site: string;
  terms: CloudTerm[];
  generatedAt: string;
}

/** A real customer quote behind a cloud term. */
export interface Quote {
  id: string;
  kind: Kind;
  text: string;
  createdAt: string;
  topic?: string;
}

export interface QuoteQuery {
  kinds?: Kind[];
  since?: Since;
  limit?: number;
}

export type FeedItem = { type: 'announcement'; at: string; announcement: Announcement } | { type: 'topic'; at: string; topic: Topic };

export interface FeedQuery {
  cursor?: string;
  limit?: number;
  kinds?: Kind[];
  topic?: string;
}

export interface FeedPage {
  items: FeedItem[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  next?: string;
}

export interface PulseQuery {
  since?: Since;
}

/** Public transparency numbers. */
export interface Pulse {
  site: string;
  /** Volume by kind per day (UTC dates, oldest first). */
  days: Array<{ date: string } & Record<Kind, number>>;
  topComplaintTopics: Array<{ slug: string; title: string; count: number; status: TopicStatus }>;
  /** Announcements and topic status moves in the period. */
  actionsTaken: number;
  /** Median hours from submission to customer-confirmed resolution; null when none yet. */
  medianResolutionHours: number | null;
}

export interface MeTooRequest {
  /** Idempotency key: one "me too" per browser per topic. */
  key: string;
  contact?: Contact;
}

/** Events delivered live to subscribers of a site. Every event is public: no contact, no receipt. */
export type LiveEvent =
  // `delta: -1` when an item's terms leave the cloud (hidden, withdrawn, moved to another topic); absent means +1.
  | LiveEnvelope<'cloud', { kind: Kind; terms: string[]; topic?: string; delta?: -1 }>
  | LiveEnvelope<'feedback', { id: string; kind: Kind; topic?: string; createdAt: string }>
  | LiveEnvelope<'topic', Topic>
  | LiveEnvelope<'announcement', Announcement>
  // A thread changed (a team reply, a confirmation): only the feedback id, so whoever holds its receipt reloads it.
  | LiveEnvelope<'thread', { id: string }>;
export interface LiveEnvelope<T extends string, D> {
  /** Monotonic per site; used to resume (`Last-Event-ID`). */
  id: string;
  type: T;
  site: string;
  at: string;
  data: D;
}
export type LiveEventType = LiveEvent['type'];
