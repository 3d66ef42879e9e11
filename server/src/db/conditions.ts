import { sql, type RawBuilder, type SqlBool } from 'kysely';

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
