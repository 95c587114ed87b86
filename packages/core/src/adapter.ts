import type { VocAdapter } from '@voc-kit/protocol/adapter.js';
import { cache, loaders, type AdapterSource } from './adapter-registry.js';

// The contract lives in @voc-kit/protocol; these re-exports keep `@voc-kit/core/adapter.js` imports working.
export type { CallOptions, SubscribeOptions, Unsubscribe, VocAdapter } from '@voc-kit/protocol/adapter.js';
export { configureAdapters, type AdapterLoader, type AdapterSource } from './adapter-registry.js';

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
