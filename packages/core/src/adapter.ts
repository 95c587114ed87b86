import type { VocAdapter } from '@voc-kit/protocol/adapter.js';

// The contract lives in @voc-kit/protocol; these re-exports keep `@voc-kit/core/adapter.js` imports working.
export type { CallOptions, SubscribeOptions, Unsubscribe, VocAdapter } from '@voc-kit/protocol/adapter.js';

/** Where an element gets its adapter from: its `adapter` property, or its `endpoint` + `site` attributes. */
export interface AdapterSource {
  adapter?: VocAdapter;
  endpoint?: string;
  site?: string;
}

export type AdapterLoader = (source: AdapterSource) => Promise<VocAdapter>;

const loaders: { http?: AdapterLoader; local?: AdapterLoader } = {};
const cache = new Map<string, Promise<VocAdapter>>();

/**
 * Sets how elements build their default adapters: `http` when an `endpoint` is given, `local` otherwise.
 * `@voc-kit/core/defaults.js` calls this with the HTTP and IndexedDB adapters; the script-tag
 * bundle imports it for you.
 */
export function configureAdapters(next: { http?: AdapterLoader; local?: AdapterLoader }): void {
  Object.assign(loaders, next);
  cache.clear();
}

/**
 * The adapter for an element: its own `adapter`, else one shared instance per endpoint and site.
 * Rejects with a message saying what to do when no loader is configured.
 */
export function resolveAdapter(source: AdapterSource): Promise<VocAdapter> {
  if (source.adapter) return Promise.resolve(source.adapter);
  const kind = source.endpoint ? 'http' : 'local';
  const key = `${kind} ${source.endpoint ?? ''} ${source.site ?? ''}`;
  let adapter = cache.get(key);
  if (!adapter) {
    const loader = loaders[kind];
    if (!loader)
      return Promise.reject(
        new Error(
          `VocKit: no ${kind} adapter is configured. Set the element's \`adapter\` property, or import '@voc-kit/core/defaults.js' once.`,
        ),
      );
    adapter = loader(source);
    cache.set(key, adapter);
    adapter.catch(() => cache.delete(key));
  }
  return adapter;
}
