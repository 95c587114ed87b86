import { DAY_MS, sinceDays, zeroCounts } from '@voc-kit/protocol/adapter-logic.js';
import {
  PRIVATE_STATUSES as PRIVATE,
  type Announcement,
  type Feedback,
  type FeedbackStatus,
  type Kind,
  type Topic,
  type TopicStatus,
} from '@voc-kit/protocol/model.js';
import { iso } from '../util.js';

/** NOTIFY `site:id` when events got ids (every instance's live hub reads them back). */
export const EVENTS_CHANNEL = 'voc_events';
/** NOTIFY when events were written and wait for ids (every instance's sequencer may take them). */
export const PENDING_CHANNEL = 'voc_pending';
/** Statuses never shown publicly (protocol's list, typed for rows read as text). */
export const PRIVATE_STATUSES: readonly string[] = PRIVATE;
/** Delivery attempts of one webhook call before it is given up. */
export const WEBHOOK_ATTEMPTS = 8;
export const DAY = DAY_MS;

/** A timestamptz as the drivers give it (PGlite and pg: Date; text when cast). */
export type Stamp = Date | string;

export interface SiteSettings {
  /** Hold new feedback until the team approves it. */
  premoderation?: boolean;
  /** This site's own limit on submissions per hashed IP (instead of the server's). */
  rateLimit?: { perMinute: number; burst: number };
  /** The page of this site that shows `<voc-status-feed>`: where the thread link of a mail lands (with the receipt). */
  threadUrl?: string;
}
export interface Site {
  key: string;
  name: string;
  origins: string[];
  settings: SiteSettings;
  sample: boolean;
  createdAt: string;
}

/** Feedback as the team sees it: with contact details. */
export interface InboxItem extends Feedback {
  contact?: { email: string };
  sample?: boolean;
}

// ——— rows as the tables hold them ———

export interface SiteRow {
  key: string;
  name: string;
  origins: string[];
  settings: SiteSettings | null;
  sample: boolean;
  created_at: Stamp;
}
export interface TokenRow {
  id: string;
  name: string;
  hash: string;
  created_at: Stamp;
  revoked_at: Stamp | null;
}
export interface FeedbackRow {
  id: string;
  site: string;
  kind: Kind;
  text: string;
  topic: string | null;
  page_url: string | null;
  locale: string | null;
  status: FeedbackStatus;
  contact_email: string | null;
  receipt_hash: string;
  terms: string[];
  created_at: Stamp;
  updated_at: Stamp;
}
export interface TopicRow {
  site: string;
  slug: string;
  title: string;
  status: TopicStatus;
  incident: Topic['incident'] | null;
  expected_by: Stamp | null;
  merged_into: string | null;
  created_at: Stamp;
  updated_at: Stamp;
  followers: number;
}
export interface TopicUpdateRow {
  id: string;
  topic: string;
  at: Stamp;
  status: TopicStatus;
  message: string | null;
}
export interface AnnouncementRow {
  id: string;
  site: string;
  topic: string | null;
  at: Stamp;
  title: string;
  body: string;
}
export interface EntryRow {
  id: string;
  feedback_id: string;
  type: 'reply' | 'confirmation';
  at: Stamp;
  text: string | null;
  author: string | null;
  resolved: boolean | null;
}
export interface EventRow {
  id: string;
  site: string;
  type: string;
  at: Stamp;
  data: unknown;
}
export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  pending: number;
  failed: number;
}
export interface DeliveryRow {
  id: string;
  webhook_id: string;
  url: string;
  secret: string | null;
  payload: unknown;
  attempts: number;
}

// ——— row → model ———

/** A zero count per kind. */
export const zero: () => Record<Kind, number> = zeroCounts;
export { sinceDays };

export function toSite(r: SiteRow): Site {
  return {
    key: r.key,
    name: r.name,
    origins: r.origins,
    settings: r.settings ?? {},
    sample: r.sample === true,
    createdAt: iso(r.created_at),
  };
}

export function toFeedback(r: FeedbackRow): Feedback {
  return {
    id: r.id,
    site: r.site,
    kind: r.kind,
    text: r.text,
    createdAt: iso(r.created_at),
    status: r.status,
    ...(r.topic ? { topic: r.topic } : {}),
    ...(r.page_url ? { pageUrl: r.page_url } : {}),
    ...(r.locale ? { locale: r.locale } : {}),
  };
}

export function toInbox(r: FeedbackRow): InboxItem {
  return { ...toFeedback(r), ...(r.contact_email ? { contact: { email: r.contact_email } } : {}) };
}

export function toAnnouncement(r: AnnouncementRow): Announcement {
  return { id: r.id, site: r.site, at: iso(r.at), title: r.title, body: r.body, ...(r.topic ? { topic: r.topic } : {}) };
}

const SLACK_TEXT: Record<string, (site: string, data: never) => string> = {
  feedback: (site, d: { kind: string; topic?: string }) => `New ${d.kind} on ${site}${d.topic ? ` about ${d.topic}` : ''}`,
  topic: (_site, d: Topic) => `Topic “${d.title}” is now ${d.incident?.status ?? d.status}`,
  announcement: (site, d: Announcement) => `Announcement on ${site}: ${d.title}`,
};

/** Slack-compatible JSON (`text`) with the event beside it for other receivers. */
export function webhookPayload(site: string, type: string, data: unknown): string | undefined {
  const text = SLACK_TEXT[type]?.(site, data as never);
  return text ? JSON.stringify({ text, event: { type, site, data } }) : undefined;
}
