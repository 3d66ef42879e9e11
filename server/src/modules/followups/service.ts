import { audit, auditRead, inTransaction } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, pageWithTotal, type Page } from '../../core/pagination.js';
import { accessToCases, requireCase } from '../cases/access.js';
import { personLookup } from '../users/service.js';

/** Follow-ups (Wiedervorlagen) and tasks: a due date, an assignee, a text, done or not [BRIEF 2.5]. */
export interface FollowUpView {
  id: string;
  case: { id: string; caseNumber: string; clientName: string | null } | null;
  assignee: { id: string; displayName: string };
  dueOn: string;
  text: string;
  overdue: boolean;
  done: { at: string; by: { id: string; displayName: string } } | null;
  createdBy: { id: string; displayName: string };
  createdAt: string;
  version: number;
}

async function views(db: Executor, ctx: RequestContext, ids: string[]): Promise<FollowUpView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('follow_ups')
    .leftJoin('cases', 'cases.id', 'follow_ups.case_id')
    .leftJoin('clients', 'clients.id', 'cases.client_id')
    .selectAll('follow_ups')
    .select([
      'cases.case_number',
      'cases.organisation_id as case_org',
      'cases.org_unit_id',
      'cases.responsible_user_id',
      'clients.family_name',
      'clients.given_names',
    ])
    .where('follow_ups.id', 'in', ids)
    .execute();
  const caseRows = rows
    .filter((r) => r.case_id && r.case_org && r.org_unit_id && r.responsible_user_id)
    .map((r) => ({
      id: r.case_id as string,
      organisation_id: r.case_org as string,
      org_unit_id: r.org_unit_id as string,
      responsible_user_id: r.responsible_user_id as string,
    }));
  const access = await accessToCases(db, ctx, caseRows);
  const person = await personLookup(
    db,
    rows.flatMap((r) => [r.assignee_user_id, r.created_by, r.done_by]),
  );
  const day = localDate(ctx.now);
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        case: r.case_id
          ? {
              id: r.case_id,
              caseNumber: r.case_number ?? '',
              clientName: access.get(r.case_id)?.read
                ? `${r.family_name ?? ''}, ${r.given_names ?? ''}`
                : null,
            }
          : null,
        assignee: person(r.assignee_user_id),
        dueOn: r.due_on,
        text: r.text,
        overdue: r.done_at === null && r.due_on < day,
        done: r.done_at && r.done_by ? { at: r.done_at, by: person(r.done_by) } : null,
        createdBy: person(r.created_by),
        createdAt: r.created_at,
        version: r.version,
      } satisfies FollowUpView,
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((v): v is FollowUpView => v !== undefined);
}

/** "Meine Wiedervorlagen": open ones first, the most overdue at the top. */
export async function myFollowUps(
  deps: AppDeps,
  ctx: RequestContext,
  query: { page?: number; pageSize?: number; includeDone?: boolean },
): Promise<Page<FollowUpView>> {
  const { page, pageSize, offset } = pageWindow(query);
  let base = deps.db.selectFrom('follow_ups').where('assignee_user_id', '=', ctx.actor.userId);
  if (!query.includeDone) base = base.where('done_at', 'is', null);
  const { rows, total } = await pageWithTotal(
    base
      .select('id')
      .orderBy((eb) => eb.case().when('done_at', 'is', null).then(0).else(1).end())
      .orderBy('due_on')
      .orderBy('id'),
    async () => {
      const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(counted.n);
    },
    { pageSize, offset },
  );
  return {
    items: await views(
      deps.db,
      ctx,
      rows.map((r) => r.id),
    ),
    total,
    page,
    pageSize,
  };
}

export async function caseFollowUps(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
): Promise<{ items: FollowUpView[] }> {
  await requireCase(deps.db, ctx, caseId, 'read');
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'follow_ups' });
  const rows = await deps.db
    .selectFrom('follow_ups')
    .select('id')
    .where('case_id', '=', caseId)
    .orderBy((eb) => eb.case().when('done_at', 'is', null).then(0).else(1).end())
    .orderBy('due_on')
    .execute();
  return {
    items: await views(
      deps.db,
      ctx,
      rows.map((r) => r.id),
    ),
  };
}

/** The assignee of a case's follow-up must be able to work on the case; a personal task is one's own. */
async function checkAssignee(
  db: Executor,
  ctx: RequestContext,
  caseId: string | null,
  assigneeId: string,
): Promise<void> {
  if (assigneeId === ctx.actor.userId) return;
  if (!caseId)
    throw new Problem('validation', { errors: [fieldError('/assigneeUserId', 'not-allowed', ctx.locale)] });
  const row = await db
    .selectFrom('cases')
    .select(['id', 'organisation_id', 'org_unit_id', 'responsible_user_id'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const user = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('id', '=', assigneeId)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  const today = localDate(ctx.now);
  const delegated = await db
    .selectFrom('case_delegations')
    .select('id')
    .where('case_id', '=', caseId)
    .where('delegate_user_id', '=', assigneeId)
    .where('revoked_at', 'is', null)
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .executeTakeFirst();
  const ok =
    user &&
    user.organisation_id === row.organisation_id &&
    (row.responsible_user_id === assigneeId || delegated);
  if (!ok)
    throw new Problem('validation', { errors: [fieldError('/assigneeUserId', 'not-allowed', ctx.locale)] });
}

export async function createFollowUp(
  deps: AppDeps,
  ctx: RequestContext,
  input: { caseId?: string | null; assigneeUserId?: string; dueOn: string; text: string },
): Promise<FollowUpView> {
  return inTransaction(deps.db, async (trx) => {
    const caseId = input.caseId ?? null;
    if (caseId) {
      const { row } = await requireCase(trx, ctx, caseId, 'journal');
      if (row.phase === 'closed') throw new Problem('case-closed');
    }
    const assignee = input.assigneeUserId ?? ctx.actor.userId;
    await checkAssignee(trx, ctx, caseId, assignee);
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('follow_ups')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        case_id: caseId,
        assignee_user_id: assignee,
        due_on: input.dueOn,
        text: input.text,
        done_at: null,
        done_by: null,
        created_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    if (assignee !== ctx.actor.userId) {
      await trx
        .insertInto('notifications')
        .values({
          id: newId(),
          user_id: assignee,
          kind: 'follow_up_assigned',
          case_id: caseId,
          created_at: at,
          read_at: null,
        })
        .execute();
    }
    await audit(trx, ctx, {
      action: 'follow_up.create',
      entityType: 'follow_up',
      entityId: id,
      details: { caseId, assignee },
    });
    const [view] = await views(trx, ctx, [id]);
    if (!view) throw new Error('follow-up vanished');
    return view;
  });
}

export async function updateFollowUp(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: { version: number; dueOn?: string; text?: string; assigneeUserId?: string; done?: boolean },
): Promise<FollowUpView> {
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
    // The assignee may always complete their own; everything else needs journal rights on the case.
    const ownTask = row.assignee_user_id === ctx.actor.userId;
    if (row.case_id) {
      if (!ownTask) await requireCase(trx, ctx, row.case_id, 'journal');
    } else if (!ownTask && row.created_by !== ctx.actor.userId) {
      throw new Problem('not-found');
    }
    if (row.version !== input.version) {
      const [current] = await views(trx, ctx, [id]);
      throw new Problem('version-conflict', { extra: { current } });
    }
    if (input.assigneeUserId && input.assigneeUserId !== row.assignee_user_id) {
      await checkAssignee(trx, ctx, row.case_id, input.assigneeUserId);
    }
    const at = ctx.now.toISOString();
    const result = await trx
      .updateTable('follow_ups')
      .set({
        ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.assigneeUserId !== undefined ? { assignee_user_id: input.assigneeUserId } : {}),
        ...(input.done === true && row.done_at === null ? { done_at: at, done_by: ctx.actor.userId } : {}),
        ...(input.done === false ? { done_at: null, done_by: null } : {}),
        updated_at: at,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    const changed = Object.keys(input).filter((k) => k !== 'version');
    await audit(trx, ctx, {
      action: 'follow_up.update',
      entityType: 'follow_up',
      entityId: id,
      details: { changed, done: input.done },
    });
    const [view] = await views(trx, ctx, [id]);
    if (!view) throw new Error('follow-up vanished');
    return view;
  });
}

export interface NotificationView {
  id: string;
  kind: string;
  case: { id: string; caseNumber: string } | null;
  createdAt: string;
  read: boolean;
}

export async function myNotifications(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ items: NotificationView[]; unread: number }> {
  const rows = await deps.db
    .selectFrom('notifications')
    .leftJoin('cases', 'cases.id', 'notifications.case_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.case_id',
      'notifications.created_at',
      'notifications.read_at',
      'cases.case_number',
    ])
    .where('notifications.user_id', '=', ctx.actor.userId)
    .orderBy('notifications.created_at', 'desc')
    .limit(50)
    .execute();
  const unread = await deps.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', ctx.actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      case: r.case_id ? { id: r.case_id, caseNumber: r.case_number ?? '' } : null,
      createdAt: r.created_at,
      read: r.read_at !== null,
    })),
    unread: Number(unread?.n ?? 0),
  };
}

export async function markNotificationRead(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const result = await deps.db
    .updateTable('notifications')
    .set({ read_at: ctx.now.toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Problem('not-found');
}

/**
 * Keeps a follow-up in step with a date held elsewhere (a goal's review, the plan's review, an agreed action of a
 * conference, a cooperation agreement's review): created, moved, or removed when the date goes. Runs inside
 * the caller's transaction; a done follow-up stays as it is. Returns the follow-up's id (null: none).
 */
export async function syncFollowUp(
  trx: Executor,
  ctx: RequestContext,
  owner: { caseId: string | null; assigneeUserId: string },
  current: string | null,
  dueOn: string | null,
  text: string,
): Promise<string | null> {
  const at = ctx.now.toISOString();
  if (current) {
    const row = await trx.selectFrom('follow_ups').selectAll().where('id', '=', current).executeTakeFirst();
    if (row && !row.done_at) {
      if (!dueOn) {
        await trx.deleteFrom('follow_ups').where('id', '=', current).execute();
        return null;
      }
      if (row.due_on !== dueOn || row.text !== text) {
        await trx
          .updateTable('follow_ups')
          .set({ due_on: dueOn, text, updated_at: at, version: row.version + 1 })
          .where('id', '=', current)
          .execute();
      }
      return current;
    }
    if (row && row.due_on === dueOn) return current;
  }
  if (!dueOn) return null;
  const id = newId();
  await trx
    .insertInto('follow_ups')
    .values({
      id,
      organisation_id: ctx.actor.organisationId,
      case_id: owner.caseId,
      assignee_user_id: owner.assigneeUserId,
      due_on: dueOn,
      text,
      done_at: null,
      done_by: null,
      created_by: ctx.actor.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  return id;
}
