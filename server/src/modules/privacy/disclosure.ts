import { audit, type AuditEvent, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import { endOfLocalDay, localDate, startOfLocalDay } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { decryptNullable, decryptText } from '../../core/crypto.js';
import { Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { hasRole } from '../../core/policy.js';
import { requireCase } from '../cases/access.js';
import { readableClient } from '../clients/service.js';
import { recipientKey, releaseCovers, type DataCategory, type Purpose } from '../consent/domain.js';
import { validReleases } from '../consent/service.js';

export interface Recipient {
  kind: 'organisation' | 'person';
  name: string;
}

/** A refused disclosure; the refusal itself is audited after the surrounding transaction rolled back. */
export class DisclosureRefusal extends Problem {
  constructor(
    readonly event: AuditEvent,
    options: ConstructorParameters<typeof Problem>[1],
  ) {
    super('disclosure-refused', options);
  }
}

/** Runs a use case that discloses data; a refusal is recorded in the audit log in its own transaction. */
export async function withRefusalAudit<T>(
  deps: AppDeps,
  ctx: RequestContext,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DisclosureRefusal) {
      await inTransaction(deps.db, (trx) => audit(trx, ctx, error.event));
    }
    throw error;
  }
}

export type DisclosureChannel =
  'case_export' | 'conference' | 'referral' | 'access_request' | 'plan_printout';

/**
 * The one gate for personal data leaving the case team. It checks for a valid release from confidentiality
 * for exactly this recipient, purpose and data categories and writes the disclosure record (who, to whom,
 * what, on which basis, when) in the same transaction. Exports, case-conference invitations and referrals
 * all call it; without a release it refuses and says why.
 */
export async function authoriseDisclosure(
  trx: Executor,
  ctx: RequestContext,
  request: {
    clientId: string;
    caseId: string | null;
    recipient: Recipient;
    purpose: Purpose;
    categories: DataCategory[];
    channel: DisclosureChannel;
  },
): Promise<{ disclosureId: string; releaseId: string }> {
  const coverage = releaseCovers(await validReleases(trx, request.clientId), {
    recipientKey: recipientKey(request.recipient.name),
    purpose: request.purpose,
    categories: request.categories,
    day: localDate(ctx.now),
  });
  if (!coverage.allowed) {
    throw new DisclosureRefusal(
      {
        action: 'disclosure.refused',
        entityType: 'client',
        entityId: request.clientId,
        details: {
          caseId: request.caseId,
          reason: coverage.reason,
          channel: request.channel,
          categories: request.categories,
        },
      },
      {
        detail: coverage.reason,
        extra: {
          reason: coverage.reason,
          missingCategories: coverage.missingCategories,
          recipient: request.recipient.name,
        },
      },
    );
  }
  const disclosureId = await insertDisclosure(trx, ctx, {
    ...request,
    basis: 'release',
    consentId: coverage.releaseId,
  });
  return { disclosureId, releaseId: coverage.releaseId };
}

export async function insertDisclosure(
  trx: Executor,
  ctx: RequestContext,
  d: {
    clientId: string;
    caseId: string | null;
    recipient: Recipient;
    purpose: string;
    categories: string[];
    channel: DisclosureChannel;
    basis: 'release' | 'data_subject_access';
    consentId: string | null;
  },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('disclosures')
    .values({
      id,
      organisation_id: ctx.actor.organisationId,
      client_id: d.clientId,
      case_id: d.caseId,
      disclosed_at: ctx.now.toISOString(),
      disclosed_by: ctx.actor.userId,
      recipient_kind: d.recipient.kind,
      recipient_name: d.recipient.name.trim(),
      purpose: d.purpose,
      categories: JSON.stringify(d.categories),
      basis: d.basis,
      consent_id: d.consentId,
      channel: d.channel,
    })
    .execute();
  await audit(trx, ctx, {
    action: 'disclosure.record',
    entityType: 'disclosure',
    entityId: id,
    details: {
      clientId: d.clientId,
      caseId: d.caseId,
      basis: d.basis,
      channel: d.channel,
      categories: d.categories,
    },
  });
  return id;
}

/** What a disclosure of these categories contains; special categories only when "health" is released. */
async function caseDataFor(trx: Executor, deps: AppDeps, caseId: string, categories: DataCategory[]) {
  const c = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const client = await trx
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', c.client_id)
    .executeTakeFirstOrThrow();
  const out: Record<string, unknown> = { caseNumber: c.case_number };
  if (categories.includes('master_data')) {
    out.masterData = {
      familyName: client.family_name,
      givenNames: client.given_names,
      birthDate: client.birth_date,
      birthYear: client.birth_year,
      gender: client.gender,
      address: { street: client.street, postalCode: client.postal_code, city: client.city },
      phone: client.phone,
      email: client.email,
      languages: JSON.parse(client.languages) as unknown,
    };
  }
  if (categories.includes('residence')) {
    out.residence = {
      residenceStatus: client.residence_status,
      validUntil: client.residence_valid_until,
      legalDomain: client.legal_domain,
      nationalities: JSON.parse(client.nationalities) as unknown,
      arrivalDate: client.arrival_date,
    };
  }
  if (categories.includes('health')) out.health = { notes: decryptNullable(deps.keys, client.health_notes) };
  if (categories.includes('journal')) {
    const entries = await trx
      .selectFrom('journal_entries')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('withdrawn_at', 'is', null)
      .orderBy('occurred_on')
      .execute();
    out.journal = entries
      .filter((e) => !e.special_category || categories.includes('health'))
      .map((e) => ({
        kind: e.kind,
        occurredOn: e.occurred_on,
        text: e.special_category ? decryptText(deps.keys, e.text) : e.text,
      }));
  }
  if (categories.includes('assessment')) out.assessment = [];
  if (categories.includes('plan')) out.plan = null;
  return out;
}

/** Shares a case's data with a recipient outside the case team — only through the disclosure check. */
export async function shareCase(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: { recipient: Recipient; purpose: Purpose; categories: DataCategory[] },
): Promise<{
  disclosureId: string;
  recipient: Recipient;
  purpose: Purpose;
  categories: DataCategory[];
  data: Record<string, unknown>;
}> {
  return withRefusalAudit(deps, ctx, () =>
    inTransaction(deps.db, async (trx) => {
      const { row } = await requireCase(trx, ctx, caseId, 'write');
      const { disclosureId } = await authoriseDisclosure(trx, ctx, {
        clientId: row.client_id,
        caseId,
        recipient: input.recipient,
        purpose: input.purpose,
        categories: input.categories,
        channel: 'case_export',
      });
      return { disclosureId, ...input, data: await caseDataFor(trx, deps, caseId, input.categories) };
    }),
  );
}

export interface DisclosureView {
  id: string;
  client: { id: string } | null;
  caseId: string | null;
  caseNumber: string | null;
  disclosedAt: string;
  disclosedBy: { id: string; displayName: string };
  recipient: Recipient;
  purpose: string;
  categories: string[];
  basis: string;
  channel: string;
}

async function disclosureViews(db: Executor, rows: { id: string }[]): Promise<DisclosureView[]> {
  if (rows.length === 0) return [];
  const full = await db
    .selectFrom('disclosures')
    .innerJoin('users', 'users.id', 'disclosures.disclosed_by')
    .leftJoin('cases', 'cases.id', 'disclosures.case_id')
    .selectAll('disclosures')
    .select(['users.display_name', 'cases.case_number'])
    .where(
      'disclosures.id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('disclosed_at', 'desc')
    .execute();
  return full.map((d) => ({
    id: d.id,
    client: { id: d.client_id },
    caseId: d.case_id,
    caseNumber: d.case_number,
    disclosedAt: d.disclosed_at,
    disclosedBy: { id: d.disclosed_by, displayName: d.display_name },
    recipient: { kind: d.recipient_kind as Recipient['kind'], name: d.recipient_name },
    purpose: d.purpose,
    categories: JSON.parse(d.categories) as string[],
    basis: d.basis,
    channel: d.channel,
  }));
}

/** The per-case disclosure log for the case team. */
export async function caseDisclosures(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
): Promise<{ items: DisclosureView[] }> {
  return readAudited(deps.db, async (trx) => {
    const { row } = await requireCase(trx, ctx, caseId, 'read');
    const rows = await trx
      .selectFrom('disclosures')
      .select('id')
      .where('client_id', '=', row.client_id)
      .execute();
    await auditRead(trx, ctx, 'case', caseId, { part: 'disclosures' });
    return { items: await disclosureViews(trx, rows) };
  });
}

/** The DPO's disclosure log of the organisation, with filters. */
export async function listDisclosures(
  deps: AppDeps,
  ctx: RequestContext,
  query: {
    page?: number;
    pageSize?: number;
    clientId?: string;
    caseId?: string;
    userId?: string;
    from?: string;
    to?: string;
  },
): Promise<Page<DisclosureView>> {
  if (!hasRole(ctx.actor, 'dpo')) throw new Problem('forbidden');
  const { page, pageSize, offset } = pageWindow(query);
  return readAudited(deps.db, async (trx) => {
    let base = trx.selectFrom('disclosures').where('organisation_id', '=', ctx.actor.organisationId);
    if (query.clientId) base = base.where('client_id', '=', query.clientId);
    if (query.caseId) base = base.where('case_id', '=', query.caseId);
    if (query.userId) base = base.where('disclosed_by', '=', query.userId);
    if (query.from) base = base.where('disclosed_at', '>=', startOfLocalDay(query.from));
    if (query.to) base = base.where('disclosed_at', '<', endOfLocalDay(query.to));
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await base
      .select('id')
      .orderBy('disclosed_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset(offset)
      .execute();
    await audit(trx, ctx, {
      action: 'disclosure.list',
      entityType: 'disclosure',
      details: { count: rows.length, page },
    });
    return { items: await disclosureViews(trx, rows), total: Number(counted?.total ?? 0), page, pageSize };
  });
}

/**
 * Art. 15 GDPR: everything stored about a client, as one document. Handing it over is itself a disclosure
 * (to the person concerned), recorded in the log.
 */
export async function exportClientData(
  deps: AppDeps,
  ctx: RequestContext,
  clientId: string,
): Promise<Record<string, unknown>> {
  return inTransaction(deps.db, async (trx) => {
    const client = await readableClient(trx, ctx, clientId);
    const [persons, consents, cases, disclosures, documents] = await Promise.all([
      trx
        .selectFrom('client_related_persons')
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('sort_order')
        .execute(),
      trx.selectFrom('consents').selectAll().where('client_id', '=', clientId).orderBy('given_on').execute(),
      trx.selectFrom('cases').selectAll().where('client_id', '=', clientId).orderBy('opened_on').execute(),
      trx
        .selectFrom('disclosures')
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('disclosed_at')
        .execute(),
      trx
        .selectFrom('documents')
        .select(['id', 'kind', 'filename', 'content_type', 'size', 'uploaded_at'])
        .where('client_id', '=', clientId)
        .execute(),
    ]);
    const caseIds = cases.map((c) => c.id);
    const [journal, followUps, phases] = caseIds.length
      ? await Promise.all([
          trx
            .selectFrom('journal_entries')
            .selectAll()
            .where('case_id', 'in', caseIds)
            .orderBy('occurred_on')
            .execute(),
          trx
            .selectFrom('follow_ups')
            .selectAll()
            .where('case_id', 'in', caseIds)
            .orderBy('due_on')
            .execute(),
          trx
            .selectFrom('case_phase_changes')
            .selectAll()
            .where('case_id', 'in', caseIds)
            .orderBy('changed_at')
            .execute(),
        ])
      : [[], [], []];
    const more = await caseContents(trx, deps, caseIds);
    const name = `${client.given_names} ${client.family_name}`.trim();
    await insertDisclosure(trx, ctx, {
      clientId,
      caseId: null,
      recipient: { kind: 'person', name },
      purpose: 'access_request',
      categories: ['master_data', 'assessment', 'plan', 'health', 'residence', 'journal'],
      channel: 'access_request',
      basis: 'data_subject_access',
      consentId: null,
    });
    return {
      exportedAt: ctx.now.toISOString(),
      legalBasis: 'Art. 15 DSGVO / GDPR',
      masterData: {
        familyName: client.family_name,
        givenNames: client.given_names,
        birthDate: client.birth_date,
        birthYear: client.birth_year,
        gender: client.gender,
        nationalities: JSON.parse(client.nationalities) as unknown,
        countryOfOrigin: client.country_of_origin,
        languages: JSON.parse(client.languages) as unknown,
        interpreterNeeded: Boolean(client.interpreter_needed),
        residenceStatus: client.residence_status,
        residenceValidUntil: client.residence_valid_until,
        legalDomain: client.legal_domain,
        arrivalDate: client.arrival_date,
        address: { street: client.street, postalCode: client.postal_code, city: client.city },
        phone: client.phone,
        email: client.email,
        healthNotes: decryptNullable(deps.keys, client.health_notes),
        legalBasis: client.legal_basis,
      },
      relatedPersons: persons.map((p) => ({
        relation: p.relation,
        name: p.name,
        isGuardian: Boolean(p.is_guardian),
        phone: p.phone,
        email: p.email,
        note: p.note,
      })),
      consents: consents.map((c) => ({
        kind: c.kind,
        givenBy: c.given_by,
        form: c.form,
        givenOn: c.given_on,
        validUntil: c.valid_until,
        language: c.language,
        recipient: c.recipient_name,
        purpose: c.purpose,
        categories: JSON.parse(c.categories) as unknown,
        revokedOn: c.revoked_on,
      })),
      cases: cases.map((c) => ({
        caseNumber: c.case_number,
        kind: c.kind,
        phase: c.phase,
        openedOn: c.opened_on,
        closedOn: c.closed_on,
        accessRoute: c.access_route,
        referralAgency: c.referral_agency,
        indicationDecision: c.indication_decision,
        indicationReason: c.indication_reason,
        contract: { form: c.contract_form, on: c.contract_on, by: c.contract_by },
        phases: phases.filter((p) => p.case_id === c.id).map((p) => ({ to: p.to_phase, at: p.changed_at })),
        journal: journal
          .filter((j) => j.case_id === c.id)
          .map((j) => ({
            kind: j.kind,
            occurredOn: j.occurred_on,
            durationMinutes: j.duration_minutes,
            participants: j.participants,
            text: j.special_category ? decryptText(deps.keys, j.text) : j.text,
            withdrawn: j.withdrawn_at !== null,
          })),
        followUps: followUps
          .filter((f) => f.case_id === c.id)
          .map((f) => ({ dueOn: f.due_on, text: f.text, done: f.done_at !== null })),
        ...more(c.id),
      })),
      documents: documents.map((d) => ({
        kind: d.kind,
        filename: d.filename,
        contentType: d.content_type,
        size: d.size,
        uploadedAt: d.uploaded_at,
      })),
      disclosures: disclosures.map((d) => ({
        disclosedAt: d.disclosed_at,
        recipient: d.recipient_name,
        purpose: d.purpose,
        categories: JSON.parse(d.categories) as unknown,
        basis: d.basis,
        channel: d.channel,
      })),
    };
  });
}

/**
 * The rest of a case file for the Art. 15 report: assessments with their needs and network map, the plan's
 * goals and steps, referrals and case conferences — each in a few queries for all cases, grouped per case.
 */
async function caseContents(trx: Executor, deps: AppDeps, caseIds: string[]) {
  if (caseIds.length === 0) return () => ({});
  const [assessments, needs, contacts, goals, steps, referrals, conferences, participants, actions] =
    await Promise.all([
      trx
        .selectFrom('assessments')
        .selectAll()
        .where('case_id', 'in', caseIds)
        .orderBy('conducted_on')
        .execute(),
      trx
        .selectFrom('assessment_needs')
        .innerJoin('assessments', 'assessments.id', 'assessment_needs.assessment_id')
        .selectAll('assessment_needs')
        .where('assessments.case_id', 'in', caseIds)
        .orderBy('assessment_needs.priority')
        .execute(),
      trx.selectFrom('network_contacts').selectAll().where('case_id', 'in', caseIds).execute(),
      trx.selectFrom('plan_goals').selectAll().where('case_id', 'in', caseIds).orderBy('priority').execute(),
      trx
        .selectFrom('plan_steps')
        .innerJoin('plan_goals', 'plan_goals.id', 'plan_steps.goal_id')
        .selectAll('plan_steps')
        .where('plan_goals.case_id', 'in', caseIds)
        .orderBy('plan_steps.position')
        .execute(),
      trx
        .selectFrom('referrals')
        .innerJoin('partners', 'partners.id', 'referrals.partner_id')
        .selectAll('referrals')
        .select('partners.name as partner_name')
        .where('referrals.case_id', 'in', caseIds)
        .orderBy('referrals.requested_on')
        .execute(),
      trx.selectFrom('conferences').selectAll().where('case_id', 'in', caseIds).orderBy('held_on').execute(),
      trx
        .selectFrom('conference_participants')
        .innerJoin('conferences', 'conferences.id', 'conference_participants.conference_id')
        .selectAll('conference_participants')
        .where('conferences.case_id', 'in', caseIds)
        .orderBy('conference_participants.position')
        .execute(),
      trx
        .selectFrom('conference_actions')
        .innerJoin('conferences', 'conferences.id', 'conference_actions.conference_id')
        .selectAll('conference_actions')
        .where('conferences.case_id', 'in', caseIds)
        .orderBy('conference_actions.position')
        .execute(),
    ]);
  return (caseId: string) => ({
    assessments: assessments
      .filter((a) => a.case_id === caseId)
      .map((a) => ({
        conductedOn: a.conducted_on,
        status: a.status,
        answers: JSON.parse(a.answers) as unknown,
        specialAnswers: a.special_answers
          ? (JSON.parse(decryptText(deps.keys, a.special_answers)) as unknown)
          : null,
        needs: needs
          .filter((n) => n.assessment_id === a.id)
          .map((n) => ({
            kind: n.kind,
            area: n.area,
            text: n.special_category ? decryptText(deps.keys, n.text) : n.text,
            seenBy: n.seen_by,
          })),
      })),
    networkMap: contacts
      .filter((n) => n.case_id === caseId)
      .map((n) => ({ name: n.name, kind: n.kind, relation: n.relation, note: n.note, endedOn: n.ended_on })),
    plan: goals
      .filter((g) => g.case_id === caseId)
      .map((g) => ({
        goal: g.wording,
        indicator: g.indicator,
        targetOn: g.target_on,
        status: g.status,
        steps: steps
          .filter((st) => st.goal_id === g.id)
          .map((st) => ({ what: st.what, who: st.who, dueOn: st.due_on, status: st.status })),
      })),
    referrals: referrals
      .filter((r) => r.case_id === caseId)
      .map((r) => ({
        partner: r.partner_name,
        status: r.status,
        requestedOn: r.requested_on,
        startedOn: r.started_on,
        endedOn: r.ended_on,
        dataSent: JSON.parse(r.categories) as unknown,
        barriers: JSON.parse(r.barriers) as unknown,
        barrierNote: r.barrier_note,
        partnerFeedback: r.partner_feedback,
        note: r.note,
      })),
    conferences: conferences
      .filter((k) => k.case_id === caseId)
      .map((k) => ({
        kind: k.kind,
        heldOn: k.held_on,
        status: k.status,
        agenda: k.agenda,
        minutes: k.minutes,
        participants: participants
          .filter((p) => p.conference_id === k.id)
          .map((p) => ({ kind: p.kind, name: p.name, role: p.role })),
        actions: actions
          .filter((x) => x.conference_id === k.id)
          .map((x) => ({ text: x.text, owner: x.owner_name, dueOn: x.due_on })),
      })),
  });
}
