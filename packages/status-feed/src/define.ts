import '@voc-kit/core/defaults.js';
import { VocStatusFeed } from './status-feed.js';

VocStatusFeed.define('voc-status-feed');

declare global {
  interface HTMLElementTagNameMap {
    'voc-status-feed': VocStatusFeed;
  }
  interface GlobalEventHandlersEventMap {
    'voc-me-too': CustomEvent<import('./status-feed.js').MeTooDetail>;
    'voc-confirmed': CustomEvent<import('./status-feed.js').ConfirmedDetail>;
    'voc-withdrawn': CustomEvent<{ id: string }>;
  }
}
