import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, withVersioning, type MigrationDb } from './helpers.js';

/**
 * The network level (issue 7; BRIEF 2.4, 3, 4, 6): the partner directory with contacts and offers (an
 * organisation's own, or the installation's shared one when `organisation_id` is null), referrals from plan
 * steps to offers with their status history, cooperation agreements with yearly reviews, case conferences
 * with participants, agreed actions and anonymous "generative themes", and gap reports ("fehlender
 * Hilfebaustein") with the cases behind them and the planning level's comments.
 */
export function network(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      // The coordination office reads gap reports (and later statistics) of organisations that share aggregates.
      await db.schema
        .alterTable('organisations')
        .addColumn('coordination_office', t.bool, (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema
        .alterTable('organisations')
        .addColumn('shares_aggregates', t.bool, (c) => c.notNull().defaultTo(false))
        .execute();

      // Types beyond the shipped list, per organisation (null: the shared directory's).
      await db.schema
        .createTable('partner_types')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('organisation_id', t.id, (c) => c.references('organisations.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('archived_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('partner_types_org_idx')
        .on('partner_types')
        .columns(['organisation_id', 'key'])
        .unique()
        .execute();

      await withVersioning(
        db.schema
          .createTable('partners')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.references('organisations.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('street', 'text')
          .addColumn('postal_code', 'text')
          .addColumn('city', 'text')
          .addColumn('district', 'text')
          .addColumn('phone', 'text')
          .addColumn('email', 'text')
          .addColumn('website', 'text')
          .addColumn('notes', 'text')
          .addColumn('archived_at', t.timestamp)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('partners_org_idx')
        .on('partners')
        .columns(['organisation_id', 'archived_at', 'name'])
        .execute();
      await db.schema
        .createIndex('partners_type_idx')
        .on('partners')
        .columns(['organisation_id', 'type', 'district'])
        .execute();

      await db.schema
        .createTable('partner_contacts')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('partner_id', t.id, (c) => c.notNull().references('partners.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('archived_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('partner_contacts_partner_idx')
        .on('partner_contacts')
        .columns(['partner_id', 'position'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('offers')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('partner_id', t.id, (c) => c.notNull().references('partners.id'))
          .addColumn('organisation_id', t.id, (c) => c.references('organisations.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('field', 'text')
          .addColumn('target_groups', t.json, (c) => c.notNull())
          .addColumn('age_min', 'integer')
          .addColumn('age_max', 'integer')
          .addColumn('languages', t.json, (c) => c.notNull())
          .addColumn('district', 'text')
          .addColumn('cost_bearer', 'text')
          .addColumn('capacity', 'integer')
          .addColumn('free_places', 'integer')
          .addColumn('waiting_days', 'integer')
          .addColumn('valid_from', t.date)
          .addColumn('valid_to', t.date)
          .addColumn('archived_at', t.timestamp),
        dialect,
      ).execute();
      await db.schema
        .createIndex('offers_partner_idx')
        .on('offers')
        .columns(['partner_id', 'title'])
        .execute();
      await db.schema
        .createIndex('offers_org_idx')
        .on('offers')
        .columns(['organisation_id', 'archived_at', 'district'])
        .execute();

      // plan_step_id has no foreign key: a whole-plan save rewrites the steps with the same ids, and a
      // referral outlives a step that is later taken out of the plan.
      await withVersioning(
        db.schema
          .createTable('referrals')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
          .addColumn('client_id', t.id, (c) => c.notNull().references('clients.id'))
          .addColumn('plan_step_id', t.id)
          .addColumn('partner_id', t.id, (c) => c.notNull().references('partners.id'))
          .addColumn('offer_id', t.id, (c) => c.references('offers.id'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('requested_on', t.date, (c) => c.notNull())
          .addColumn('accepted_on', t.date)
          .addColumn('started_on', t.date)
          .addColumn('ended_on', t.date)
          .addColumn('barriers', t.json, (c) => c.notNull())
          .addColumn('barrier_note', 'text')
          .addColumn('partner_feedback', 'text')
          .addColumn('note', 'text')
          .addColumn('categories', t.json, (c) => c.notNull())
          .addColumn('disclosure_id', t.id)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('referrals_case_idx')
        .on('referrals')
        .columns(['case_id', 'requested_on'])
        .execute();
      await db.schema
        .createIndex('referrals_org_idx')
        .on('referrals')
        .columns(['organisation_id', 'requested_on', 'partner_id'])
        .execute();
      await db.schema
        .createIndex('referrals_partner_idx')
        .on('referrals')
        .columns(['partner_id', 'requested_on'])
        .execute();

      await db.schema
        .createTable('referral_events')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('referral_id', t.id, (c) => c.notNull().references('referrals.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('on_date', t.date, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        .addColumn('recorded_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('referral_events_referral_idx')
        .on('referral_events')
        .columns(['referral_id', 'recorded_at'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('cooperation_agreements')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('form', 'text', (c) => c.notNull())
          .addColumn('goals', 'text')
          .addColumn('rules', t.json, (c) => c.notNull())
          .addColumn('starts_on', t.date, (c) => c.notNull())
          .addColumn('ends_on', t.date)
          .addColumn('review_on', t.date)
          .addColumn('review_follow_up_id', t.id)
          .addColumn('responsible_user_id', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('document_filename', 'text')
          .addColumn('document_content_type', 'text')
          .addColumn('document_size', 'integer')
          .addColumn('document_content', 'text')
          .addColumn('archived_at', t.timestamp)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('cooperation_agreements_org_idx')
        .on('cooperation_agreements')
        .columns(['organisation_id', 'archived_at', 'review_on'])
        .execute();

      await db.schema
        .createTable('agreement_partners')
        .addColumn('agreement_id', t.id, (c) => c.notNull().references('cooperation_agreements.id'))
        .addColumn('partner_id', t.id, (c) => c.notNull().references('partners.id'))
        .addPrimaryKeyConstraint('agreement_partners_pk', ['agreement_id', 'partner_id'])
        .execute();
      await db.schema
        .createIndex('agreement_partners_partner_idx')
        .on('agreement_partners')
        .column('partner_id')
        .execute();

      await db.schema
        .createTable('agreement_reviews')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('agreement_id', t.id, (c) => c.notNull().references('cooperation_agreements.id'))
        .addColumn('reviewed_on', t.date, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('next_review_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('agreement_reviews_agreement_idx')
        .on('agreement_reviews')
        .columns(['agreement_id', 'reviewed_on'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('conferences')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('held_on', t.date, (c) => c.notNull())
          .addColumn('starts_at', 'text')
          .addColumn('place', 'text')
          .addColumn('moderator_user_id', t.id, (c) => c.references('users.id'))
          .addColumn('agenda', 'text')
          .addColumn('minutes', 'text')
          .addColumn('anonymous', t.bool, (c) => c.notNull().defaultTo(false))
          .addColumn('categories', t.json, (c) => c.notNull())
          .addColumn('invited_at', t.timestamp)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('conferences_case_idx')
        .on('conferences')
        .columns(['case_id', 'held_on'])
        .execute();
      await db.schema
        .createIndex('conferences_org_idx')
        .on('conferences')
        .columns(['organisation_id', 'held_on'])
        .execute();

      await db.schema
        .createTable('conference_participants')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('conference_id', t.id, (c) => c.notNull().references('conferences.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('user_id', t.id, (c) => c.references('users.id'))
        .addColumn('partner_id', t.id, (c) => c.references('partners.id'))
        .addColumn('contact_id', t.id, (c) => c.references('partner_contacts.id'))
        .addColumn('name', 'text')
        .addColumn('role', 'text')
        .addColumn('release_id', t.id)
        .addColumn('disclosure_id', t.id)
        .execute();
      await db.schema
        .createIndex('conference_participants_conference_idx')
        .on('conference_participants')
        .columns(['conference_id', 'position'])
        .execute();

      await db.schema
        .createTable('conference_actions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('conference_id', t.id, (c) => c.notNull().references('conferences.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('owner_user_id', t.id, (c) => c.references('users.id'))
        .addColumn('owner_name', 'text')
        .addColumn('due_on', t.date)
        .addColumn('follow_up_id', t.id)
        .execute();
      await db.schema
        .createIndex('conference_actions_conference_idx')
        .on('conference_actions')
        .columns(['conference_id', 'position'])
        .execute();

      // KIM's second part [004 L5740–5766]: themes without personal data, each may become a gap report.
      await db.schema
        .createTable('conference_themes')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('conference_id', t.id, (c) => c.notNull().references('conferences.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('gap_report_id', t.id)
        .execute();
      await db.schema
        .createIndex('conference_themes_conference_idx')
        .on('conference_themes')
        .columns(['conference_id', 'position'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('gap_reports')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('need', 'text', (c) => c.notNull())
          .addColumn('field', 'text', (c) => c.notNull())
          .addColumn('target_group', 'text')
          .addColumn('district', 'text')
          .addColumn('urgency', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text')
          .addColumn('reported_on', t.date, (c) => c.notNull())
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('gap_reports_org_idx')
        .on('gap_reports')
        .columns(['organisation_id', 'status', 'reported_on'])
        .execute();
      // The list and the planning view filter by period without a status.
      await db.schema
        .createIndex('gap_reports_period_idx')
        .on('gap_reports')
        .columns(['organisation_id', 'reported_on'])
        .execute();
      await db.schema
        .createIndex('gap_reports_field_idx')
        .on('gap_reports')
        .columns(['organisation_id', 'field', 'reported_on'])
        .execute();

      // The cases behind a report; kept inside the organisation, the planning level sees only their count.
      await db.schema
        .createTable('gap_report_cases')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('gap_report_id', t.id, (c) => c.notNull().references('gap_reports.id'))
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('plan_step_id', t.id)
        .addColumn('journal_entry_id', t.id)
        .addColumn('conference_id', t.id)
        .addColumn('linked_at', t.timestamp, (c) => c.notNull())
        .addColumn('linked_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('gap_report_cases_report_idx')
        .on('gap_report_cases')
        .columns(['gap_report_id', 'case_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('gap_report_cases_case_idx')
        .on('gap_report_cases')
        .column('case_id')
        .execute();

      await db.schema
        .createTable('gap_report_comments')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('gap_report_id', t.id, (c) => c.notNull().references('gap_reports.id'))
        .addColumn('text', 'text')
        .addColumn('status_from', 'text')
        .addColumn('status_to', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('gap_report_comments_report_idx')
        .on('gap_report_comments')
        .columns(['gap_report_id', 'created_at'])
        .execute();
    },
  };
}
