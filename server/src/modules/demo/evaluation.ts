import type { Executor } from '../../core/context.js';
import { newId } from '../../core/ids.js';

/**
 * The demo's evaluations (issue 8): every closed case-management case of the demo has one — satisfaction in
 * the five dimensions of the JMD guide [001 L1154–1160], the life situation and where the client went
 * afterwards (Verbleib [002 L681–694]) — so statistics and the planner's dashboard show figures. The values are
 * fictional and varied; small counts are suppressed on screen anyway.
 */
const PROFILES = [
  { general: 5, course: 5, results: 4, expectations: 4, mandate: 5, life: 'yes', destination: 'training' },
  {
    general: 4,
    course: 4,
    results: 3,
    expectations: 4,
    mandate: 4,
    life: 'partly',
    destination: 'employment',
  },
  { general: 3, course: 4, results: 3, expectations: 3, mandate: 4, life: 'partly', destination: 'school' },
  { general: 5, course: 4, results: 5, expectations: 5, mandate: 5, life: 'yes', destination: 'employment' },
  { general: 2, course: 3, results: 2, expectations: 2, mandate: 3, life: 'no', destination: 'unknown' },
] as const;

export async function seedDemoEvaluations(trx: Executor, organisationId: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const closed = await trx
    .selectFrom('cases')
    .select(['id', 'closed_on', 'closure_reason', 'responsible_user_id'])
    .where('organisation_id', '=', organisationId)
    .where('phase', '=', 'closed')
    .where('kind', '=', 'case_management')
    .where('closed_on', 'is not', null)
    .orderBy('case_number')
    .execute();
  for (const [i, c] of closed.entries()) {
    const p = PROFILES[i % PROFILES.length] ?? PROFILES[0];
    await trx
      .insertInto('case_evaluations')
      .values({
        id: newId(),
        organisation_id: organisationId,
        case_id: c.id,
        evaluated_on: c.closed_on ?? at.slice(0, 10),
        ended_by: c.closure_reason === 'ended_by_client' ? 'client' : 'both',
        life_situation: p.life,
        satisfaction: JSON.stringify({
          general: p.general,
          course: p.course,
          results: p.results,
          expectations: p.expectations,
          mandate: p.mandate,
        }),
        satisfaction_mode: 'with_client',
        satisfaction_language: 'de',
        methods: JSON.stringify(['counselling', 'referral']),
        destination: p.destination,
        gaps_found: null,
        summary: null,
        follow_up_offered: true,
        follow_up_id: null,
        created_by: c.responsible_user_id,
        updated_by: c.responsible_user_id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }
  return closed.length;
}
