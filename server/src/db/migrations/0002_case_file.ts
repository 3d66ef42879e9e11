import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, withVersioning, type MigrationDb } from './helpers.js';

/**
 * The case file: clients (master data, related persons), cases with intake, phases, responsibility,
 * delegations, break-the-glass access, the journal with its revisions, follow-ups, notifications, and the
 * organisation's settings they need (districts, indication criteria, caseload thresholds, FTE per user).
 */
export function caseFile(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .alterTable('organisations')
        .addColumn('caseload_warn_per_fte', 'integer', (c) => c.notNull().defaultTo(30))
        .execute();
      await db.schema
        .alterTable('organisations')
        .addColumn('caseload_max_per_fte', 'integer', (c) => c.notNull().defaultTo(45))
        .execute();
      await db.schema
        .alterTable('users')
        .addColumn('fte_percent', 'integer', (c) => c.notNull().defaultTo(100))
        .execute();

      await withVersioning(
        db.schema
          .createTable('districts')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('archived_at', t.timestamp)
          .addUniqueConstraint('districts_org_name_unique', ['organisation_id', 'name']),
        dialect,
      ).execute();

      await withVersioning(
        db.schema
          .createTable('indication_criteria')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('sort_order', 'integer', (c) => c.notNull())
          .addColumn('archived_at', t.timestamp),
        dialect,
      ).execute();
      await db.schema
        .createIndex('indication_criteria_org_idx')
        .on('indication_criteria')
        .columns(['organisation_id', 'sort_order'])
        .execute();

      await db.schema
        .createTable('case_number_counters')
        .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_number_counters_pk', ['organisation_id', 'year'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('clients')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('family_name', 'text', (c) => c.notNull())
          .addColumn('given_names', 'text', (c) => c.notNull())
          .addColumn('search_key', 'text', (c) => c.notNull())
          .addColumn('family_key', 'text', (c) => c.notNull())
          .addColumn('birth_date', t.date)
          .addColumn('birth_year', 'integer')
          .addColumn('gender', 'text', (c) => c.notNull())
          .addColumn('nationalities', t.json, (c) => c.notNull())
          .addColumn('country_of_origin', 'text')
          .addColumn('languages', t.json, (c) => c.notNull())
          .addColumn('interpreter_needed', t.bool, (c) => c.notNull())
          .addColumn('residence_status', 'text')
          .addColumn('residence_valid_until', t.date)
          .addColumn('legal_domain', 'text')
          .addColumn('arrival_date', t.date)
          .addColumn('street', 'text')
          .addColumn('postal_code', 'text')
          .addColumn('city', 'text')
          .addColumn('district_id', t.id, (c) => c.references('districts.id'))
          .addColumn('phone', 'text')
          .addColumn('email', 'text')
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('anonymised_at', t.timestamp),
        dialect,
      ).execute();
      await db.schema
        .createIndex('clients_org_search_idx')
        .on('clients')
        .columns(['organisation_id', 'search_key'])
        .execute();
      await db.schema
        .createIndex('clients_org_family_birth_idx')
        .on('clients')
        .columns(['organisation_id', 'birth_year', 'family_key'])
        .execute();

      await db.schema
        .createTable('client_related_persons')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('client_id', t.id, (c) => c.notNull().references('clients.id'))
        .addColumn('relation', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_guardian', t.bool, (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('note', 'text')
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('client_related_persons_client_idx')
        .on('client_related_persons')
        .column('client_id')
        .execute();

      await withVersioning(
        db.schema
          .createTable('cases')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('org_unit_id', t.id, (c) => c.notNull().references('org_units.id'))
          .addColumn('client_id', t.id, (c) => c.notNull().references('clients.id'))
          .addColumn('case_number', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('phase', 'text', (c) => c.notNull())
          .addColumn('responsible_user_id', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('opened_on', t.date, (c) => c.notNull())
          .addColumn('closed_on', t.date)
          .addColumn('last_contact_on', t.date)
          .addColumn('access_route', 'text', (c) => c.notNull())
          .addColumn('referral_agency', 'text')
          .addColumn('referral_person', 'text')
          .addColumn('indication_criteria', t.json, (c) => c.notNull())
          .addColumn('indication_decision', 'text')
          .addColumn('indication_reason', 'text')
          .addColumn('referred_to', 'text')
          .addColumn('contract_form', 'text')
          .addColumn('contract_on', t.date)
          .addColumn('contract_by', 'text')
          .addColumn('mandate_body', 'text')
          .addColumn('mandate_text', 'text')
          .addColumn('mandate_sanction_risk', t.bool)
          .addColumn('mandate_sessions', 'integer')
          .addColumn('mandate_feedback_channel', 'text')
          .addColumn('mandate_feedback_interval', 'text')
          .addColumn('voluntary_since', t.date)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      for (const [name, columns] of [
        ['cases_org_phase_idx', ['organisation_id', 'phase']],
        ['cases_responsible_idx', ['responsible_user_id', 'phase']],
        ['cases_unit_idx', ['org_unit_id', 'phase']],
        ['cases_client_idx', ['client_id']],
        ['cases_org_contact_idx', ['organisation_id', 'last_contact_on']],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on('cases')
          .columns([...columns])
          .execute();
      }

      await db.schema
        .createTable('case_phase_changes')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('from_phase', 'text')
        .addColumn('to_phase', 'text', (c) => c.notNull())
        .addColumn('changed_at', t.timestamp, (c) => c.notNull())
        .addColumn('changed_by', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('case_phase_changes_case_idx')
        .on('case_phase_changes')
        .columns(['case_id', 'changed_at'])
        .execute();

      await db.schema
        .createTable('case_handovers')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('from_user_id', t.id, (c) => c.references('users.id'))
        .addColumn('to_user_id', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('effective_on', t.date, (c) => c.notNull())
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        .addColumn('recorded_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('case_handovers_case_idx')
        .on('case_handovers')
        .columns(['case_id', 'recorded_at'])
        .execute();

      await db.schema
        .createTable('case_delegations')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('delegate_user_id', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('standing', t.bool, (c) => c.notNull())
        .addColumn('client_agreement_on', t.date)
        .addColumn('starts_on', t.date, (c) => c.notNull())
        .addColumn('ends_on', t.date, (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('revoked_at', t.timestamp)
        .addColumn('revoked_by', t.id, (c) => c.references('users.id'))
        .execute();
      await db.schema
        .createIndex('case_delegations_case_idx')
        .on('case_delegations')
        .column('case_id')
        .execute();
      await db.schema
        .createIndex('case_delegations_delegate_idx')
        .on('case_delegations')
        .columns(['delegate_user_id', 'ends_on'])
        .execute();

      await db.schema
        .createTable('case_access_overrides')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('opened_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('case_access_overrides_case_idx')
        .on('case_access_overrides')
        .columns(['case_id', 'opened_at'])
        .execute();
      await db.schema
        .createIndex('case_access_overrides_user_idx')
        .on('case_access_overrides')
        .columns(['user_id', 'case_id', 'expires_at'])
        .execute();

      await db.schema
        .createTable('journal_entries')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('occurred_on', t.date, (c) => c.notNull())
        .addColumn('duration_minutes', 'integer')
        .addColumn('participants', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('goal_id', t.id)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('withdrawn_at', t.timestamp)
        .addColumn('withdrawn_by', t.id, (c) => c.references('users.id'))
        .addColumn('withdrawn_reason', 'text')
        .execute();
      await db.schema
        .createIndex('journal_entries_case_idx')
        .on('journal_entries')
        .columns(['case_id', 'occurred_on'])
        .execute();

      await db.schema
        .createTable('journal_entry_revisions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('entry_id', t.id, (c) => c.notNull().references('journal_entries.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('occurred_on', t.date, (c) => c.notNull())
        .addColumn('duration_minutes', 'integer')
        .addColumn('participants', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('written_at', t.timestamp, (c) => c.notNull())
        .addColumn('written_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('journal_entry_revisions_entry_idx')
        .on('journal_entry_revisions')
        .columns(['entry_id', 'version'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('follow_ups')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('case_id', t.id, (c) => c.references('cases.id'))
          .addColumn('assignee_user_id', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('due_on', t.date, (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('done_at', t.timestamp)
          .addColumn('done_by', t.id, (c) => c.references('users.id'))
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('follow_ups_assignee_idx')
        .on('follow_ups')
        .columns(['assignee_user_id', 'done_at', 'due_on'])
        .execute();
      await db.schema
        .createIndex('follow_ups_case_idx')
        .on('follow_ups')
        .columns(['case_id', 'done_at', 'due_on'])
        .execute();

      await db.schema
        .createTable('notifications')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('case_id', t.id, (c) => c.references('cases.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('read_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('notifications_user_idx')
        .on('notifications')
        .columns(['user_id', 'read_at', 'created_at'])
        .execute();
    },
  };
}
