import { appendAudit, audit, originOf, inTransaction } from '../../core/audit.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { authorize } from '../../core/policy.js';
import { checkPasswordPolicy } from '../users/domain.js';
import { insertUserRecord } from '../users/service.js';
import { organisationPolicy, orgUnitPolicy } from './policy.js';
import { insertDefaultSettings } from './settings.js';

export interface OrgUnitView {
  id: string;
  name: string;
  description: string | null;
  archived: boolean;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

async function orgUnitViews(
  db: Executor,
  organisationId: string,
  options: { includeArchived: boolean; id?: string },
) {
  let q = db
    .selectFrom('org_units')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('user_org_units')
          .innerJoin('users', 'users.id', 'user_org_units.user_id')
          .where('users.deactivated_at', 'is', null)
          .select(['user_org_units.org_unit_id', (e) => e.fn.countAll<number>().as('members')])
          .groupBy('user_org_units.org_unit_id')
          .as('m'),
      (join) => join.onRef('m.org_unit_id', '=', 'org_units.id'),
    )
    .selectAll('org_units')
    .select('m.members')
    .where('org_units.organisation_id', '=', organisationId)
    .orderBy('org_units.name');
  if (!options.includeArchived) q = q.where('org_units.archived_at', 'is', null);
  if (options.id) q = q.where('org_units.id', '=', options.id);
  const rows = await q.execute();
  return rows.map((r): OrgUnitView => ({
    id: r.id,
    name: r.name,
    description: r.description,
    archived: r.archived_at !== null,
    memberCount: Number(r.members ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }));
}

export async function listOrgUnits(
  deps: AppDeps,
  ctx: RequestContext,
  includeArchived: boolean,
): Promise<{ items: OrgUnitView[] }> {
  authorize(ctx.actor, orgUnitPolicy.list, { organisationId: ctx.actor.organisationId });
  return { items: await orgUnitViews(deps.db, ctx.actor.organisationId, { includeArchived }) };
}

async function nameTaken(
  db: Executor,
  organisationId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('org_units')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertOrgUnit(
  trx: Executor,
  organisationId: string,
  input: { name: string; description?: string | null },
  now: Date,
): Promise<string> {
  const id = newId();
  const at = now.toISOString();
  await trx
    .insertInto('org_units')
    .values({
      id,
      organisation_id: organisationId,
      name: input.name.trim(),
      description: input.description ?? null,
      archived_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  return id;
}

export async function createOrgUnit(
  deps: AppDeps,
  ctx: RequestContext,
  input: { name: string; description?: string | null },
): Promise<OrgUnitView> {
  const organisationId = ctx.actor.organisationId;
  authorize(ctx.actor, orgUnitPolicy.manage, { organisationId });
  return inTransaction(deps.db, async (trx) => {
    if (await nameTaken(trx, organisationId, input.name.trim())) {
      throw new Problem('name-taken', { errors: [fieldError('/name', 'taken', ctx.locale)] });
    }
    const id = await insertOrgUnit(trx, organisationId, input, ctx.now);
    await audit(trx, ctx, { action: 'org_unit.create', entityType: 'org_unit', entityId: id });
    const [view] = await orgUnitViews(trx, organisationId, { includeArchived: true, id });
    if (!view) throw new Error('created org unit vanished');
    return view;
  });
}

export async function updateOrgUnit(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { version: number; name?: string; description?: string | null; archived?: boolean },
): Promise<OrgUnitView> {
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new Problem('not-found');
    authorize(ctx.actor, orgUnitPolicy.manage, { organisationId: row.organisation_id }, { conceal: true });
    const [before] = await orgUnitViews(trx, row.organisation_id, { includeArchived: true, id });
    if (!before) throw new Problem('not-found');
    if (before.version !== input.version)
      throw new Problem('version-conflict', { extra: { current: before } });
    const changed: string[] = [];
    if (input.name !== undefined && input.name.trim() !== before.name) {
      if (await nameTaken(trx, row.organisation_id, input.name.trim(), id)) {
        throw new Problem('name-taken', { errors: [fieldError('/name', 'taken', ctx.locale)] });
      }
      changed.push('name');
    }
    if (input.description !== undefined && input.description !== before.description)
      changed.push('description');
    if (input.archived !== undefined && input.archived !== before.archived) {
      // An org unit with active members stays: people must always belong to at least one unit.
      if (input.archived && before.memberCount > 0) throw new Problem('org-unit-in-use');
      changed.push('archived');
    }
    const at = ctx.now.toISOString();
    const result = await trx
      .updateTable('org_units')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.archived !== undefined
          ? { archived_at: input.archived ? (row.archived_at ?? at) : null }
          : {}),
        updated_at: at,
        version: before.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await audit(trx, ctx, {
      action: 'org_unit.update',
      entityType: 'org_unit',
      entityId: id,
      details: { changed },
    });
    const [view] = await orgUnitViews(trx, row.organisation_id, { includeArchived: true, id });
    if (!view) throw new Error('updated org unit vanished');
    return view;
  });
}

export interface OrganisationView {
  id: string;
  name: string;
  shortCode: string;
  userCount: number;
  /** The coordination office of the installation (Koordinierende Stelle); set by the installation admin. */
  coordinationOffice: boolean;
  /** Whether the organisation shares its aggregates with the coordination office (its own decision). */
  sharesAggregates: boolean;
  createdAt: string;
  version: number;
}

/**
 * Names the installation's coordination office (KIM: the Kommunales Integrationszentrum), whose planners read
 * the gap reports of every organisation that agreed to share aggregates. Only the installation admin decides.
 */
export async function setCoordinationOffice(
  deps: AppDeps,
  ctx: RequestContext,
  organisationId: string,
  input: { version: number; coordinationOffice: boolean },
): Promise<OrganisationView> {
  authorize(ctx.actor, organisationPolicy.create, undefined);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('organisations')
      .select(['id', 'version'])
      .where('id', '=', organisationId)
      .executeTakeFirst();
    if (!row) throw new Problem('not-found');
    const updated = await trx
      .updateTable('organisations')
      .set({
        coordination_office: input.coordinationOffice,
        updated_at: ctx.now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', organisationId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      const current = (await organisationViews(trx)).find((o) => o.id === organisationId);
      throw new Problem('version-conflict', { extra: { current } });
    }
    await audit(trx, ctx, {
      action: 'organisation.coordination_office',
      entityType: 'organisation',
      entityId: organisationId,
      details: { coordinationOffice: input.coordinationOffice },
    });
    const view = (await organisationViews(trx)).find((o) => o.id === organisationId);
    if (!view) throw new Problem('not-found');
    return view;
  });
}

export async function listOrganisations(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ items: OrganisationView[] }> {
  authorize(ctx.actor, organisationPolicy.list, undefined);
  return { items: await organisationViews(deps.db) };
}

async function organisationViews(db: Executor): Promise<OrganisationView[]> {
  const rows = await db
    .selectFrom('organisations')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('users')
          .select(['users.organisation_id', (e) => e.fn.countAll<number>().as('users')])
          .where('users.deactivated_at', 'is', null)
          .groupBy('users.organisation_id')
          .as('u'),
      (join) => join.onRef('u.organisation_id', '=', 'organisations.id'),
    )
    .selectAll('organisations')
    .select('u.users')
    .orderBy('organisations.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortCode: r.short_code,
    userCount: Number(r.users ?? 0),
    coordinationOffice: Boolean(r.coordination_office),
    sharesAggregates: Boolean(r.shares_aggregates),
    createdAt: r.created_at,
    version: r.version,
  }));
}

export interface NewOrganisation {
  name: string;
  shortCode: string;
  firstOrgUnitName: string;
  admin: { username: string; displayName: string; initialPassword: string };
}

/** Creates a Träger with its first org unit and first org admin, all or nothing. */
export async function insertOrganisation(
  trx: Executor,
  input: NewOrganisation,
  now: Date,
  locale: 'de' | 'en' = 'de',
): Promise<{ organisationId: string; orgUnitId: string; adminId: string }> {
  const name = input.name.trim();
  const shortCode = input.shortCode.trim().toUpperCase();
  const clash = await trx
    .selectFrom('organisations')
    .select(['name', 'short_code'])
    .where((eb) => eb.or([eb('name', '=', name), eb('short_code', '=', shortCode)]))
    .executeTakeFirst();
  if (clash) {
    throw new Problem('name-taken', {
      errors: [fieldError(clash.name === name ? '/name' : '/shortCode', 'taken', locale)],
    });
  }
  const organisationId = newId();
  const at = now.toISOString();
  await trx
    .insertInto('organisations')
    .values({ id: organisationId, name, short_code: shortCode, created_at: at, updated_at: at, version: 1 })
    .execute();
  const orgUnitId = await insertOrgUnit(trx, organisationId, { name: input.firstOrgUnitName }, now);
  await insertDefaultSettings(trx, organisationId, now);
  const adminId = await insertUserRecord(
    trx,
    {
      organisationId,
      username: input.admin.username,
      displayName: input.admin.displayName,
      password: input.admin.initialPassword,
      roles: ['org_admin'],
      orgUnitIds: [orgUnitId],
    },
    now,
    { locale, pointer: '/admin/username' },
  );
  return { organisationId, orgUnitId, adminId };
}

export async function createOrganisation(
  deps: AppDeps,
  ctx: RequestContext,
  input: NewOrganisation,
): Promise<OrganisationView> {
  authorize(ctx.actor, organisationPolicy.create, undefined);
  const weak = checkPasswordPolicy(input.admin.initialPassword, { username: input.admin.username });
  if (weak) {
    throw new Problem('validation', {
      errors: [
        fieldError(
          '/admin/initialPassword',
          weak.code,
          ctx.locale,
          'limit' in weak ? { limit: weak.limit } : undefined,
        ),
      ],
    });
  }
  const created = await inTransaction(deps.db, async (trx) => {
    const ids = await insertOrganisation(trx, input, ctx.now, ctx.locale);
    // Recorded in the installation admin's chain and in the new organisation's own chain.
    const event = { action: 'organisation.create', entityType: 'organisation', entityId: ids.organisationId };
    await audit(trx, ctx, event);
    await appendAudit(trx, { ...originOf(ctx), organisationId: ids.organisationId }, event);
    await appendAudit(
      trx,
      { ...originOf(ctx), organisationId: ids.organisationId },
      { action: 'user.create', entityType: 'user', entityId: ids.adminId, details: { roles: ['org_admin'] } },
    );
    return ids;
  });
  const { items } = await listOrganisations(deps, ctx);
  const view = items.find((o) => o.id === created.organisationId);
  if (!view) throw new Error('created organisation vanished');
  return view;
}
