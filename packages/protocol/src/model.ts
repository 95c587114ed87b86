import type { Kind } from './kinds.js';
import { PULSE_WINDOWS } from './pulse-windows.js';

export { KINDS, type Kind } from './kinds.js';

/**
 * Where a feedback item stands, as its author and the team see it: `received` stored, not yet looked at;
 * `pending` held for pre-moderation; `heard` grouped into a topic or read by the team; `replied` the team answered
 * in the customer's thread; `resolved` the customer confirmed it is resolved (only this closes a complaint);
 * `reopened` the customer said it is not resolved yet; `hidden` removed by moderation; `withdrawn` deleted by its
 * author.
 */
export const FEEDBACK_STATUSES = ['received', 'pending', 'heard', 'replied', 'resolved', 'reopened', 'hidden', 'withdrawn'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const PRIVATE_STATUSES: readonly FeedbackStatus[] = ['hidden', 'pending', 'withdrawn'];
/** True for a status that public views show (not one of `PRIVATE_STATUSES`). */
export const isPublicStatus = (status: string): boolean => !(PRIVATE_STATUSES as readonly string[]).includes(status);

/** Progress of a topic, shown on the public feed. */
export const TOPIC_STATUSES = ['heard', 'planned', 'in-progress', 'done', 'declined'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];
/** Where a topic's road ends: a move to one of these clears its "expected by" date. */
export const TOPIC_CLOSED_STATUSES: readonly TopicStatus[] = ['done', 'declined'];

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
  /** Honeypot: a field people never see and bots fill in. Empty or absent from people; never stored. */
  website?: string;
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
  /**
   * Dated updates, oldest first. Public answers carry the latest `LIMITS.topicUpdates.shown` (see
   * `latestUpdates`); `earlierUpdates` counts the ones they leave out, which `topicUpdates` pages through.
   */
  updates: TopicUpdate[];
  /** How many updates older than `updates[0]` this answer leaves out; absent when none. */
  earlierUpdates?: number;
  /** Everyone who raised it or said "me too". */
  followers: number;
  /** Feedback counts by kind. */
  counts: Record<Kind, number>;
  createdAt: string;
  updatedAt: string;
  /**
   * When the team expects to be done (ISO date `YYYY-MM-DD`), if it said so: set or cleared with a move (rule:
   * `checkExpectedBy`), cleared by a move to done or declined.
   */
  expectedBy?: string;
  /** Set when the team merged this topic into another: its items, followers and announcements are there now. */
  mergedInto?: string;
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

/** A window of days up to today: `Nd` (e.g. `14d`) or `all`. */
export type Since = `${number}d` | 'all';

/**
 * The windows a cloud is offered for, shortest first; `30d` is the elements' default. Only these: the reference server
 * keeps a running total of each (a read touches about `limit` rows at any size), and a cloud of any other window
 * would sum every day of it (seconds at a million items).
 */
export const CLOUD_WINDOWS = ['7d', '30d', '90d', '365d', 'all'] as const;
export type CloudWindow = (typeof CLOUD_WINDOWS)[number];

export interface CloudQuery {
  /** One of `CLOUD_WINDOWS`; default `all`. */
  since?: CloudWindow;
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

export interface TopicUpdatesQuery {
  /** The id of an update: the page holds the updates just before it. Absent: the topic's newest updates. */
  before?: string;
  /** Updates in the page: 1 to `LIMITS.topicUpdates.max`, default `LIMITS.topicUpdates.default`. */
  limit?: number;
}

/** Older updates of one topic, oldest first. */
export interface TopicUpdatesPage {
  updates: TopicUpdate[];
  /** Pass as `before` to get the page before this one; absent when this page holds the oldest update. */
  next?: string;
}

/** The windows the pulse is offered for, shortest first; `30d` is the default (`pulse-windows.ts`). */
export { PULSE_WINDOWS };
export type PulseWindow = (typeof PULSE_WINDOWS)[number];

export interface PulseQuery {
  /** Length of the current period; default `30d`. */
  since?: PulseWindow;
}

/**
 * The figures of one period, `[from, to)`. "Public" items are those not hidden, pending or withdrawn: no other
 * item is ever counted anywhere in the pulse.
 */
export interface PulsePeriod {
  /** ISO instant: midnight UTC starting the period's first day. */
  from: string;
  /** ISO instant: midnight UTC after the period's last day (exclusive). */
  to: string;
  /** Public feedback submitted in the period, by kind. */
  totals: Record<Kind, number>;
  actions: {
    /** Dated updates of topics and incidents (status moves) made in the period. */
    statusMoves: number;
    /** Announcements published in the period. */
    announcements: number;
    /** Incidents whose resolution (`incident.resolvedAt`) falls in the period. */
    incidentsResolved: number;
  };
  /**
   * Median hours from submission to the team's first reply, over public items submitted in the period that
   * have a reply; null when none has. Durations are counted in buckets (`LIMITS.pulseDurations`: 1 h wide below
   * 72 h, 24 h wide above) and each stands for the middle of its bucket (`bucketMedian`), so the figure is within
   * ±0.5 h of the exact median below three days and ±12 h above, and the same in every adapter and the server.
   */
  medianFirstReplyHours: number | null;
  /**
   * Median hours from submission to the customer's confirmation, over public complaints that are resolved now
   * and whose last confirmation (the one that resolved them) falls in the period; null when none. Counted in
   * the same buckets as `medianFirstReplyHours`, with the same precision.
   */
  medianResolutionHours: number | null;
  /**
   * Public complaints submitted in the period that are resolved now (the customer confirmed), divided by all
   * public complaints submitted in the period (0–1); null when there were none.
   */
  confirmedResolvedShare: number | null;
}

/** Public transparency numbers: what customers told the site, and what the site did about it. */
export interface Pulse {
  site: string;
  since: PulseWindow;
  /** The `since` days ending with today (UTC), today included. */
  current: PulsePeriod;
  /** The period of the same length just before `current`. */
  previous: PulsePeriod;
  /** Public feedback per UTC day of the current period by kind, oldest first, days without feedback included. */
  days: Array<{ date: string } & Record<Kind, number>>;
  /** 168 counts of public feedback in the current period: index = weekday × 24 + hour (UTC, weekday 0 = Monday). */
  hourOfWeek: number[];
  /**
   * Public complaints now, whatever their age: `open` = not resolved (includes the next two),
   * `awaitingConfirmation` = the team replied and the customer has not confirmed yet, `reopened` = the customer
   * said it is not resolved.
   */
  backlog: { open: number; awaitingConfirmation: number; reopened: number };
  /**
   * The five topics with most public complaints submitted in the current period (ties by slug), with the latest
   * dated update that has a message, and the date the team expects it done.
   */
  topComplaintTopics: Array<{
    slug: string;
    title: string;
    count: number;
    status: TopicStatus;
    latestUpdate?: { at: string; message: string };
    expectedBy?: string;
  }>;
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
