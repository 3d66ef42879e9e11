import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { generateKeySpec, parseKeyRing } from '../../server/src/core/crypto.js';
import { hashPassword } from '../../server/src/core/passwords.js';
import { createDatabase, type Database } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import type { DB } from '../../server/src/db/types.js';
import { parseArgs } from './db.js';
import { generate } from './generate/index.js';
import {
  BENCH_PASSWORD,
  BENCH_ROOT,
  isScaleName,
  manifestPath,
  pgScaleUrl,
  pgServerUrl,
  SCALES,
  sqliteDataDir,
  type BenchDialect,
  type SeedManifest,
} from './scales.js';

/**
 * Fills a database of a scale with generated data and writes its manifest (what a production server needs to
 * open it, and the row counts):
 *
 *   npm run bench:seed -- --scale office|city|federation [--db sqlite|postgresql] [--fresh]
 *
 * SQLite goes to bench/data/<scale>/lotse.db (the server's LOTSE_DATA_DIR layout); PostgreSQL to its own
 * database lotse_bench_<scale> on BENCH_DATABASE_URL / DATABASE_URL / TEST_DATABASE_URL's server, dropped and
 * created here. A complete manifest means the data are there: without --fresh the run stops at once. Only a
 * run that finished writes the manifest.
 */

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const scaleName = args.scale ?? '';
if (!isScaleName(scaleName))
  fail('usage: npm run bench:seed -- --scale office|city|federation [--db sqlite|postgresql] [--fresh]');
const scale = SCALES[scaleName];
const dialect = (args.db ?? scale.dialects[0]) as BenchDialect;
if (dialect !== 'sqlite' && dialect !== 'postgresql')
  fail(`--db must be sqlite or postgresql, not "${dialect}"`);
if (!scale.dialects.includes(dialect)) {
  fail(
    `The ${scale.name} scale runs on ${scale.dialects.join(' or ')} only: ${scale.cases.toLocaleString('en')} cases ` +
      'are beyond what an embedded SQLite file is meant for (use --db postgresql).',
  );
}
const manifestFile = manifestPath(scale.name, dialect);
if (fs.existsSync(manifestFile) && args.fresh !== 'true') {
  console.log(
    `${scale.name} on ${dialect} is already generated (${path.relative(process.cwd(), manifestFile)}); --fresh makes it anew.`,
  );
  process.exit(0);
}
fs.rmSync(manifestFile, { force: true });

const runStarted = performance.now();
let database: Database;
let env: Record<string, string>;
if (dialect === 'sqlite') {
  const dir = sqliteDataDir(scale.name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'lotse.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  database = createDatabase({ databaseUrl: null, sqliteFile: file });
  // DATABASE_URL empty: a DATABASE_URL in the caller's environment must not send the server elsewhere.
  env = { LOTSE_DATA_DIR: dir, DATABASE_URL: '' };
} else {
  const server = pgServerUrl();
  if (!server)
    fail(
      'PostgreSQL: set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL) to a role that may create databases.',
    );
  const url = pgScaleUrl(server, scale.name);
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  database = createDatabase({ databaseUrl: url, sqliteFile: '', poolSize: 3 });
  env = { DATABASE_URL: url };
}

try {
  console.log(`Generating the ${scale.name} scale on ${dialect} …`);
  await migrateToLatest(database);
  // One key ring per database: the special-category values are encrypted with it, the server reads them with it.
  const keySpec = generateKeySpec('bench');
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const result = await generate(database.db, scale, {
    dialect,
    keys: parseKeyRing(keySpec),
    passwordHash,
  });

  // Every row the generator wrote is in the database, and nothing else.
  const mismatches: string[] = [];
  for (const [table, expected] of Object.entries(result.counts)) {
    const row = await database.db
      .selectFrom(table as keyof DB)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    if (Number(row?.n ?? 0) !== expected)
      mismatches.push(`${table}: wrote ${expected}, found ${String(row?.n)}`);
  }
  if (mismatches.length > 0) throw new Error(`row counts differ:\n${mismatches.join('\n')}`);

  if (dialect === 'postgresql') {
    // What autovacuum does in production after a load: visibility map and planner statistics.
    const vacuumStarted = performance.now();
    await sql`vacuum analyze`.execute(database.db);
    console.log(`VACUUM ANALYZE in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
  } else {
    await sql`pragma wal_checkpoint(truncate)`.execute(database.db);
  }

  const seconds = Math.round((performance.now() - runStarted) / 100) / 10;
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: BENCH_ROOT, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the manifest says so.
  }
  const manifest: SeedManifest = {
    scale: scale.name,
    dialect,
    env: { ...env, LOTSE_ENCRYPTION_KEYS: keySpec },
    generatedAt: new Date().toISOString(),
    dataToday: result.today,
    commit,
    seconds,
    counts: result.counts,
  };
  fs.mkdirSync(path.dirname(manifestFile), { recursive: true });
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  console.log(
    `\n${scale.name} on ${dialect}: ${seconds} s in all; manifest ${path.relative(process.cwd(), manifestFile)}`,
  );
} finally {
  await database.destroy();
}
