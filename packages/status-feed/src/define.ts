import '@voc-kit/core/defaults.js';
import type { VocEvent } from '@voc-kit/core/element.js';
import { VocStatusFeed } from './status-feed.js';

VocStatusFeed.define('voc-status-feed');

declare global {
  interface HTMLElementTagNameMap {
    'voc-status-feed': VocStatusFeed;
  }
  interface GlobalEventHandlersEventMap {
    'voc-me-too': VocEvent<import('./status-feed.js').MeTooDetail>;
    'voc-confirmed': VocEvent<import('./status-feed.js').ConfirmedDetail>;
    'voc-withdrawn': VocEvent<{ id: string }>;
  }
}
