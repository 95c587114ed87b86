export { VocPulse, BLOCKS, type Block, type PulseErrorDetail } from './pulse.js';
export { strings, loaders, type PulseStrings } from './strings.js';
export { busiest, columns, heat, total, type Column } from './charts.js';
