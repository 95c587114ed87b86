import type { VocAdapter } from '@voc-kit/protocol/adapter.js';

/** Where an element gets its adapter from: its `adapter` property, or its `endpoint` + `site` attributes. */
export interface AdapterSource {
  adapter?: VocAdapter;
  endpoint?: string;
  site?: string;
}

export type AdapterLoader = (source: AdapterSource) => Promise<VocAdapter>;

/**
 * @internal The configured loaders and the adapters built so far (one per endpoint and site). In a module of their
 * own, so that wiring the defaults costs little; `resolveAdapter` loads when an element first asks for its adapter.
 */
export const loaders: { http?: AdapterLoader; local?: AdapterLoader } = {};
/** @internal */
export const cache = new Map<string, Promise<VocAdapter>>();

/**
 * Sets how elements build their default adapters: `http` when an `endpoint` is given, `local` otherwise.
 * `@voc-kit/core/defaults.js` sets the HTTP and IndexedDB adapters where none is configured; the script-tag
 * bundle imports it for you.
 */
export function configureAdapters(next: { http?: AdapterLoader; local?: AdapterLoader }): void {
  Object.assign(loaders, next);
  cache.clear();
}
