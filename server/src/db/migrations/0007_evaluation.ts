import type { Migration } from 'kysely';
import type { DialectName } from '../database.js';
import { columnTypes, withVersioning, type MigrationDb } from './helpers.js';

/**
 * Evaluation and closure, statistics (issue 8; BRIEF 2.6 and 7): the evaluation of a case with the final
 * attainment per goal, the client's satisfaction in the five dimensions of the JMD guide [001 L1154–1160], the
 * destination after the case (Verbleib [002 L681–694]); the history of a case's kind (counselling ⇄ case
 * management); the organisation's threshold below which statistics show no exact count; goals get a field of
 * action so training and job goals can be counted (Eingliederungsquote).
 */
export function evaluation(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: MigrationDb) {
      // Counts below this are shown as "< n" (default 5, never below 3).
      await db.schema
        .alterTable('organisations')
        .addColumn('stats_min_count', 'integer', (c) => c.notNull().defaultTo(5))
        .execute();
      await db.schema.alterTable('plan_goals').addColumn('field', 'text').execute();

      await withVersioning(
        db.schema
          .createTable('case_evaluations')
          .addColumn('id', t.id, (c) => c.primaryKey())
          .addColumn('organisation_id', t.id, (c) => c.notNull().references('organisations.id'))
          .addColumn('case_id', t.id, (c) => c.notNull().unique().references('cases.id'))
          .addColumn('evaluated_on', t.date, (c) => c.notNull())
          // case_manager / client / both
          .addColumn('ended_by', 'text')
          // yes / partly / no
          .addColumn('life_situation', 'text')
          // { general, course, results, expectations, mandate }: 1–5 each, null when not asked
          .addColumn('satisfaction', t.json, (c) => c.notNull())
          // with_client / client_form / not_asked
          .addColumn('satisfaction_mode', 'text', (c) => c.notNull())
          .addColumn('satisfaction_language', 'text')
          .addColumn('methods', t.json, (c) => c.notNull())
          // employment / training / school / further_help / unemployed / unknown (Verbleib)
          .addColumn('destination', 'text')
          .addColumn('gaps_found', 'text')
          .addColumn('summary', 'text')
          .addColumn('follow_up_offered', t.bool, (c) => c.notNull().defaultTo(false))
          .addColumn('follow_up_id', t.id)
          .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
          .addColumn('updated_by', t.id, (c) => c.notNull().references('users.id')),
        dialect,
      ).execute();
      await db.schema
        .createIndex('case_evaluations_org_idx')
        .on('case_evaluations')
        .columns(['organisation_id', 'evaluated_on'])
        .execute();

      await db.schema
        .createTable('case_evaluation_goals')
        .addColumn('evaluation_id', t.id, (c) => c.notNull().references('case_evaluations.id'))
        .addColumn('goal_id', t.id, (c) => c.notNull().references('plan_goals.id'))
        .addColumn('attainment', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_evaluation_goals_pk', ['evaluation_id', 'goal_id'])
        .execute();

      // A plan save that takes a goal out forgets its rating.
      await db.schema
        .createIndex('case_evaluation_goals_goal_idx')
        .on('case_evaluation_goals')
        .column('goal_id')
        .execute();

      await db.schema
        .createTable('case_kind_changes')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id'))
        .addColumn('from_kind', 'text', (c) => c.notNull())
        .addColumn('to_kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('changed_at', t.timestamp, (c) => c.notNull())
        .addColumn('changed_by', t.id, (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createIndex('case_kind_changes_case_idx')
        .on('case_kind_changes')
        .columns(['case_id', 'changed_at'])
        .execute();

      // Statistics aggregate by organisation and period (issue 8): cases by opening and closing day.
      await db.schema
        .createIndex('cases_stats_opened_idx')
        .on('cases')
        .columns(['organisation_id', 'opened_on', 'kind'])
        .execute();
      await db.schema
        .createIndex('cases_stats_closed_idx')
        .on('cases')
        .columns(['organisation_id', 'closed_on', 'closure_reason'])
        .execute();
    },
  };
}
