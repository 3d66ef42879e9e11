import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { Migrator } from 'kysely';
import pg from 'pg';
import { appendAudit, verifyAuditChains, type VerifyResult } from '../core/audit.js';
import {
  BackupError,
  decryptBackup,
  readBackupHeader,
  writeEncryptedBackup,
  type BackupHeader,
} from '../core/backup.js';
import type { Config } from '../core/config.js';
import { createDatabase, type DialectName } from './database.js';
import { allMigrations } from './migrations/index.js';

/**
 * Backup and restore of the whole database (npm run backup / restore; the file format is core/backup.ts).
 *
 * Consistent while the server runs: SQLite is copied with the online backup API from a connection that holds
 * one read transaction, so the copy is the database at one moment while the server goes on writing (WAL);
 * PostgreSQL is dumped by pg_dump in a snapshot exported from a repeatable-read transaction. The header's
 * schema version is read in the same snapshot.
 */
export interface BackupTarget {
  dialect: DialectName;
  databaseUrl: string | null;
  sqliteFile: string;
  /** PostgreSQL schema holding Lotse's tables: public, except in tests. */
  schema: string;
}

export function backupTargetOf(config: Config): BackupTarget {
  return {
    dialect: config.databaseUrl ? 'postgresql' : 'sqlite',
    databaseUrl: config.databaseUrl,
    sqliteFile: config.sqliteFile,
    schema: 'public',
  };
}

/** Read access to the snapshot a backup is made of (tests compare it with the restored database). */
export interface SnapshotReader {
  tables(): Promise<string[]>;
  rows(table: string): Promise<Record<string, unknown>[]>;
}

export interface BackupResult {
  file: string;
  header: BackupHeader;
  bytes: number;
}

const MIGRATION_TABLE = 'kysely_migration';

function checkIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return name;
}

function fileStamp(at: Date): string {
  // 2026-12-05T12:40:00.123Z → 20261205-124000-123Z: sorts by time, no characters a shell or Windows dislikes
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.(\d{3})Z$/, '-$1Z');
}

/** Makes an encrypted backup in `dir` (created with mode 0700) and returns the new file (mode 0600). */
export async function createBackup(options: {
  target: BackupTarget;
  dir: string;
  key: string;
  appVersion: string;
  now?: Date;
  /** Called inside the snapshot the backup is made of, before the copy. */
  duringSnapshot?: (reader: SnapshotReader) => Promise<void>;
}): Promise<BackupResult> {
  const { target } = options;
  const now = options.now ?? new Date();
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, `lotse-${target.dialect}-${fileStamp(now)}.lotse-backup`);
  const partial = `${file}.partial`;
  const work = fs.mkdtempSync(path.join(options.dir, '.lotse-backup-'));
  try {
    const header =
      target.dialect === 'sqlite'
        ? await backupSqlite(target, work, partial, options, now)
        : await backupPostgres(target, partial, options, now);
    fs.renameSync(partial, file);
    return { file, header, bytes: fs.statSync(file).size };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(partial, { force: true });
  }
}

function sqliteReader(source: BetterSqlite3.Database): SnapshotReader {
  return {
    tables: async () =>
      source
        .prepare(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
        )
        .pluck()
        .all() as string[],
    rows: async (table) =>
      source.prepare(`select * from "${checkIdentifier(table)}"`).all() as Record<string, unknown>[],
  };
}

async function backupSqlite(
  target: BackupTarget,
  work: string,
  partial: string,
  options: { key: string; appVersion: string; duringSnapshot?: (reader: SnapshotReader) => Promise<void> },
  now: Date,
): Promise<BackupHeader> {
  if (!fs.existsSync(target.sqliteFile)) {
    throw new BackupError('no-database', `There is no database at ${target.sqliteFile}.`);
  }
  const source = new BetterSqlite3(target.sqliteFile, { fileMustExist: true });
  const copy = path.join(work, 'lotse.db');
  let schemaVersion: string | null;
  try {
    source.pragma('busy_timeout = 5000');
    // One read transaction: the copy, the schema version and the hook see the same moment, and writers of the
    // running server (WAL) neither wait for it nor make the copy start over.
    source.exec('begin');
    schemaVersion = lastMigrationSqlite(source);
    await options.duringSnapshot?.(sqliteReader(source));
    await source.backup(copy, { progress: () => 1024 });
    source.exec('commit');
  } finally {
    source.close();
  }
  // SQLite files compress well (pg_dump's custom format is compressed already).
  const compressed = createGzip();
  const [header] = await Promise.all([
    writeEncryptedBackup(
      compressed,
      partial,
      {
        dialect: 'sqlite',
        schema: null,
        schemaVersion,
        createdAt: now.toISOString(),
        appVersion: options.appVersion,
        payload: 'sqlite-database',
        compression: 'gzip',
      },
      options.key,
    ),
    pipeline(fs.createReadStream(copy), compressed),
  ]);
  return header;
}

function lastMigrationSqlite(db: BetterSqlite3.Database): string | null {
  const exists = db
    .prepare(`select 1 from sqlite_master where type = 'table' and name = ?`)
    .get(MIGRATION_TABLE);
  if (!exists) throw new BackupError('no-database', 'The database has no Lotse schema (never started?).');
  const row = db.prepare(`select max(name) as name from ${MIGRATION_TABLE}`).get() as { name: string | null };
  return row.name;
}

/** The connection for PostgreSQL's tools: the URL without its password, which goes in PGPASSWORD. */
function pgToolConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function majorVersionOf(binary: string): number | null {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const match = result.status === 0 ? /(\d+)(?:\.\d+)?/.exec(result.stdout) : null;
  return match?.[1] ? Number(match[1]) : null;
}

function pgToolDirs(): string[] {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const version of fs.readdirSync(debian)) dirs.push(path.join(debian, version, 'bin'));
  }
  return dirs;
}

/**
 * pg_dump / pg_restore: the newest found on PATH or in /usr/lib/postgresql/<version>/bin (Debian and Ubuntu
 * install several side by side). pg_dump refuses servers newer than itself, so the major version is checked.
 */
export function findPgTool(
  name: 'pg_dump' | 'pg_restore',
  serverMajor: number,
  dirs: string[] = pgToolDirs(),
): string {
  let best: { binary: string; major: number } | null = null;
  for (const dir of dirs) {
    const binary = path.join(dir, name);
    if (!fs.existsSync(binary)) continue;
    const major = majorVersionOf(binary);
    if (major !== null && (best === null || major > best.major)) best = { binary, major };
  }
  if (!best) {
    throw new BackupError(
      'pg-tool-missing',
      `${name} was not found on PATH or in /usr/lib/postgresql/*/bin. Install the PostgreSQL client tools, version ${serverMajor} or newer (Debian: apt install postgresql-client-${serverMajor}).`,
    );
  }
  if (best.major < serverMajor) {
    throw new BackupError(
      'pg-tool-too-old',
      `${best.binary} is version ${best.major}, the server ${serverMajor}: install the PostgreSQL client tools ${serverMajor} or newer.`,
    );
  }
  return best.binary;
}

async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
  return Math.floor(Number(rows[0]?.server_version_num ?? '0') / 10000);
}

/**
 * Runs a PostgreSQL tool; resolves with its stdout stream and a promise of its end (rejecting on failure).
 * The output is taken into a stream of our own at once: Node resumes (and so discards) a child's stdout that
 * nobody listens to when the child exits, and pg_dump could finish while the backup still derived its key —
 * the backup then held an empty dump and failed only at restore (seen under load).
 */
export function runTool(
  binary: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { stdout: Readable; done: Promise<void> } {
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4000) stderr += chunk;
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error) =>
      reject(new BackupError('tool-failed', `${path.basename(binary)}: ${error.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new BackupError('tool-failed', `${path.basename(binary)} failed (exit ${code}): ${stderr.trim()}`),
        );
    });
  });
  return { stdout: child.stdout.pipe(new PassThrough()), done };
}

async function backupPostgres(
  target: BackupTarget,
  partial: string,
  options: { key: string; appVersion: string; duringSnapshot?: (reader: SnapshotReader) => Promise<void> },
  now: Date,
): Promise<BackupHeader> {
  if (!target.databaseUrl) throw new BackupError('no-database', 'DATABASE_URL is not set.');
  const schema = checkIdentifier(target.schema);
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    const pgDump = findPgTool('pg_dump', await serverMajor(client));
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id;
    if (!snapshot) throw new Error('no snapshot');
    const migrations = await client.query<{ name: string | null }>(
      `select max(name) as name from "${schema}".${MIGRATION_TABLE}`,
    );
    const schemaVersion = migrations.rows[0]?.name ?? null;
    await options.duringSnapshot?.({
      tables: async () =>
        (
          await client.query<{ table_name: string }>(
            `select table_name from information_schema.tables
              where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
            [schema],
          )
        ).rows.map((r) => r.table_name),
      rows: async (table) =>
        (await client.query(`select * from "${schema}"."${checkIdentifier(table)}"`)).rows as Record<
          string,
          unknown
        >[],
    });
    const connection = pgToolConnection(target.databaseUrl);
    // The custom format: compressed, and pg_restore can restore it in one transaction.
    const dump = runTool(
      pgDump,
      [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--schema=${schema}`,
        `--snapshot=${snapshot}`,
        `--dbname=${connection.dbname}`,
      ],
      connection.env,
    );
    const [header] = await Promise.all([
      writeEncryptedBackup(
        dump.stdout,
        partial,
        {
          dialect: 'postgresql',
          schema,
          schemaVersion,
          createdAt: now.toISOString(),
          appVersion: options.appVersion,
          payload: 'pg-dump-custom',
          compression: 'none',
        },
        options.key,
      ),
      dump.done,
    ]);
    await client.query('commit');
    return header;
  } finally {
    await client.end();
  }
}

export interface RestoreReport {
  header: BackupHeader;
  /** Migrations of this Lotse the restored database does not have yet; the server applies them at start. */
  pendingMigrations: string[];
  audit: VerifyResult;
}

/**
 * Restores a backup into an empty database — the SQLite file of the configuration (missing or without
 * tables) or a PostgreSQL database without Lotse tables — then checks the migration state and the audit
 * chains. A wrong key, a changed byte or a non-empty target refuse before anything is written.
 */
export async function restoreBackup(options: {
  file: string;
  key: string;
  target: BackupTarget;
}): Promise<RestoreReport> {
  const { header } = await readBackupHeader(options.file);
  const target: BackupTarget = { ...options.target, schema: header.schema ?? options.target.schema };
  if (header.dialect !== target.dialect) {
    throw new BackupError(
      'dialect-mismatch',
      `The backup is of a ${header.dialect} database; the configured database is ${target.dialect}.`,
    );
  }
  const known = Object.keys(allMigrations(target.dialect));
  if (header.schemaVersion !== null && !known.includes(header.schemaVersion)) {
    throw new BackupError(
      'newer-schema',
      `The backup was made by a newer Lotse (schema ${header.schemaVersion}); restore it with that version.`,
    );
  }
  if (target.dialect === 'sqlite') await restoreSqlite(options.file, options.key, target);
  else await restorePostgres(options.file, options.key, target);
  return verifyRestored(target, header);
}

function sqliteTableCount(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`select count(*) as n from sqlite_master where type = 'table'`).get() as { n: number })
      .n;
  } finally {
    db.close();
  }
}

function assertSqliteEmpty(file: string): void {
  if (fs.existsSync(file) && sqliteTableCount(file) > 0) {
    throw new BackupError(
      'not-empty',
      `${file} already holds a database. Restore only into an empty one: stop the server and move the files away, or set LOTSE_DATA_DIR to a new folder. Nothing was restored.`,
    );
  }
}

async function restoreSqlite(file: string, key: string, target: BackupTarget): Promise<void> {
  assertSqliteEmpty(target.sqliteFile);
  const dir = path.dirname(target.sqliteFile);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // In the target's folder, so the finished file is moved into place in one step (same file system).
  const work = fs.mkdtempSync(path.join(dir, '.lotse-restore-'));
  try {
    const plain = path.join(work, 'lotse.db');
    await decryptBackup(file, plain, key);
    const check = new BetterSqlite3(plain, { fileMustExist: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok')
        throw new BackupError('damaged', 'The restored database fails SQLite’s integrity check.');
    } finally {
      check.close();
    }
    assertSqliteEmpty(target.sqliteFile);
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      fs.rmSync(target.sqliteFile + suffix, { force: true });
    fs.renameSync(plain, target.sqliteFile);
    fs.chmodSync(target.sqliteFile, 0o600);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function restorePostgres(file: string, key: string, target: BackupTarget): Promise<void> {
  if (!target.databaseUrl) throw new BackupError('no-database', 'DATABASE_URL is not set.');
  const schema = checkIdentifier(target.schema);
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  let schemaExists: boolean;
  let major: number;
  try {
    major = await serverMajor(client);
    const tables = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema = $1`,
      [schema],
    );
    if (Number(tables.rows[0]?.n ?? 0) > 0) {
      throw new BackupError(
        'not-empty',
        `The database already has tables in schema ${schema}. Restore only into an empty database (createdb a new one and point DATABASE_URL at it). Nothing was restored.`,
      );
    }
    schemaExists =
      (await client.query(`select 1 from information_schema.schemata where schema_name = $1`, [schema]))
        .rowCount === 1;
  } finally {
    await client.end();
  }
  const pgRestore = findPgTool('pg_restore', major);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-restore-'));
  try {
    const dump = path.join(work, 'lotse.dump');
    await decryptBackup(file, dump, key);
    const connection = pgToolConnection(target.databaseUrl);
    const args = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges'];
    if (schemaExists) {
      // An empty database has its public schema already: restore everything but the schema's creation.
      const listing = runTool(pgRestore, ['--list', dump], connection.env);
      const chunks: Buffer[] = [];
      listing.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      await listing.done;
      const entries = Buffer.concat(chunks)
        .toString('utf8')
        .split('\n')
        .filter((line) => !new RegExp(`^\\d+; \\d+ \\d+ (SCHEMA|COMMENT) - (SCHEMA )?${schema} `).test(line));
      const list = path.join(work, 'restore.list');
      fs.writeFileSync(list, entries.join('\n'), { mode: 0o600 });
      args.push(`--use-list=${list}`);
    }
    const restore = runTool(pgRestore, [...args, `--dbname=${connection.dbname}`, dump], connection.env);
    restore.stdout.resume();
    await restore.done;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function verifyRestored(target: BackupTarget, header: BackupHeader): Promise<RestoreReport> {
  const database = createDatabase({
    databaseUrl: target.databaseUrl,
    sqliteFile: target.sqliteFile,
    ...(target.dialect === 'postgresql' ? { pgSchema: target.schema } : {}),
    poolSize: 2,
  });
  try {
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => allMigrations(target.dialect) },
      ...(database.schema ? { migrationTableSchema: database.schema } : {}),
    });
    const pendingMigrations = (await migrator.getMigrations())
      .filter((m) => m.executedAt === undefined)
      .map((m) => m.name);
    const audit = await verifyAuditChains(database.db);
    return { header, pendingMigrations, audit };
  } finally {
    await database.destroy();
  }
}

/**
 * A backup copies every personal record, a restore brings them back: the installation's audit chain records
 * both (after the fact, so a backup stays exactly its snapshot). Codes and the file's name only.
 */
export async function auditBackupEvent(
  target: BackupTarget,
  action: 'installation.backup' | 'installation.restore',
  header: BackupHeader,
  file: string,
): Promise<void> {
  const database = createDatabase({
    databaseUrl: target.databaseUrl,
    sqliteFile: target.sqliteFile,
    ...(target.dialect === 'postgresql' ? { pgSchema: header.schema ?? target.schema } : {}),
    poolSize: 1,
  });
  try {
    await database.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        { actorUserId: null, organisationId: null, requestId: null, at: new Date() },
        {
          action,
          entityType: 'installation',
          details: {
            file: path.basename(file),
            createdAt: header.createdAt,
            schemaVersion: header.schemaVersion,
          },
        },
      ),
    );
  } finally {
    await database.destroy();
  }
}
