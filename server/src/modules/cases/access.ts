import { sql, type Selectable } from 'kysely';
import type { CaseTable } from '../../db/types.js';
import type { Executor, RequestContext } from '../../core/context.js';
import { localDate } from '../../core/clock.js';
import { Problem } from '../../core/errors.js';
import type { DelegationScope } from './domain.js';
import { decideCaseAccess, type CaseAccess } from './policy.js';

export type CaseRow = Selectable<CaseTable>;

/** Marks a broken-glass opening among the delegation scopes (not a scope: scopes are lower-case words). */
const BROKE_THE_GLASS = 'BROKE-THE-GLASS';

/**
 * Loads the facts that decide access (delegations, break-the-glass) for many cases in one query and
 * applies the pure rule of domain.ts. Used by every module that shows or changes case content.
 */
export async function accessToCases(
  db: Executor,
  ctx: RequestContext,
  rows: readonly Pick<CaseRow, 'id' | 'organisation_id' | 'org_unit_id' | 'responsible_user_id'>[],
): Promise<Map<string, CaseAccess>> {
  const out = new Map<string, CaseAccess>();
  if (rows.length === 0) return out;
  const ids = rows.map((r) => r.id);
  const today = localDate(ctx.now);
  // The actor's delegations and broken-glass openings of these cases in one statement (every case-bound
  // request runs this): a delegation's row carries its scope, an opening the marker.
  const grants = await db
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
    )
    .execute();
  const delegations = grants.filter((g) => g.grant !== BROKE_THE_GLASS);
  const overrides = grants.filter((g) => g.grant === BROKE_THE_GLASS);
  for (const row of rows) {
    out.set(
      row.id,
      decideCaseAccess({
        actorId: ctx.actor.userId,
        actorRoles: ctx.actor.roles,
        actorOrgUnitIds: ctx.actor.orgUnitIds,
        actorOrganisationId: ctx.actor.organisationId,
        caseOrganisationId: row.organisation_id,
        caseOrgUnitId: row.org_unit_id,
        responsibleUserId: row.responsible_user_id,
        delegationScopes: delegations
          .filter((d) => d.case_id === row.id)
          .map((d) => d.grant as DelegationScope),
        brokeTheGlass: overrides.some((o) => o.case_id === row.id),
      }),
    );
  }
  return out;
}

/**
 * Loads a case and checks one permission. A case the actor may not even see answers 404; a team lead
 * who sees it in the list but has not recorded a reason gets 403 break-glass-required.
 */
export async function requireCase(
  db: Executor,
  ctx: RequestContext,
  caseId: string,
  need: 'meta' | 'read' | 'write' | 'journal' | 'handOver',
): Promise<{ row: CaseRow; access: CaseAccess }> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new Problem('not-found');
  const access = (await accessToCases(db, ctx, [row])).get(row.id);
  if (!access?.meta) throw new Problem('not-found');
  if (!access[need]) {
    throw new Problem(need === 'read' && access.mayBreakTheGlass ? 'break-glass-required' : 'forbidden');
  }
  return { row, access };
}
