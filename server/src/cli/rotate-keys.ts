import { loadConfig } from '../core/config.js';
import { isEncrypted, keyIdOf, reencrypt } from '../core/crypto.js';
import { resolveKeyRing } from '../core/keys.js';
import { openMigrated } from './shared.js';

/**
 * npm run rotate-keys: re-encrypts every encrypted value with the current (first) key of
 * LOTSE_ENCRYPTION_KEYS. Run it after putting a new key in front; remove the old key afterwards.
 * Each table is one transaction; values already on the current key are left alone, so it can be re-run.
 */
const config = loadConfig();
const keys = resolveKeyRing(config);
const { database } = await openMigrated();
const db = database.db;
let changed = 0;

await db.transaction().execute(async (trx) => {
  const rows = await trx
    .selectFrom('clients')
    .select(['id', 'health_notes'])
    .where('health_notes', 'is not', null)
    .execute();
  for (const r of rows) {
    if (!r.health_notes || keyIdOf(r.health_notes) === keys.currentId) continue;
    await trx
      .updateTable('clients')
      .set({ health_notes: reencrypt(keys, r.health_notes) })
      .where('id', '=', r.id)
      .execute();
    changed += 1;
  }
});
await db.transaction().execute(async (trx) => {
  const rows = await trx
    .selectFrom('journal_entries')
    .select(['id', 'text'])
    .where('special_category', '=', true)
    .execute();
  for (const r of rows) {
    if (!isEncrypted(r.text) || keyIdOf(r.text) === keys.currentId) continue;
    await trx
      .updateTable('journal_entries')
      .set({ text: reencrypt(keys, r.text) })
      .where('id', '=', r.id)
      .execute();
    changed += 1;
  }
  const revisions = await trx.selectFrom('journal_entry_revisions').select(['id', 'text']).execute();
  for (const r of revisions) {
    if (!isEncrypted(r.text) || keyIdOf(r.text) === keys.currentId) continue;
    await trx
      .updateTable('journal_entry_revisions')
      .set({ text: reencrypt(keys, r.text) })
      .where('id', '=', r.id)
      .execute();
    changed += 1;
  }
});
await db.transaction().execute(async (trx) => {
  const rows = await trx.selectFrom('documents').select(['id', 'content']).execute();
  for (const r of rows) {
    if (keyIdOf(r.content) === keys.currentId) continue;
    await trx
      .updateTable('documents')
      .set({ content: reencrypt(keys, r.content) })
      .where('id', '=', r.id)
      .execute();
    changed += 1;
  }
});
await database.destroy();
console.log(`Re-encrypted ${changed} value(s) with key "${keys.currentId}".`);
