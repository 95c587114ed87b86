import '@voc-kit/core/defaults.js';
import { VocFeedbackForm, type QueuedDetail, type SubmittedDetail } from './feedback-form.js';
import type { FeedbackDraft } from '@voc-kit/protocol/model.js';

VocFeedbackForm.define('voc-feedback-form');

declare global {
  interface HTMLElementTagNameMap {
    'voc-feedback-form': VocFeedbackForm;
  }
  interface GlobalEventHandlersEventMap {
    'voc-submit': CustomEvent<FeedbackDraft>;
    'voc-queued': CustomEvent<QueuedDetail>;
    'voc-submitted': CustomEvent<SubmittedDetail>;
  }
}
