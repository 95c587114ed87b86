export { VocFeedbackForm, type FormErrorDetail, type QueuedDetail, type SubmittedDetail } from './feedback-form.js';
export { strings, loaders, type FormStrings } from './strings.js';
