import { GdprStore } from './gdpr.js';

/**
 * Every read and write of the reference server, on either engine. The areas live in their own modules, each a
 * layer of this one class so every method keeps its name: sites and tokens (sites.ts), live events and cloud
 * counts (events.ts), topics and announcements (topics.ts), public reads (insights.ts), threads (threads.ts),
 * submissions (submissions.ts), the team's inbox (inbox.ts), merging topics (topics-merge.ts), webhooks (webhooks.ts) and GDPR (gdpr.ts).
 */
export class Store extends GdprStore {}

export { EVENTS_CHANNEL, PENDING_CHANNEL, WEBHOOK_ATTEMPTS, sinceDays } from './rows.js';
export type { Site, SiteSettings, InboxItem } from './rows.js';
