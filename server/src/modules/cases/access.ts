import { sql, type Selectable } from 'kysely';
import type { CaseTable } from '../../db/types.js';
import type { Executor, RequestContext } from '../../core/context.js';
import { localDate } from '../../core/clock.js';
import { Problem } from '../../core/errors.js';
import { commaJoined, commaSplit } from '../../db/conditions.js';
import type { DelegationScope } from './domain.js';
import { decideCaseAccess, type CaseAccess } from './policy.js';

export type CaseRow = Selectable<CaseTable>;

/** Marks a broken-glass opening among the delegation scopes (not a scope: scopes are lower-case words). */
const BROKE_THE_GLASS = 'BROKE-THE-GLASS';

/**
 * Loads the facts that decide access (delegations, break-the-glass) for many cases in one query and
 * applies the pure rule of policy.ts. Used by every module that shows or changes case content.
 */
export async function accessToCases(
  db: Executor,
  ctx: RequestContext,
  rows: readonly AccessFacts[],
): Promise<Map<string, CaseAccess>> {
  const out = new Map<string, CaseAccess>();
  if (rows.length === 0) return out;
  const grants = await grantsOf(
    db,
    ctx,
    rows.map((r) => r.id),
  ).execute();
  for (const row of rows) {
    out.set(
      row.id,
      decide(
        ctx,
        row,
        grants.filter((g) => g.case_id === row.id).map((g) => g.grant),
      ),
    );
  }
  return out;
}

type AccessFacts = Pick<CaseRow, 'id' | 'organisation_id' | 'org_unit_id' | 'responsible_user_id'>;

/**
 * The actor's delegations and broken-glass openings of these cases in one statement (every case-bound request
 * runs it): a delegation's row carries its scope, an opening the marker.
 */
function grantsOf(db: Executor, ctx: RequestContext, ids: string[]) {
  const today = localDate(ctx.now);
  return db
    .selectFrom('case_delegations')
    .select(['case_id', 'scope as grant'])
    .where('case_id', 'in', ids)
    .where('delegate_user_id', '=', ctx.actor.userId)
    .where('revoked_at', 'is', null)
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .unionAll(
      db
        .selectFrom('case_access_overrides')
        .select(['case_id', sql<string>`${sql.lit(BROKE_THE_GLASS)}`.as('grant')])
        .where('case_id', 'in', ids)
        .where('user_id', '=', ctx.actor.userId)
        .where('expires_at', '>', ctx.now.toISOString()),
    );
}

/** The pure rule of policy.ts over a case's facts and the actor's grants of it. */
function decide(ctx: RequestContext, row: AccessFacts, grants: readonly string[]): CaseAccess {
  return decideCaseAccess({
    actorId: ctx.actor.userId,
    actorRoles: ctx.actor.roles,
    actorOrgUnitIds: ctx.actor.orgUnitIds,
    actorOrganisationId: ctx.actor.organisationId,
    caseOrganisationId: row.organisation_id,
    caseOrgUnitId: row.org_unit_id,
    responsibleUserId: row.responsible_user_id,
    delegationScopes: grants.filter((g) => g !== BROKE_THE_GLASS) as DelegationScope[],
    brokeTheGlass: grants.includes(BROKE_THE_GLASS),
  });
}

/**
 * Loads a case and checks one permission. A case the actor may not even see answers 404; a team lead
 * who sees it in the list but has not recorded a reason gets 403 break-glass-required. The case and the
 * actor's grants of it come in one statement (scopes and the marker hold no comma).
 */
export async function requireCase(
  db: Executor,
  ctx: RequestContext,
  caseId: string,
  need: 'meta' | 'read' | 'write' | 'journal' | 'handOver',
): Promise<{ row: CaseRow; access: CaseAccess }> {
  const found = await db
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) =>
      eb
        .selectFrom(grantsOf(db, ctx, [caseId]).as('g'))
        .select(commaJoined(db, sql.ref<string>('g.grant')).as('list'))
        .as('grants'),
    )
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!found) throw new Problem('not-found');
  const { grants, ...row } = found;
  const access = decide(ctx, row, commaSplit(grants));
  if (!access.meta) throw new Problem('not-found');
  if (!access[need]) {
    throw new Problem(need === 'read' && access.mayBreakTheGlass ? 'break-glass-required' : 'forbidden');
  }
  return { row, access };
}
