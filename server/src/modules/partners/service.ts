import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type RawBuilder,
  type Selectable,
  type SqlBool,
} from 'kysely';
import { audit, inTransaction } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { authorize } from '../../core/policy.js';
import { containsIgnoringCase } from '../../core/search.js';
import type { DialectName } from '../../db/database.js';
import type { DB, OfferTable } from '../../db/types.js';
import type { FieldOfAction } from '../gaps/fields.js';
import {
  customTypeKey,
  offerFindings,
  offerValidOn,
  SHIPPED_PARTNER_TYPES,
  typeFinding,
  type DirectoryScope,
  type Finding,
  type TargetGroup,
} from './domain.js';
import { directoryPolicy, type DirectoryRecord } from './policy.js';

/**
 * The partner directory (issue 7; BRIEF 4): network partners with contacts and offers, in an
 * organisation's own directory or the installation's shared one (organisation_id null). Directory data are
 * no client data, so reads are not audited; every change is. Partners and offers still referenced by
 * referrals, agreements or conferences are archived instead of deleted, so their history stays readable.
 */

function toErrors(findings: Finding[], ctx: RequestContext): FieldError[] {
  return findings.map((f) => fieldError(f.pointer, f.code, ctx.locale, f.params));
}

function visible(organisationId: string | null, ctx: RequestContext): boolean {
  return organisationId === null || organisationId === ctx.actor.organisationId;
}

function scopeOf(organisationId: string | null): 'own' | 'shared' {
  return organisationId === null ? 'shared' : 'own';
}

function clean(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

function today(ctx: RequestContext): string {
  return localDate(ctx.now);
}

/**
 * "The JSON array in column contains value". Raw SQL because the two dialects store JSON differently:
 * jsonb containment on PostgreSQL, json_each over the text on SQLite. The values are validated codes.
 */
function jsonArrayContains(
  dialect: DialectName,
  column: 'offers.languages' | 'offers.target_groups',
  value: string,
): RawBuilder<boolean> {
  return dialect === 'postgresql'
    ? sql<boolean>`${sql.ref(column)} @> ${JSON.stringify([value])}::jsonb`
    : sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}) as j where j.value = ${value})`;
}

/** Offers that can be chosen on a day: not archived, the day within their validity. */
function validOnDay(eb: ExpressionBuilder<DB, 'offers'>, day: string) {
  return eb.and([
    eb('offers.archived_at', 'is', null),
    eb.or([eb('offers.valid_from', 'is', null), eb('offers.valid_from', '<=', day)]),
    eb.or([eb('offers.valid_to', 'is', null), eb('offers.valid_to', '>=', day)]),
  ]);
}

// ————————————————————————————————————————— partner types —————————————————————————————————————————

export interface PartnerTypeView {
  key: string;
  /** null for a shipped type: the web labels those in German and English. */
  label: string | null;
  scope: 'shipped' | 'own' | 'shared';
  id: string | null;
  archived: boolean;
}

async function customTypeRows(db: Executor, organisationId: string) {
  return db
    .selectFrom('partner_types')
    .selectAll()
    .where((eb) => eb.or([eb('organisation_id', '=', organisationId), eb('organisation_id', 'is', null)]))
    .orderBy('label')
    .execute();
}

/** Custom type keys a partner of this directory may be given (shared partners: only the shared types). */
async function usableCustomKeys(
  db: Executor,
  ctx: RequestContext,
  organisationId: string | null,
): Promise<Set<string>> {
  const rows = await customTypeRows(db, ctx.actor.organisationId);
  return new Set(
    rows
      .filter((r) => r.archived_at === null && (organisationId !== null || r.organisation_id === null))
      .map((r) => r.key),
  );
}

function typeView(row: {
  id: string;
  organisation_id: string | null;
  key: string;
  label: string;
  archived_at: string | null;
}): PartnerTypeView {
  return {
    key: row.key,
    label: row.label,
    scope: scopeOf(row.organisation_id),
    id: row.id,
    archived: row.archived_at !== null,
  };
}

export async function listPartnerTypes(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ items: PartnerTypeView[] }> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  const rows = await customTypeRows(deps.db, ctx.actor.organisationId);
  return {
    items: [
      ...SHIPPED_PARTNER_TYPES.map((key): PartnerTypeView => ({
        key,
        label: null,
        scope: 'shipped',
        id: null,
        archived: false,
      })),
      ...rows.map(typeView),
    ],
  };
}

export async function createPartnerType(
  deps: AppDeps,
  ctx: RequestContext,
  input: { label: string; scope?: 'own' | 'shared' },
): Promise<PartnerTypeView> {
  const organisationId = input.scope === 'shared' ? null : ctx.actor.organisationId;
  authorize(ctx.actor, directoryPolicy.manageTypes, { organisationId });
  const label = input.label.trim();
  if (!label) throw new Problem('validation', { errors: [fieldError('/label', 'required', ctx.locale)] });
  const key = customTypeKey(label);
  return inTransaction(deps.db, async (trx) => {
    const rows = await customTypeRows(trx, ctx.actor.organisationId);
    const taken = rows.find((r) => r.key === key && r.archived_at === null);
    if (taken) throw new Problem('name-taken', { errors: [fieldError('/label', 'taken', ctx.locale)] });
    // An archived type of the same directory comes back instead of a second row with the same key.
    const archived = rows.find((r) => r.key === key && r.organisation_id === organisationId);
    const at = ctx.now.toISOString();
    if (archived) {
      await trx
        .updateTable('partner_types')
        .set({ label, archived_at: null })
        .where('id', '=', archived.id)
        .execute();
      await audit(trx, ctx, {
        action: 'partner_type.restore',
        entityType: 'partner_type',
        entityId: archived.id,
        details: { key, scope: scopeOf(organisationId) },
      });
      return typeView({ ...archived, label, archived_at: null });
    }
    const row = {
      id: newId(),
      organisation_id: organisationId,
      key,
      label,
      archived_at: null,
      created_at: at,
    };
    await trx.insertInto('partner_types').values(row).execute();
    await audit(trx, ctx, {
      action: 'partner_type.create',
      entityType: 'partner_type',
      entityId: row.id,
      details: { key, scope: scopeOf(organisationId) },
    });
    return typeView(row);
  });
}

/** Archives a custom type: no longer offered for new partners; partners that have it keep it. */
export async function archivePartnerType(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  await inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('partner_types').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !visible(row.organisation_id, ctx)) throw new Problem('not-found');
    authorize(ctx.actor, directoryPolicy.manageTypes, { organisationId: row.organisation_id });
    if (row.archived_at !== null) return;
    await trx
      .updateTable('partner_types')
      .set({ archived_at: ctx.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      action: 'partner_type.archive',
      entityType: 'partner_type',
      entityId: id,
      details: { key: row.key, scope: scopeOf(row.organisation_id) },
    });
  });
}

// ————————————————————————————————————————— views —————————————————————————————————————————

export interface ContactView {
  id: string;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
}

export interface OfferView {
  id: string;
  partnerId: string;
  shared: boolean;
  title: string;
  description: string | null;
  field: FieldOfAction | null;
  targetGroups: TargetGroup[];
  ageMin: number | null;
  ageMax: number | null;
  languages: string[];
  district: string | null;
  costBearer: string | null;
  capacity: number | null;
  freePlaces: number | null;
  waitingDays: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** Can be chosen today: not archived and valid today. */
  validToday: boolean;
  archived: boolean;
  version: number;
}

export interface PartnerView {
  id: string;
  shared: boolean;
  name: string;
  type: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  district: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  notes: string | null;
  archived: boolean;
  archivedAt: string | null;
  contacts: ContactView[];
  offers: OfferView[];
  permissions: { edit: boolean; archive: boolean };
  createdAt: string;
  updatedAt: string;
  version: number;
}

type OfferRow = Selectable<OfferTable>;

function offerView(row: OfferRow, day: string): OfferView {
  return {
    id: row.id,
    partnerId: row.partner_id,
    shared: row.organisation_id === null,
    title: row.title,
    description: row.description,
    field: row.field as FieldOfAction | null,
    targetGroups: JSON.parse(row.target_groups) as TargetGroup[],
    ageMin: row.age_min,
    ageMax: row.age_max,
    languages: JSON.parse(row.languages) as string[],
    district: row.district,
    costBearer: row.cost_bearer,
    capacity: row.capacity,
    freePlaces: row.free_places,
    waitingDays: row.waiting_days,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    validToday: offerValidOn(
      { validFrom: row.valid_from, validTo: row.valid_to, archived: row.archived_at !== null },
      day,
    ),
    archived: row.archived_at !== null,
    version: row.version,
  };
}

function loadOfferRow(db: Executor, id: string) {
  return db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
}

function loadPartnerRow(db: Executor, id: string) {
  return db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
}
type PartnerRow = NonNullable<Awaited<ReturnType<typeof loadPartnerRow>>>;

async function readablePartnerRow(db: Executor, ctx: RequestContext, id: string): Promise<PartnerRow> {
  const row = await loadPartnerRow(db, id);
  if (!row || !visible(row.organisation_id, ctx)) throw new Problem('not-found');
  return row;
}

async function partnerView(db: Executor, ctx: RequestContext, row: PartnerRow): Promise<PartnerView> {
  const [contacts, offers] = await Promise.all([
    db
      .selectFrom('partner_contacts')
      .selectAll()
      .where('partner_id', '=', row.id)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute(),
    db.selectFrom('offers').selectAll().where('partner_id', '=', row.id).orderBy('title').execute(),
  ]);
  const day = today(ctx);
  const record: DirectoryRecord = { organisationId: row.organisation_id };
  return {
    id: row.id,
    shared: row.organisation_id === null,
    name: row.name,
    type: row.type,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    district: row.district,
    phone: row.phone,
    email: row.email,
    website: row.website,
    notes: row.notes,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, role: c.role, phone: c.phone, email: c.email })),
    offers: offers
      .map((o) => offerView(o, day))
      .sort((a, b) => Number(a.archived) - Number(b.archived) || a.title.localeCompare(b.title, 'de')),
    permissions: {
      edit: directoryPolicy.edit(ctx.actor, record),
      archive: directoryPolicy.archive(ctx.actor, record),
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

// ————————————————————————————————————————— partners —————————————————————————————————————————

export interface ContactInput {
  id?: string;
  name: string;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface PartnerInput {
  name: string;
  type: string;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  district?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  notes?: string | null;
  contacts?: ContactInput[];
}

const PARTNER_FIELDS = [
  ['name', 'name'],
  ['type', 'type'],
  ['street', 'street'],
  ['postalCode', 'postal_code'],
  ['city', 'city'],
  ['district', 'district'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['website', 'website'],
  ['notes', 'notes'],
] as const;

function partnerValues(input: PartnerInput) {
  return {
    name: input.name.trim(),
    type: input.type,
    street: clean(input.street),
    postal_code: clean(input.postalCode),
    city: clean(input.city),
    district: clean(input.district),
    phone: clean(input.phone),
    email: clean(input.email),
    website: clean(input.website),
    notes: clean(input.notes),
  };
}

function contactValues(c: ContactInput, position: number) {
  return {
    position,
    name: c.name.trim(),
    role: clean(c.role),
    phone: clean(c.phone),
    email: clean(c.email),
  };
}

async function checkType(
  db: Executor,
  ctx: RequestContext,
  organisationId: string | null,
  type: string,
  current: string | null,
): Promise<void> {
  const finding = typeFinding(type, await usableCustomKeys(db, ctx, organisationId), current);
  if (finding) throw new Problem('validation', { errors: toErrors([finding], ctx) });
}

export async function createPartner(
  deps: AppDeps,
  ctx: RequestContext,
  input: PartnerInput & { scope?: 'own' | 'shared' },
): Promise<PartnerView> {
  const organisationId = input.scope === 'shared' ? null : ctx.actor.organisationId;
  authorize(ctx.actor, directoryPolicy.edit, { organisationId });
  return inTransaction(deps.db, async (trx) => {
    await checkType(trx, ctx, organisationId, input.type, null);
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('partners')
      .values({
        id,
        organisation_id: organisationId,
        ...partnerValues(input),
        archived_at: null,
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    const contacts = input.contacts ?? [];
    if (contacts.length > 0) {
      await trx
        .insertInto('partner_contacts')
        .values(
          contacts.map((c, i) => ({
            id: newId(),
            partner_id: id,
            ...contactValues(c, i),
            archived_at: null,
          })),
        )
        .execute();
    }
    await audit(trx, ctx, {
      action: 'partner.create',
      entityType: 'partner',
      entityId: id,
      details: { scope: scopeOf(organisationId), type: input.type, contacts: contacts.length },
    });
    return partnerView(trx, ctx, await readablePartnerRow(trx, ctx, id));
  });
}

export async function getPartner(deps: AppDeps, ctx: RequestContext, id: string): Promise<PartnerView> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  return partnerView(deps.db, ctx, await readablePartnerRow(deps.db, ctx, id));
}

async function conflict(db: Executor, ctx: RequestContext, id: string): Promise<never> {
  throw new Problem('version-conflict', {
    extra: { current: await partnerView(db, ctx, await readablePartnerRow(db, ctx, id)) },
  });
}

export async function updatePartner(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: PartnerInput & { version: number; contacts: ContactInput[] },
): Promise<PartnerView> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  return inTransaction(deps.db, async (trx) => {
    const row = await readablePartnerRow(trx, ctx, id);
    authorize(ctx.actor, directoryPolicy.edit, { organisationId: row.organisation_id });
    if (row.version !== input.version) return conflict(trx, ctx, id);
    if (row.archived_at !== null) throw new Problem('partner-archived');
    await checkType(trx, ctx, row.organisation_id, input.type, row.type);
    const stored = await trx
      .selectFrom('partner_contacts')
      .selectAll()
      .where('partner_id', '=', id)
      .where('archived_at', 'is', null)
      .execute();
    const storedIds = new Set(stored.map((c) => c.id));
    const foreign = input.contacts.flatMap((c, i) =>
      c.id !== undefined && !storedIds.has(c.id)
        ? [fieldError(`/contacts/${i}/id`, 'unknown-reference', ctx.locale)]
        : [],
    );
    if (foreign.length > 0) throw new Problem('validation', { errors: foreign });

    const values = partnerValues(input);
    const changed = PARTNER_FIELDS.filter(([, column]) => values[column] !== row[column]).map(([f]) => f);
    const updated = await trx
      .updateTable('partners')
      .set({
        ...values,
        updated_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict(trx, ctx, id);

    const kept = new Set(input.contacts.flatMap((c) => (c.id ? [c.id] : [])));
    // Kept contacts take their new values and place (one statement each); new ones go in together.
    for (const [i, c] of input.contacts.entries()) {
      if (c.id)
        await trx.updateTable('partner_contacts').set(contactValues(c, i)).where('id', '=', c.id).execute();
    }
    const added = input.contacts.flatMap((c, i) =>
      c.id ? [] : [{ id: newId(), partner_id: id, ...contactValues(c, i), archived_at: null }],
    );
    if (added.length > 0) await trx.insertInto('partner_contacts').values(added).execute();
    const missing = stored.filter((c) => !kept.has(c.id)).map((c) => c.id);
    // A contact invited to a conference stays (archived) so the conference still names them.
    const referenced = missing.length
      ? new Set(
          (
            await trx
              .selectFrom('conference_participants')
              .select('contact_id')
              .where('contact_id', 'in', missing)
              .execute()
          ).flatMap((r) => (r.contact_id ? [r.contact_id] : [])),
        )
      : new Set<string>();
    const toArchive = missing.filter((c) => referenced.has(c));
    const toRemove = missing.filter((c) => !referenced.has(c));
    if (toArchive.length > 0) {
      await trx
        .updateTable('partner_contacts')
        .set({ archived_at: ctx.now.toISOString() })
        .where('id', 'in', toArchive)
        .execute();
    }
    if (toRemove.length > 0) await trx.deleteFrom('partner_contacts').where('id', 'in', toRemove).execute();

    await audit(trx, ctx, {
      action: 'partner.update',
      entityType: 'partner',
      entityId: id,
      details: {
        scope: scopeOf(row.organisation_id),
        changed,
        contacts: {
          added: added.length,
          kept: kept.size,
          archived: toArchive.length,
          removed: toRemove.length,
        },
      },
    });
    return partnerView(trx, ctx, await readablePartnerRow(trx, ctx, id));
  });
}

export interface PartnerReferences {
  referrals: number;
  agreements: number;
  conferences: number;
}

/**
 * What still points to a partner, its offers or its contacts. Reads the referral, agreement and conference
 * tables directly (created by migration 0006 alongside the directory): those modules depend on this one,
 * not the other way round, so asking them would make a cycle.
 */
export async function partnerReferences(db: Executor, partnerId: string): Promise<PartnerReferences> {
  const [referrals, agreements, conferences] = await Promise.all([
    db
      .selectFrom('referrals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.or([
          eb('partner_id', '=', partnerId),
          eb(
            'offer_id',
            'in',
            eb.selectFrom('offers').select('offers.id').where('offers.partner_id', '=', partnerId),
          ),
        ]),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('agreement_partners')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partner_id', '=', partnerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('conference_participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.or([
          eb('partner_id', '=', partnerId),
          eb(
            'contact_id',
            'in',
            eb
              .selectFrom('partner_contacts')
              .select('partner_contacts.id')
              .where('partner_contacts.partner_id', '=', partnerId),
          ),
        ]),
      )
      .executeTakeFirstOrThrow(),
  ]);
  return {
    referrals: Number(referrals.n),
    agreements: Number(agreements.n),
    conferences: Number(conferences.n),
  };
}

export type RemovalOutcome = 'deleted' | 'archived';

/** Deletes a partner nothing refers to; one still referenced is archived instead, its history kept. */
export async function deletePartner(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<{ outcome: RemovalOutcome; references: PartnerReferences }> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  return inTransaction(deps.db, async (trx) => {
    const row = await readablePartnerRow(trx, ctx, id);
    authorize(ctx.actor, directoryPolicy.archive, { organisationId: row.organisation_id });
    if (row.version !== version) return conflict(trx, ctx, id);
    const references = await partnerReferences(trx, id);
    const referenced = references.referrals + references.agreements + references.conferences > 0;
    const details = { scope: scopeOf(row.organisation_id), ...references };
    if (referenced) {
      if (row.archived_at === null) {
        await trx
          .updateTable('partners')
          .set({
            archived_at: ctx.now.toISOString(),
            updated_by: ctx.actor.userId,
            updated_at: ctx.now.toISOString(),
            version: row.version + 1,
          })
          .where('id', '=', id)
          .execute();
        await audit(trx, ctx, { action: 'partner.archive', entityType: 'partner', entityId: id, details });
      }
      return { outcome: 'archived' as const, references };
    }
    await trx.deleteFrom('offers').where('partner_id', '=', id).execute();
    await trx.deleteFrom('partner_contacts').where('partner_id', '=', id).execute();
    await trx.deleteFrom('partners').where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'partner.delete', entityType: 'partner', entityId: id, details });
    return { outcome: 'deleted' as const, references };
  });
}

export async function restorePartner(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<PartnerView> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  return inTransaction(deps.db, async (trx) => {
    const row = await readablePartnerRow(trx, ctx, id);
    authorize(ctx.actor, directoryPolicy.archive, { organisationId: row.organisation_id });
    if (row.version !== version) return conflict(trx, ctx, id);
    if (row.archived_at !== null) {
      await trx
        .updateTable('partners')
        .set({
          archived_at: null,
          updated_by: ctx.actor.userId,
          updated_at: ctx.now.toISOString(),
          version: row.version + 1,
        })
        .where('id', '=', id)
        .execute();
      await audit(trx, ctx, {
        action: 'partner.restore',
        entityType: 'partner',
        entityId: id,
        details: { scope: scopeOf(row.organisation_id) },
      });
    }
    return partnerView(trx, ctx, await readablePartnerRow(trx, ctx, id));
  });
}

export interface PartnerListQuery {
  q?: string;
  type?: string;
  district?: string;
  language?: string;
  targetGroup?: TargetGroup;
  freePlaces?: boolean;
  scope?: DirectoryScope;
  includeArchived?: boolean;
  page?: number;
  pageSize?: number;
}

export interface PartnerListItem {
  id: string;
  shared: boolean;
  name: string;
  type: string;
  district: string | null;
  city: string | null;
  archived: boolean;
  /** Offers not archived. */
  offers: number;
  /** Free places of the offers valid today. */
  freePlaces: number;
  version: number;
}

export async function listPartners(
  deps: AppDeps,
  ctx: RequestContext,
  query: PartnerListQuery,
): Promise<Page<PartnerListItem>> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  const { page, pageSize, offset } = pageWindow(query);
  const day = today(ctx);
  const org = ctx.actor.organisationId;
  const dialect = deps.dialect;
  let base = deps.db.selectFrom('partners');
  const scope = query.scope ?? 'all';
  if (scope === 'own') base = base.where('partners.organisation_id', '=', org);
  else if (scope === 'shared') base = base.where('partners.organisation_id', 'is', null);
  else
    base = base.where((eb) =>
      eb.or([eb('partners.organisation_id', '=', org), eb('partners.organisation_id', 'is', null)]),
    );
  if (!query.includeArchived) base = base.where('partners.archived_at', 'is', null);
  if (query.type) base = base.where('partners.type', '=', query.type);

  // Conditions on the partner's offers (not archived) become one EXISTS.
  const offerConditions: ((eb: ExpressionBuilder<DB, 'offers'>) => Expression<SqlBool>)[] = [];
  if (query.language) {
    const code = query.language;
    offerConditions.push(() => jsonArrayContains(dialect, 'offers.languages', code));
  }
  if (query.targetGroup) {
    const group = query.targetGroup;
    offerConditions.push(() => jsonArrayContains(dialect, 'offers.target_groups', group));
  }
  if (query.freePlaces) {
    offerConditions.push((eb) => eb.and([validOnDay(eb, day), eb('offers.free_places', '>', 0)]));
  }
  if (offerConditions.length > 0) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('offers')
          .select('offers.id')
          .whereRef('offers.partner_id', '=', 'partners.id')
          .where('offers.archived_at', 'is', null)
          .where((oe) => oe.and(offerConditions.map((c) => c(oe)))),
      ),
    );
  }
  if (query.district) {
    const district = query.district;
    // The partner's own district, or one of its offers held in that district.
    base = base.where((eb) =>
      eb.or([
        eb('partners.district', '=', district),
        eb.exists(
          eb
            .selectFrom('offers')
            .select('offers.id')
            .whereRef('offers.partner_id', '=', 'partners.id')
            .where('offers.archived_at', 'is', null)
            .where('offers.district', '=', district),
        ),
      ]),
    );
  }
  if (query.q && query.q.trim() !== '') {
    const term = query.q;
    base = base.where((eb) =>
      eb.or([
        containsIgnoringCase('partners.name', term),
        eb.exists(
          eb
            .selectFrom('offers')
            .select('offers.id')
            .whereRef('offers.partner_id', '=', 'partners.id')
            .where('offers.archived_at', 'is', null)
            .where(containsIgnoringCase('offers.title', term)),
        ),
      ]),
    );
  }
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  const rows = await base
    .select([
      'partners.id',
      'partners.organisation_id',
      'partners.name',
      'partners.type',
      'partners.district',
      'partners.city',
      'partners.archived_at',
      'partners.version',
    ])
    .orderBy('partners.name')
    .orderBy('partners.id')
    .limit(pageSize)
    .offset(offset)
    .execute();
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await deps.db
        .selectFrom('offers')
        .select((eb) => [
          'offers.partner_id',
          eb.fn.countAll<number>().as('offers'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(validOnDay(eb, day))
                .then(eb.fn.coalesce('offers.free_places', sql<number>`0`))
                .else(sql<number>`0`)
                .end(),
            )
            .as('free'),
        ])
        .where('offers.partner_id', 'in', ids)
        .where('offers.archived_at', 'is', null)
        .groupBy('offers.partner_id')
        .execute()
    : [];
  const byPartner = new Map(counts.map((c) => [c.partner_id, c]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      shared: r.organisation_id === null,
      name: r.name,
      type: r.type,
      district: r.district,
      city: r.city,
      archived: r.archived_at !== null,
      offers: Number(byPartner.get(r.id)?.offers ?? 0),
      freePlaces: Number(byPartner.get(r.id)?.free ?? 0),
      version: r.version,
    })),
    total: Number(counted?.total ?? 0),
    page,
    pageSize,
  };
}

// ————————————————————————————————————————— offers —————————————————————————————————————————

export interface OfferInput {
  title: string;
  description?: string | null;
  field?: FieldOfAction | null;
  targetGroups: TargetGroup[];
  ageMin?: number | null;
  ageMax?: number | null;
  languages: string[];
  district?: string | null;
  costBearer?: string | null;
  capacity?: number | null;
  freePlaces?: number | null;
  waitingDays?: number | null;
  validFrom?: string | null;
  validTo?: string | null;
}

const OFFER_FIELDS = [
  ['title', 'title'],
  ['description', 'description'],
  ['field', 'field'],
  ['targetGroups', 'target_groups'],
  ['ageMin', 'age_min'],
  ['ageMax', 'age_max'],
  ['languages', 'languages'],
  ['district', 'district'],
  ['costBearer', 'cost_bearer'],
  ['capacity', 'capacity'],
  ['freePlaces', 'free_places'],
  ['waitingDays', 'waiting_days'],
  ['validFrom', 'valid_from'],
  ['validTo', 'valid_to'],
] as const;

function offerValues(input: OfferInput) {
  return {
    title: input.title.trim(),
    description: clean(input.description),
    field: input.field ?? null,
    target_groups: JSON.stringify([...new Set(input.targetGroups)]),
    age_min: input.ageMin ?? null,
    age_max: input.ageMax ?? null,
    languages: JSON.stringify([...new Set(input.languages)]),
    district: clean(input.district),
    cost_bearer: clean(input.costBearer),
    capacity: input.capacity ?? null,
    free_places: input.freePlaces ?? null,
    waiting_days: input.waitingDays ?? null,
    valid_from: input.validFrom ?? null,
    valid_to: input.validTo ?? null,
  };
}

function checkOffer(input: OfferInput, ctx: RequestContext): void {
  const findings = offerFindings(input);
  if (input.title.trim() === '') findings.unshift({ pointer: '/title', code: 'required' });
  if (findings.length > 0) throw new Problem('validation', { errors: toErrors(findings, ctx) });
}

async function readableOfferRow(db: Executor, ctx: RequestContext, id: string) {
  const row = await loadOfferRow(db, id);
  if (!row || !visible(row.organisation_id, ctx)) throw new Problem('not-found');
  return row;
}

async function offerConflict(db: Executor, ctx: RequestContext, id: string): Promise<never> {
  throw new Problem('version-conflict', {
    extra: { current: offerView(await readableOfferRow(db, ctx, id), today(ctx)) },
  });
}

export async function createOffer(
  deps: AppDeps,
  ctx: RequestContext,
  partnerId: string,
  input: OfferInput,
): Promise<OfferView> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  checkOffer(input, ctx);
  return inTransaction(deps.db, async (trx) => {
    const partner = await readablePartnerRow(trx, ctx, partnerId);
    authorize(ctx.actor, directoryPolicy.edit, { organisationId: partner.organisation_id });
    if (partner.archived_at !== null) throw new Problem('partner-archived');
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('offers')
      .values({
        id,
        partner_id: partnerId,
        organisation_id: partner.organisation_id,
        ...offerValues(input),
        archived_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'offer.create',
      entityType: 'offer',
      entityId: id,
      details: { partnerId, scope: scopeOf(partner.organisation_id) },
    });
    return offerView(await readableOfferRow(trx, ctx, id), today(ctx));
  });
}

export async function updateOffer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: OfferInput & { version: number },
): Promise<OfferView> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  checkOffer(input, ctx);
  return inTransaction(deps.db, async (trx) => {
    const row = await readableOfferRow(trx, ctx, id);
    authorize(ctx.actor, directoryPolicy.edit, { organisationId: row.organisation_id });
    if (row.version !== input.version) return offerConflict(trx, ctx, id);
    const partner = await readablePartnerRow(trx, ctx, row.partner_id);
    if (row.archived_at !== null || partner.archived_at !== null) throw new Problem('partner-archived');
    const values = offerValues(input);
    const changed = OFFER_FIELDS.filter(([, column]) => values[column] !== row[column]).map(([f]) => f);
    const updated = await trx
      .updateTable('offers')
      .set({ ...values, updated_at: ctx.now.toISOString(), version: row.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return offerConflict(trx, ctx, id);
    await audit(trx, ctx, {
      action: 'offer.update',
      entityType: 'offer',
      entityId: id,
      details: { partnerId: row.partner_id, scope: scopeOf(row.organisation_id), changed },
    });
    return offerView(await readableOfferRow(trx, ctx, id), today(ctx));
  });
}

/** Deletes an offer no referral points to; one that a referral names is archived instead. */
export async function deleteOffer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number | undefined,
): Promise<{ outcome: RemovalOutcome; references: { referrals: number } }> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  return inTransaction(deps.db, async (trx) => {
    const row = await readableOfferRow(trx, ctx, id);
    authorize(ctx.actor, directoryPolicy.archive, { organisationId: row.organisation_id });
    if (version !== undefined && row.version !== version) return offerConflict(trx, ctx, id);
    // Referrals are created by migration 0006 with the directory; see partnerReferences.
    const refs = await trx
      .selectFrom('referrals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('offer_id', '=', id)
      .executeTakeFirstOrThrow();
    const references = { referrals: Number(refs.n) };
    const details = { partnerId: row.partner_id, scope: scopeOf(row.organisation_id), ...references };
    if (references.referrals > 0) {
      if (row.archived_at === null) {
        await trx
          .updateTable('offers')
          .set({
            archived_at: ctx.now.toISOString(),
            updated_at: ctx.now.toISOString(),
            version: row.version + 1,
          })
          .where('id', '=', id)
          .execute();
        await audit(trx, ctx, { action: 'offer.archive', entityType: 'offer', entityId: id, details });
      }
      return { outcome: 'archived' as const, references };
    }
    await trx.deleteFrom('offers').where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'offer.delete', entityType: 'offer', entityId: id, details });
    return { outcome: 'deleted' as const, references };
  });
}

export async function restoreOffer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<OfferView> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  return inTransaction(deps.db, async (trx) => {
    const row = await readableOfferRow(trx, ctx, id);
    authorize(ctx.actor, directoryPolicy.archive, { organisationId: row.organisation_id });
    if (row.version !== version) return offerConflict(trx, ctx, id);
    const partner = await readablePartnerRow(trx, ctx, row.partner_id);
    if (partner.archived_at !== null) throw new Problem('partner-archived');
    if (row.archived_at !== null) {
      await trx
        .updateTable('offers')
        .set({ archived_at: null, updated_at: ctx.now.toISOString(), version: row.version + 1 })
        .where('id', '=', id)
        .execute();
      await audit(trx, ctx, {
        action: 'offer.restore',
        entityType: 'offer',
        entityId: id,
        details: { partnerId: row.partner_id, scope: scopeOf(row.organisation_id) },
      });
    }
    return offerView(await readableOfferRow(trx, ctx, id), today(ctx));
  });
}

export interface OfferSearchQuery {
  q?: string;
  field?: FieldOfAction;
  type?: string;
  district?: string;
  language?: string;
  targetGroup?: TargetGroup;
  age?: number;
  freePlaces?: boolean;
  validOn?: string;
  partnerId?: string;
  page?: number;
  pageSize?: number;
}

export interface OfferSearchItem extends OfferView {
  partner: { id: string; name: string; type: string; district: string | null };
}

/**
 * Offers of the visible directory (own and shared) that can be chosen on a day — the referral dialog's
 * search. Archived offers and offers of archived partners never appear.
 */
export async function searchOffers(
  deps: AppDeps,
  ctx: RequestContext,
  query: OfferSearchQuery,
): Promise<Page<OfferSearchItem>> {
  authorize(ctx.actor, directoryPolicy.read, undefined);
  const { page, pageSize, offset } = pageWindow(query);
  const day = query.validOn ?? today(ctx);
  const org = ctx.actor.organisationId;
  let base = deps.db
    .selectFrom('offers')
    .innerJoin('partners', 'partners.id', 'offers.partner_id')
    .where((eb) => eb.or([eb('offers.organisation_id', '=', org), eb('offers.organisation_id', 'is', null)]))
    .where('partners.archived_at', 'is', null)
    .where((eb) => validOnDay(eb, day));
  if (query.partnerId) base = base.where('offers.partner_id', '=', query.partnerId);
  if (query.field) base = base.where('offers.field', '=', query.field);
  if (query.type) base = base.where('partners.type', '=', query.type);
  if (query.district) {
    const district = query.district;
    // Where the offer takes place; an offer without its own district is where its partner is.
    base = base.where((eb) =>
      eb.or([
        eb('offers.district', '=', district),
        eb.and([eb('offers.district', 'is', null), eb('partners.district', '=', district)]),
      ]),
    );
  }
  if (query.language) base = base.where(jsonArrayContains(deps.dialect, 'offers.languages', query.language));
  if (query.targetGroup) {
    base = base.where(jsonArrayContains(deps.dialect, 'offers.target_groups', query.targetGroup));
  }
  if (query.age !== undefined) {
    const age = query.age;
    base = base
      .where((eb) => eb.or([eb('offers.age_min', 'is', null), eb('offers.age_min', '<=', age)]))
      .where((eb) => eb.or([eb('offers.age_max', 'is', null), eb('offers.age_max', '>=', age)]));
  }
  if (query.freePlaces) base = base.where('offers.free_places', '>', 0);
  if (query.q && query.q.trim() !== '') {
    const term = query.q;
    base = base.where((eb) =>
      eb.or([
        containsIgnoringCase('offers.title', term),
        containsIgnoringCase('offers.description', term),
        containsIgnoringCase('partners.name', term),
      ]),
    );
  }
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  const rows = await base
    .selectAll('offers')
    .select([
      'partners.name as partner_name',
      'partners.type as partner_type',
      'partners.district as partner_district',
    ])
    .orderBy('offers.title')
    .orderBy('partners.name')
    .orderBy('offers.id')
    .limit(pageSize)
    .offset(offset)
    .execute();
  const todayIs = today(ctx);
  return {
    items: rows.map((r) => ({
      ...offerView(r, todayIs),
      partner: { id: r.partner_id, name: r.partner_name, type: r.partner_type, district: r.partner_district },
    })),
    total: Number(counted?.total ?? 0),
    page,
    pageSize,
  };
}
