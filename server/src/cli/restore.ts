import { parseArgs } from 'node:util';
import { BackupError, readBackupHeader, resolveBackupKey } from '../core/backup.js';
import { loadConfig } from '../core/config.js';
import { auditBackupEvent, backupTargetOf, restoreBackup } from '../db/backup.js';
import { fail } from './shared.js';

const USAGE = `Restore an encrypted backup into an empty database (docs/operations.md, "Backup and restore").

  npm run restore -- <file>          restore into the configured database (DATABASE_URL or LOTSE_DATA_DIR)
  npm run restore -- --info <file>   show what the backup holds (no key needed)

The key comes from LOTSE_BACKUP_KEY or LOTSE_BACKUP_KEY_FILE. The target must be empty: a new PostgreSQL
database, or a data folder without lotse.db. Stop the server while restoring.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { info: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
const file = positionals[0];
if (values.help || !file || positionals.length > 1) fail(USAGE);

try {
  if (values.info) {
    const { header } = await readBackupHeader(file);
    console.log(
      `${file}: ${header.dialect}${header.schema ? ` (schema ${header.schema})` : ''}, schema version ${header.schemaVersion ?? '–'}, made ${header.createdAt} by Lotse ${header.appVersion}, format ${header.formatVersion}`,
    );
    process.exit(0);
  }
  const config = loadConfig();
  const target = backupTargetOf(config);
  const report = await restoreBackup({ file, key: resolveBackupKey(config.backup), target });
  console.log(
    `Restored ${file} (made ${report.header.createdAt}, schema ${report.header.schemaVersion ?? '–'}).`,
  );
  console.log(
    report.pendingMigrations.length === 0
      ? 'Schema: up to date.'
      : `Schema: ${report.pendingMigrations.length} newer migration(s) will be applied at the next start: ${report.pendingMigrations.join(', ')}`,
  );
  if (!report.audit.intact) {
    const b = report.audit.firstBroken;
    fail(
      `Audit log BROKEN in the restored database: chain ${b?.chainId} at entry ${b?.seq} (${b?.reason}). Do not use it; check the backup.`,
    );
  }
  console.log(
    `Audit log intact: ${report.audit.checked} entries in ${report.audit.chains} chain(s) verified.`,
  );
  await auditBackupEvent(target, 'installation.restore', report.header, file);
} catch (error) {
  if (error instanceof BackupError) fail(`Restore refused: ${error.message}`);
  throw error;
}
