import { sql } from 'kysely';
import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import type { AppDeps, Executor, RequestContext, Role } from '../../core/context.js';
import { fieldError, Problem, type FieldError, type Locale } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { containsIgnoringCase } from '../../core/search.js';
import { assertPasswordPolicy, hashPassword } from '../../core/passwords.js';
import { authorize } from '../../core/policy.js';
import { endAllSessionsOf } from '../../core/sessions.js';
import { activeLock, normaliseUsername } from './domain.js';
import { userPolicy } from './policy.js';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: 'de' | 'en';
  roles: Role[];
  orgUnits: { id: string; name: string }[];
  active: boolean;
  /** Share of a full-time post in percent (caseloads are measured per full-time post). */
  ftePercent: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const ROLE_ORDER: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];

/** Loads users with roles and org units in three queries, whatever the number of users. */
export async function loadUserViews(
  db: Executor,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, UserView>> {
  const out = new Map<string, UserView>();
  if (ids.length === 0) return out;
  const [users, roles, units] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute(),
    db
      .selectFrom('user_org_units')
      .innerJoin('org_units', 'org_units.id', 'user_org_units.org_unit_id')
      .select(['user_org_units.user_id', 'org_units.id', 'org_units.name'])
      .where('user_org_units.user_id', 'in', ids)
      .where('org_units.archived_at', 'is', null)
      .orderBy('org_units.name')
      .execute(),
  ]);
  for (const u of users) {
    out.set(u.id, {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      email: u.email,
      locale: u.locale === 'en' ? 'en' : 'de',
      roles: roles
        .filter((r) => r.user_id === u.id)
        .map((r) => r.role as Role)
        .sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b)),
      orgUnits: units.filter((x) => x.user_id === u.id).map((x) => ({ id: x.id, name: x.name })),
      active: u.deactivated_at === null,
      ftePercent: u.fte_percent,
      lockedUntil: activeLock(u.locked_until, now),
      lastLoginAt: u.last_login_at,
      createdAt: u.created_at,
      updatedAt: u.updated_at,
      version: u.version,
    });
  }
  return out;
}

async function loadUserView(db: Executor, id: string, now: Date): Promise<UserView | null> {
  return (await loadUserViews(db, [id], now)).get(id) ?? null;
}

async function organisationOfUser(db: Executor, id: string): Promise<{ id: string; organisationId: string }> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  return { id: row.id, organisationId: row.organisation_id };
}

/** Org units must be active units of the user's organisation; errors point at the offending entry. */
async function checkOrgUnits(
  db: Executor,
  organisationId: string,
  orgUnitIds: readonly string[],
  ctx: Pick<RequestContext, 'locale'>,
): Promise<void> {
  const found = await db
    .selectFrom('org_units')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .where('id', 'in', orgUnitIds)
    .execute();
  const known = new Set(found.map((f) => f.id));
  const errors: FieldError[] = [];
  orgUnitIds.forEach((id, i) => {
    if (!known.has(id)) errors.push(fieldError(`/orgUnitIds/${i}`, 'unknown-reference', ctx.locale));
  });
  if (errors.length > 0) throw new Problem('validation', { errors });
}

function checkPassword(
  password: string,
  pointer: string,
  ctx: Pick<RequestContext, 'locale'>,
  username: string,
): void {
  assertPasswordPolicy(password, pointer, ctx.locale, { username });
}

export interface NewUserRecord {
  organisationId: string;
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  roles: readonly Role[];
  orgUnitIds: readonly string[];
}

/**
 * Inserts a user with roles and org units. Used by the admin UI, the organisation set-up, the
 * create-admin command and the demo seed; callers check policy and write the audit entry.
 */
export async function insertUserRecord(
  trx: Executor,
  input: NewUserRecord,
  now: Date,
  options: { locale?: Locale; pointer?: string } = {},
): Promise<string> {
  const username = normaliseUsername(input.username);
  const taken = await trx
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (taken) {
    throw new Problem('username-taken', {
      errors: [fieldError(options.pointer ?? '/username', 'taken', options.locale ?? 'de')],
    });
  }
  const id = newId();
  const at = now.toISOString();
  await trx
    .insertInto('users')
    .values({
      id,
      organisation_id: input.organisationId,
      username,
      display_name: input.displayName.trim(),
      email: input.email ?? null,
      password_hash: await hashPassword(input.password),
      locale: 'de',
      deactivated_at: null,
      locked_until: null,
      last_login_at: null,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  await trx
    .insertInto('user_roles')
    .values([...new Set(input.roles)].map((role) => ({ user_id: id, role })))
    .execute();
  await trx
    .insertInto('user_org_units')
    .values([...new Set(input.orgUnitIds)].map((org_unit_id) => ({ user_id: id, org_unit_id })))
    .execute();
  return id;
}

export interface ListUsersQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  role?: Role;
  orgUnitId?: string;
  active?: boolean;
  sort?: 'displayName' | 'username' | 'lastLoginAt';
  order?: 'asc' | 'desc';
}

const SORT_COLUMNS = {
  displayName: 'users.display_name',
  username: 'users.username',
  lastLoginAt: 'users.last_login_at',
} as const;

export async function listUsers(
  deps: AppDeps,
  ctx: RequestContext,
  query: ListUsersQuery,
): Promise<Page<UserView>> {
  authorize(ctx.actor, userPolicy.list, undefined);
  const { page, pageSize, offset } = pageWindow(query);
  const column = SORT_COLUMNS[query.sort ?? 'displayName'];
  const direction = query.order ?? 'asc';
  return readAudited(deps.db, async (trx) => {
    let base = trx.selectFrom('users').where('users.organisation_id', '=', ctx.actor.organisationId);
    if (query.q && query.q.trim() !== '') {
      const term = query.q;
      base = base.where((eb) =>
        eb.or([
          containsIgnoringCase('users.display_name', term),
          containsIgnoringCase('users.username', term),
        ]),
      );
    }
    if (query.role) {
      const role = query.role;
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', '=', role),
        ),
      );
    }
    if (query.orgUnitId) {
      const unit = query.orgUnitId;
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_org_units')
            .select('user_org_units.user_id')
            .whereRef('user_org_units.user_id', '=', 'users.id')
            .where('user_org_units.org_unit_id', '=', unit),
        ),
      );
    }
    if (query.active !== undefined) {
      base = base.where('users.deactivated_at', query.active ? 'is' : 'is not', null);
    }
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await base
      .select('users.id')
      .orderBy(column, direction)
      .orderBy('users.id')
      .limit(pageSize)
      .offset(offset)
      .execute();
    const views = await loadUserViews(
      trx,
      rows.map((r) => r.id),
      ctx.now,
    );
    await audit(trx, ctx, { action: 'user.list', entityType: 'user', details: { count: rows.length, page } });
    return {
      items: rows.map((r) => views.get(r.id)).filter((v): v is UserView => v !== undefined),
      total: Number(counted?.total ?? 0),
      page,
      pageSize,
    };
  });
}

export async function getUser(deps: AppDeps, ctx: RequestContext, id: string): Promise<UserView> {
  return readAudited(deps.db, async (trx) => {
    const target = await organisationOfUser(trx, id);
    authorize(ctx.actor, userPolicy.read, target, { conceal: true });
    const view = await loadUserView(trx, id, ctx.now);
    if (!view) throw new Problem('not-found');
    await auditRead(trx, ctx, 'user', id);
    return view;
  });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string | null;
  roles: Role[];
  orgUnitIds: string[];
  initialPassword: string;
}

export async function createUser(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateUserInput,
): Promise<UserView> {
  const organisationId = ctx.actor.organisationId;
  authorize(ctx.actor, userPolicy.create, { organisationId });
  for (const role of input.roles) authorize(ctx.actor, userPolicy.grantRole, role);
  checkPassword(input.initialPassword, '/initialPassword', ctx, input.username);
  return inTransaction(deps.db, async (trx) => {
    await checkOrgUnits(trx, organisationId, input.orgUnitIds, ctx);
    const id = await insertUserRecord(
      trx,
      {
        organisationId,
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        password: input.initialPassword,
        roles: input.roles,
        orgUnitIds: input.orgUnitIds,
      },
      ctx.now,
      { locale: ctx.locale },
    );
    await audit(trx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      details: { roles: [...new Set(input.roles)], orgUnitIds: [...new Set(input.orgUnitIds)] },
    });
    const view = await loadUserView(trx, id, ctx.now);
    if (!view) throw new Error('created user vanished');
    return view;
  });
}

export interface UpdateUserInput {
  version: number;
  displayName?: string;
  email?: string | null;
  roles?: Role[];
  orgUnitIds?: string[];
  active?: boolean;
  ftePercent?: number;
}

export async function updateUser(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateUserInput,
): Promise<UserView> {
  return inTransaction(deps.db, async (trx) => {
    const target = await organisationOfUser(trx, id);
    authorize(ctx.actor, userPolicy.update, target, { conceal: true });
    const before = await loadUserView(trx, id, ctx.now);
    if (!before) throw new Problem('not-found');
    if (before.version !== input.version)
      throw new Problem('version-conflict', { extra: { current: before } });

    const changed: string[] = [];
    if (input.active !== undefined && input.active !== before.active) {
      authorize(ctx.actor, userPolicy.deactivate, target);
      changed.push('active');
    }
    if (input.roles) {
      const next = new Set(input.roles);
      const added = input.roles.filter((r) => !before.roles.includes(r));
      const removed = before.roles.filter((r) => !next.has(r));
      for (const role of [...added, ...removed]) authorize(ctx.actor, userPolicy.grantRole, role);
      if (id === ctx.actor.userId && removed.includes('org_admin')) {
        authorize(ctx.actor, userPolicy.revokeOwnAdmin, target);
      }
      if (added.length > 0 || removed.length > 0) changed.push('roles');
    }
    if (input.orgUnitIds) {
      await checkOrgUnits(trx, target.organisationId, input.orgUnitIds, ctx);
      const same =
        input.orgUnitIds.length === before.orgUnits.length &&
        before.orgUnits.every((u) => input.orgUnitIds?.includes(u.id));
      if (!same) changed.push('orgUnitIds');
    }
    if (input.displayName !== undefined && input.displayName.trim() !== before.displayName)
      changed.push('displayName');
    if (input.email !== undefined && input.email !== before.email) changed.push('email');
    if (input.ftePercent !== undefined && input.ftePercent !== before.ftePercent) changed.push('ftePercent');

    const at = ctx.now.toISOString();
    const result = await trx
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName.trim() } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.active !== undefined ? { deactivated_at: input.active ? null : at } : {}),
        ...(input.ftePercent !== undefined ? { fte_percent: input.ftePercent } : {}),
        updated_at: at,
        version: before.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new Problem('version-conflict', { extra: { current: await loadUserView(trx, id, ctx.now) } });
    }
    if (input.roles && changed.includes('roles')) {
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await trx
        .insertInto('user_roles')
        .values([...new Set(input.roles)].map((role) => ({ user_id: id, role })))
        .execute();
    }
    if (input.orgUnitIds && changed.includes('orgUnitIds')) {
      await trx.deleteFrom('user_org_units').where('user_id', '=', id).execute();
      await trx
        .insertInto('user_org_units')
        .values([...new Set(input.orgUnitIds)].map((org_unit_id) => ({ user_id: id, org_unit_id })))
        .execute();
    }
    // A deactivated account or changed rights take effect at once: end the person's sessions.
    if (changed.includes('active') || changed.includes('roles')) await endAllSessionsOf(trx, id);
    await audit(trx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      details: {
        changed,
        ...(changed.includes('roles') ? { roles: input.roles } : {}),
        ...(changed.includes('active') ? { active: input.active } : {}),
      },
    });
    const view = await loadUserView(trx, id, ctx.now);
    if (!view) throw new Error('updated user vanished');
    return view;
  });
}

export async function resetPassword(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  newPassword: string,
): Promise<void> {
  // Access is checked before the username is compared, so a refusal cannot reveal another organisation's user.
  const { organisationId, username } = await deps.db
    .selectFrom('users')
    .select(['organisation_id as organisationId', 'username'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow(() => new Problem('not-found'));
  authorize(ctx.actor, userPolicy.resetPassword, { id, organisationId }, { conceal: true });
  checkPassword(newPassword, '/newPassword', ctx, username);
  const hash = await hashPassword(newPassword);
  await inTransaction(deps.db, async (trx) => {
    const target = await organisationOfUser(trx, id);
    authorize(ctx.actor, userPolicy.resetPassword, target, { conceal: true });
    const at = ctx.now.toISOString();
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        password_changed_at: at,
        failed_login_count: 0,
        locked_until: null,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await endAllSessionsOf(trx, id);
    await audit(trx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: id });
  });
}

export async function unlockUser(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const target = await organisationOfUser(trx, id);
    authorize(ctx.actor, userPolicy.update, target, { conceal: true });
    await trx
      .updateTable('users')
      .set((eb) => ({
        failed_login_count: 0,
        locked_until: null,
        updated_at: ctx.now.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id });
  });
}

export interface Colleague {
  id: string;
  displayName: string;
  roles: Role[];
  orgUnitIds: string[];
}

/**
 * Colleagues of the own organisation who run cases (for handovers, delegations, follow-ups):
 * names and roles only, which every member may know.
 */
export async function listColleagues(deps: AppDeps, ctx: RequestContext): Promise<{ items: Colleague[] }> {
  const rows = await deps.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('organisation_id', '=', ctx.actor.organisationId)
    .where('deactivated_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', 'in', ['case_manager', 'team_lead']),
      ),
    )
    .orderBy('display_name')
    .execute();
  // Roles and active units of all of them in one statement (the case page asks for colleagues often).
  const ids = rows.map((r) => r.id);
  const grants =
    ids.length === 0
      ? []
      : await deps.db
          .selectFrom('user_roles')
          .select(['user_id', sql<string>`'role'`.as('grant'), 'role as value', 'role as sort_key'])
          .where('user_id', 'in', ids)
          .unionAll(
            deps.db
              .selectFrom('user_org_units')
              .innerJoin('org_units', 'org_units.id', 'user_org_units.org_unit_id')
              .select([
                'user_org_units.user_id',
                sql<string>`'unit'`.as('grant'),
                sql<string>`cast(${sql.ref('org_units.id')} as text)`.as('value'),
                'org_units.name as sort_key',
              ])
              .where('user_org_units.user_id', 'in', ids)
              .where('org_units.archived_at', 'is', null),
          )
          .execute();
  const units = grants.filter((g) => g.grant === 'unit').sort((a, b) => a.sort_key.localeCompare(b.sort_key));
  return {
    items: rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      roles: grants
        .filter((g) => g.grant === 'role' && g.user_id === r.id)
        .map((g) => g.value as Role)
        .sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b)),
      orgUnitIds: units.filter((u) => u.user_id === r.id).map((u) => u.value),
    })),
  };
}

/** Names of colleagues for views: one query for any number of ids; unknown ids get an empty name. */
export async function personLookup(
  db: Executor,
  ids: readonly (string | null)[],
): Promise<(id: string) => { id: string; displayName: string }> {
  const unique = [...new Set(ids.filter((i): i is string => i !== null))];
  const rows = unique.length
    ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute()
    : [];
  const names = new Map(rows.map((r) => [r.id, r.display_name]));
  return (id) => ({ id, displayName: names.get(id) ?? '' });
}
