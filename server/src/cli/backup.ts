import { parseArgs } from 'node:util';
import { BackupError, resolveBackupKey } from '../core/backup.js';
import { loadConfig } from '../core/config.js';
import { auditBackupEvent, backupTargetOf, createBackup } from '../db/backup.js';
import { fail } from './shared.js';

/**
 * npm run backup [-- --dir <folder>]: an encrypted backup of the configured database, made while the server
 * runs (docs/operations.md, "Backup and restore"). The key comes from LOTSE_BACKUP_KEY or LOTSE_BACKUP_KEY_FILE,
 * the folder from --dir, LOTSE_BACKUP_DIR or ./backups.
 */
const { values } = parseArgs({
  options: { dir: { type: 'string' }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log('usage: npm run backup [-- --dir <folder>]   (key: LOTSE_BACKUP_KEY or LOTSE_BACKUP_KEY_FILE)');
  process.exit(0);
}
const config = loadConfig();
try {
  const target = backupTargetOf(config);
  const result = await createBackup({
    target,
    dir: values.dir ?? config.backup.dir,
    key: resolveBackupKey(config.backup),
    appVersion: config.version,
  });
  await auditBackupEvent(target, 'installation.backup', result.header, result.file);
  console.log(
    [
      `Backup written: ${result.file} (${result.bytes} bytes, mode 0600)`,
      `  ${result.header.dialect}, schema ${result.header.schemaVersion ?? '–'}, made ${result.header.createdAt} by Lotse ${result.header.appVersion}`,
      '  Keep the backup key and LOTSE_ENCRYPTION_KEYS as well: without them the backup cannot be restored or read.',
    ].join('\n'),
  );
} catch (error) {
  if (error instanceof BackupError) fail(`Backup failed: ${error.message}`);
  throw error;
}
