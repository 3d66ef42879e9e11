import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { requireCase } from '../cases/access.js';
import { personLookup } from '../users/service.js';
import { CONTACT_KINDS, isContact, type JournalKind } from './domain.js';
import { decryptText, encryptText, isEncrypted } from '../../core/crypto.js';
import { requireProcessingBasis } from '../consent/basis.js';

export interface JournalInput {
  kind: JournalKind;
  occurredOn: string;
  durationMinutes?: number | null;
  participants?: string | null;
  text: string;
  /** Health or other special-category content: encrypted at rest, only the case team reads it. */
  specialCategory?: boolean;
  /** A goal of the case's plan this entry belongs to (the goal shows its journal). */
  goalId?: string | null;
}

export interface JournalEntryView {
  id: string;
  caseId: string;
  kind: JournalKind;
  occurredOn: string;
  durationMinutes: number | null;
  participants: string | null;
  /** Empty when the entry is special-category and the reader is not in the case team. */
  text: string;
  specialCategory: boolean;
  hidden: boolean;
  goalId: string | null;
  createdAt: string;
  createdBy: { id: string; displayName: string };
  updatedAt: string;
  updatedBy: { id: string; displayName: string };
  /** Number of earlier versions (edits keep the previous text). */
  revisions: number;
  withdrawn: { at: string; by: { id: string; displayName: string }; reason: string } | null;
  version: number;
}

/** The case's last contact is derived from its journal; recomputed in the same transaction as every change. */
async function refreshLastContact(db: Executor, caseId: string, at: Date): Promise<void> {
  const latest = await db
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.max('occurred_on').as('last'))
    .where('case_id', '=', caseId)
    .where('kind', 'in', [...CONTACT_KINDS])
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  await db
    .updateTable('cases')
    .set({ last_contact_on: latest?.last ? String(latest.last) : null, last_activity_at: at.toISOString() })
    .where('id', '=', caseId)
    .execute();
}

/**
 * After an appended entry the last contact can only move forward: one statement instead of recomputing the
 * maximum (every append runs this; edits and withdrawals recompute with `refreshLastContact`).
 */
async function advanceLastContact(
  db: Executor,
  caseId: string,
  entry: { kind: JournalKind; occurredOn: string },
  at: Date,
): Promise<void> {
  await db
    .updateTable('cases')
    .set((eb) => ({
      last_activity_at: at.toISOString(),
      ...(isContact(entry.kind)
        ? {
            last_contact_on: eb
              .case()
              .when(eb.or([eb('last_contact_on', 'is', null), eb('last_contact_on', '<', entry.occurredOn)]))
              .then(entry.occurredOn)
              .else(eb.ref('last_contact_on'))
              .end(),
          }
        : {}),
    }))
    .where('id', '=', caseId)
    .execute();
}

/** A linked goal must belong to the plan of the same case. */
async function requireGoalOfCase(
  db: Executor,
  ctx: RequestContext,
  caseId: string,
  goalId: string | null | undefined,
): Promise<void> {
  if (!goalId) return;
  const goal = await db
    .selectFrom('plan_goals')
    .select('id')
    .where('id', '=', goalId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!goal)
    throw new Problem('validation', { errors: [fieldError('/goalId', 'unknown-reference', ctx.locale)] });
}

function checkInput(ctx: RequestContext, input: JournalInput): void {
  if (input.occurredOn > localDate(ctx.now)) {
    throw new Problem('validation', { errors: [fieldError('/occurredOn', 'in-future', ctx.locale)] });
  }
}

async function entryViews(
  db: Executor,
  deps: AppDeps,
  ids: string[],
  team: boolean,
): Promise<JournalEntryView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('journal_entries')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('journal_entry_revisions')
        .select((r) => r.fn.countAll<number>().as('n'))
        .whereRef('journal_entry_revisions.entry_id', '=', 'journal_entries.id')
        .as('revisions'),
    )
    .where('id', 'in', ids)
    .execute();
  const person = await personLookup(
    db,
    rows.flatMap((r) => [r.created_by, r.updated_by, r.withdrawn_by]),
  );
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        caseId: r.case_id,
        kind: r.kind as JournalKind,
        occurredOn: r.occurred_on,
        durationMinutes: r.duration_minutes,
        participants: r.participants,
        text: r.special_category ? (team ? decryptText(deps.keys, r.text) : '') : r.text,
        specialCategory: Boolean(r.special_category),
        hidden: Boolean(r.special_category) && !team,
        goalId: r.goal_id,
        createdAt: r.created_at,
        createdBy: person(r.created_by),
        updatedAt: r.updated_at,
        updatedBy: person(r.updated_by),
        revisions: Number(r.revisions ?? 0),
        withdrawn:
          r.withdrawn_at && r.withdrawn_by
            ? { at: r.withdrawn_at, by: person(r.withdrawn_by), reason: r.withdrawn_reason ?? '' }
            : null,
        version: r.version,
      } satisfies JournalEntryView,
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((v): v is JournalEntryView => v !== undefined);
}

export async function listJournal(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  query: { page?: number; pageSize?: number; kind?: JournalKind; goalId?: string },
): Promise<Page<JournalEntryView>> {
  const { page, pageSize, offset } = pageWindow(query);
  return readAudited(deps.db, async (trx) => {
    const { access } = await requireCase(trx, ctx, caseId, 'read');
    let base = trx.selectFrom('journal_entries').where('case_id', '=', caseId);
    if (query.kind) base = base.where('kind', '=', query.kind);
    if (query.goalId) base = base.where('goal_id', '=', query.goalId);
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await base
      .select('id')
      .orderBy('occurred_on', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute();
    await auditRead(trx, ctx, 'case', caseId, { part: 'journal', page });
    return {
      items: await entryViews(
        trx,
        deps,
        rows.map((r) => r.id),
        access.team,
      ),
      total: Number(counted?.total ?? 0),
      page,
      pageSize,
    };
  });
}

export async function addJournalEntry(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: JournalInput,
): Promise<JournalEntryView> {
  checkInput(ctx, input);
  return inTransaction(deps.db, async (trx) => {
    const { row } = await requireCase(trx, ctx, caseId, 'journal');
    if (row.phase === 'closed') throw new Problem('case-closed');
    await requireProcessingBasis(trx, ctx, row.client_id);
    await requireGoalOfCase(trx, ctx, caseId, input.goalId);
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('journal_entries')
      .values({
        id,
        case_id: caseId,
        kind: input.kind,
        occurred_on: input.occurredOn,
        duration_minutes: input.durationMinutes ?? null,
        participants: input.participants ?? null,
        text: input.specialCategory ? encryptText(deps.keys, input.text) : input.text,
        special_category: input.specialCategory ?? false,
        goal_id: input.goalId ?? null,
        created_at: at,
        created_by: ctx.actor.userId,
        updated_at: at,
        updated_by: ctx.actor.userId,
        version: 1,
        withdrawn_at: null,
        withdrawn_by: null,
        withdrawn_reason: null,
      })
      .execute();
    await advanceLastContact(trx, caseId, input, ctx.now);
    await audit(trx, ctx, {
      action: 'journal.add',
      entityType: 'journal_entry',
      entityId: id,
      details: { caseId, kind: input.kind },
    });
    const [view] = await entryViews(trx, deps, [id], true);
    if (!view) throw new Error('journal entry vanished');
    return view;
  });
}

async function lockedEntry(
  deps: AppDeps,
  db: Executor,
  ctx: RequestContext,
  caseId: string,
  entryId: string,
  version: number,
) {
  const { row: caseRow } = await requireCase(db, ctx, caseId, 'journal');
  if (caseRow.phase === 'closed') throw new Problem('case-closed');
  await requireProcessingBasis(db, ctx, caseRow.client_id);
  const entry = await db
    .selectFrom('journal_entries')
    .selectAll()
    .where('id', '=', entryId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!entry) throw new Problem('not-found');
  if (entry.withdrawn_at) throw new Problem('forbidden', { detail: 'withdrawn' });
  if (entry.version !== version) {
    const [current] = await entryViews(db, deps, [entryId], true);
    throw new Problem('version-conflict', { extra: { current } });
  }
  return entry;
}

/** Edits keep the previous wording as a revision: the history stays visible, nothing is silently replaced. */
export async function editJournalEntry(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  entryId: string,
  input: JournalInput & { version: number },
): Promise<JournalEntryView> {
  checkInput(ctx, input);
  return inTransaction(deps.db, async (trx) => {
    const entry = await lockedEntry(deps, trx, ctx, caseId, entryId, input.version);
    await requireGoalOfCase(trx, ctx, caseId, input.goalId);
    await trx
      .insertInto('journal_entry_revisions')
      .values({
        id: newId(),
        entry_id: entryId,
        version: entry.version,
        kind: entry.kind,
        occurred_on: entry.occurred_on,
        duration_minutes: entry.duration_minutes,
        participants: entry.participants,
        text: entry.text,
        written_at: entry.updated_at,
        written_by: entry.updated_by,
      })
      .execute();
    const result = await trx
      .updateTable('journal_entries')
      .set({
        kind: input.kind,
        occurred_on: input.occurredOn,
        duration_minutes: input.durationMinutes ?? null,
        participants: input.participants ?? null,
        text:
          (input.specialCategory ?? Boolean(entry.special_category))
            ? encryptText(deps.keys, input.text)
            : input.text,
        special_category: input.specialCategory ?? Boolean(entry.special_category),
        ...(input.goalId !== undefined ? { goal_id: input.goalId } : {}),
        updated_at: ctx.now.toISOString(),
        updated_by: ctx.actor.userId,
        version: entry.version + 1,
      })
      .where('id', '=', entryId)
      .where('version', '=', entry.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await refreshLastContact(trx, caseId, ctx.now);
    await audit(trx, ctx, {
      action: 'journal.edit',
      entityType: 'journal_entry',
      entityId: entryId,
      details: { caseId, version: entry.version + 1 },
    });
    const [view] = await entryViews(trx, deps, [entryId], true);
    if (!view) throw new Error('journal entry vanished');
    return view;
  });
}

/** Entries are never deleted: a wrong entry is withdrawn with a reason and stays visible as withdrawn. */
export async function withdrawJournalEntry(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  entryId: string,
  input: { version: number; reason: string },
): Promise<JournalEntryView> {
  return inTransaction(deps.db, async (trx) => {
    const entry = await lockedEntry(deps, trx, ctx, caseId, entryId, input.version);
    await trx
      .updateTable('journal_entries')
      .set({
        withdrawn_at: ctx.now.toISOString(),
        withdrawn_by: ctx.actor.userId,
        withdrawn_reason: input.reason,
        version: entry.version + 1,
      })
      .where('id', '=', entryId)
      .execute();
    await refreshLastContact(trx, caseId, ctx.now);
    await audit(trx, ctx, {
      action: 'journal.withdraw',
      entityType: 'journal_entry',
      entityId: entryId,
      details: { caseId },
    });
    const [view] = await entryViews(trx, deps, [entryId], true);
    if (!view) throw new Error('journal entry vanished');
    return view;
  });
}

export interface JournalRevisionView {
  version: number;
  kind: JournalKind;
  occurredOn: string;
  durationMinutes: number | null;
  participants: string | null;
  text: string;
  writtenAt: string;
  writtenBy: { id: string; displayName: string };
}

export async function journalEntryHistory(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  entryId: string,
): Promise<{ items: JournalRevisionView[] }> {
  return readAudited(deps.db, async (trx) => {
    const { access } = await requireCase(trx, ctx, caseId, 'read');
    const team = access.team;
    const entry = await trx
      .selectFrom('journal_entries')
      .select('id')
      .where('id', '=', entryId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!entry) throw new Problem('not-found');
    const rows = await trx
      .selectFrom('journal_entry_revisions')
      .innerJoin('users', 'users.id', 'journal_entry_revisions.written_by')
      .selectAll('journal_entry_revisions')
      .select('users.display_name')
      .where('entry_id', '=', entryId)
      .orderBy('version', 'desc')
      .execute();
    await auditRead(trx, ctx, 'journal_entry', entryId, { part: 'history' });
    return {
      items: rows.map((r) => ({
        version: r.version,
        kind: r.kind as JournalKind,
        occurredOn: r.occurred_on,
        durationMinutes: r.duration_minutes,
        participants: r.participants,
        text: team ? decryptText(deps.keys, r.text) : isEncrypted(r.text) ? '' : r.text,
        writtenAt: r.written_at,
        writtenBy: { id: r.written_by, displayName: r.display_name },
      })),
    };
  });
}
