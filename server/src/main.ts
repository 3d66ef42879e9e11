import cluster from 'node:cluster';
import { buildApp } from './app.js';
import { systemClock } from './core/clock.js';
import { ConfigError, loadConfig, type Config } from './core/config.js';
import type { AppDeps } from './core/context.js';
import { resolveKeyRing } from './core/keys.js';
import type { KeyRing } from './core/crypto.js';
import { retentionDueToday, runRetention } from './modules/privacy/retention.js';
import { createDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureShippedInstruments } from './modules/assessment/templates.js';
import { DEMO_PASSWORD, DEMO_USERS, demoPresent, seedDemoIfEmpty } from './modules/demo/seed.js';
import { runHousekeeping } from './housekeeping.js';

/**
 * config → migrate → (demo seed) → listen, and a clean stop on SIGTERM/SIGINT. With LOTSE_WORKERS=n the
 * first process prepares the database and then starts n worker processes that share the port (node:cluster):
 * the app keeps no state in memory, so they are n app instances as behind a load balancer.
 */
async function main(): Promise<void> {
  const { config, keys } = configured();
  if (cluster.isWorker) {
    await serve(config, keys, () => {});
    return;
  }
  const prepared = await prepare(config);
  if (config.workers === 1) {
    await serve(config, keys, (port) => console.log(banner(config, port, prepared)));
    return;
  }
  superviseWorkers(config, (port) => console.log(banner(config, port, prepared)));
}

function configured(): { config: Config; keys: KeyRing } {
  try {
    const config = loadConfig();
    return { config, keys: resolveKeyRing(config) };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Lotse: invalid configuration – ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

interface Prepared {
  applied: string[];
  seeded: boolean;
  showDemo: boolean;
}

/** Migrations, the demo organisation on first start, the shipped instruments: once, before serving. */
async function prepare(config: Config): Promise<Prepared> {
  const database = createDatabase(config);
  try {
    const applied = await migrateToLatest(database);
    const seeded = config.demo ? await seedDemoIfEmpty(database.db, systemClock()) : false;
    // Organisations created before an instrument shipped receive it (idempotent, safe with two instances).
    await ensureShippedInstruments(database.db, systemClock());
    const showDemo = config.demo && (seeded || (await demoPresent(database.db)));
    return { applied, seeded, showDemo };
  } finally {
    await database.destroy();
  }
}

function banner(config: Config, port: number, prepared: Prepared): string {
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const lines = [
    '',
    `Lotse is running: http://${shownHost}:${port}`,
    `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.sqliteFile}`,
    `  migrations applied now: ${prepared.applied.length === 0 ? 'none (up to date)' : prepared.applied.join(', ')}`,
    `  API documentation: http://${shownHost}:${port}/api/docs`,
  ];
  if (config.workers > 1) lines.push(`  app processes: ${config.workers} (LOTSE_WORKERS)`);
  if (prepared.showDemo) {
    lines.push(
      prepared.seeded
        ? '  demo organisation created: Jugendmigrationsdienst Musterstadt'
        : '  demo organisation: Jugendmigrationsdienst Musterstadt',
      `  demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
      ...DEMO_USERS.map((u) => `    ${u.username.padEnd(15)} ${u.roles.join(', ')}`),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Starts the workers, starts a new one when one dies (not while stopping), and passes SIGTERM/SIGINT on.
 * The banner is printed once, when the first worker listens.
 */
function superviseWorkers(config: Config, announce: (port: number) => void): void {
  let stopping = false;
  let announced = false;
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('listening', (_worker, address) => {
    if (announced) return;
    announced = true;
    announce(address.port);
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Lotse: app process ${worker.process.pid ?? '?'} ended (${code}); starting another`);
    setTimeout(() => cluster.fork(), 1000).unref();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), 12_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** One app instance: listen, run the housekeeping, stop cleanly on SIGTERM/SIGINT. */
async function serve(config: Config, keys: KeyRing, announce: (port: number) => void): Promise<void> {
  const database = createDatabase(config);
  const deps: AppDeps = { db: database.db, dialect: database.dialect, config, clock: systemClock, keys };
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  announce(typeof address === 'object' && address ? address.port : config.port);

  // Housekeeping every ten minutes on every instance; the retention job once a day on whichever instance
  // gets its database lock first.
  const housekeeping = setInterval(() => {
    const now = systemClock();
    runHousekeeping(database.db, now)
      .then(async () => {
        if (await retentionDueToday(database.db, now)) {
          const report = await runRetention(deps, { dryRun: false, now });
          app.log.info(
            {
              closed: report.closed.length,
              anonymised: report.anonymised.length,
              reviewDue: report.reviewDue.length,
              skipped: report.skipped,
            },
            'retention run',
          );
        }
      })
      .catch((error: unknown) =>
        app.log.warn({ errName: error instanceof Error ? error.name : 'unknown' }, 'housekeeping failed'),
      );
  }, 10 * 60_000);
  housekeeping.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(housekeeping);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Stop accepting connections, let running requests finish, then close the database.
    await app.close();
    await database.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Lotse failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
