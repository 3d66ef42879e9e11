import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type Database } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';

/** `--key value` and `--flag` arguments. */
export function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i];
    if (!key?.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) args[key.slice(2)] = 'true';
    else {
      args[key.slice(2)] = next;
      i += 1;
    }
  }
  return args;
}

/**
 * A migrated database for a benchmark: a SQLite file, or a schema of its own in the PostgreSQL database (so a
 * run never touches Lotse's tables in `public`). `fresh` starts from empty.
 */
export async function openBenchDatabase(options: {
  databaseUrl: string | null;
  sqliteFile: string;
  pgSchema?: string;
  fresh?: boolean;
}): Promise<Database> {
  if (options.databaseUrl) {
    const schema = options.pgSchema ?? 'bench_stats';
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    if (options.fresh) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema if not exists ${schema}`);
    await admin.end();
    const database = createDatabase({
      databaseUrl: options.databaseUrl,
      sqliteFile: '',
      pgSchema: schema,
      poolSize: 4,
    });
    await migrateToLatest(database);
    return database;
  }
  const file = path.resolve(options.sqliteFile);
  if (options.fresh)
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const database = createDatabase({ databaseUrl: null, sqliteFile: file });
  await migrateToLatest(database);
  return database;
}
