// Loaded on demand (protocol's word lists are not in the console's first load).
export { maskProfanity } from '@voc-kit/protocol/text/analyze.js';
