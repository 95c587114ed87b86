/**
 * The default adapters, wired: import `@voc-kit/core/defaults.js` once (the cloud's, the feed's and the pulse's
 * `define.js` do, the form's sending machinery does when it loads, and so does the script-tag bundle) and elements
 * find their backend by themselves:
 * - with an `endpoint`: `HttpAdapter` from `@voc-kit/adapter-http` (the reference server's protocol);
 * - without one: `LocalAdapter` from `@voc-kit/adapter-local` (IndexedDB in this browser).
 * Both load lazily, so a page pays only for the one it uses. Pages that bring their own adapter (the `adapter`
 * property, or `configureAdapters()`) need not import this module; a loader a page configured, before or after this
 * module runs, wins over these.
 */
import { loaders } from './adapter-registry.js';

loaders.http ??= async ({ endpoint, site }) =>
  new (await import('@voc-kit/adapter-http')).HttpAdapter({ endpoint: endpoint!, site: site ?? 'demo' });
loaders.local ??= async ({ site }) => new (await import('@voc-kit/adapter-local')).LocalAdapter({ site: site ?? 'local' });
