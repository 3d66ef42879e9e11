import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from './types.js';

/**
 * `column = value` as a check on rows that other conditions found, never as a way to find them: PostgreSQL
 * cannot use an index for `(…) is true`. For a user's own cases: the responsible person's index, the delegated
 * case ids and the team's units find a few dozen rows, but PostgreSQL — not knowing that all cases of a user lie
 * in the user's organisation — would also read the organisation's index (thousands of entries) and intersect
 * the two (the case list spent 80 % of its time there; docs/performance.md). SQLite behaves the same either way.
 */
export function checkedOnly(column: string, value: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} = ${value}) is true`;
}

/**
 * The values of a column over a group, joined into one text with commas (`string_agg` on PostgreSQL,
 * `group_concat` on SQLite; null for no row, the order unspecified), for a list fetched in the same statement
 * as the row it belongs to. Only for values that hold no comma: codes and ids.
 */
export function commaJoined(db: Kysely<DB>, value: RawBuilder<string>): RawBuilder<string | null> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string | null>`string_agg(${value}, ',')`
    : sql<string | null>`group_concat(${value}, ',')`;
}

/** A text of `commaJoined` as its values. */
export function commaSplit(joined: string | null): string[] {
  return joined ? joined.split(',') : [];
}
