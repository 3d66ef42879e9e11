import { audit, auditRead, inTransaction } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { requireCase } from '../cases/access.js';
import { requireProcessingBasis } from '../consent/basis.js';
import { personLookup } from '../users/service.js';

/**
 * The client's personal network map (Netzwerkkarte / eco-map, BRIEF 2.2): people and institutions around
 * the client with relation, kind of support [001 L1652–1665], closeness and strain. These are personal data
 * of third parties: read and changed only with access to the case's content, audited, and removed when the
 * client is anonymised. Contacts that ended are kept with their end date, so the map can be seen over time;
 * each finalised assessment keeps the map as it was.
 */

export const CONTACT_KINDS = [
  'family',
  'friend',
  'neighbour',
  'volunteer',
  'professional',
  'agency',
  'other',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const SUPPORT_KINDS = ['emotional', 'practical', 'problem_solving', 'social_integration'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** 1 = very close (inner circle), 2 = close, 3 = distant (outer circle). */
export const CLOSENESS = [1, 2, 3] as const;

export interface NetworkContactInput {
  name: string;
  kind: ContactKind;
  relation?: string | null;
  support: SupportKind[];
  closeness: number;
  strained: boolean;
  note?: string | null;
  endedOn?: string | null;
}

export interface NetworkContactView {
  id: string;
  name: string;
  kind: ContactKind;
  relation: string | null;
  support: SupportKind[];
  closeness: number;
  strained: boolean;
  note: string | null;
  endedOn: string | null;
  updatedAt: string;
  updatedBy: { id: string; displayName: string };
  version: number;
}

type ContactRow = {
  id: string;
  name: string;
  kind: string;
  relation: string | null;
  support: string;
  closeness: number;
  strained: unknown;
  note: string | null;
  ended_on: string | null;
  updated_at: string;
  updated_by: string;
  version: number;
};

async function views(db: Executor, rows: ContactRow[]): Promise<NetworkContactView[]> {
  const person = await personLookup(
    db,
    rows.map((r) => r.updated_by),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as ContactKind,
    relation: r.relation,
    support: JSON.parse(r.support) as SupportKind[],
    closeness: r.closeness,
    strained: Boolean(r.strained),
    note: r.note,
    endedOn: r.ended_on,
    updatedAt: r.updated_at,
    updatedBy: person(r.updated_by),
    version: r.version,
  }));
}

async function contactView(db: Executor, id: string): Promise<NetworkContactView> {
  const [view] = await views(
    db,
    await db.selectFrom('network_contacts').selectAll().where('id', '=', id).execute(),
  );
  if (!view) throw new Problem('not-found');
  return view;
}

/** The contacts of a case: current ones (and, when asked, ended ones), closest first. */
export async function activeNetwork(
  _deps: AppDeps,
  db: Executor,
  caseId: string,
  currentOnly: boolean,
): Promise<NetworkContactView[]> {
  let query = db.selectFrom('network_contacts').selectAll().where('case_id', '=', caseId);
  if (currentOnly) query = query.where('ended_on', 'is', null);
  const rows = await query.orderBy('closeness').orderBy('name').execute();
  return views(db, rows);
}

export async function listNetwork(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  includeEnded: boolean,
): Promise<{ items: NetworkContactView[] }> {
  await requireCase(deps.db, ctx, caseId, 'read');
  const items = await activeNetwork(deps, deps.db, caseId, !includeEnded);
  await auditRead(deps.db, ctx, 'case', caseId, { part: 'network' });
  return { items };
}

function checkInput(ctx: RequestContext, input: Partial<NetworkContactInput>): void {
  const errors = [];
  if (input.name !== undefined && input.name.trim() === '')
    errors.push(fieldError('/name', 'required', ctx.locale));
  if (input.endedOn && input.endedOn > localDate(ctx.now))
    errors.push(fieldError('/endedOn', 'in-future', ctx.locale));
  if (errors.length > 0) throw new Problem('validation', { errors });
}

async function writableCase(trx: Executor, ctx: RequestContext, caseId: string) {
  const found = await requireCase(trx, ctx, caseId, 'write');
  if (found.row.phase === 'closed' || found.row.anonymised_at) throw new Problem('case-closed');
  await requireProcessingBasis(trx, ctx, found.row.client_id);
  return found;
}

export async function addContact(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: NetworkContactInput,
): Promise<NetworkContactView> {
  checkInput(ctx, input);
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    await writableCase(trx, ctx, caseId);
    const at = ctx.now.toISOString();
    await trx
      .insertInto('network_contacts')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        case_id: caseId,
        name: input.name.trim(),
        kind: input.kind,
        relation: input.relation ?? null,
        support: JSON.stringify([...new Set(input.support)]),
        closeness: input.closeness,
        strained: input.strained,
        note: input.note ?? null,
        ended_on: input.endedOn ?? null,
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', caseId).execute();
    await audit(trx, ctx, {
      action: 'network_contact.add',
      entityType: 'network_contact',
      entityId: id,
      details: { caseId, kind: input.kind },
    });
  });
  return contactView(deps.db, id);
}

async function loadContact(db: Executor, ctx: RequestContext, id: string) {
  const row = await db
    .selectFrom('network_contacts')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', ctx.actor.organisationId)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  return row;
}

export async function updateContact(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: Partial<NetworkContactInput> & { version: number },
): Promise<NetworkContactView> {
  checkInput(ctx, input);
  await inTransaction(deps.db, async (trx) => {
    const row = await loadContact(trx, ctx, id);
    await writableCase(trx, ctx, row.case_id);
    const at = ctx.now.toISOString();
    const updated = await trx
      .updateTable('network_contacts')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.relation !== undefined ? { relation: input.relation } : {}),
        ...(input.support !== undefined ? { support: JSON.stringify([...new Set(input.support)]) } : {}),
        ...(input.closeness !== undefined ? { closeness: input.closeness } : {}),
        ...(input.strained !== undefined ? { strained: input.strained } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.endedOn !== undefined ? { ended_on: input.endedOn } : {}),
        updated_by: ctx.actor.userId,
        updated_at: at,
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new Problem('version-conflict', { extra: { currentVersion: row.version } });
    }
    await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', row.case_id).execute();
    await audit(trx, ctx, {
      action: 'network_contact.update',
      entityType: 'network_contact',
      entityId: id,
      details: {
        caseId: row.case_id,
        fields: Object.keys(input).filter((k) => k !== 'version'),
      },
    });
  });
  return contactView(deps.db, id);
}

/** Removes a contact entered by mistake (a contact that ended is ended, not removed). */
export async function removeContact(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await loadContact(trx, ctx, id);
    await writableCase(trx, ctx, row.case_id);
    const deleted = await trx
      .deleteFrom('network_contacts')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) {
      throw new Problem('version-conflict', { extra: { currentVersion: row.version } });
    }
    await audit(trx, ctx, {
      action: 'network_contact.remove',
      entityType: 'network_contact',
      entityId: id,
      details: { caseId: row.case_id },
    });
  });
}
