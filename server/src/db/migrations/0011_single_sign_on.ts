import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, type MigrationDb } from './helpers.js';

/**
 * Single sign-on with OpenID Connect (issue 10, docs/sso.md).
 *
 * - `oidc_login_states`: one row per sign-in started at the provider — state (hashed, the key), nonce, PKCE
 *   verifier and the hash of the browser's binding cookie. In the database, not in memory, so the callback may
 *   reach another app instance than the start; deleted when used (one time) or after ten minutes.
 * - `users.sso_issuer` / `users.sso_subject`: the provider's stable id of the person (`iss`, `sub`), set when
 *   the account was created or taken over by single sign-on; such accounts have no usable password.
 */
export function singleSignOn(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('oidc_login_states')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('browser_hash', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('return_to', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('oidc_login_states_expiry_idx')
        .on('oidc_login_states')
        .column('expires_at')
        .execute();
      await db.schema.alterTable('users').addColumn('sso_issuer', 'text').execute();
      await db.schema.alterTable('users').addColumn('sso_subject', 'text').execute();
      await db.schema
        .createIndex('users_sso_subject_idx')
        .on('users')
        .columns(['sso_issuer', 'sso_subject'])
        .unique()
        .execute();
    },
  };
}
