/**
 * Import once (the element `define.js` files and the script-tag bundle do) so elements find their backend
 * by themselves: the HTTP adapter when they have an `endpoint`, the IndexedDB adapter otherwise.
 * Both load lazily, so a page pays only for the one it uses.
 */
import { configureAdapters } from '@voc-kit/core';

configureAdapters({
  http: async ({ endpoint, site }) => new (await import('./http-adapter.js')).HttpAdapter({ endpoint: endpoint!, site: site ?? 'demo' }),
  local: async ({ site }) => new (await import('@voc-kit/adapter-local')).LocalAdapter({ site: site ?? 'local' }),
});
