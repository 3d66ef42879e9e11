import { buildApp } from './app.js';
import { systemClock } from './core/clock.js';
import { ConfigError, loadConfig } from './core/config.js';
import type { AppDeps } from './core/context.js';
import { purgeExpired } from './core/sessions.js';
import { resolveKeyRing } from './core/keys.js';
import { retentionDueToday, runRetention } from './modules/privacy/retention.js';
import { createDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureShippedInstruments } from './modules/assessment/templates.js';
import { DEMO_PASSWORD, DEMO_USERS, demoPresent, seedDemoIfEmpty } from './modules/demo/seed.js';

/** config → migrate → (demo seed) → listen, and a clean stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Lotse: invalid configuration – ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  let keys;
  try {
    keys = resolveKeyRing(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Lotse: invalid configuration – ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const database = createDatabase(config);
  const applied = await migrateToLatest(database);
  const deps: AppDeps = { db: database.db, dialect: database.dialect, config, clock: systemClock, keys };
  const seeded = config.demo ? await seedDemoIfEmpty(database.db, systemClock()) : false;
  // Organisations created before an instrument shipped receive it (idempotent, safe with two instances).
  await ensureShippedInstruments(database.db, systemClock());
  const showDemo = config.demo && (seeded || (await demoPresent(database.db)));

  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;

  const lines = [
    '',
    `Lotse is running: http://${shownHost}:${port}`,
    `  database: ${database.dialect === 'sqlite' ? config.sqliteFile : 'PostgreSQL (DATABASE_URL)'}`,
    `  migrations applied now: ${applied.length === 0 ? 'none (up to date)' : applied.join(', ')}`,
    `  API documentation: http://${shownHost}:${port}/api/docs`,
  ];
  if (showDemo) {
    lines.push(
      seeded
        ? '  demo organisation created: Jugendmigrationsdienst Musterstadt'
        : '  demo organisation: Jugendmigrationsdienst Musterstadt',
      `  demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
      ...DEMO_USERS.map((u) => `    ${u.username.padEnd(15)} ${u.roles.join(', ')}`),
    );
  }
  console.log(lines.join('\n') + '\n');

  // Housekeeping every ten minutes on every instance; the retention job once a day on whichever instance
  // gets its database lock first.
  const housekeeping = setInterval(() => {
    const now = systemClock();
    purgeExpired(database.db, now)
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
