import { sql, type RawBuilder } from 'kysely';

/** Escapes LIKE wildcards in user input; used with ESCAPE '\' (SQLite has no default escape character). */
export function likePattern(term: string): string {
  return `%${term
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** "column contains term", ignoring case, identical on SQLite and PostgreSQL. */
export function containsIgnoringCase(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(term)} escape '\\'`;
}
