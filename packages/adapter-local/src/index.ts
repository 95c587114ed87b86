export { LocalAdapter, type LocalAdapterOptions } from './local-adapter.js';
