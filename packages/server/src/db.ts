import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';

/** Something that runs SQL: the database itself or one transaction. */
export interface Sql {
  /** `name` makes it a prepared statement on PostgreSQL (planned once per connection); PGlite ignores it. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Runs a script of any SQL (several statements, functions, DO blocks), without parameters. */
  exec(text: string): Promise<void>;
}

/** One SQL layer over PGlite and PostgreSQL: the same SQL, the same migrations. */
export interface Db extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction (READ COMMITTED); commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  private readonly pool: pg.Pool;
  private listener?: pg.Client;
  private readonly channels = new Map<string, Set<(payload: string) => void>>();

  constructor(
    private readonly url: string,
    poolSize: number,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize });
    // an idle client losing its connection must not crash the process
    this.pool.on('error', () => {});
  }

  async query<T>(text: string, params?: unknown[], name?: string): Promise<T[]> {
    return (await this.pool.query({ text, values: params as unknown[], ...(name && { name }) })).rows as T[];
  }

  async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async (text, params) => (await client.query(text, params as unknown[])).rows,
        exec: async (text) => void (await client.query(text)),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    if (!this.listener) {
      // one dedicated connection carries every LISTEN of this instance
      this.listener = new pg.Client({ connectionString: this.url });
      this.listener.on('error', () => {});
      await this.listener.connect();
      this.listener.on('notification', (n) => {
        for (const cb of this.channels.get(n.channel) ?? []) cb(n.payload ?? '');
      });
    }
    let set = this.channels.get(channel);
    if (!set) {
      this.channels.set(channel, (set = new Set()));
      await this.listener.query(`LISTEN "${channel.replace(/"/g, '')}"`);
    }
    set.add(onPayload);
    return async () => {
      set.delete(onPayload);
    };
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => {});
    await this.pool.end();
  }
}

// PGlite is imported lazily so a PostgreSQL deployment never loads the WebAssembly build.
type PGliteInstance = import('@electric-sql/pglite').PGlite;

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  constructor(private readonly pg: PGliteInstance) {}

  async query<T>(text: string, params?: unknown[]): Promise<T[]> {
    return (await this.pg.query<T>(text, params)).rows;
  }

  async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (t) =>
      fn({ query: async (text, params) => (await t.query(text, params)).rows as never, exec: async (text) => void (await t.exec(text)) }),
    );
  }

  async exec(text: string): Promise<void> {
    await this.pg.exec(text);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const stop = await this.pg.listen(channel, onPayload);
    return async () => stop();
  }

  async close(): Promise<void> {
    await this.pg.close();
  }
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` keeps everything in memory. */
  dataDir?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Opens the database and applies every migration not applied yet. */
export async function openDb(options: OpenOptions): Promise<Db> {
  let db: Db;
  if (options.databaseUrl) db = new PostgresDb(options.databaseUrl, options.poolSize ?? 10);
  else {
    const dataDir = options.dataDir ?? 'memory://';
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    db = new PgliteDb(await PGlite.create(dataDir));
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const migrationFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

/** Migrations in `dir` not applied to this database yet (empty when the schema is current). */
export async function pendingMigrations(db: Sql, dir = MIGRATIONS_DIR): Promise<string[]> {
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations', [], 'voc-migrations')).map((r) => r.name));
  return migrationFiles(dir).filter((f) => !done.has(f));
}

/** Applies `migrations/*.sql` in name order, each once, under an advisory lock so instances can start together. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = migrationFiles(dir);
  return db.tx(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(7260041)');
    await sql.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await sql.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      // the whole file as one script (simple query protocol): any valid SQL, inside this transaction on both engines
      await sql.exec(readFileSync(join(dir, file), 'utf8'));
      await sql.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}
