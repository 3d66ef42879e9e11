import { Migrator } from 'kysely';
import type { Database } from './database.js';
import { allMigrations } from './migrations/index.js';

export class MigrationError extends Error {}

/**
 * Brings the schema up to date and returns the names of the migrations it applied.
 *
 * PostgreSQL: Kysely's migrator holds an advisory lock, so a second instance starting at the same time
 * waits and then finds nothing to do. SQLite has no such lock across connections; there each migration
 * runs in one transaction, so a racing second process fails without changing anything — it then looks
 * again and finds the work done (or reports the real error if the schema is still behind).
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => allMigrations(database.dialect) },
    // Kysely looks for its bookkeeping tables in every schema; name ours so other schemas don't confuse it.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const attempts = database.dialect === 'sqlite' ? 5 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await migrator.migrateToLatest();
    if (!result.error) {
      return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    }
    const failed = result.results?.find((r) => r.status === 'Error');
    lastError = new MigrationError(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
    );
    const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined);
    if (pending.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
  throw lastError;
}
