import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, withVersioning, type MigrationDb } from './helpers.js';

/**
 * The plan (issue 6; BRIEF 2.3 and 2.5): one current plan per case with its header, goals in two levels,
 * steps, goal reviews and signatures; every change after the plan was agreed is kept as a version
 * (extension or revision, with the reason and a snapshot). Settings of the organisation: the plan's label,
 * the maximum number of top-level goals and whether a goal needs an indicator.
 */
export function plan(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .alterTable('organisations')
        .addColumn('plan_label', 'text', (c) => c.notNull().defaultTo('hilfeplan'))
        .execute();
      await db.schema.alterTable('organisations').addColumn('plan_max_goals', 'integer').execute();
      await db.schema
        .alterTable('organisations')
        .addColumn('plan_require_indicator', t.bool, (c) => c.notNull().defaultTo(true))
        .execute();

      await withVersioning(
        db.schema
          .createTable('plans')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('case_id', t.id, (c) => c.notNull().unique().references('cases.id'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('legal_type', 'text')
          .addColumn('legal_note', 'text')
          .addColumn('header', t.json, (c) => c.notNull())
          .addColumn('review_on', t.date)
          .addColumn('review_follow_up_id', t.id)
          .addColumn('agreed_at', t.timestamp)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();

      await db.schema
        .createTable('plan_goals')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('plan_id', t.id, (c) => c.notNull().references('plans.id'))
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('parent_id', t.id)
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('wording', 'text', (c) => c.notNull())
        .addColumn('client_words', t.bool, (c) => c.notNull().defaultTo(false))
        .addColumn('indicator', 'text')
        .addColumn('target_on', t.date)
        .addColumn('follow_up_on', t.date)
        .addColumn('follow_up_id', t.id)
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('need_id', t.id)
        .addColumn('smart', t.json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('plan_goals_plan_idx')
        .on('plan_goals')
        .columns(['plan_id', 'parent_id', 'position'])
        .execute();

      await db.schema
        .createTable('plan_steps')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('goal_id', t.id, (c) => c.notNull().references('plan_goals.id'))
        .addColumn('plan_id', t.id, (c) => c.notNull().references('plans.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('what', 'text', (c) => c.notNull())
        .addColumn('who', 'text', (c) => c.notNull())
        .addColumn('who_name', 'text')
        .addColumn('due_on', t.date)
        .addColumn('provider', 'text')
        .addColumn('offer', 'text')
        .addColumn('cost_bearer', 'text')
        .addColumn('mode', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('offer_available', t.bool)
        .addColumn('done_on', t.date)
        .execute();
      await db.schema
        .createIndex('plan_steps_plan_idx')
        .on('plan_steps')
        .columns(['plan_id', 'status', 'due_on'])
        .execute();
      await db.schema
        .createIndex('plan_steps_goal_idx')
        .on('plan_steps')
        .columns(['goal_id', 'position'])
        .execute();

      await db.schema
        .createTable('plan_versions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('plan_id', t.id, (c) => c.notNull().references('plans.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('change_kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('summary', t.json, (c) => c.notNull())
        .addColumn('snapshot', t.json, (c) => c.notNull())
        .addColumn('changed_at', t.timestamp, (c) => c.notNull())
        .addColumn('changed_by', t.id, (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('plan_versions_unique', ['plan_id', 'version'])
        .execute();

      await db.schema
        .createTable('goal_reviews')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('goal_id', t.id, (c) => c.notNull().references('plan_goals.id'))
        .addColumn('plan_id', t.id, (c) => c.notNull().references('plans.id'))
        .addColumn('reviewed_on', t.date, (c) => c.notNull())
        .addColumn('attainment', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('consequence', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('goal_reviews_goal_idx')
        .on('goal_reviews')
        .columns(['goal_id', 'reviewed_on'])
        .execute();

      await db.schema
        .createTable('plan_signatures')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('plan_id', t.id, (c) => c.notNull().references('plans.id'))
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        .addColumn('signer', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('form', 'text', (c) => c.notNull())
        .addColumn('signed_on', t.date, (c) => c.notNull())
        .addColumn('recorded_by', t.id, (c) => c.notNull().references('users.id'))
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createIndex('journal_entries_goal_idx')
        .on('journal_entries')
        .column('goal_id')
        .execute();
    },
  };
}
