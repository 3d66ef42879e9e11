import { systemClock } from '../../../server/src/core/clock.js';
import { loadConfig } from '../../../server/src/core/config.js';
import { resolveKeyRing } from '../../../server/src/core/keys.js';
import { createDatabase } from '../../../server/src/db/database.js';
import { migrateToLatest } from '../../../server/src/db/migrate.js';
import { runRetention } from '../../../server/src/modules/privacy/retention.js';

/**
 * The nightly retention run, timed in a process of its own (what the server's daily job calls, over every
 * case of the installation): first as a dry run (the plan: every case's retention state), then for real.
 * Started by the harness with the server's environment; prints one JSON line with the figures.
 */
const config = loadConfig();
const database = createDatabase(config);
await migrateToLatest(database);
const deps = {
  db: database.db,
  dialect: database.dialect,
  config,
  clock: systemClock,
  keys: resolveKeyRing(config),
};
const cases = await database.db
  .selectFrom('cases')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('anonymised_at', 'is', null)
  .executeTakeFirstOrThrow();
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const t0 = process.hrtime.bigint();
const dry = await runRetention(deps, { dryRun: true });
const dryRunSeconds = seconds(t0);
const t1 = process.hrtime.bigint();
const report = await runRetention(deps, { dryRun: false });
const runSeconds = seconds(t1);
await database.destroy();
console.log(
  JSON.stringify({
    casesNotAnonymised: Number(cases.n),
    dryRunSeconds,
    seconds: runSeconds,
    reviewDue: report.reviewDue.length,
    awaitingConfirmation: report.awaitingConfirmation.length,
    closed: report.closed.length,
    anonymised: report.anonymised.length,
    plannedByDryRun: { closed: dry.closed.length, anonymised: dry.anonymised.length },
    skipped: report.skipped ?? null,
    peakMemoryMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
