import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, type MigrationDb } from './helpers.js';

/**
 * Second factor (issue 10): a TOTP authenticator per user (the secret encrypted with the key ring, like
 * health notes), one-time recovery codes stored as hashes, the sign-ins that wait for their second step, and
 * per organisation whether every member must use a second factor.
 */
export function secondFactor(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .alterTable('organisations')
        .addColumn('second_factor_required', t.bool, (c) => c.notNull().defaultTo(false))
        .execute();

      await db.schema
        .createTable('user_second_factors')
        .addColumn('user_id', t.id, (c) => c.primaryKey().references('users.id'))
        // "enc:v1:…" (core/crypto.ts): the base32 TOTP secret, never stored in the clear
        .addColumn('secret', 'text', (c) => c.notNull())
        // pending (set up, not yet confirmed with a code) / confirmed
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('confirmed_at', t.timestamp)
        // The 30-second time step of the last accepted code: a code (or an earlier one) is accepted once.
        .addColumn('last_used_step', 'integer')
        .execute();

      await db.schema
        .createTable('recovery_codes')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
        // SHA-256 of the normalised code (80 random bits: a fast hash is enough, as for session tokens)
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('used_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('recovery_codes_user_idx')
        .on('recovery_codes')
        .columns(['user_id', 'code_hash'])
        .execute();

      await db.schema
        .createTable('pending_logins')
        // SHA-256 of the token in the browser's cookie, like sessions
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
        // verify (enter a code) / enrol (the organisation requires a factor the user has not set up)
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pending_logins_user_idx').on('pending_logins').column('user_id').execute();
      await db.schema
        .createIndex('pending_logins_expiry_idx')
        .on('pending_logins')
        .column('expires_at')
        .execute();
    },
  };
}
