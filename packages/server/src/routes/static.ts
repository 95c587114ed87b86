import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** CSP of the pages served at `/`: nothing inline, nothing from elsewhere, Trusted Types required. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'self'; require-trusted-types-for 'script'";

const isDir = (path: string | undefined): path is string => !!path && existsSync(path) && statSync(path).isDirectory();

/**
 * The folder of the script-tag bundle: the option, else `VOC_BUNDLE_DIR`, else the installed `@voc-kit/voc`
 * package (beside this one in node_modules, or in this repository's workspace). Undefined when none is found.
 */
export function defaultBundleDir(): string | undefined {
  if (process.env.VOC_BUNDLE_DIR) return process.env.VOC_BUNDLE_DIR;
  try {
    const main = createRequire(import.meta.url).resolve('@voc-kit/voc');
    return dirname(main);
  } catch {
    return undefined;
  }
}

/**
 * Static files: the bundle and its chunks beside `/voc.js` (CORS `*`, for module scripts from other origins), the
 * demo pages at `/` (under the strict CSP the elements promise to work with). Either folder may be absent.
 */
export async function staticRoutes(app: FastifyInstance, opts: { staticDir?: string; bundleDir?: string }): Promise<void> {
  const bundle = isDir(opts.bundleDir) ? resolve(opts.bundleDir) : undefined;
  const pages = isDir(opts.staticDir) ? resolve(opts.staticDir) : undefined;
  const roots = [bundle, pages].filter((r): r is string => !!r);
  if (roots.length === 0) return;
  await app.register(fastifyStatic, {
    root: roots,
    wildcard: true,
    index: ['index.html'],
    redirect: false,
    dotfiles: 'deny',
    cacheControl: false,
    etag: true,
    lastModified: true,
    schemaHide: true,
    // only files inside the roots, never anything `..` would reach
    allowedPath: (path) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return false;
      }
      return !decoded.split(/[\\/]/).includes('..') && !decoded.includes('\0');
    },
    setHeaders(res, path) {
      res.setHeader('cache-control', 'no-cache');
      if (bundle && path.startsWith(bundle + sep)) res.setHeader('access-control-allow-origin', '*');
      if (path.endsWith('.html')) res.setHeader('content-security-policy', PAGE_CSP);
    },
  });
}
