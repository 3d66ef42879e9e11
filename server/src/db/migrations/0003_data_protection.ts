import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, withVersioning, type MigrationDb } from './helpers.js';

/**
 * Data protection (BRIEF section 5): consents and releases from confidentiality with their templates,
 * uploaded documents, the disclosure log, data-subject requests, retention settings and decisions, the
 * anonymisation marks, special-category fields (encrypted), and database locks for jobs.
 */
export function dataProtection(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      for (const [column, fallback] of [
        ['retention_review_after_days', 183],
        ['retention_close_after_days', 274],
        ['retention_anonymise_after_days', 0],
      ] as const) {
        await db.schema
          .alterTable('organisations')
          .addColumn(column, 'integer', (c) => c.notNull().defaultTo(fallback))
          .execute();
      }
      await db.schema.alterTable('clients').addColumn('legal_basis', 'text').execute();
      await db.schema.alterTable('clients').addColumn('legal_basis_note', 'text').execute();
      await db.schema.alterTable('clients').addColumn('health_notes', 'text').execute();
      await db.schema.alterTable('cases').addColumn('closure_reason', 'text').execute();
      await db.schema.alterTable('cases').addColumn('last_activity_at', t.timestamp).execute();
      await db.schema.alterTable('cases').addColumn('anonymised_at', t.timestamp).execute();
      await db.schema.alterTable('cases').addColumn('anonymisation_confirmed_by', t.id).execute();
      await db.schema.alterTable('cases').addColumn('anonymisation_approved_by', t.id).execute();
      await db.schema
        .alterTable('journal_entries')
        .addColumn('special_category', t.bool, (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema
        .createIndex('cases_org_activity_idx')
        .on('cases')
        .columns(['organisation_id', 'phase', 'last_activity_at'])
        .execute();

      await db.schema
        .createTable('consent_templates')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', t.json, (c) => c.notNull())
        .addColumn('published_at', t.timestamp, (c) => c.notNull())
        .addColumn('published_by', t.id, (c) => c.references('users.id'))
        .addUniqueConstraint('consent_templates_unique', ['organisation_id', 'kind', 'language', 'version'])
        .execute();

      await db.schema
        .createTable('documents')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
        .addColumn('client_id', t.id, (c) => c.notNull().references('clients.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
        .addColumn('uploaded_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema.createIndex('documents_client_idx').on('documents').column('client_id').execute();

      await withVersioning(
        db.schema
          .createTable('consents')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('client_id', t.id, (c) => c.notNull().references('clients.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('given_by', 'text', (c) => c.notNull())
          .addColumn('guardian_person_id', t.id)
          .addColumn('form', 'text', (c) => c.notNull())
          .addColumn('witness', 'text')
          .addColumn('document_id', t.id, (c) => c.references('documents.id'))
          .addColumn('given_on', t.date, (c) => c.notNull())
          .addColumn('valid_until', t.date)
          .addColumn('template_id', t.id, (c) => c.references('consent_templates.id'))
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('recipient_kind', 'text')
          .addColumn('recipient_name', 'text')
          .addColumn('recipient_key', 'text')
          .addColumn('partner_id', t.id)
          .addColumn('purpose', 'text')
          .addColumn('categories', t.json, (c) => c.notNull())
          .addColumn('revoked_on', t.date)
          .addColumn('revoked_by', 'text')
          .addColumn('revocation_recorded_by', t.id, (c) => c.references('users.id'))
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('consents_client_idx')
        .on('consents')
        .columns(['client_id', 'kind'])
        .execute();
      await db.schema
        .createIndex('consents_expiry_idx')
        .on('consents')
        .columns(['organisation_id', 'kind', 'valid_until'])
        .execute();

      await db.schema
        .createTable('disclosures')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
        .addColumn('client_id', t.id, (c) => c.notNull().references('clients.id'))
        .addColumn('case_id', t.id, (c) => c.references('cases.id'))
        .addColumn('disclosed_at', t.timestamp, (c) => c.notNull())
        .addColumn('disclosed_by', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('recipient_kind', 'text', (c) => c.notNull())
        .addColumn('recipient_name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('categories', t.json, (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('consent_id', t.id, (c) => c.references('consents.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('disclosures_client_idx')
        .on('disclosures')
        .columns(['client_id', 'disclosed_at'])
        .execute();
      await db.schema
        .createIndex('disclosures_case_idx')
        .on('disclosures')
        .columns(['case_id', 'disclosed_at'])
        .execute();
      await db.schema
        .createIndex('disclosures_org_idx')
        .on('disclosures')
        .columns(['organisation_id', 'disclosed_at'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('data_subject_requests')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('client_id', t.id, (c) => c.notNull().references('clients.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('received_on', t.date, (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('resolved_on', t.date)
          .addColumn('resolved_by', t.id, (c) => c.references('users.id'))
          .addColumn('resolution', 'text')
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('dsr_org_status_idx')
        .on('data_subject_requests')
        .columns(['organisation_id', 'status'])
        .execute();

      await db.schema
        .createTable('retention_decisions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('decided_at', t.timestamp, (c) => c.notNull())
        .addColumn('decided_by', t.id, (c) => c.references('users.id'))
        .execute();
      await db.schema
        .createIndex('retention_decisions_case_idx')
        .on('retention_decisions')
        .columns(['case_id', 'decided_at'])
        .execute();

      await db.schema
        .createTable('job_locks')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('locked_until', t.timestamp)
        .addColumn('locked_by', 'text')
        .addColumn('last_finished_at', t.timestamp)
        .addColumn('last_report', t.json)
        .execute();
    },
  };
}
