import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { sql } from 'kysely';
import { localDate } from '../../server/src/core/clock.js';
import type { Database } from '../../server/src/db/database.js';
import { retentionDueToday } from '../../server/src/modules/privacy/retention.js';
import { castUsers } from './harness/actors.js';
import { ensureData, openManifestDatabase, PASSED_THROUGH, serverEnvironment } from './harness/data.js';
import { bareCaseListSql } from './harness/floor.js';
import { buildJourneys, pingSteps, type Journey } from './harness/journeys.js';
import { drive, type LoadFigures, type LoadSpec } from './harness/load.js';
import { parseRunOptions, USAGE, UsageError, type RunOptions } from './harness/options.js';
import type { SeedManifest } from './scales.js';
import { REPO_ROOT, runCaptured, stopAll, tsxArgs } from './harness/processes.js';
import {
  errorLines,
  floorTable,
  journeyTable,
  ratio,
  sequenceTables,
  targetLines,
  writeResult,
  type FloorLevel,
  type JourneyLevel,
  type RetentionFigures,
  type RunResult,
} from './harness/report.js';
import { ensureBuild, startServer, type RunningServer } from './harness/server.js';
import { evaluateTargets } from './harness/targets.js';

/**
 * The benchmark harness (issue 9): `npm run bench -- --scale office|city|federation [--db …] [--quick]`.
 *
 *  1. the scale's generated data (runs the generator when its manifest is missing) and an up-to-date build;
 *  2. the nightly retention run over all cases, timed in a process of its own — before the server starts, so
 *     the server's daily job finds today's run done and stays quiet during the measurements;
 *  3. the production server (node server/dist/main.js) on a free loopback port;
 *  4. real users of the data, signed in through the API;
 *  5. the floor: GET /api/ping and the case list's bare SQL, at each concurrency;
 *  6. each journey with autocannon at each concurrency, after a warm-up: requests/s, p50/p95/p99, errors, the
 *     server's peak memory, and the ratios to the floor;
 *  7. the issue's targets as pass/miss lines; bench/results/<date>-<scale>.json. Exit code 1 when any
 *     measured request failed (a missed target alone does not fail the run).
 */

const log = (line = '') => console.log(line);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function gitCommit(): { sha: string; dirty: boolean } {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    return { sha, dirty: status.trim() !== '' };
  } catch {
    return { sha: 'unknown', dirty: true };
  }
}

async function databaseVersion(database: Database): Promise<string> {
  if (database.dialect === 'postgresql') {
    const { rows } = await sql<{ v: string }>`select version() as v`.execute(database.db);
    return rows[0]?.v.split(' on ')[0] ?? 'PostgreSQL';
  }
  const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(database.db);
  return `SQLite ${rows[0]?.v ?? ''}`;
}

async function timeRetention(env: NodeJS.ProcessEnv): Promise<RetentionFigures> {
  log('Retention: the nightly run over all cases (its own process, before the server starts) …');
  const out = await runCaptured(
    'the retention run',
    process.execPath,
    tsxArgs('bench/src/harness/retention-job.ts', []),
    env,
  );
  const line = out.trim().split('\n').pop() ?? '{}';
  const figures = JSON.parse(line) as RetentionFigures;
  log(
    `  ${figures.seconds.toFixed(2)} s over ${figures.casesNotAnonymised} cases (dry run ${figures.dryRunSeconds.toFixed(2)} s): ` +
      `${figures.closed} closed, ${figures.anonymised} anonymised, ${figures.reviewDue} due for review, ` +
      `${figures.awaitingConfirmation} awaiting confirmation${figures.skipped ? ` — skipped (${figures.skipped})` : ''}; ` +
      `peak ${figures.peakMemoryMiB} MiB`,
  );
  return figures;
}

/** Something still running in the database apart from this question (PostgreSQL; SQLite runs in the server). */
function databaseBusy(database: Database): (() => Promise<boolean>) | undefined {
  if (database.dialect !== 'postgresql') return undefined;
  return async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`.execute(
      database.db,
    );
    return (rows[0]?.n ?? 0) > 0;
  };
}

/**
 * Warm-up (not counted), then the measured run on an idle server (nothing left over from the warm-up or the
 * run before), with its peak memory reset just before the measured seconds.
 */
async function measure(
  server: RunningServer,
  busy: (() => Promise<boolean>) | undefined,
  spec: Omit<LoadSpec, 'seconds'>,
  options: RunOptions,
): Promise<{ figures: LoadFigures; peakMemoryMiB: number | null; memoryReset: boolean }> {
  const settle = async () => {
    const waited = await server.waitUntilIdle(busy);
    if (waited > 3) log(`  (waited ${waited.toFixed(0)} s for the server to become idle)`);
  };
  await drive(server.url, { ...spec, seconds: options.warmup });
  await settle();
  const memoryReset = server.resetPeakMemory();
  const figures = await drive(server.url, { ...spec, seconds: options.duration });
  return { figures, peakMemoryMiB: server.peakMemoryMiB(), memoryReset };
}

async function main(): Promise<number> {
  let options: RunOptions;
  try {
    options = parseRunOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(error.message);
      console.error(USAGE);
      return 2;
    }
    throw error;
  }
  const startedAt = new Date();
  log(
    `Lotse benchmark: ${options.scale} scale on ${options.dialect}${options.quick ? ' (quick)' : ''} — ` +
      `users ${options.users.join(', ')}, ${options.duration} s per level after ${options.warmup} s warm-up`,
  );
  const { manifest, generated } = await ensureData(options);
  const shown = ['organisations', 'users', 'clients', 'cases', 'journal_entries'];
  log(`Data: ${shown.map((t) => `${manifest.counts[t] ?? '?'} ${t}`).join(', ')} (${elapsed()})`);
  await ensureBuild();

  const jobEnv = serverEnvironment(manifest, { NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const retention = options.only.includes('retention') ? await timeRetention(jobEnv) : null;

  const database = openManifestDatabase(manifest);
  let server: RunningServer | null = null;
  try {
    if (!retention && (await retentionDueToday(database.db, new Date()))) {
      log(
        'note: the retention job has not run today on this data — the server runs it 10 minutes after start',
      );
    }
    let measured: Measured = { floor: [], journeys: [], memoryPeakReset: true, cast: null };
    if (options.only.some((j) => j !== 'retention')) {
      server = await startServer(manifest);
      log(`Server: ${server.url} (pid ${server.pid}, log ${server.logFile}) — ${elapsed()}`);
      measured = await measureAll(server, database, manifest, options);
      await server.stop();
      server = null;
    }
    const { floor, journeys, memoryPeakReset } = measured;
    const errors =
      journeys.reduce((n, l) => n + l.figures.errors.total, 0) +
      floor.reduce((n, f) => n + f.ping.errors.total, 0);
    const targets = evaluateTargets(journeys, options.users, retention, errors);
    const result: RunResult = {
      scale: options.scale,
      dialect: options.dialect,
      date: localDate(startedAt),
      startedAt: startedAt.toISOString(),
      commit: gitCommit(),
      counts: manifest.counts,
      dataGeneratedInThisRun: generated,
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        node: process.version,
        os: `${os.type()} ${os.release()}`,
        database: await databaseVersion(database),
        note: 'load generator (autocannon), server and database share these cores',
      },
      settings: {
        quick: options.quick,
        users: options.users,
        durationSeconds: options.duration,
        warmupSeconds: options.warmup,
        only: options.only,
        server: Object.fromEntries(
          PASSED_THROUGH.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])),
        ),
      },
      actors: measured.cast,
      memoryPeakReset,
      floor,
      journeys,
      retention,
      targets,
      errors,
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    const file = writeResult(result);
    log(`\nTargets (issue 9)\n${targetLines(targets)}`);
    if (!memoryPeakReset)
      log('note: the peak memory could not be reset between runs (figures are since start)');
    log(`\nResults: ${file}`);
    log(`Total time: ${result.totalSeconds} s${errors > 0 ? ` — ${errors} failed requests` : ''}`);
    return errors > 0 ? 1 : 0;
  } finally {
    if (server) await server.stop();
    await database.destroy();
  }
}

interface Measured {
  floor: FloorLevel[];
  journeys: JourneyLevel[];
  memoryPeakReset: boolean;
  cast: RunResult['actors'];
}

/** Signs the users in, measures the floor, then every journey at every level (the server is running). */
async function measureAll(
  server: RunningServer,
  database: Database,
  manifest: SeedManifest,
  options: RunOptions,
): Promise<Measured> {
  const maxUsers = Math.max(...options.users);
  const cast = await castUsers(database.db, server.url, maxUsers, (line) => log(line));
  const journeys = buildJourneys(cast, new Date()).filter((j) => options.only.includes(j.key));
  const busy = databaseBusy(database);
  let memoryPeakReset = true;

  // The floor: the ping route, then the case list's bare SQL, at each concurrency.
  log('\nFloor: GET /api/ping (same server, no session, no database) and the case list’s bare SQL');
  const floor: FloorLevel[] = [];
  for (const users of options.users) {
    const ping = { connections: users, timeoutSeconds: 30, stepsFor: () => pingSteps() };
    const m = await measure(server, busy, ping, options);
    memoryPeakReset &&= m.memoryReset;
    floor.push({ connections: users, ping: m.figures, pingPeakMemoryMiB: m.peakMemoryMiB, bareSql: null });
  }
  const bare = await bareCaseListSql(
    manifest,
    database,
    cast,
    options.users,
    options.duration,
    options.warmup,
  );
  for (const f of floor) f.bareSql = bare.get(f.connections) ?? null;
  log(floorTable(floor));
  if (database.dialect === 'sqlite')
    log('* better-sqlite3 is synchronous: the sequential figure for every level');

  const levels: JourneyLevel[] = [];
  for (const journey of journeys) {
    log(`\n${journey.title} — ${journey.actors} (${elapsed()})`);
    if (journey.distinctCases !== undefined && journey.distinctCases < maxUsers) {
      log(`  note: ${journey.distinctCases} workable cases for ${maxUsers} connections — some share a case`);
    }
    const own: JourneyLevel[] = [];
    for (const users of options.users) {
      const m = await measure(server, busy, specOf(journey, users), options);
      memoryPeakReset &&= m.memoryReset;
      const f = floor.find((x) => x.connections === users);
      own.push({
        journey: journey.key,
        title: journey.title,
        actors: journey.actors,
        connections: users,
        figures: m.figures,
        peakMemoryMiB: m.peakMemoryMiB,
        ratios: {
          throughputToFloor: ratio(m.figures.requestsPerSecond, f?.ping.requestsPerSecond),
          p50ToBareSql: ratio(m.figures.latency.p50, f?.bareSql?.latency.p50),
          p95ToBareSql: ratio(m.figures.latency.p95, f?.bareSql?.latency.p95),
        },
      });
    }
    log(journeyTable(own));
    if (own.some((l) => l.figures.sequences)) log(`\n${sequenceTables(own)}`);
    for (const line of errorLines(own)) log(line);
    levels.push(...own);
  }
  const actors = {
    caseManagers: cast.caseManagers.length,
    organisations: new Set(cast.caseManagers.map((c) => c.session.user.organisationId)).size,
    workableCases: cast.caseManagers.reduce((n, c) => n + c.cases.length, 0),
    teamLeads: cast.teamLeads.length,
    orgAdmins: cast.orgAdmins.length,
    planners: cast.planners.length,
  };
  return { floor, journeys: levels, memoryPeakReset, cast: actors };
}

function specOf(journey: Journey, users: number): Omit<LoadSpec, 'seconds'> {
  return { connections: users, timeoutSeconds: journey.timeoutSeconds, stepsFor: (k) => journey.stepsFor(k) };
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping the server and every process this run started …`);
    void stopAll().finally(() => process.exit(130));
  });
}

main()
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  });
