import { loadConfig } from '../core/config.js';
import { createDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** Opens the configured database (as the server would) and brings its schema up to date. */
export async function openMigrated(): Promise<{ database: Database; applied: string[] }> {
  const config = loadConfig();
  const database = createDatabase(config);
  const applied = await migrateToLatest(database);
  return { database, applied };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
