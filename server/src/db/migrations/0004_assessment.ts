import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, makeAppendOnly, withVersioning, type MigrationDb } from './helpers.js';

/**
 * Assessment (issue 5; BRIEF 2.2): instrument templates with immutable published versions, which org unit
 * offers which instrument, assessments of a case (draft → final) with their prioritised needs and resources,
 * and the client's personal network map.
 */
export function assessment(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      await withVersioning(
        db.schema
          .createTable('instrument_templates')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('shipped', t.bool, (c) => c.notNull().defaultTo(false))
          .addColumn('current_version', 'integer', (c) => c.notNull())
          .addUniqueConstraint('instrument_templates_key_unique', ['organisation_id', 'key']),
        dialect,
      ).execute();

      await db.schema
        .createTable('instrument_template_versions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('template_id', t.id, (c) => c.notNull().references('instrument_templates.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', t.json, (c) => c.notNull())
        .addColumn('change_note', 'text')
        .addColumn('published_at', t.timestamp, (c) => c.notNull())
        .addColumn('published_by', t.id, (c) => c.references('users.id'))
        .addUniqueConstraint('instrument_template_versions_unique', ['template_id', 'version'])
        .execute();
      // A published version never changes: assessments keep the version they were made with.
      await makeAppendOnly(db, dialect, 'instrument_template_versions');

      await db.schema
        .createTable('instrument_enablements')
        .addColumn('org_unit_id', t.id, (c) => c.notNull().references('org_units.id'))
        .addColumn('template_id', t.id, (c) => c.notNull().references('instrument_templates.id'))
        .addColumn('enabled_at', t.timestamp, (c) => c.notNull())
        .addColumn('enabled_by', t.id, (c) => c.references('users.id'))
        .addPrimaryKeyConstraint('instrument_enablements_pk', ['org_unit_id', 'template_id'])
        .execute();
      await db.schema
        .createIndex('instrument_enablements_template_idx')
        .on('instrument_enablements')
        .column('template_id')
        .execute();

      await withVersioning(
        db.schema
          .createTable('assessments')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
          .addColumn('template_version_id', t.id, (c) =>
            c.notNull().references('instrument_template_versions.id'),
          )
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('conducted_on', t.date, (c) => c.notNull())
          // Answers without the special-category fields (JSON) …
          .addColumn('answers', t.json, (c) => c.notNull())
          // … and the special-category answers as one encrypted JSON text (null when there are none).
          .addColumn('special_answers', 'text')
          .addColumn('scores', t.json, (c) => c.notNull())
          .addColumn('prefilled_from', t.id, (c) => c.references('assessments.id'))
          // The network map as it was when the assessment was finalised (JSON), so it stays readable later.
          .addColumn('network_snapshot', t.json)
          .addColumn('finalised_at', t.timestamp)
          .addColumn('finalised_by', t.id, (c) => c.references('users.id'))
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('assessments_case_idx')
        .on('assessments')
        .columns(['case_id', 'conducted_on'])
        .execute();

      await db.schema
        .createTable('assessment_needs')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('assessment_id', t.id, (c) => c.notNull().references('assessments.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('area', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('seen_by', 'text', (c) => c.notNull())
        .addColumn('special_category', t.bool, (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema
        .createIndex('assessment_needs_assessment_idx')
        .on('assessment_needs')
        .columns(['assessment_id', 'kind', 'priority'])
        .execute();

      await withVersioning(
        db.schema
          .createTable('network_contacts')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('relation', 'text')
          .addColumn('support', t.json, (c) => c.notNull())
          .addColumn('closeness', 'integer', (c) => c.notNull())
          .addColumn('strained', t.bool, (c) => c.notNull().defaultTo(false))
          .addColumn('note', 'text')
          .addColumn('ended_on', t.date)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('network_contacts_case_idx')
        .on('network_contacts')
        .columns(['case_id', 'ended_on'])
        .execute();
    },
  };
}
