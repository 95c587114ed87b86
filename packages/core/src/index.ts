// The isomorphic half (model, errors, validation, limits, text analysis, adapter rules, MemoryAdapter) lives in
// @voc-kit/protocol; it is re-exported here so elements and pages importing '@voc-kit/core' keep working.
export * from '@voc-kit/protocol';
export * from './adapter.js';
export * from './i18n.js';
export * from './tokens.js';
export * from './element.js';
export * from './receipts.js';
export * from './outbox.js';
export * from './load.js';
export * from './sub-views.js';
