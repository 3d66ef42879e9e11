import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Column types per dialect. The schema is written once; these map the few types where SQLite and
 * PostgreSQL differ. SQLite keeps text for uuids, timestamps, dates and JSON (see db/database.ts).
 */
export function columnTypes(dialect: DialectName) {
  const pg = dialect === 'postgresql';
  return {
    id: pg ? ('uuid' as const) : ('text' as const),
    timestamp: pg ? ('timestamptz' as const) : ('text' as const),
    date: pg ? ('date' as const) : ('text' as const),
    json: pg ? ('jsonb' as const) : ('text' as const),
    bool: pg ? ('boolean' as const) : ('integer' as const),
  };
}

export type MigrationDb = Kysely<unknown>;

/** created_at, updated_at, version: every mutable record carries them for optimistic concurrency. */
export function withVersioning<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  dialect: DialectName,
): CreateTableBuilder<T, C | 'created_at' | 'updated_at' | 'version'> {
  const t = columnTypes(dialect);
  return table
    .addColumn('created_at', t.timestamp, (c: ColumnDefinitionBuilder) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c: ColumnDefinitionBuilder) => c.notNull())
    .addColumn('version', 'integer', (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(1));
}

/**
 * Makes a table append-only at the database level, so not even a bug in Lotse (or a careless SQL
 * session) can rewrite history. Raw SQL: triggers have no builder in Kysely.
 */
export async function makeAppendOnly(db: MigrationDb, dialect: DialectName, table: string): Promise<void> {
  if (dialect === 'postgresql') {
    await sql
      .raw(
        `create or replace function lotse_append_only() returns trigger language plpgsql as $$
         begin raise exception 'table % is append-only', tg_table_name; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_append_only before update or delete on ${table}
         for each row execute function lotse_append_only()`,
      )
      .execute(db);
  } else {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger ${table}_no_${op} before ${op} on ${table}
           begin select raise(abort, 'table ${table} is append-only'); end`,
        )
        .execute(db);
    }
  }
}
