/**
 * A real PostgreSQL server for tests and benchmarks: initdb into a temp folder as the `postgres` user, start it on
 * 127.0.0.1 and a free port, stop and remove it afterwards. Missing binaries are an error (CI installs them), never
 * a skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  url: string;
  port: number;
  bin: string;
  dataDir: string;
  /** Runs a pg binary (psql, pgbench) as the postgres user; returns stdout. */
  run(tool: string, args: string[]): string;
  stop(): Promise<void>;
}

/** The folder of initdb/postgres/pg_ctl: PG_BIN, then /usr/lib/postgresql/<newest>/bin, then pg_config. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync('/usr/lib/postgresql'))
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on PATH
  }
  for (const dir of candidates) if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found, so the PostgreSQL tests cannot run.\n' +
      'Install them (Debian/Ubuntu: apt-get install -y postgresql) or set PG_BIN to their folder.',
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function sh(bin: string, tool: string, args: string[]): string {
  const cmd = asRoot ? 'runuser' : join(bin, tool);
  const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}):\n${r.stderr || r.stdout}`);
  return r.stdout;
}

export interface StartOptions {
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /**
   * A data folder to keep (benchmarks that reuse a seeded database): created and initialised when it has no
   * database yet, reused as it is otherwise, and left in place (stopped cleanly) by `stop()`.
   */
  keepDir?: string;
}

/** Starts a throwaway PostgreSQL; `url` connects as the `postgres` superuser to database `postgres`. */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const keep = options.keepDir;
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'voc-pg-'));
  const fresh = !keep || !existsSync(join(keep, 'PG_VERSION'));
  if (keep) mkdirSync(keep, { recursive: true });
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (pw.status !== 0) throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as.');
    chownSync(dataDir, Number(pw.stdout), Number(gid.stdout));
  }
  if (fresh) sh(bin, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: dataDir,
    max_connections: 200,
    fsync: 'off',
    ...options.settings,
  };
  const opts = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  sh(bin, 'pg_ctl', ['-D', dataDir, '-o', opts, '-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    bin,
    dataDir,
    run: (tool, args) => sh(bin, tool, args),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (keep) {
        sh(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '300', 'stop']);
        return;
      }
      try {
        sh(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
