import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, type MigrationDb } from './helpers.js';

/**
 * Rate-limit counters (issue 10): one row per limit, subject and time window, so every app instance counts
 * into the same number. The subject is stored hashed (a user id or an address never appears in clear);
 * rows are dropped by the housekeeping job once their window is over.
 */
export function rateLimits(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('bucket', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_expiry_idx').on('rate_limits').column('expires_at').execute();
    },
  };
}
