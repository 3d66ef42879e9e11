import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type {
  LogConfig,
  PostgresPool,
  PostgresPoolClient,
  PostgresQueryResult,
  SqliteDatabase,
  SqliteStatement,
} from 'kysely';
import pg from 'pg';
import type { DB } from './types.js';

export type DialectName = 'sqlite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** PostgreSQL schema holding Lotse's tables ('public' unless tests isolate runs); none on SQLite. */
  schema?: string;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  sqliteFile: string;
  /** PostgreSQL schema to use (tests isolate runs by schema). */
  pgSchema?: string;
  poolSize?: number;
  /** Kysely's query log (the benchmark's profiler times every statement of a request with it). */
  log?: LogConfig;
  /** SQLite only, default full (see openSqlite). */
  sqliteSynchronous?: 'full' | 'normal';
  /** PostgreSQL only, default on: statements prepared by name per connection (see preparingPool). */
  pgPreparedStatements?: boolean;
}

/**
 * One shape of values for both dialects, so services never branch on the database:
 * timestamps are ISO-8601 strings in UTC with milliseconds ("2026-11-23T14:05:00.000Z"), dates are
 * "YYYY-MM-DD" strings, JSON columns arrive as their text, counts as numbers. Booleans are native in
 * PostgreSQL and 0/1 in SQLite (typed as SqlBool; presenters convert with Boolean()).
 */
function pgTimestampToIso(value: string): string {
  // PostgreSQL prints timestamptz as "2026-11-23 14:05:00.123+00" (offset may carry minutes).
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/.exec(value);
  if (!m) return value;
  return new Date(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`).toISOString();
}

const PG_TYPE = { int8: 20, numeric: 1700, date: 1082, timestamptz: 1184, json: 114, jsonb: 3802 } as const;

function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  switch (oid) {
    case PG_TYPE.int8:
    case PG_TYPE.numeric:
      return (v) => Number(v);
    case PG_TYPE.timestamptz:
      return pgTimestampToIso;
    case PG_TYPE.date:
    case PG_TYPE.json:
    case PG_TYPE.jsonb:
      return (v) => v;
    default:
      return pg.types.getTypeParser(oid, format as 'text');
  }
}

/** better-sqlite3 cannot bind booleans or Dates; convert them the way the schema stores them. */
function sqliteParam(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Prepared statements kept per SQL text: preparing took a tenth of a request's CPU time (bench/). */
const STATEMENT_CACHE_SIZE = 1000;

function wrapSqlite(raw: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sqlText: string) => {
    let stmt = statements.get(sqlText);
    if (stmt) statements.delete(sqlText);
    else {
      stmt = raw.prepare(sqlText);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    statements.set(sqlText, stmt); // most recently used last
    return stmt;
  };
  return {
    close: () => raw.close(),
    prepare(sqlText: string): SqliteStatement {
      const stmt = prepared(sqlText);
      // SQLite ends the transaction by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM); Kysely's
      // ROLLBACK would then fail with "no transaction is active" and hide the real error (a full disk would
      // answer 500 instead of 507). Nothing is left to roll back, so the ROLLBACK is skipped.
      const rollback = /^rollback$/i.test(sqlText.trim());
      return {
        reader: stmt.reader,
        all: (params) => stmt.all(...params.map(sqliteParam)),
        run: (params) =>
          rollback && !raw.inTransaction
            ? { changes: 0, lastInsertRowid: 0 }
            : stmt.run(...params.map(sqliteParam)),
        iterate: (params) => stmt.iterate(...params.map(sqliteParam)) as IterableIterator<unknown>,
      };
    },
  };
}

export function openSqlite(file: string, synchronous: 'full' | 'normal' = 'full'): BetterSqlite3.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  // Wait for a writer in another process (CLI, backup) instead of failing at once.
  raw.pragma('busy_timeout = 5000');
  // FULL (default): a committed write survives a power loss, not only a killed process — at the price of a
  // sync per commit, which blocks the event loop (every audited read commits). NORMAL syncs at checkpoints:
  // still consistent and still survives a killed process, but a power loss can take the last commits
  // (LOTSE_SQLITE_SYNCHRONOUS; measured in docs/performance.md).
  raw.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  // Reads through memory-mapped I/O: the yearly statistics over 100,000 cases take about half the time
  // (bench/README.md); writes still go through the WAL with full syncs.
  raw.pragma('mmap_size = 1073741824');
  // Table statistics for the query planner, refreshed where they are missing or stale (SQLite's advice for
  // long-lived connections; a sample per index keeps it quick on large files). Without them SQLite picks the
  // organisation's index for "my open cases" and reads every case (docs/performance.md).
  raw.pragma('analysis_limit = 1000');
  raw.pragma('optimize = 0x10002');
  return raw;
}

/** At most this many statements are prepared on one connection; further ones run unnamed. */
export const PREPARED_PER_CONNECTION = 400;
/** A connection is replaced after this many checkouts from the pool, and its prepared statements go with it. */
const CHECKOUTS_PER_CONNECTION = 100_000;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\s/i;

/**
 * With prepared statements, a connection plans each statement once for any values (`plan_cache_mode`). Left to
 * itself PostgreSQL compares a generic plan with the plans for the first five executions' values and, for most
 * of Lotse's queries (a date bound, a list of phases), keeps planning anew for every execution because the
 * generic estimate is higher, though both plans read the same indexes: a dashboard then spent 3 of its 7 ms of
 * database CPU planning (docs/performance.md, fourth round). Lotse's request queries are bounded by a user, a
 * case or an organisation, so their plan does not depend on the values. Reports, whose plan does depend on the
 * period and the scope, plan with their values (statistics/service.ts `planWithValues`).
 */
const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

interface Prepared {
  names: Map<string, string>;
  /** Statements PostgreSQL refused to run prepared any more (their tables changed): run unnamed. */
  unnamed: Set<string>;
}

/**
 * The pool Kysely gets on PostgreSQL: each connection prepares the statements it runs by name, up to
 * PREPARED_PER_CONNECTION of them. PostgreSQL then parses and analyses a statement once per connection instead
 * of on every execution, and plans it once (GENERIC_PLANS): for the requests of the benchmark that halves the
 * database's CPU time (planning a dashboard's joins costs more than running them; docs/performance.md). Uses
 * only pg's public API: the name goes with the query.
 *
 * When a migration changes a table while a connection holds a prepared `select *` of it, PostgreSQL refuses
 * the statement ("cached plan must not change result type", 0A000): it is run once more unnamed and deallocated
 * (inside a transaction the retry fails with the transaction, and the request with it), and from then on runs
 * unnamed on that connection. `LOTSE_PG_PREPARED_STATEMENTS=false` switches preparing off (for a pooler in
 * transaction mode that cannot keep prepared statements).
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  let counter = 0;
  const nameFor = (state: Prepared, text: string): string | undefined => {
    if (!PREPARABLE.test(text) || state.unnamed.has(text)) return undefined;
    const known = state.names.get(text);
    if (known !== undefined || state.names.size >= PREPARED_PER_CONNECTION) return known;
    counter += 1;
    const name = `lotse_${counter.toString(36)}`;
    state.names.set(text, name);
    return name;
  };
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const state: Prepared = { names: new Map(), unnamed: new Set() };
    const query = async <R>(text: string, parameters: ReadonlyArray<unknown>) => {
      const values = [...parameters];
      const name = nameFor(state, text);
      if (name === undefined) return (await client.query(text, values)) as unknown as PostgresQueryResult<R>;
      try {
        return (await client.query({ name, text, values })) as unknown as PostgresQueryResult<R>;
      } catch (error) {
        if ((error as { code?: string }).code !== '0A000') throw error;
        state.names.delete(text);
        state.unnamed.add(text);
        const result = await client.query(text, values);
        // The refused statement's name is ours and never used again; its place goes back to the cap.
        await client.query(`deallocate ${name}`);
        return result as unknown as PostgresQueryResult<R>;
      }
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      const known = wrappers.get(client);
      if (known) return known;
      const wrapper = wrap(client);
      wrappers.set(client, wrapper);
      return wrapper;
    },
    end: () => pool.end(),
  };
}

export function createDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      maxUses: CHECKOUTS_PER_CONNECTION,
      types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
      // Every session in UTC and, for tests, inside its own schema.
      options: [
        '-c TimeZone=UTC',
        ...(options.pgSchema ? [`-c search_path=${options.pgSchema}`] : []),
        ...(options.pgPreparedStatements === false ? [] : [GENERIC_PLANS]),
      ].join(' '),
    });
    // A connection that breaks (PostgreSQL restarted, network cut) emits 'error' — on the pool when idle, on
    // the client while a request holds it; unheard, either ends the whole process. The request's query fails
    // by itself (503, core/http.ts), the pool drops the broken connection and opens a new one for the next
    // query: nothing else to do here.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: options.pgPreparedStatements === false ? pool : preparingPool(pool),
      }),
      log: options.log,
    });
    return { db, dialect: 'postgresql', schema: options.pgSchema ?? 'public', destroy: () => db.destroy() };
  }
  const raw = openSqlite(options.sqliteFile, options.sqliteSynchronous);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: wrapSqlite(raw) }), log: options.log });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

export async function checkDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
