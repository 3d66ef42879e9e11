import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestContext } from '../../server/src/core/context.js';
import type { DialectName } from '../../server/src/db/database.js';
import type { Preset, Report } from '../../server/src/modules/statistics/domain.js';
import { buildReport } from '../../server/src/modules/statistics/service.js';
import { openBenchDatabase, parseArgs } from './db.js';
import { seedStats, type SeededOrganisation } from './seed-stats.js';

/**
 * Times the statistics service (issue 8, Performance: "a yearly report over 100,000 cases returns in under two
 * seconds on SQLite and PostgreSQL on this machine"). For each database: seed one organisation with 100,000
 * cases (seed-stats.ts), then compute the annual report for the year the cases fall into — the service
 * function the route calls, without HTTP — once to warm up and five times measured; the team and steering
 * views once each. SQLite always; PostgreSQL when BENCH_DATABASE_URL (or DATABASE_URL) is set, in a schema of
 * its own.
 *
 *   npm run bench:stats -w bench
 *   BENCH_DATABASE_URL=postgres://lotse:lotse@127.0.0.1:5432/lotse_test npm run bench:stats -w bench
 *   … -- --cases 20000 --reuse      (smaller, or on the data of the previous run)
 *   … -- --reuse --sqlite-mmap 1073741824   (SQLite with memory-mapped reads)
 */

const args = parseArgs(process.argv.slice(2));
const CASES = Number(args.cases ?? 100_000);
const YEAR = 2025;
const RUNS = Number(args.runs ?? 5);
const reuse = args.reuse === 'true';
const mmap = Number(args['sqlite-mmap'] ?? 0);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null;
const workDir = path.join(os.tmpdir(), 'lotse-bench');

function contextFor(org: SeededOrganisation): RequestContext {
  return {
    actor: {
      userId: org.adminId,
      organisationId: org.organisationId,
      roles: ['org_admin'],
      orgUnitIds: org.orgUnitIds,
    },
    requestId: 'bench',
    locale: 'de',
    now: new Date(`${YEAR + 1}-01-15T12:00:00.000Z`),
  };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function servedCases(report: Report): number | null {
  const flow = report.sections.flatMap((s) => s.tables).find((t) => t.key === 'caseFlow');
  return flow?.total?.cells.served?.value ?? null;
}

async function findOrganisation(db: Awaited<ReturnType<typeof openBenchDatabase>>['db']) {
  const org = await db
    .selectFrom('organisations')
    .innerJoin('cases', 'cases.organisation_id', 'organisations.id')
    .select((eb) => ['organisations.id', eb.fn.countAll<number>().as('n')])
    .groupBy('organisations.id')
    .orderBy('n', 'desc')
    .executeTakeFirst();
  if (!org) return null;
  const admin = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('users.organisation_id', '=', org.id)
    .where('user_roles.role', '=', 'org_admin')
    .executeTakeFirstOrThrow();
  const units = await db.selectFrom('org_units').select('id').where('organisation_id', '=', org.id).execute();
  return {
    organisationId: org.id,
    adminId: admin.id,
    orgUnitIds: units.map((u) => u.id),
    cases: Number(org.n),
  };
}

async function bench(dialect: DialectName): Promise<Record<string, unknown>> {
  console.log(`\n== ${dialect} ==`);
  const database = await openBenchDatabase({
    databaseUrl: dialect === 'postgresql' ? pgUrl : null,
    sqliteFile: path.join(workDir, 'stats.sqlite'),
    fresh: !reuse,
  });
  try {
    let org = reuse ? await findOrganisation(database.db) : null;
    let seedSeconds: number | null = null;
    if (!org) {
      console.log(`seeding ${CASES.toLocaleString('en')} cases …`);
      const seeded = await time(() => seedStats(database.db, { cases: CASES, organisations: 1, year: YEAR }));
      seedSeconds = Math.round(seeded.ms / 100) / 10;
      org = seeded.result[0] ?? null;
      console.log(`seeded in ${seedSeconds} s`);
    }
    if (!org) throw new Error('no organisation');
    // --sqlite-mmap <bytes>: how the report runs with SQLite reading through memory-mapped I/O (PRAGMA
    // mmap_size), as proposed for db/database.ts; without it the connection is as Lotse opens it.
    if (dialect === 'sqlite' && mmap > 0) await sql`pragma mmap_size = ${sql.lit(mmap)}`.execute(database.db);
    // In production PostgreSQL's autovacuum keeps statistics and visibility maps of the tables; after a bulk
    // load that has not happened yet, so it is done here at once (outside a transaction, as VACUUM must be).
    if (dialect === 'postgresql' && seedSeconds !== null) await sql`vacuum analyze`.execute(database.db);
    const deps = { db: database.db, dialect: database.dialect };
    const ctx = contextFor(org);
    const query = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const run = (preset: Preset) => buildReport(deps, ctx, preset, query);

    const warm = await time(() => run('annual'));
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push((await time(() => run('annual'))).ms);
    const sorted = [...runs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const team = await time(() => run('team_monthly'));
    const steering = await time(() => run('steering'));
    const result = {
      dialect,
      ...(dialect === 'sqlite' ? { sqliteMmapBytes: mmap } : {}),
      cases: org.cases,
      servedInYear: servedCases(warm.result),
      tables: warm.result.sections.reduce((s, x) => s + x.tables.length, 0),
      seedSeconds,
      annualFirstMs: Math.round(warm.ms),
      annualMedianMs: Math.round(median),
      annualMaxMs: Math.round(sorted[sorted.length - 1] ?? 0),
      teamMonthlyMs: Math.round(team.ms),
      steeringMs: Math.round(steering.ms),
      underTwoSeconds: (sorted[sorted.length - 1] ?? 0) < 2000 && warm.ms < 2000,
    };
    console.table(result);
    return result;
  } finally {
    await database.destroy();
  }
}

const results = [await bench('sqlite')];
if (pgUrl) results.push(await bench('postgresql'));
else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL)');
fs.mkdirSync(workDir, { recursive: true });
const file = path.join(workDir, 'stats-timing.json');
fs.writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
console.log(`\nwritten to ${file}`);
if (results.some((r) => r.underTwoSeconds !== true)) process.exitCode = 1;
