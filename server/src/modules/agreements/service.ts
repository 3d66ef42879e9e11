import type { Selectable } from 'kysely';
import { audit, inTransaction } from '../../core/audit.js';
import { addDays, localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { authorize } from '../../core/policy.js';
import type { CooperationAgreementTable } from '../../db/types.js';
import { matchesContentType, MAX_DOCUMENT_BYTES, type DocumentType } from '../../core/documents.js';
import { syncFollowUp } from '../followups/service.js';
import { partnerRefs, readablePartner } from '../partners/access.js';
import { personLookup } from '../users/service.js';
import {
  afterReview,
  agreementState,
  mayCarryDocument,
  normaliseRules,
  reminderOn,
  REVIEW_LEAD_DAYS,
  reviewDue,
  reviewErrors,
  termErrors,
  type AgreementForm,
  type AgreementRules,
  type AgreementState,
  type Finding,
  type ReviewOutcome,
} from './domain.js';
import { agreementPolicy } from './policy.js';

/**
 * Cooperation agreements of the organisation with network partners (issue 7; [001 L1930–1990]): partners,
 * form (with the signed document or minutes), goals, rules, term and review date. The responsible person is
 * reminded four weeks before the review by a follow-up without case (kept in step on every save); a yearly
 * review is recorded with its outcome and sets the next review date. Agreements hold no client data: the
 * audit entries name ids and codes only.
 */

type AgreementRow = Selectable<CooperationAgreementTable>;
type Person = { id: string; displayName: string };

export interface AgreementPartner {
  id: string;
  name: string;
  type: string;
  archived: boolean;
}

export interface AgreementSummary {
  id: string;
  title: string;
  form: AgreementForm;
  partners: AgreementPartner[];
  startsOn: string;
  endsOn: string | null;
  reviewOn: string | null;
  state: AgreementState;
  reviewDue: boolean;
  responsible: Person;
  hasDocument: boolean;
  archived: boolean;
  version: number;
}

export interface AgreementReview {
  id: string;
  reviewedOn: string;
  outcome: ReviewOutcome;
  notes: string | null;
  nextReviewOn: string | null;
  createdAt: string;
  createdBy: Person;
}

export interface AgreementView extends AgreementSummary {
  goals: string | null;
  rules: AgreementRules;
  document: { filename: string; contentType: string; size: number } | null;
  reviews: AgreementReview[];
  archivedAt: string | null;
  createdAt: string;
  createdBy: Person;
  updatedAt: string;
  updatedBy: Person;
  permissions: { manage: boolean };
}

export interface AgreementInput {
  title: string;
  form: AgreementForm;
  partnerIds: string[];
  goals?: string | null;
  rules?: Partial<Record<keyof AgreementRules, string | null>>;
  startsOn: string;
  endsOn?: string | null;
  reviewOn?: string | null;
  responsibleUserId?: string;
}

export interface AgreementQuery {
  partnerId?: string;
  state?: 'all' | AgreementState | 'archived';
  reviewDue?: boolean;
  page?: number;
  pageSize?: number;
}

function toFieldErrors(findings: Finding[], ctx: RequestContext): FieldError[] {
  return findings.map((f) => fieldError(f.pointer, f.code, ctx.locale));
}

/** The columns a list needs: the document's content stays in the database. */
const SUMMARY_COLUMNS = [
  'id',
  'organisation_id',
  'title',
  'form',
  'starts_on',
  'ends_on',
  'review_on',
  'responsible_user_id',
  'document_filename',
  'archived_at',
  'version',
] as const;

type SummaryRow = Pick<AgreementRow, (typeof SUMMARY_COLUMNS)[number]>;

/** Partners of many agreements with their names: two queries, whatever the number of agreements. */
async function partnersOf(
  db: Executor,
  ctx: RequestContext,
  agreementIds: readonly string[],
): Promise<Map<string, AgreementPartner[]>> {
  const out = new Map<string, AgreementPartner[]>();
  if (agreementIds.length === 0) return out;
  const links = await db
    .selectFrom('agreement_partners')
    .select(['agreement_id', 'partner_id'])
    .where('agreement_id', 'in', agreementIds)
    .execute();
  const refs = await partnerRefs(
    db,
    ctx,
    links.map((l) => l.partner_id),
  );
  for (const link of links) {
    const ref = refs.get(link.partner_id);
    if (!ref) continue;
    const list = out.get(link.agreement_id) ?? [];
    list.push({ id: ref.id, name: ref.name, type: ref.type, archived: ref.archived });
    out.set(link.agreement_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return out;
}

function summaryOf(
  row: SummaryRow,
  partners: AgreementPartner[],
  person: (id: string) => Person,
  today: string,
): AgreementSummary {
  const term = { startsOn: row.starts_on, endsOn: row.ends_on };
  return {
    id: row.id,
    title: row.title,
    form: row.form as AgreementForm,
    partners,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    reviewOn: row.review_on,
    state: agreementState(term, today),
    reviewDue: row.archived_at === null && reviewDue(row.review_on, today),
    responsible: person(row.responsible_user_id),
    hasDocument: row.document_filename !== null,
    archived: row.archived_at !== null,
    version: row.version,
  };
}

async function loadRow(db: Executor, ctx: RequestContext, id: string): Promise<AgreementRow> {
  const row = await db
    .selectFrom('cooperation_agreements')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new Problem('not-found');
  authorize(
    ctx.actor,
    agreementPolicy.ownOrganisation,
    { organisationId: row.organisation_id },
    { conceal: true },
  );
  return row;
}

async function viewOf(db: Executor, ctx: RequestContext, row: AgreementRow): Promise<AgreementView> {
  const [partners, reviews] = await Promise.all([
    partnersOf(db, ctx, [row.id]),
    db
      .selectFrom('agreement_reviews')
      .selectAll()
      .where('agreement_id', '=', row.id)
      .orderBy('reviewed_on', 'desc')
      .orderBy('created_at', 'desc')
      // Ids are time-ordered (v7): two reviews recorded in the same moment keep their order.
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const person = await personLookup(db, [
    row.responsible_user_id,
    row.created_by,
    row.updated_by,
    ...reviews.map((r) => r.created_by),
  ]);
  const today = localDate(ctx.now);
  return {
    ...summaryOf(row, partners.get(row.id) ?? [], person, today),
    goals: row.goals,
    rules: normaliseRules(JSON.parse(row.rules) as Partial<AgreementRules>),
    document:
      row.document_filename !== null && row.document_content_type !== null
        ? {
            filename: row.document_filename,
            contentType: row.document_content_type,
            size: row.document_size ?? 0,
          }
        : null,
    reviews: reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewed_on,
      outcome: r.outcome as ReviewOutcome,
      notes: r.notes,
      nextReviewOn: r.next_review_on,
      createdAt: r.created_at,
      createdBy: person(r.created_by),
    })),
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    createdBy: person(row.created_by),
    updatedAt: row.updated_at,
    updatedBy: person(row.updated_by),
    permissions: { manage: row.archived_at === null && agreementPolicy.manage(ctx.actor, undefined) },
  };
}

export async function listAgreements(
  deps: AppDeps,
  ctx: RequestContext,
  query: AgreementQuery,
): Promise<Page<AgreementSummary>> {
  authorize(ctx.actor, agreementPolicy.read, undefined);
  const { page, pageSize, offset } = pageWindow(query);
  const today = localDate(ctx.now);
  const state = query.state ?? 'all';
  let base = deps.db
    .selectFrom('cooperation_agreements')
    .where('organisation_id', '=', ctx.actor.organisationId)
    .where('archived_at', state === 'archived' ? 'is not' : 'is', null);
  if (state === 'upcoming') base = base.where('starts_on', '>', today);
  if (state === 'in_force')
    base = base
      .where('starts_on', '<=', today)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]));
  if (state === 'ended') base = base.where('ends_on', '<', today);
  if (query.reviewDue)
    base = base.where('review_on', 'is not', null).where('review_on', '<=', addDays(today, REVIEW_LEAD_DAYS));
  const partnerId = query.partnerId;
  if (partnerId)
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('agreement_partners')
          .select('agreement_partners.agreement_id')
          .whereRef('agreement_partners.agreement_id', '=', 'cooperation_agreements.id')
          .where('agreement_partners.partner_id', '=', partnerId),
      ),
    );
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  // The next review first (due ones at the top), agreements without a review date last.
  const rows = await base
    .select([...SUMMARY_COLUMNS])
    .orderBy((eb) => eb.case().when('review_on', 'is', null).then(1).else(0).end())
    .orderBy('review_on')
    .orderBy('title')
    .orderBy('id')
    .limit(pageSize)
    .offset(offset)
    .execute();
  const [partners, person] = await Promise.all([
    partnersOf(
      deps.db,
      ctx,
      rows.map((r) => r.id),
    ),
    personLookup(
      deps.db,
      rows.map((r) => r.responsible_user_id),
    ),
  ]);
  return {
    items: rows.map((r) => summaryOf(r, partners.get(r.id) ?? [], person, today)),
    total: Number(counted?.total ?? 0),
    page,
    pageSize,
  };
}

export async function getAgreement(deps: AppDeps, ctx: RequestContext, id: string): Promise<AgreementView> {
  authorize(ctx.actor, agreementPolicy.read, undefined);
  return viewOf(deps.db, ctx, await loadRow(deps.db, ctx, id));
}

/**
 * Partners must be visible to the organisation (own or shared directory); an unknown one is a field error.
 * A partner newly named must not be archived; one already in the agreement may stay (history kept).
 */
async function checkPartners(
  trx: Executor,
  ctx: RequestContext,
  partnerIds: readonly string[],
  already: ReadonlySet<string>,
): Promise<{ errors: FieldError[]; archived: boolean }> {
  const errors: FieldError[] = [];
  let archived = false;
  for (const [i, id] of partnerIds.entries()) {
    try {
      const partner = await readablePartner(trx, ctx, id);
      if (partner.archived && !already.has(id)) archived = true;
    } catch (error) {
      if (error instanceof Problem && error.code === 'not-found')
        errors.push(fieldError(`/partnerIds/${i}`, 'unknown-reference', ctx.locale));
      else throw error;
    }
  }
  return { errors, archived };
}

/** The responsible person: an active member of the organisation who can open agreements. */
async function checkResponsible(trx: Executor, ctx: RequestContext, userId: string): Promise<FieldError[]> {
  // Read like cases' requireCaseWorker: the users module offers no lookup by organisation and role.
  const [user, roles] = await Promise.all([
    trx
      .selectFrom('users')
      .select(['id'])
      .where('id', '=', userId)
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('deactivated_at', 'is', null)
      .executeTakeFirst(),
    trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
  ]);
  if (!user) return [fieldError('/responsibleUserId', 'unknown-reference', ctx.locale)];
  if (
    !agreementPolicy.responsible(
      ctx.actor,
      roles.map((r) => r.role),
    )
  )
    return [fieldError('/responsibleUserId', 'not-allowed', ctx.locale)];
  return [];
}

export function reminderText(title: string, reviewOn: string): string {
  const [y, m, d] = reviewOn.split('-');
  return `Überprüfung der Kooperationsvereinbarung „${title}“ am ${d}.${m}.${y}`.slice(0, 2000);
}

/**
 * The responsible person's follow-up, four weeks before the review (not before the day the date was set);
 * moved to a new person when the responsibility changes, removed when there is no review or on archiving.
 */
async function syncReminder(
  trx: Executor,
  ctx: RequestContext,
  before: { followUpId: string | null; responsibleUserId: string; reviewOn: string | null } | null,
  after: { title: string; reviewOn: string | null; responsibleUserId: string; archived: boolean },
): Promise<string | null> {
  let current = before?.followUpId ?? null;
  if (current && before && before.responsibleUserId !== after.responsibleUserId) {
    current = await syncFollowUp(
      trx,
      ctx,
      { caseId: null, assigneeUserId: before.responsibleUserId },
      current,
      null,
      '',
    );
  }
  const reviewOn = after.archived ? null : after.reviewOn;
  let dueOn = reminderOn(reviewOn, localDate(ctx.now));
  if (current && reviewOn !== null && before?.reviewOn === reviewOn) {
    // The review date stays: so does the reminder's day (also a done one, which must not come back).
    // Read here because the follow-ups module has no lookup of one follow-up's date for other modules.
    const existing = await trx
      .selectFrom('follow_ups')
      .select('due_on')
      .where('id', '=', current)
      .executeTakeFirst();
    if (existing) dueOn = existing.due_on;
  }
  return syncFollowUp(
    trx,
    ctx,
    { caseId: null, assigneeUserId: after.responsibleUserId },
    current,
    dueOn,
    reviewOn ? reminderText(after.title, reviewOn) : '',
  );
}

interface Normalised {
  title: string;
  form: AgreementForm;
  partnerIds: string[];
  goals: string | null;
  rules: AgreementRules;
  startsOn: string;
  endsOn: string | null;
  reviewOn: string | null;
  responsibleUserId: string;
}

function normalise(input: AgreementInput, ctx: RequestContext): Normalised {
  return {
    title: input.title.trim(),
    form: input.form,
    partnerIds: input.partnerIds,
    goals: input.goals?.trim() || null,
    rules: normaliseRules(input.rules ?? {}),
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    reviewOn: input.reviewOn ?? null,
    responsibleUserId: input.responsibleUserId ?? ctx.actor.userId,
  };
}

/** Everything wrong with the input at once: dates, partners, the responsible person; then archived partners. */
async function validate(
  trx: Executor,
  ctx: RequestContext,
  input: Normalised,
  already: ReadonlySet<string>,
): Promise<void> {
  const errors = toFieldErrors(termErrors(input), ctx);
  if (input.title === '') errors.push(fieldError('/title', 'required', ctx.locale));
  const partners = await checkPartners(trx, ctx, input.partnerIds, already);
  errors.push(...partners.errors, ...(await checkResponsible(trx, ctx, input.responsibleUserId)));
  if (errors.length > 0) throw new Problem('validation', { errors });
  if (partners.archived) throw new Problem('partner-archived');
}

function storedValues(input: Normalised) {
  return {
    title: input.title,
    form: input.form,
    goals: input.goals,
    rules: JSON.stringify(input.rules),
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    review_on: input.reviewOn,
    responsible_user_id: input.responsibleUserId,
  };
}

export async function createAgreement(
  deps: AppDeps,
  ctx: RequestContext,
  body: AgreementInput,
): Promise<AgreementView> {
  authorize(ctx.actor, agreementPolicy.manage, undefined);
  const input = normalise(body, ctx);
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    await validate(trx, ctx, input, new Set());
    const at = ctx.now.toISOString();
    const followUpId = await syncReminder(trx, ctx, null, { ...input, archived: false });
    await trx
      .insertInto('cooperation_agreements')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        ...storedValues(input),
        review_follow_up_id: followUpId,
        document_filename: null,
        document_content_type: null,
        document_size: null,
        document_content: null,
        archived_at: null,
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('agreement_partners')
      .values(input.partnerIds.map((partnerId) => ({ agreement_id: id, partner_id: partnerId })))
      .execute();
    await audit(trx, ctx, {
      action: 'agreement.create',
      entityType: 'cooperation_agreement',
      entityId: id,
      details: { form: input.form, partnerIds: input.partnerIds, responsibleUserId: input.responsibleUserId },
    });
  });
  return getAgreement(deps, ctx, id);
}

/** Loads the agreement for a change: the actor manages agreements, it is the organisation's, not archived. */
async function changeable(trx: Executor, ctx: RequestContext, id: string): Promise<AgreementRow> {
  authorize(ctx.actor, agreementPolicy.manage, undefined);
  const row = await loadRow(trx, ctx, id);
  if (row.archived_at !== null) throw new Problem('agreement-archived');
  return row;
}

async function conflict(trx: Executor, ctx: RequestContext, row: AgreementRow): Promise<never> {
  throw new Problem('version-conflict', {
    extra: { currentVersion: row.version, current: await viewOf(trx, ctx, row) },
  });
}

/** Writes the changed row under optimistic locking. */
async function writeRow(
  trx: Executor,
  ctx: RequestContext,
  row: AgreementRow,
  version: number,
  values: Partial<Omit<AgreementRow, 'id' | 'organisation_id' | 'version'>>,
): Promise<void> {
  const result = await trx
    .updateTable('cooperation_agreements')
    .set({ ...values, updated_by: ctx.actor.userId, updated_at: ctx.now.toISOString(), version: version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) await conflict(trx, ctx, row);
}

/** Names of the fields that changed, for the audit entry (never their values). */
function changedFields(row: AgreementRow, input: Normalised, partnersBefore: readonly string[]): string[] {
  const before = {
    title: row.title,
    form: row.form,
    goals: row.goals,
    rules: JSON.stringify(normaliseRules(JSON.parse(row.rules) as Partial<AgreementRules>)),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    reviewOn: row.review_on,
    responsibleUserId: row.responsible_user_id,
    partnerIds: [...partnersBefore].sort().join(','),
  };
  const after = {
    ...input,
    rules: JSON.stringify(input.rules),
    partnerIds: [...input.partnerIds].sort().join(','),
  };
  return (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
}

export async function updateAgreement(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: AgreementInput & { version: number },
): Promise<AgreementView> {
  const input = normalise(body, ctx);
  await inTransaction(deps.db, async (trx) => {
    const row = await changeable(trx, ctx, id);
    if (row.version !== body.version) await conflict(trx, ctx, row);
    const links = await trx
      .selectFrom('agreement_partners')
      .select('partner_id')
      .where('agreement_id', '=', id)
      .execute();
    const before = links.map((l) => l.partner_id);
    await validate(trx, ctx, input, new Set(before));
    if (row.document_filename !== null && !mayCarryDocument(input.form))
      throw new Problem('validation', { errors: [fieldError('/form', 'document-attached', ctx.locale)] });
    const changed = changedFields(row, input, before);
    if (changed.length === 0) return;
    const followUpId = await syncReminder(
      trx,
      ctx,
      {
        followUpId: row.review_follow_up_id,
        responsibleUserId: row.responsible_user_id,
        reviewOn: row.review_on,
      },
      { ...input, archived: false },
    );
    await writeRow(trx, ctx, row, body.version, { ...storedValues(input), review_follow_up_id: followUpId });
    const removed = before.filter((p) => !input.partnerIds.includes(p));
    const added = input.partnerIds.filter((p) => !before.includes(p));
    if (removed.length > 0)
      await trx
        .deleteFrom('agreement_partners')
        .where('agreement_id', '=', id)
        .where('partner_id', 'in', removed)
        .execute();
    if (added.length > 0)
      await trx
        .insertInto('agreement_partners')
        .values(added.map((partnerId) => ({ agreement_id: id, partner_id: partnerId })))
        .execute();
    await audit(trx, ctx, {
      action: 'agreement.update',
      entityType: 'cooperation_agreement',
      entityId: id,
      details: { changed, addedPartnerIds: added, removedPartnerIds: removed },
    });
  });
  return getAgreement(deps, ctx, id);
}

/** Archived instead of deleted: out of the lists and the network map, its history kept; the reminder goes. */
export async function archiveAgreement(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<AgreementView> {
  await inTransaction(deps.db, async (trx) => {
    const row = await changeable(trx, ctx, id);
    if (row.version !== version) await conflict(trx, ctx, row);
    const followUpId = await syncReminder(
      trx,
      ctx,
      {
        followUpId: row.review_follow_up_id,
        responsibleUserId: row.responsible_user_id,
        reviewOn: row.review_on,
      },
      {
        title: row.title,
        reviewOn: row.review_on,
        responsibleUserId: row.responsible_user_id,
        archived: true,
      },
    );
    await writeRow(trx, ctx, row, version, {
      archived_at: ctx.now.toISOString(),
      review_follow_up_id: followUpId,
    });
    await audit(trx, ctx, { action: 'agreement.archive', entityType: 'cooperation_agreement', entityId: id });
  });
  return getAgreement(deps, ctx, id);
}

export interface ReviewBody {
  reviewedOn: string;
  outcome: ReviewOutcome;
  notes?: string | null;
  nextReviewOn?: string | null;
}

/**
 * The yearly review [001 L1966–1976]: recorded with its outcome; the agreement's review date moves to the
 * next review (a year on unless given), or on "end" the agreement ends on the review day. The reminder
 * follows. The history of reviews stays.
 */
export async function reviewAgreement(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: ReviewBody,
): Promise<AgreementView> {
  await inTransaction(deps.db, async (trx) => {
    const row = await changeable(trx, ctx, id);
    const term = { startsOn: row.starts_on, endsOn: row.ends_on };
    const review = { reviewedOn: body.reviewedOn, outcome: body.outcome, nextReviewOn: body.nextReviewOn };
    const errors = reviewErrors(review, term, localDate(ctx.now));
    if (errors.length > 0) throw new Problem('validation', { errors: toFieldErrors(errors, ctx) });
    const next = afterReview(review, term);
    const reviewId = newId();
    await trx
      .insertInto('agreement_reviews')
      .values({
        id: reviewId,
        agreement_id: id,
        reviewed_on: body.reviewedOn,
        outcome: body.outcome,
        notes: body.notes?.trim() || null,
        next_review_on: next.reviewOn,
        created_at: ctx.now.toISOString(),
        created_by: ctx.actor.userId,
      })
      .execute();
    const followUpId = await syncReminder(
      trx,
      ctx,
      {
        followUpId: row.review_follow_up_id,
        responsibleUserId: row.responsible_user_id,
        reviewOn: row.review_on,
      },
      {
        title: row.title,
        reviewOn: next.reviewOn,
        responsibleUserId: row.responsible_user_id,
        archived: false,
      },
    );
    await writeRow(trx, ctx, row, row.version, {
      review_on: next.reviewOn,
      ends_on: next.endsOn,
      review_follow_up_id: followUpId,
    });
    await audit(trx, ctx, {
      action: 'agreement.review',
      entityType: 'cooperation_agreement',
      entityId: id,
      details: { reviewId, outcome: body.outcome },
    });
  });
  return getAgreement(deps, ctx, id);
}

export interface DocumentBody {
  filename: string;
  contentType: DocumentType;
  contentBase64: string;
}

/** The signed agreement or the minutes (not personal data): replaces an earlier document. */
export async function putDocument(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: DocumentBody,
): Promise<{ filename: string; contentType: DocumentType; size: number }> {
  const bytes = Buffer.from(body.contentBase64, 'base64');
  const errors: FieldError[] = [];
  if (bytes.length === 0) errors.push(fieldError('/contentBase64', 'minLength', ctx.locale, { limit: 1 }));
  else if (bytes.length > MAX_DOCUMENT_BYTES)
    errors.push(fieldError('/contentBase64', 'maxLength', ctx.locale, { limit: MAX_DOCUMENT_BYTES }));
  else if (!matchesContentType(bytes, body.contentType))
    errors.push(fieldError('/contentBase64', 'format', ctx.locale, { format: body.contentType }));
  const filename = body.filename.trim();
  if (filename === '') errors.push(fieldError('/filename', 'required', ctx.locale));
  return inTransaction(deps.db, async (trx) => {
    const row = await changeable(trx, ctx, id);
    if (!mayCarryDocument(row.form as AgreementForm)) throw new Problem('document-not-allowed');
    if (errors.length > 0) throw new Problem('validation', { errors });
    // The document is not part of what PUT edits, so it does not move the version (no lost update).
    await trx
      .updateTable('cooperation_agreements')
      .set({
        document_filename: filename,
        document_content_type: body.contentType,
        document_size: bytes.length,
        document_content: bytes.toString('base64'),
        updated_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      action: 'agreement.document_upload',
      entityType: 'cooperation_agreement',
      entityId: id,
      details: {
        contentType: body.contentType,
        size: bytes.length,
        replaced: row.document_filename !== null,
      },
    });
    return { filename, contentType: body.contentType, size: bytes.length };
  });
}

export async function getDocument(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  authorize(ctx.actor, agreementPolicy.read, undefined);
  const row = await loadRow(deps.db, ctx, id);
  if (row.document_content === null || row.document_filename === null || row.document_content_type === null)
    throw new Problem('not-found');
  return {
    filename: row.document_filename,
    contentType: row.document_content_type,
    bytes: Buffer.from(row.document_content, 'base64'),
  };
}

export async function deleteDocument(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await changeable(trx, ctx, id);
    if (row.document_filename === null) throw new Problem('not-found');
    await trx
      .updateTable('cooperation_agreements')
      .set({
        document_filename: null,
        document_content_type: null,
        document_size: null,
        document_content: null,
        updated_by: ctx.actor.userId,
        updated_at: ctx.now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      action: 'agreement.document_delete',
      entityType: 'cooperation_agreement',
      entityId: id,
    });
  });
}

/**
 * For the network map: which partners have an agreement in force on a day (one row per agreement and
 * partner; archived agreements do not count). One query.
 */
export async function agreementsInForce(
  db: Executor,
  organisationId: string,
  day: string,
): Promise<Array<{ agreementId: string; partnerId: string; form: string; reviewOn: string | null }>> {
  const rows = await db
    .selectFrom('cooperation_agreements')
    .innerJoin('agreement_partners', 'agreement_partners.agreement_id', 'cooperation_agreements.id')
    .select([
      'cooperation_agreements.id',
      'agreement_partners.partner_id',
      'cooperation_agreements.form',
      'cooperation_agreements.review_on',
    ])
    .where('cooperation_agreements.organisation_id', '=', organisationId)
    .where('cooperation_agreements.archived_at', 'is', null)
    .where('cooperation_agreements.starts_on', '<=', day)
    .where((eb) =>
      eb.or([
        eb('cooperation_agreements.ends_on', 'is', null),
        eb('cooperation_agreements.ends_on', '>=', day),
      ]),
    )
    .orderBy('cooperation_agreements.id')
    .orderBy('agreement_partners.partner_id')
    .execute();
  return rows.map((r) => ({
    agreementId: r.id,
    partnerId: r.partner_id,
    form: r.form,
    reviewOn: r.review_on,
  }));
}
