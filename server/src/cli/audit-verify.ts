import { verifyAuditChains } from '../core/audit.js';
import { openMigrated } from './shared.js';

/** npm run audit:verify — walks every audit chain and reports the first broken link (exit code 1). */
const { database } = await openMigrated();
const result = await verifyAuditChains(database.db);
await database.destroy();
if (result.intact) {
  console.log(`Audit log intact: ${result.checked} entries in ${result.chains} chain(s) verified.`);
} else {
  const b = result.firstBroken;
  console.error(
    `Audit log BROKEN: chain ${b?.chainId} at entry ${b?.seq} (${b?.reason}); ${result.checked} entries verified before it.`,
  );
  process.exit(1);
}
