/**
 * The default adapters, wired: import `@voc-kit/core/defaults.js` once (every element's `define.js` and the
 * script-tag bundle do) and elements find their backend by themselves:
 * - with an `endpoint`: `HttpAdapter` from `@voc-kit/adapter-http` (the reference server's protocol);
 * - without one: `LocalAdapter` from `@voc-kit/adapter-local` (IndexedDB in this browser).
 * Both load lazily, so a page pays only for the one it uses. Pages that bring their own adapter (the `adapter`
 * property, or `configureAdapters()`) need not import this module.
 */
import { configureAdapters } from './adapter-registry.js';

configureAdapters({
  http: async ({ endpoint, site }) =>
    new (await import('@voc-kit/adapter-http')).HttpAdapter({ endpoint: endpoint!, site: site ?? 'demo' }),
  local: async ({ site }) => new (await import('@voc-kit/adapter-local')).LocalAdapter({ site: site ?? 'local' }),
});
