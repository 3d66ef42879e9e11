import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/types.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageWindow(query: { page?: number; pageSize?: number }): {
  page: number;
  pageSize: number;
  offset: number;
} {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * A page of `rows` and the number of all its rows in one statement (`count(*) over ()`), for lists that are
 * short per user — a dashboard's: one round trip instead of two (docs/performance.md). Not for long lists:
 * the window makes the database read every matching row before the limit. A page past the end has no row to
 * carry the total; only then is `countAll` asked.
 */
export async function pageWithTotal<TB extends keyof DB, O>(
  rows: SelectQueryBuilder<DB, TB, O>,
  countAll: () => Promise<number>,
  window: { pageSize: number; offset: number },
): Promise<{ rows: O[]; total: number }> {
  const found = await rows
    .select(sql<number | string>`count(*) over ()`.as('rows_in_all'))
    .limit(window.pageSize)
    .offset(window.offset)
    .execute();
  const first = found[0];
  if (first) return { rows: found, total: Number(first.rows_in_all) };
  return { rows: found, total: window.offset === 0 ? 0 : await countAll() };
}
