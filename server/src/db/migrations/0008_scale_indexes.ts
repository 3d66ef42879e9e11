import type { Migration } from 'kysely';
import type { MigrationDb } from './helpers.js';

/**
 * Indexes found missing at federation scale (issue 9, docs/performance.md): lookups that read a whole table,
 * so their time grew with the installation — a plan's signatures (GET plan: 104 ms over 250,000 signatures)
 * and the goal reviews and plans of one organisation in the annual report.
 */
export function scaleIndexes(): Migration {
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createIndex('plan_signatures_plan_idx')
        .on('plan_signatures')
        .columns(['plan_id', 'signed_on'])
        .execute();
      await db.schema
        .createIndex('goal_reviews_plan_idx')
        .on('goal_reviews')
        .columns(['plan_id', 'reviewed_on'])
        .execute();
      await db.schema.createIndex('plans_org_idx').on('plans').columns(['organisation_id']).execute();
    },
  };
}
