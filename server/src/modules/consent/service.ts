import type { Selectable } from 'kysely';
import type { ConsentTable } from '../../db/types.js';
import { audit, auditRead, inTransaction, originOf, readAudited } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { decryptText, encryptText } from '../../core/crypto.js';
import { DOCUMENT_TYPES, matchesContentType, MAX_DOCUMENT_BYTES } from '../../core/documents.js';
import { fieldError, Problem, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { accessToCases } from '../cases/access.js';
import { readableClient } from '../clients/service.js';
import { anonymiseClient, type AnonymisationSummary } from '../privacy/anonymise.js';
import { processingBasis, type ProcessingBasis } from './basis.js';
import {
  guardianRequired,
  recipientKey,
  validOn,
  type ConsentForm,
  type ConsentKind,
  type DataCategory,
  type Purpose,
} from './domain.js';

export interface ConsentInput {
  kind: ConsentKind;
  givenBy: 'client' | 'guardian';
  guardianPersonId?: string | null;
  form: ConsentForm;
  witness?: string | null;
  documentId?: string | null;
  givenOn: string;
  validUntil?: string | null;
  language: string;
  templateId?: string | null;
  recipient?: { kind: 'organisation' | 'person'; name: string } | null;
  purpose?: Purpose | null;
  categories?: DataCategory[];
}

export interface ConsentView {
  id: string;
  clientId: string;
  kind: ConsentKind;
  givenBy: 'client' | 'guardian';
  guardian: { id: string; name: string } | null;
  form: ConsentForm;
  witness: string | null;
  document: { id: string; filename: string } | null;
  givenOn: string;
  validUntil: string | null;
  language: string;
  templateId: string | null;
  recipient: { kind: 'organisation' | 'person'; name: string } | null;
  purpose: Purpose | null;
  categories: DataCategory[];
  revoked: { on: string; by: string } | null;
  validToday: boolean;
  version: number;
}

type ConsentRow = Selectable<ConsentTable>;

/** May the actor change this client's file (record consents, upload scans)? */
export async function requireClientWrite(db: Executor, ctx: RequestContext, clientId: string) {
  const client = await readableClient(db, ctx, clientId);
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'organisation_id', 'org_unit_id', 'responsible_user_id'])
    .where('client_id', '=', clientId)
    .execute();
  const access = await accessToCases(db, ctx, cases);
  const may =
    cases.length === 0
      ? client.created_by === ctx.actor.userId
      : [...access.values()].some((a) => a.write || a.journal);
  if (!may) throw new Problem('forbidden');
  if (client.anonymised_at) throw new Problem('forbidden', { detail: 'anonymised' });
  return client;
}

async function consentViews(db: Executor, rows: ConsentRow[], today: string): Promise<ConsentView[]> {
  const personIds = rows.map((r) => r.guardian_person_id).filter((x): x is string => x !== null);
  const docIds = rows.map((r) => r.document_id).filter((x): x is string => x !== null);
  const [persons, docs] = await Promise.all([
    personIds.length
      ? db.selectFrom('client_related_persons').select(['id', 'name']).where('id', 'in', personIds).execute()
      : [],
    docIds.length
      ? db.selectFrom('documents').select(['id', 'filename']).where('id', 'in', docIds).execute()
      : [],
  ]);
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    kind: r.kind as ConsentKind,
    givenBy: r.given_by as 'client' | 'guardian',
    guardian: persons.find((p) => p.id === r.guardian_person_id) ?? null,
    form: r.form as ConsentForm,
    witness: r.witness,
    document: docs.find((d) => d.id === r.document_id) ?? null,
    givenOn: r.given_on,
    validUntil: r.valid_until,
    language: r.language,
    templateId: r.template_id,
    recipient:
      r.recipient_kind && r.recipient_name
        ? { kind: r.recipient_kind as 'organisation' | 'person', name: r.recipient_name }
        : null,
    purpose: r.purpose as Purpose | null,
    categories: JSON.parse(r.categories) as DataCategory[],
    revoked: r.revoked_on ? { on: r.revoked_on, by: r.revoked_by ?? '' } : null,
    validToday: validOn(
      { kind: r.kind, givenOn: r.given_on, validUntil: r.valid_until, revokedOn: r.revoked_on },
      today,
    ),
    version: r.version,
  }));
}

async function validateConsent(
  db: Executor,
  ctx: RequestContext,
  client: { id: string; birth_date: string | null; birth_year: number | null },
  input: ConsentInput,
) {
  const today = localDate(ctx.now);
  const errors: FieldError[] = [];
  if (input.givenOn > today) errors.push(fieldError('/givenOn', 'in-future', ctx.locale));
  if (input.validUntil && input.validUntil < input.givenOn)
    errors.push(fieldError('/validUntil', 'date-order', ctx.locale));
  // Under 16 on the day of signing, the guardians consent [001 L402–440].
  if (guardianRequired(client.birth_date, client.birth_year, input.givenOn) && input.givenBy !== 'guardian') {
    errors.push(fieldError('/givenBy', 'guardian-required', ctx.locale));
  }
  if (input.givenBy === 'guardian') {
    const guardian = input.guardianPersonId
      ? await db
          .selectFrom('client_related_persons')
          .select(['id', 'is_guardian'])
          .where('id', '=', input.guardianPersonId)
          .where('client_id', '=', client.id)
          .executeTakeFirst()
      : undefined;
    if (!guardian || !guardian.is_guardian)
      errors.push(fieldError('/guardianPersonId', 'guardian-required', ctx.locale));
  }
  if (input.form === 'oral' && !input.witness) errors.push(fieldError('/witness', 'required', ctx.locale));
  if (input.form === 'written') {
    const doc = input.documentId
      ? await db
          .selectFrom('documents')
          .select('id')
          .where('id', '=', input.documentId)
          .where('client_id', '=', client.id)
          .executeTakeFirst()
      : undefined;
    if (!doc) errors.push(fieldError('/documentId', 'required', ctx.locale));
  }
  if (input.kind === 'release') {
    if (!input.recipient) errors.push(fieldError('/recipient', 'required', ctx.locale));
    if (!input.purpose) errors.push(fieldError('/purpose', 'required', ctx.locale));
    if (!input.categories || input.categories.length === 0)
      errors.push(fieldError('/categories', 'minItems', ctx.locale, { limit: 1 }));
  }
  if (input.templateId) {
    const tpl = await db
      .selectFrom('consent_templates')
      .select(['id', 'kind'])
      .where('id', '=', input.templateId)
      .where('organisation_id', '=', ctx.actor.organisationId)
      .executeTakeFirst();
    if (!tpl || tpl.kind !== input.kind) errors.push(fieldError('/templateId', 'not-in-list', ctx.locale));
  }
  if (errors.length > 0) throw new Problem('validation', { errors });
}

export async function insertConsent(
  trx: Executor,
  ctx: RequestContext,
  clientId: string,
  input: ConsentInput,
): Promise<string> {
  const id = newId();
  const at = ctx.now.toISOString();
  await trx
    .insertInto('consents')
    .values({
      id,
      organisation_id: ctx.actor.organisationId,
      client_id: clientId,
      kind: input.kind,
      given_by: input.givenBy,
      guardian_person_id: input.givenBy === 'guardian' ? (input.guardianPersonId ?? null) : null,
      form: input.form,
      witness: input.form === 'oral' ? (input.witness ?? null) : null,
      document_id: input.form === 'written' ? (input.documentId ?? null) : null,
      given_on: input.givenOn,
      valid_until: input.validUntil ?? null,
      template_id: input.templateId ?? null,
      language: input.language,
      recipient_kind: input.kind === 'release' ? (input.recipient?.kind ?? null) : null,
      recipient_name: input.kind === 'release' ? (input.recipient?.name.trim() ?? null) : null,
      recipient_key: input.kind === 'release' && input.recipient ? recipientKey(input.recipient.name) : null,
      partner_id: null,
      purpose: input.kind === 'release' ? (input.purpose ?? null) : null,
      categories: JSON.stringify(input.kind === 'release' ? (input.categories ?? []) : []),
      revoked_on: null,
      revoked_by: null,
      revocation_recorded_by: null,
      created_by: ctx.actor.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  await audit(trx, ctx, {
    action: 'consent.record',
    entityType: 'consent',
    entityId: id,
    details: {
      clientId,
      kind: input.kind,
      form: input.form,
      givenBy: input.givenBy,
      categories: input.categories ?? [],
    },
  });
  return id;
}

export async function recordConsent(
  deps: AppDeps,
  ctx: RequestContext,
  clientId: string,
  input: ConsentInput,
): Promise<ConsentView> {
  return inTransaction(deps.db, async (trx) => {
    const client = await requireClientWrite(trx, ctx, clientId);
    await validateConsent(trx, ctx, client, input);
    const id = await insertConsent(trx, ctx, clientId, input);
    const row = await trx.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [view] = await consentViews(trx, [row], localDate(ctx.now));
    if (!view) throw new Error('consent vanished');
    return view;
  });
}

export async function listConsents(
  deps: AppDeps,
  ctx: RequestContext,
  clientId: string,
): Promise<{ items: ConsentView[]; basis: ProcessingBasis; guardianRequiredToday: boolean }> {
  return readAudited(deps.db, async (trx) => {
    const client = await readableClient(trx, ctx, clientId);
    const today = localDate(ctx.now);
    const rows = await trx
      .selectFrom('consents')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('given_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    await auditRead(trx, ctx, 'client', clientId, { part: 'consents' });
    return {
      items: await consentViews(trx, rows, today),
      basis: await processingBasis(trx, clientId, today),
      guardianRequiredToday: guardianRequired(client.birth_date, client.birth_year, today),
    };
  });
}

/**
 * Revokes a consent. Revoking the data-processing consent anonymises the client at once [001 L431]; revoking a
 * release blocks further disclosures to that recipient (the disclosure check sees the revocation).
 */
export async function revokeConsent(
  deps: AppDeps,
  ctx: RequestContext,
  consentId: string,
  input: { version: number; revokedOn: string; revokedBy: 'client' | 'guardian' },
): Promise<{ consent: ConsentView | null; anonymisation: AnonymisationSummary | null }> {
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('consents').selectAll().where('id', '=', consentId).executeTakeFirst();
    if (!row || row.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
    await requireClientWrite(trx, ctx, row.client_id);
    if (row.version !== input.version) throw new Problem('version-conflict');
    const errors: FieldError[] = [];
    if (input.revokedOn > localDate(ctx.now)) errors.push(fieldError('/revokedOn', 'in-future', ctx.locale));
    if (input.revokedOn < row.given_on) errors.push(fieldError('/revokedOn', 'date-order', ctx.locale));
    if (row.revoked_on) errors.push(fieldError('/revokedOn', 'not-allowed', ctx.locale));
    if (errors.length > 0) throw new Problem('validation', { errors });
    await trx
      .updateTable('consents')
      .set({
        revoked_on: input.revokedOn,
        revoked_by: input.revokedBy,
        revocation_recorded_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', consentId)
      .where('version', '=', input.version)
      .execute();
    await audit(trx, ctx, {
      action: 'consent.revoke',
      entityType: 'consent',
      entityId: consentId,
      details: { kind: row.kind, clientId: row.client_id },
    });
    if (row.kind === 'data_processing') {
      const anonymisation = await anonymiseClient(trx, originOf(ctx), row.client_id, 'consent_revoked');
      return { consent: null, anonymisation };
    }
    const updated = await trx
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', consentId)
      .executeTakeFirstOrThrow();
    const [view] = await consentViews(trx, [updated], localDate(ctx.now));
    return { consent: view ?? null, anonymisation: null };
  });
}

export async function setLegalBasis(
  deps: AppDeps,
  ctx: RequestContext,
  clientId: string,
  input: { legalBasis: string | null; note?: string | null },
): Promise<ProcessingBasis> {
  return inTransaction(deps.db, async (trx) => {
    await requireClientWrite(trx, ctx, clientId);
    if (input.legalBasis && !input.note) {
      throw new Problem('validation', { errors: [fieldError('/note', 'required', ctx.locale)] });
    }
    await trx
      .updateTable('clients')
      .set((eb) => ({
        legal_basis: input.legalBasis,
        legal_basis_note: input.note ?? null,
        updated_at: ctx.now.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', clientId)
      .execute();
    await audit(trx, ctx, {
      action: 'client.legal_basis',
      entityType: 'client',
      entityId: clientId,
      details: { legalBasis: input.legalBasis },
    });
    return processingBasis(trx, clientId, localDate(ctx.now));
  });
}

/** A signed form's scan; stored encrypted, removed on anonymisation. */
export async function uploadDocument(
  deps: AppDeps,
  ctx: RequestContext,
  clientId: string,
  input: { filename: string; contentType: string; contentBase64: string },
): Promise<{ id: string; filename: string; size: number }> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const errors: FieldError[] = [];
  const declared = DOCUMENT_TYPES.find((type) => type === input.contentType);
  if (declared === undefined) errors.push(fieldError('/contentType', 'enum', ctx.locale));
  if (bytes.length === 0) errors.push(fieldError('/contentBase64', 'minLength', ctx.locale, { limit: 1 }));
  else if (bytes.length > MAX_DOCUMENT_BYTES)
    errors.push(fieldError('/contentBase64', 'maxLength', ctx.locale, { limit: MAX_DOCUMENT_BYTES }));
  else if (declared !== undefined && !matchesContentType(bytes, declared))
    errors.push(fieldError('/contentBase64', 'format', ctx.locale, { format: declared }));
  if (errors.length > 0) throw new Problem('validation', { errors });
  return inTransaction(deps.db, async (trx) => {
    await requireClientWrite(trx, ctx, clientId);
    const id = newId();
    await trx
      .insertInto('documents')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        client_id: clientId,
        kind: 'consent_scan',
        filename: input.filename,
        content_type: input.contentType,
        size: bytes.length,
        content: encryptText(deps.keys, bytes.toString('base64')),
        uploaded_at: ctx.now.toISOString(),
        uploaded_by: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'document.upload',
      entityType: 'document',
      entityId: id,
      details: { clientId, size: bytes.length },
    });
    return { id, filename: input.filename, size: bytes.length };
  });
}

export async function downloadDocument(
  deps: AppDeps,
  ctx: RequestContext,
  documentId: string,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  return inTransaction(deps.db, async (trx) => {
    const doc = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
    if (!doc || doc.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
    await readableClient(trx, ctx, doc.client_id);
    await auditRead(trx, ctx, 'document', documentId);
    return {
      filename: doc.filename,
      contentType: doc.content_type,
      bytes: Buffer.from(decryptText(deps.keys, doc.content), 'base64'),
    };
  });
}

export async function validReleases(db: Executor, clientId: string) {
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('kind', '=', 'release')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    givenOn: r.given_on,
    validUntil: r.valid_until,
    revokedOn: r.revoked_on,
    recipientKey: r.recipient_key,
    purpose: r.purpose,
    categories: JSON.parse(r.categories) as string[],
  }));
}
