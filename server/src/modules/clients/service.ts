import type { Selectable } from 'kysely';
import type { ClientTable } from '../../db/types.js';
import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { casePolicy } from '../cases/policy.js';
import { accessToCases } from '../cases/access.js';
import { localDate } from '../../core/clock.js';
import { decryptNullable, encryptNullable, type KeyRing } from '../../core/crypto.js';
import { processingBasis, requireProcessingBasis, type ProcessingBasis } from '../consent/basis.js';
import { guardianRequired, MINIMAL_CLIENT_FIELDS } from '../consent/domain.js';
import { insertConsent } from '../consent/service.js';
import {
  birthYearOf,
  foldName,
  isPossibleDuplicate,
  searchKey,
  type Gender,
  type LegalDomain,
  type Relation,
  type ResidenceStatus,
} from './domain.js';

export interface RelatedPerson {
  relation: Relation;
  name: string;
  isGuardian: boolean;
  phone?: string | null;
  email?: string | null;
  note?: string | null;
}

export interface ClientInput {
  familyName: string;
  givenNames: string;
  birthDate?: string | null;
  birthYear?: number | null;
  gender: Gender;
  nationalities?: string[];
  countryOfOrigin?: string | null;
  languages?: { code: string; level: string }[];
  interpreterNeeded?: boolean;
  residenceStatus?: ResidenceStatus | null;
  residenceValidUntil?: string | null;
  legalDomain?: LegalDomain | null;
  arrivalDate?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  districtId?: string | null;
  phone?: string | null;
  email?: string | null;
  relatedPersons?: RelatedPerson[];
  /** Special category (Art. 9 GDPR): stored encrypted, shown only to the case team. */
  healthNotes?: string | null;
}

/** A consent to data processing recorded together with the registration (signed at the first meeting). */
export interface InlineConsent {
  givenBy: 'client' | 'guardian';
  /** Index into relatedPersons of the guardian who signed. */
  guardianIndex?: number | null;
  form: 'written' | 'electronic' | 'oral';
  witness?: string | null;
  givenOn: string;
  validUntil?: string | null;
  language: 'de' | 'en' | 'ar' | 'uk';
}

export interface ClientCaseSummary {
  id: string;
  caseNumber: string;
  kind: string;
  phase: string;
  responsible: { id: string; displayName: string };
}

export interface ClientView {
  id: string;
  familyName: string;
  givenNames: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: Gender;
  nationalities: string[];
  countryOfOrigin: string | null;
  languages: { code: string; level: string }[];
  interpreterNeeded: boolean;
  residenceStatus: ResidenceStatus | null;
  residenceValidUntil: string | null;
  legalDomain: LegalDomain | null;
  arrivalDate: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  district: { id: string; name: string } | null;
  phone: string | null;
  email: string | null;
  /** Null when empty or when the reader is not in the case team (then healthNotesHidden is true). */
  healthNotes: string | null;
  healthNotesHidden: boolean;
  processing: ProcessingBasis;
  relatedPersons: {
    id: string;
    relation: Relation;
    name: string;
    isGuardian: boolean;
    phone: string | null;
    email: string | null;
    note: string | null;
  }[];
  cases: ClientCaseSummary[];
  anonymised: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type ClientRow = Selectable<ClientTable>;

/** Who may create clients: the people who run cases. */
export function mayRegisterClients(ctx: RequestContext): boolean {
  return casePolicy.open(ctx.actor, undefined);
}

/**
 * A client is visible to whoever may read one of the client's cases, and — until a first case exists — to
 * the person who registered them. Everyone else gets 404, also inside the organisation.
 */
async function readableClient(db: Executor, ctx: RequestContext, id: string): Promise<ClientRow> {
  const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'organisation_id', 'org_unit_id', 'responsible_user_id'])
    .where('client_id', '=', id)
    .execute();
  if (cases.length === 0) {
    if (row.created_by === ctx.actor.userId) return row;
    throw new Problem('not-found');
  }
  const access = await accessToCases(db, ctx, cases);
  if ([...access.values()].some((a) => a.read)) return row;
  if ([...access.values()].some((a) => a.meta)) throw new Problem('break-glass-required');
  throw new Problem('not-found');
}

async function validateReferences(db: Executor, ctx: RequestContext, input: ClientInput): Promise<void> {
  const errors: FieldError[] = [];
  if (!input.birthDate && (input.birthYear === undefined || input.birthYear === null)) {
    errors.push(fieldError('/birthDate', 'birth-needed', ctx.locale));
  }
  if (input.birthDate && input.birthYear && Number(input.birthDate.slice(0, 4)) !== input.birthYear) {
    errors.push(fieldError('/birthYear', 'pattern', ctx.locale));
  }
  const today = localDate(ctx.now);
  if (input.birthDate && input.birthDate > today)
    errors.push(fieldError('/birthDate', 'in-future', ctx.locale));
  if (input.arrivalDate && input.arrivalDate > today)
    errors.push(fieldError('/arrivalDate', 'in-future', ctx.locale));
  if (input.districtId) {
    const district = await db
      .selectFrom('districts')
      .select('id')
      .where('id', '=', input.districtId)
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!district) errors.push(fieldError('/districtId', 'not-in-list', ctx.locale));
  }
  if (errors.length > 0) throw new Problem('validation', { errors });
}

function columnsOf(input: ClientInput, keys: KeyRing) {
  return {
    family_name: input.familyName.trim(),
    given_names: input.givenNames.trim(),
    search_key: searchKey(input.familyName, input.givenNames),
    family_key: foldName(input.familyName),
    birth_date: input.birthDate ?? null,
    birth_year: birthYearOf(input.birthDate ?? null, input.birthYear ?? null),
    gender: input.gender,
    nationalities: JSON.stringify(input.nationalities ?? []),
    country_of_origin: input.countryOfOrigin ?? null,
    languages: JSON.stringify(input.languages ?? []),
    interpreter_needed: input.interpreterNeeded ?? false,
    residence_status: input.residenceStatus ?? null,
    residence_valid_until: input.residenceValidUntil ?? null,
    legal_domain: input.legalDomain ?? null,
    arrival_date: input.arrivalDate ?? null,
    street: input.street ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    district_id: input.districtId ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    // Absent means unchanged: a reader who may not see the health notes must not wipe them by saving.
    ...(input.healthNotes !== undefined ? { health_notes: encryptNullable(keys, input.healthNotes) } : {}),
  };
}

/** Fields beyond the minimal master data that the input fills (need consent or another legal basis). */
export function nonMinimalPointers(input: ClientInput): string[] {
  const minimal = new Set<string>([...MINIMAL_CLIENT_FIELDS, 'version']);
  return Object.entries(input)
    .filter(([key, value]) => {
      if (minimal.has(key) || value === null || value === undefined || value === false || value === '')
        return false;
      return !(Array.isArray(value) && value.length === 0);
    })
    .map(([key]) => `/${key}`);
}

async function replaceRelatedPersons(
  db: Executor,
  clientId: string,
  persons: RelatedPerson[],
): Promise<void> {
  await db.deleteFrom('client_related_persons').where('client_id', '=', clientId).execute();
  if (persons.length === 0) return;
  await db
    .insertInto('client_related_persons')
    .values(
      persons.map((p, i) => ({
        id: newId(),
        client_id: clientId,
        relation: p.relation,
        name: p.name.trim(),
        is_guardian: p.isGuardian,
        phone: p.phone ?? null,
        email: p.email ?? null,
        note: p.note ?? null,
        sort_order: i,
      })),
    )
    .execute();
}

/** Client views with district, related persons and the cases the actor may see — a fixed number of queries. */
export async function clientViews(
  db: Executor,
  ctx: RequestContext,
  rows: ClientRow[],
  keys: KeyRing,
): Promise<ClientView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const districtIds = rows.map((r) => r.district_id).filter((d): d is string => d !== null);
  const [persons, districts, cases] = await Promise.all([
    db
      .selectFrom('client_related_persons')
      .selectAll()
      .where('client_id', 'in', ids)
      .orderBy('sort_order')
      .execute(),
    districtIds.length > 0
      ? db.selectFrom('districts').select(['id', 'name']).where('id', 'in', districtIds).execute()
      : Promise.resolve([]),
    db
      .selectFrom('cases')
      .innerJoin('users', 'users.id', 'cases.responsible_user_id')
      .select([
        'cases.id',
        'cases.client_id',
        'cases.organisation_id',
        'cases.org_unit_id',
        'cases.responsible_user_id',
        'cases.case_number',
        'cases.kind',
        'cases.phase',
        'users.display_name',
      ])
      .where('cases.client_id', 'in', ids)
      .orderBy('cases.opened_on', 'desc')
      .execute(),
  ]);
  const access = await accessToCases(db, ctx, cases);
  const today = localDate(ctx.now);
  const bases = new Map<string, ProcessingBasis>();
  for (const r of rows) bases.set(r.id, await processingBasis(db, r.id, today));
  const inTeam = (r: ClientRow) => {
    const own = cases.filter((c) => c.client_id === r.id);
    return own.length === 0 ? r.created_by === ctx.actor.userId : own.some((c) => access.get(c.id)?.team);
  };
  return rows.map((r) => ({
    id: r.id,
    familyName: r.family_name,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    birthYear: r.birth_year,
    gender: r.gender as Gender,
    nationalities: JSON.parse(r.nationalities) as string[],
    countryOfOrigin: r.country_of_origin,
    languages: JSON.parse(r.languages) as { code: string; level: string }[],
    interpreterNeeded: Boolean(r.interpreter_needed),
    residenceStatus: r.residence_status as ResidenceStatus | null,
    residenceValidUntil: r.residence_valid_until,
    legalDomain: r.legal_domain as LegalDomain | null,
    arrivalDate: r.arrival_date,
    street: r.street,
    postalCode: r.postal_code,
    city: r.city,
    district: districts.find((d) => d.id === r.district_id) ?? null,
    phone: r.phone,
    email: r.email,
    healthNotes: inTeam(r) ? decryptNullable(keys, r.health_notes) : null,
    healthNotesHidden: !inTeam(r) && r.health_notes !== null,
    processing: bases.get(r.id) ?? {
      allowed: false,
      consent: false,
      legalBasis: null,
      caseManagementConsent: false,
      missing: ['data_processing', 'case_management'],
    },
    relatedPersons: persons
      .filter((p) => p.client_id === r.id)
      .map((p) => ({
        id: p.id,
        relation: p.relation as Relation,
        name: p.name,
        isGuardian: Boolean(p.is_guardian),
        phone: p.phone,
        email: p.email,
        note: p.note,
      })),
    cases: cases
      .filter((c) => c.client_id === r.id && access.get(c.id)?.meta)
      .map((c) => ({
        id: c.id,
        caseNumber: c.case_number,
        kind: c.kind,
        phase: c.phase,
        responsible: { id: c.responsible_user_id, displayName: c.display_name },
      })),
    anonymised: r.anonymised_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }));
}

/** Records the data-processing consent given at registration, guardian rule included. */
async function recordInlineConsent(
  trx: Executor,
  ctx: RequestContext,
  clientId: string,
  input: ClientInput,
  consent: InlineConsent,
) {
  const errors: FieldError[] = [];
  const birthDate = input.birthDate ?? null;
  const birthYear = birthYearOf(birthDate, input.birthYear ?? null);
  if (consent.givenOn > localDate(ctx.now))
    errors.push(fieldError('/consent/givenOn', 'in-future', ctx.locale));
  if (guardianRequired(birthDate, birthYear, consent.givenOn) && consent.givenBy !== 'guardian') {
    errors.push(fieldError('/consent/givenBy', 'guardian-required', ctx.locale));
  }
  let guardianPersonId: string | null = null;
  if (consent.givenBy === 'guardian') {
    const persons = await trx
      .selectFrom('client_related_persons')
      .select(['id', 'is_guardian', 'sort_order'])
      .where('client_id', '=', clientId)
      .execute();
    const guardian = persons.find((p) => p.sort_order === consent.guardianIndex);
    if (!guardian || !guardian.is_guardian)
      errors.push(fieldError('/consent/guardianIndex', 'guardian-required', ctx.locale));
    else guardianPersonId = guardian.id;
  }
  if (consent.form === 'oral' && !consent.witness)
    errors.push(fieldError('/consent/witness', 'required', ctx.locale));
  // A written consent's scan is uploaded afterwards (the client must exist first); oral needs a witness.
  if (errors.length > 0) throw new Problem('validation', { errors });
  await insertConsent(trx, ctx, clientId, {
    kind: 'data_processing',
    givenBy: consent.givenBy,
    guardianPersonId,
    form: consent.form,
    witness: consent.witness ?? null,
    givenOn: consent.givenOn,
    validUntil: consent.validUntil ?? null,
    language: consent.language,
  });
}

export interface DuplicateHint {
  /** Set only when the actor may open the record. */
  id: string | null;
  registeredOn: string;
  responsible: string[];
}

/**
 * Possible duplicates in the organisation. Only what helps to decide is shown: the actor's own records in
 * full; for others the registration date and whom to ask — never another client's data.
 */
export async function findDuplicates(
  db: Executor,
  ctx: RequestContext,
  input: ClientInput,
  exceptId?: string,
) {
  const year = birthYearOf(input.birthDate ?? null, input.birthYear ?? null);
  if (year === null) return [];
  let q = db
    .selectFrom('clients')
    .select(['id', 'family_name', 'given_names', 'birth_date', 'birth_year', 'created_at', 'created_by'])
    .where('organisation_id', '=', ctx.actor.organisationId)
    .where('birth_year', '=', year)
    .where('anonymised_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const candidates = (await q.execute()).filter((c) =>
    isPossibleDuplicate(
      {
        familyName: input.familyName,
        givenNames: input.givenNames,
        birthDate: input.birthDate ?? null,
        birthYear: year,
      },
      {
        familyName: c.family_name,
        givenNames: c.given_names,
        birthDate: c.birth_date,
        birthYear: c.birth_year,
      },
    ),
  );
  if (candidates.length === 0) return [];
  const cases = await db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.responsible_user_id')
    .select([
      'cases.id',
      'cases.client_id',
      'cases.organisation_id',
      'cases.org_unit_id',
      'cases.responsible_user_id',
      'users.display_name',
    ])
    .where(
      'cases.client_id',
      'in',
      candidates.map((c) => c.id),
    )
    .execute();
  const access = await accessToCases(db, ctx, cases);
  const creators = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where(
      'id',
      'in',
      candidates.map((c) => c.created_by),
    )
    .execute();
  return candidates.map((c): DuplicateHint => {
    const own = cases.filter((k) => k.client_id === c.id);
    const readable =
      own.length === 0 ? c.created_by === ctx.actor.userId : own.some((k) => access.get(k.id)?.read);
    const responsible =
      own.length > 0
        ? own.map((k) => k.display_name)
        : creators.filter((u) => u.id === c.created_by).map((u) => u.display_name);
    return {
      id: readable ? c.id : null,
      registeredOn: c.created_at.slice(0, 10),
      responsible: [...new Set(responsible)],
    };
  });
}

export async function registerClient(
  deps: AppDeps,
  ctx: RequestContext,
  input: ClientInput,
  options: { confirmNotDuplicate: boolean; consent?: InlineConsent | null },
): Promise<ClientView> {
  if (!mayRegisterClients(ctx)) throw new Problem('forbidden');
  // Before collecting personal data: consent [001 L402–440]. Without it only minimal master data.
  const beyondMinimal = nonMinimalPointers(input);
  if (beyondMinimal.length > 0 && !options.consent) {
    throw new Problem('consent-required', {
      errors: beyondMinimal.map((pointer) => fieldError(pointer, 'consent-required', ctx.locale)),
    });
  }
  return inTransaction(deps.db, async (trx) => {
    await validateReferences(trx, ctx, input);
    if (!options.confirmNotDuplicate) {
      const duplicates = await findDuplicates(trx, ctx, input);
      if (duplicates.length > 0) throw new Problem('possible-duplicate', { extra: { duplicates } });
    }
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('clients')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        health_notes: null,
        ...columnsOf(input, deps.keys),
        legal_basis: null,
        legal_basis_note: null,
        created_by: ctx.actor.userId,
        anonymised_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await replaceRelatedPersons(trx, id, input.relatedPersons ?? []);
    if (options.consent) await recordInlineConsent(trx, ctx, id, input, options.consent);
    await audit(trx, ctx, {
      action: 'client.create',
      entityType: 'client',
      entityId: id,
      details: { duplicateConfirmed: options.confirmNotDuplicate },
    });
    const row = await trx.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [view] = await clientViews(trx, ctx, [row], deps.keys);
    if (!view) throw new Error('registered client vanished');
    return view;
  });
}

export async function getClient(deps: AppDeps, ctx: RequestContext, id: string): Promise<ClientView> {
  return readAudited(deps.db, async (trx) => {
    const row = await readableClient(trx, ctx, id);
    await auditRead(trx, ctx, 'client', id);
    const [view] = await clientViews(trx, ctx, [row], deps.keys);
    if (!view) throw new Problem('not-found');
    return view;
  });
}

export async function updateClient(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ClientInput & { version: number },
): Promise<ClientView> {
  return inTransaction(deps.db, async (trx) => {
    const before = await readableClient(trx, ctx, id);
    const cases = await trx
      .selectFrom('cases')
      .select(['id', 'organisation_id', 'org_unit_id', 'responsible_user_id'])
      .where('client_id', '=', id)
      .execute();
    const access = await accessToCases(trx, ctx, cases);
    const mayWrite =
      cases.length === 0 ? before.created_by === ctx.actor.userId : [...access.values()].some((a) => a.write);
    if (!mayWrite) throw new Problem('forbidden');
    if (before.anonymised_at) throw new Problem('forbidden', { detail: 'anonymised' });
    if (before.version !== input.version) {
      const [current] = await clientViews(trx, ctx, [before], deps.keys);
      throw new Problem('version-conflict', { extra: { current } });
    }
    await validateReferences(trx, ctx, input);
    const beyondMinimal = nonMinimalPointers(input);
    if (beyondMinimal.length > 0) await requireProcessingBasis(trx, ctx, id, beyondMinimal);
    const result = await trx
      .updateTable('clients')
      .set({ ...columnsOf(input, deps.keys), updated_at: ctx.now.toISOString(), version: before.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Problem('version-conflict');
    await replaceRelatedPersons(trx, id, input.relatedPersons ?? []);
    const after = columnsOf(input, deps.keys);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) =>
        k !== 'search_key' &&
        k !== 'family_key' &&
        (k === 'health_notes'
          ? input.healthNotes !== undefined &&
            (input.healthNotes ?? null) !== decryptNullable(deps.keys, before.health_notes)
          : String(after[k] ?? '') !== String(before[k] ?? '')),
    );
    await audit(trx, ctx, {
      action: 'client.update',
      entityType: 'client',
      entityId: id,
      details: { changed },
    });
    const row = await trx.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [view] = await clientViews(trx, ctx, [row], deps.keys);
    if (!view) throw new Error('updated client vanished');
    return view;
  });
}

export interface ClientListItem {
  id: string;
  familyName: string;
  givenNames: string;
  birthDate: string | null;
  birthYear: number | null;
  caseCount: number;
}

/**
 * The clients the actor may open: registered by them without a case yet, or with a case they may read.
 * Search ignores case and diacritics ("Müller" finds "Mueller").
 */
export async function listClients(
  deps: AppDeps,
  ctx: RequestContext,
  query: { q?: string; page?: number; pageSize?: number },
): Promise<Page<ClientListItem>> {
  if (!mayRegisterClients(ctx)) throw new Problem('forbidden');
  const { page, pageSize, offset } = pageWindow(query);
  const today = localDate(ctx.now);
  return readAudited(deps.db, async (trx) => {
    let base = trx
      .selectFrom('clients')
      .where('clients.organisation_id', '=', ctx.actor.organisationId)
      .where('clients.anonymised_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('clients.created_by', '=', ctx.actor.userId),
            eb.not(
              eb.exists(
                eb.selectFrom('cases').select('cases.id').whereRef('cases.client_id', '=', 'clients.id'),
              ),
            ),
          ]),
          eb.exists(
            eb
              .selectFrom('cases')
              .select('cases.id')
              .whereRef('cases.client_id', '=', 'clients.id')
              .where((c) =>
                c.or([
                  c('cases.responsible_user_id', '=', ctx.actor.userId),
                  c.exists(
                    c
                      .selectFrom('case_delegations')
                      .select('case_delegations.id')
                      .whereRef('case_delegations.case_id', '=', 'cases.id')
                      .where('case_delegations.delegate_user_id', '=', ctx.actor.userId)
                      .where('case_delegations.revoked_at', 'is', null)
                      .where('case_delegations.starts_on', '<=', today)
                      .where('case_delegations.ends_on', '>=', today),
                  ),
                ]),
              ),
          ),
        ]),
      );
    if (query.q && query.q.trim() !== '') {
      base = base.where('clients.search_key', 'like', `%${foldName(query.q).replace(/[\\%_]/g, '')}%`);
    }
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await base
      .select([
        'clients.id',
        'clients.family_name',
        'clients.given_names',
        'clients.birth_date',
        'clients.birth_year',
        (eb) =>
          eb
            .selectFrom('cases')
            .select((c) => c.fn.countAll<number>().as('n'))
            .whereRef('cases.client_id', '=', 'clients.id')
            .as('case_count'),
      ])
      .orderBy('clients.family_name')
      .orderBy('clients.given_names')
      .orderBy('clients.id')
      .limit(pageSize)
      .offset(offset)
      .execute();
    await audit(trx, ctx, {
      action: 'client.list',
      entityType: 'client',
      details: { count: rows.length, page, search: Boolean(query.q) },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        familyName: r.family_name,
        givenNames: r.given_names,
        birthDate: r.birth_date,
        birthYear: r.birth_year,
        caseCount: Number(r.case_count ?? 0),
      })),
      total: Number(counted?.total ?? 0),
      page,
      pageSize,
    };
  });
}

export { readableClient };
