import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';

/** Something that runs SQL: the database itself or one transaction. */
export interface Sql {
  /**
   * `name` makes it a prepared statement: parsed and planned once per connection on PostgreSQL, once per database
   * on PGlite (through the wire protocol; its query API parses and plans every call). Give a name to the
   * statements that run all the time with the same text (one name, one text).
   */
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
    // No JIT compilation: every statement here is short, but on a large database the planner's estimates for a few
    // of them (the cloud fold's daily roll, which mostly touches no row) pass jit_above_cost, and compiling took
    // ~450 ms per call at a million items, more than the work itself (issue 16, docs/PERFORMANCE.md).
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c jit=off' });
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
        query: async (text, params, name) => (await client.query({ text, values: params as unknown[], ...(name && { name }) })).rows,
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
type PGliteModule = typeof import('@electric-sql/pglite');
type PGliteInstance = import('@electric-sql/pglite').PGlite;
type Message = { name: string; fields?: Array<{ name: string; dataTypeID: number } | string | null>; dataTypeIDs?: number[] };

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  /** Named statements parsed so far on this database: their text and parameter types. */
  private readonly prepared = new Map<string, { text: string; types: number[] }>();

  constructor(
    private readonly pg: PGliteInstance,
    private readonly lib: PGliteModule,
  ) {}

  async query<T>(text: string, params?: unknown[], name?: string): Promise<T[]> {
    return this.pg._runExclusiveTransaction(() => this.extended<T>(text, params ?? [], name ?? '', true));
  }

  /** Parameter types of unnamed statements by text (for their values' serializers), so each call is one message. */
  private readonly unnamedTypes = new Map<string, number[]>();

  /**
   * Runs a statement through PostgreSQL's extended protocol in as few calls into PGlite as it can: a named one is
   * parsed (and described, for its parameter types) once, then each call is one message of Bind, Describe, Execute
   * and Sync, so it is planned once, not at every call as `PGlite.query` does; an unnamed one adds its Parse to that
   * message once its parameter types are known (`PGlite.query` makes six calls). Holds PGlite's query lock like
   * `query`; `sync`: write the data folder afterwards (outside a transaction, as `query` does).
   */
  private extended<T>(text: string, params: unknown[], name: string, sync: boolean): Promise<T[]> {
    const { serialize } = this.lib.protocol;
    const run = (...messages: Uint8Array[]) => this.pg.execProtocolStream(concat(messages), { syncToFs: false }) as Promise<Message[]>;
    const describe = async (statement: string) => {
      const described = await run(
        serialize.parse({ name: statement, text }),
        serialize.describe({ type: 'S', name: statement }),
        serialize.sync(),
      );
      return described.find((m) => m.name === 'parameterDescription')?.dataTypeIDs ?? [];
    };
    return this.pg._runExclusiveQuery(async () => {
      const head: Uint8Array[] = [];
      let types: number[];
      if (name) {
        let statement = this.prepared.get(name);
        if (statement && statement.text !== text) throw new Error(`statement ${name} was prepared with another text`);
        if (!statement) this.prepared.set(name, (statement = { text, types: await describe(name) }));
        types = statement.types;
      } else {
        const known = params.length ? this.unnamedTypes.get(text) : [];
        if (known) {
          types = known;
          head.push(serialize.parse({ text }));
        } else {
          // described now: the unnamed statement stays parsed for the Bind below
          types = await describe('');
          if (this.unnamedTypes.size >= 1000) this.unnamedTypes.clear();
          this.unnamedTypes.set(text, types);
        }
      }
      const values = params.map((v, i) => {
        if (v === null || v === undefined) return null;
        const serializer = this.pg.serializers[types[i]];
        return serializer ? serializer(v) : String(v);
      });
      const messages = await run(
        ...head,
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      );
      if (sync) await this.pg.syncToFs();
      const fields = (messages.find((m) => m.name === 'rowDescription')?.fields ?? []) as Array<{ name: string; dataTypeID: number }>;
      const { parseType } = this.lib.types;
      return messages
        .filter((m) => m.name === 'dataRow')
        .map((row) => {
          const out: Record<string, unknown> = {};
          fields.forEach((f, i) => (out[f.name] = parseType(row.fields![i] as string | null, f.dataTypeID, this.pg.parsers)));
          return out as T;
        });
    });
  }

  async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (t) =>
      fn({
        query: async (text, params, name) => {
          if (t.closed) throw new Error('Transaction is closed');
          return this.extended(text, params ?? [], name ?? '', false);
        },
        exec: async (text) => void (await t.exec(text)),
      }),
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

/** One buffer of several protocol messages. */
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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
    const lib = await import('@electric-sql/pglite');
    db = new PgliteDb(await lib.PGlite.create(dataDir), lib);
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
