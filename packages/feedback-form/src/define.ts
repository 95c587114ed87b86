// the default adapters are wired by the sending machinery (`sending.ts`), which is the first to need one
import { VocFeedbackForm, type QueuedDetail, type SubmittedDetail } from './feedback-form.js';
import type { FeedbackDraft } from '@voc-kit/protocol/model.js';
import type { VocEvent } from '@voc-kit/core/element.js';

VocFeedbackForm.define('voc-feedback-form');

declare global {
  interface HTMLElementTagNameMap {
    'voc-feedback-form': VocFeedbackForm;
  }
  interface GlobalEventHandlersEventMap {
    'voc-submit': VocEvent<FeedbackDraft>;
    'voc-queued': VocEvent<QueuedDetail>;
    'voc-submitted': VocEvent<SubmittedDetail>;
  }
}
