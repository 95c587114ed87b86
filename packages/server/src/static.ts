import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface FoundFile {
  path: string;
  size: number;
  type: string;
}

/** A file under `root` for a URL path, or undefined (never a path outside `root`; directories give index.html). */
export function findFile(root: string | undefined, urlPath: string): FoundFile | undefined {
  if (!root) return undefined;
  const base = resolve(root);
  let path = resolve(join(base, urlPath));
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  try {
    let st = statSync(path);
    if (st.isDirectory()) {
      path = join(path, 'index.html');
      st = statSync(path);
    }
    if (!st.isFile()) return undefined;
    return { path, size: st.size, type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}

export const readStream = (file: FoundFile) => createReadStream(file.path);
