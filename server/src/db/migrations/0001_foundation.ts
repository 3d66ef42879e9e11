import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, makeAppendOnly, withVersioning, type MigrationDb } from './helpers.js';

export const ROLE_DESCRIPTIONS: Record<string, string> = {
  case_manager: 'Runs own cases end to end (Fallverantwortung)',
  team_lead:
    'Steers caseloads and deadlines of own org units; opens case content only with a recorded reason',
  org_admin: 'Manages users, org units and settings of own organisation',
  planner: 'Sees anonymised aggregates only',
  dpo: 'Data-protection officer: audit log, disclosure log, data-subject requests',
  installation_admin: 'Operates the installation: organisations and their first administrators',
};

export function foundation(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      await withVersioning(
        db.schema
          .createTable('organisations')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('short_code', 'text', (c) => c.notNull().unique()),
        dialect,
      ).execute();

      await withVersioning(
        db.schema
          .createTable('org_units')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('archived_at', t.timestamp)
          .addUniqueConstraint('org_units_org_name_unique', ['organisation_id', 'name']),
        dialect,
      ).execute();

      await db.schema
        .createTable('roles')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('description', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('roles' as never)
        .values(
          Object.entries(ROLE_DESCRIPTIONS).map(([code, description]) => ({ code, description })) as never,
        )
        .execute();

      await withVersioning(
        db.schema
          .createTable('users')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('email', 'text')
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('locale', 'text', (c) => c.notNull().defaultTo('de'))
          .addColumn('deactivated_at', t.timestamp)
          .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', t.timestamp)
          .addColumn('last_login_at', t.timestamp)
          .addColumn('password_changed_at', t.timestamp, (c) => c.notNull()),
        dialect,
      ).execute();
      await db.schema
        .createIndex('users_org_display_name_idx')
        .on('users')
        .columns(['organisation_id', 'display_name'])
        .execute();

      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull().references('roles.code'))
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
        .execute();
      await db.schema
        .createIndex('user_roles_role_idx')
        .on('user_roles')
        .columns(['role', 'user_id'])
        .execute();

      await db.schema
        .createTable('user_org_units')
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('org_unit_id', t.id, (c) => c.notNull().references('org_units.id'))
        .addPrimaryKeyConstraint('user_org_units_pk', ['user_id', 'org_unit_id'])
        .execute();
      await db.schema
        .createIndex('user_org_units_unit_idx')
        .on('user_org_units')
        .columns(['org_unit_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
        .addColumn('idle_expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('absolute_expires_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expiry_idx').on('sessions').column('idle_expires_at').execute();

      await db.schema
        .createTable('login_attempts')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('attempted_at', t.timestamp, (c) => c.notNull())
        .addColumn('succeeded', t.bool, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('login_attempts_ip_idx')
        .on('login_attempts')
        .columns(['ip', 'attempted_at'])
        .execute();

      await db.schema
        .createTable('audit_chains')
        .addColumn('chain_id', 'text', (c) => c.primaryKey())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('chain_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
        .addColumn('actor_user_id', t.id)
        .addColumn('organisation_id', t.id)
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('request_id', 'text')
        .addColumn('details', t.json, (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_log_pk', ['chain_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('audit_log_org_time_idx')
        .on('audit_log')
        .columns(['organisation_id', 'occurred_at'])
        .execute();
      await db.schema
        .createIndex('audit_log_entity_idx')
        .on('audit_log')
        .columns(['entity_type', 'entity_id'])
        .execute();
      await db.schema
        .createIndex('audit_log_actor_idx')
        .on('audit_log')
        .columns(['actor_user_id', 'occurred_at'])
        .execute();
      await makeAppendOnly(db, dialect, 'audit_log');
    },
  };
}
