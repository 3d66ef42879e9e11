import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock.js';
import { loadConfig } from '../core/config.js';
import { resolveKeyRing } from '../core/keys.js';
import { runRetention } from '../modules/privacy/retention.js';
import { openMigrated } from './shared.js';

/**
 * npm run retention [-- --dry-run]: applies the retention rules now (the server also runs them once a day).
 * The dry run lists what would happen without changing anything.
 */
const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
const config = loadConfig();
const { database } = await openMigrated();
const report = await runRetention(
  { db: database.db, dialect: database.dialect, config, clock: systemClock, keys: resolveKeyRing(config) },
  { dryRun: values['dry-run'] ?? false },
);
await database.destroy();
const list = (items: string[]) => (items.length === 0 ? '  –' : items.map((i) => `  ${i}`).join('\n'));
console.log(
  [
    report.dryRun ? 'Retention – dry run (nothing changed):' : 'Retention run:',
    report.skipped ? '  skipped: another instance is running the job' : '',
    `Due for review (no activity for six months), a decision on the team board:\n${list(report.reviewDue)}`,
    `Closed cases waiting for confirmation of anonymisation:\n${list(report.awaitingConfirmation)}`,
    `${report.dryRun ? 'Would close' : 'Closed'} (no contact for nine months):\n${list(report.closed)}`,
    `${report.dryRun ? 'Would anonymise' : 'Anonymised'}:\n${list(report.anonymised)}`,
  ]
    .filter(Boolean)
    .join('\n'),
);
