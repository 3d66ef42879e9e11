import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../test/harness.js';
import { createDatabase, PREPARED_PER_CONNECTION, type Database } from './database.js';
import type { DB } from './types.js';

/**
 * Prepared statements on PostgreSQL (db/database.ts preparingPool): each connection prepares what it runs by
 * name, at most PREPARED_PER_CONNECTION statements, and a table changed under a prepared `select *` is read
 * again instead of refused. PostgreSQL only: SQLite keeps its own statement cache in the same module, without
 * a server side that could refuse a statement, so on SQLite this describe does not run.
 */

interface Prepared {
  statement: string;
}

/** The named statements of the connection a transaction holds, in that connection. */
async function preparedIn(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<void>): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await work(trx);
    const rows = await sql<Prepared>`select statement from pg_prepared_statements`.execute(trx);
    return rows.rows.map((r) => r.statement);
  });
}

describe.runIf(TEST_DB === 'postgresql')('prepared statements on PostgreSQL', () => {
  let testDb: TestDatabase;
  let single: Database;
  let unprepared: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    const url = process.env.TEST_DATABASE_URL ?? '';
    const schema = testDb.database.schema;
    // One connection, so every statement of a test meets the statements prepared before it.
    single = createDatabase({ databaseUrl: url, sqliteFile: '', pgSchema: schema, poolSize: 1 });
    unprepared = createDatabase({
      databaseUrl: url,
      sqliteFile: '',
      pgSchema: schema,
      poolSize: 1,
      pgPreparedStatements: false,
    });
  });
  afterAll(async () => {
    await single.destroy();
    await unprepared.destroy();
    await testDb.dispose();
  });

  it('prepares a select on its connection and runs it again by name with other values', async () => {
    const names = ['a', 'b', 'c'];
    const seen: string[] = [];
    const statements = await preparedIn(single.db, async (trx) => {
      for (const name of names) {
        const row = await trx
          .selectFrom('organisations')
          .select((eb) => eb.val(name).as('echo'))
          .where('id', 'is not', null)
          .executeTakeFirst();
        seen.push(row?.echo ?? name);
      }
    });
    expect(seen).toEqual(names);
    // One prepared statement for the three executions; transaction commands are not prepared.
    expect(statements.filter((s) => s.includes('"echo"'))).toHaveLength(1);
    expect(statements.some((s) => /^(begin|commit)/i.test(s))).toBe(false);
  });

  it('plans a prepared statement once for all values, not anew for each execution', async () => {
    const plans = await single.db.transaction().execute(async (trx) => {
      for (const day of ['2026-01-01', '2026-06-30', '2027-12-31']) {
        await trx
          .selectFrom('cases')
          .select('id')
          .where('opened_on', '<=', day)
          .where('phase', 'in', ['intake', 'planning'])
          .execute();
      }
      const rows = await sql<{ generic_plans: string; custom_plans: string }>`
        select generic_plans, custom_plans from pg_prepared_statements where statement like ${'%"opened_on" <=%'}`.execute(
        trx,
      );
      return rows.rows.map((r) => ({ generic: Number(r.generic_plans), custom: Number(r.custom_plans) }));
    });
    expect(plans).toEqual([{ generic: 3, custom: 0 }]);
  });

  it('prepares nothing when switched off (LOTSE_PG_PREPARED_STATEMENTS=false)', async () => {
    const statements = await preparedIn(unprepared.db, async (trx) => {
      await trx.selectFrom('organisations').select('id').where('id', 'is not', null).execute();
      await trx.selectFrom('organisations').select('id').where('id', 'is not', null).execute();
    });
    expect(statements).toEqual([]);
    // Unnamed statements are planned for their values, as PostgreSQL does by default.
    const mode = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(unprepared.db);
    expect(mode.rows[0]?.plan_cache_mode).toBe('auto');
  });

  it('reads a table that a migration changed under a prepared select * (no "cached plan" error)', async () => {
    await sql`create table prepared_probe (id integer primary key, label text)`.execute(single.db);
    await sql`insert into prepared_probe values (1, 'eins')`.execute(single.db);
    const read = () =>
      sql<Record<string, unknown>>`select * from prepared_probe where id = ${1}`.execute(single.db);
    expect((await read()).rows).toEqual([{ id: 1, label: 'eins' }]);
    expect((await read()).rows).toEqual([{ id: 1, label: 'eins' }]);
    await sql`alter table prepared_probe add column note text default 'neu'`.execute(single.db);
    expect((await read()).rows).toEqual([{ id: 1, label: 'eins', note: 'neu' }]);
    expect((await read()).rows).toEqual([{ id: 1, label: 'eins', note: 'neu' }]);
  });

  it(`keeps at most ${PREPARED_PER_CONNECTION} statements on a connection and runs the others unnamed`, async () => {
    const distinct = PREPARED_PER_CONNECTION + 30;
    const results: number[] = [];
    const statements = await preparedIn(single.db, async (trx) => {
      for (let i = 0; i < distinct; i++) {
        // A different text each time (the alias), as queries with lists of different lengths are.
        const row = await sql<{ n: number }>`select ${i}::int as ${sql.ref(`n${i}`)}`.execute(trx);
        results.push(Number(Object.values(row.rows[0] ?? {})[0]));
      }
    });
    expect(results).toEqual(Array.from({ length: distinct }, (_, i) => i));
    expect(statements.length).toBe(PREPARED_PER_CONNECTION);
  });
});
