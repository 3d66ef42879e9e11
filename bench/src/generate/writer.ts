import { sql, type Insertable, type Kysely } from 'kysely';
import type { DialectName } from '../../../server/src/db/database.js';
import type { DB } from '../../../server/src/db/types.js';

export type TableName = keyof DB;
export type Row<T extends TableName> = Insertable<DB[T]>;

/**
 * Bulk inserts through Kysely: rows are buffered per table and written table by table (foreign keys first) in
 * multi-row statements as large as the database's bind-parameter limit allows (PostgreSQL 65,535; SQLite
 * 32,766), one transaction per chunk. Counts every row it writes and the time each table took, for the
 * progress lines and the summary.
 */
const PARAMETER_LIMIT: Record<DialectName, number> = { postgresql: 65_535, sqlite: 32_766 };
/** Larger statements save round trips but cost the builder more than they save past a few thousand rows. */
const MAX_ROWS_PER_STATEMENT = 2_000;

/** The order in which tables are written within a chunk (referenced tables first). */
export const TABLE_ORDER = [
  'clients',
  'client_related_persons',
  'cases',
  'case_phase_changes',
  'case_kind_changes',
  'case_handovers',
  'case_delegations',
  'retention_decisions',
  'consents',
  'disclosures',
  'follow_ups',
  'plans',
  'plan_goals',
  'plan_steps',
  'plan_versions',
  'plan_signatures',
  'goal_reviews',
  'journal_entries',
  'journal_entry_revisions',
  'assessments',
  'assessment_needs',
  'referrals',
  'referral_events',
  'gap_reports',
  'gap_report_cases',
  'gap_report_comments',
  'case_evaluations',
  'case_evaluation_goals',
] as const satisfies readonly TableName[];

export type BufferedTable = (typeof TABLE_ORDER)[number];
export type Buffers = { [T in BufferedTable]: Row<T>[] };

export function emptyBuffers(): Buffers {
  return Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as Buffers;
}

export class BulkWriter {
  readonly counts = new Map<string, number>();
  readonly millis = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: DialectName,
  ) {}

  /** Adds rows written elsewhere (the organisation's set-up through the server's functions). */
  count(table: TableName, rows: number): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + rows);
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Writes a chunk's buffers in one transaction and empties them. */
  async flush(buffers: Buffers): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // A generated chunk can be written again from scratch; the server's durability is not needed here.
      if (this.dialect === 'postgresql') await sql`set local synchronous_commit = off`.execute(trx);
      for (const table of TABLE_ORDER) {
        const rows = buffers[table] as Row<typeof table>[];
        if (rows.length === 0) continue;
        await this.insert(trx, table, rows);
        rows.length = 0;
      }
    });
  }

  async insert<T extends TableName>(db: Kysely<DB>, table: T, rows: Row<T>[]): Promise<void> {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first).length;
    const perStatement = Math.max(
      1,
      Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMETER_LIMIT[this.dialect] / columns)),
    );
    const started = performance.now();
    for (let i = 0; i < rows.length; i += perStatement) {
      // One statement per batch: every row of a table is built with the same columns.
      await db
        .insertInto(table)
        .values(rows.slice(i, i + perStatement) as never)
        .execute();
    }
    this.millis.set(table, (this.millis.get(table) ?? 0) + performance.now() - started);
    this.count(table, rows.length);
  }
}
