/**
 * The form's sending machinery, loaded on the customer's first focus or input, or when the browser is idle (so
 * an item left in the outbox by an earlier visit is still delivered on load): validation, the outbox binding and
 * receipts. What renders the form and keeps the draft does not wait for it.
 */
export { OutboxController } from '@voc-kit/core/outbox-controller.js';
export { OutboxFullError } from '@voc-kit/core/outbox.js';
export { receiptLink, rememberReceipt } from '@voc-kit/core/receipts.js';
export { checkLocale, validateDraft } from '@voc-kit/core/validation.js';
