import type { LiveEvent } from '@voc-kit/protocol/model.js';
import { createServer, type ServerOptions, type VocServer } from '../src/index.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startPostgres, type PostgresServer } from './postgres.js';

export type Engine = 'pglite' | 'postgres';
export const ADMIN_TOKEN = 'team-token-for-tests-0123456789abcdef';
export const ORIGIN = 'http://localhost:5173';

export interface Running {
  server: VocServer;
  url: string;
  pg?: PostgresServer;
  stop(): Promise<void>;
}

/** A real server on a real database: PGlite in memory, or a PostgreSQL started for this test file. */
export async function startVoc(engine: Engine, options: ServerOptions = {}, pg?: PostgresServer): Promise<Running> {
  const own = engine === 'postgres' && !pg ? await startPostgres() : undefined;
  const database = own ?? pg;
  const server = await createServer({
    port: 0,
    adminToken: ADMIN_TOKEN,
    webhooks: false,
    ...(engine === 'postgres' ? { databaseUrl: database!.url } : { dataDir: 'memory://' }),
    ...options,
  });
  const url = await server.listen();
  return {
    server,
    url,
    pg: database,
    async stop() {
      await server.close();
      await own?.stop();
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers freely
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Plain fetch, as any client would call the protocol. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers freely
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export const team = { authorization: `Bearer ${ADMIN_TOKEN}` };

export async function createSite(base: string, key: string, extra: Record<string, unknown> = {}) {
  const r = await call(base, 'POST', '/v1/admin/sites', {
    headers: team,
    body: { key, name: key, origins: [ORIGIN, 'http://localhost:*'], ...extra },
  });
  if (r.status !== 201) throw new Error(`site ${key}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const submit = (base: string, site: string, key: string, draft: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(base, 'POST', `/v1/sites/${site}/feedback`, { body: draft, headers: { 'idempotency-key': key, ...headers } });

/** A Server-Sent Events reader over fetch, like EventSource but with awaitable events. */
export function sse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const events: LiveEvent[] = [];
  const waiters: Array<() => void> = [];
  let status = 0;
  let raw = '';
  const ready = fetch(url, { headers, signal: controller.signal }).then(async (res) => {
    status = res.status;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          raw += value;
          buf += value;
          let cut;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            // named events (`position`) are not live events
            if (frame.split('\n').some((l) => l.startsWith('event:'))) continue;
            const data = frame
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) events.push(JSON.parse(data));
            for (const w of waiters.splice(0)) w();
          }
        }
      } catch {
        // aborted
      }
    })();
    return res;
  });
  return {
    ready,
    events,
    get status() {
      return status;
    },
    get raw() {
      return raw;
    },
    /** Resolves with the first event matching `test` (already received or still to come); rejects after `ms`. */
    async next(test: (e: LiveEvent) => boolean, ms = 15_000): Promise<LiveEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find(test);
        if (hit) return hit;
        if (Date.now() > deadline)
          throw new Error(`no matching live event within ${ms} ms; got ${JSON.stringify(events.map((e) => e.type))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => controller.abort(),
  };
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'packages/server/src/cli.ts');

/**
 * Starts `voc-server` (the real CLI) as a child process on `port` (a free one by default, so a restart can keep its
 * address); resolves when it prints its URLs.
 */
export async function startCli(env: Record<string, string>, port?: number): Promise<{ child: ChildProcess; url: string }> {
  port ??= await freePort();
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CLI], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), VOC_ADMIN_TOKEN: ADMIN_TOKEN, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 150_000);
    const onData = (chunk: Buffer) => {
      out += chunk;
      if (out.includes('live events')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}
