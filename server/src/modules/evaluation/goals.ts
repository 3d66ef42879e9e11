import type { Executor } from '../../core/context.js';

/**
 * Final ratings of goals the plan no longer has: the plan is saved as a whole and a goal taken out of it
 * goes with its rating (called by plan/service.ts in the save's transaction, before the goals are deleted).
 */
export async function forgetGoalRatings(trx: Executor, goalIds: readonly string[]): Promise<void> {
  if (goalIds.length === 0) return;
  await trx
    .deleteFrom('case_evaluation_goals')
    .where('goal_id', 'in', [...goalIds])
    .execute();
}
