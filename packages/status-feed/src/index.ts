export { VocStatusFeed, type MeTooDetail, type ConfirmedDetail, type StatusFeedErrorDetail } from './status-feed.js';
export { strings, type StatusFeedStrings } from './strings.js';
