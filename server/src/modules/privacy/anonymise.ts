import { appendAudit, type AuditOrigin } from '../../core/audit.js';
import type { Executor } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { personalDataHits } from '../gaps/domain.js';

/**
 * Anonymisation (BRIEF 5; privacy by default as in Aam Digital): every personal value goes, what statistics
 * need stays in coarse form — birth year, gender, residence status, country of origin, legal domain, district,
 * arrival year, the cases' kinds, phases, dates and closure reasons. One transaction: all or nothing.
 */
export const ANONYMISED_NAME = 'Anonymisiert';

export interface AnonymisationSummary {
  removed: {
    names: boolean;
    contactData: boolean;
    address: boolean;
    healthNotes: boolean;
    relatedPersons: number;
    documents: number;
    journalTexts: number;
    followUpTexts: number;
    caseFreeTexts: number;
    networkContacts: number;
    assessments: number;
    plans: number;
    referrals: number;
    conferences: number;
  };
  kept: string[];
}

export const KEPT_FOR_STATISTICS = [
  'birthYear',
  'gender',
  'residenceStatus',
  'countryOfOrigin',
  'legalDomain',
  'district',
  'arrivalYear',
  'caseKinds',
  'phases',
  'dates',
  'closureReasons',
];

/**
 * The plans' texts go (header, goals, steps, reviews, signers, the versions' snapshots); what statistics need
 * stays: goals' statuses and dates, attainment, and whether a fitting offer existed (gaps).
 */
async function scrubPlans(trx: Executor, caseIds: string[]): Promise<number> {
  const plans = await trx.selectFrom('plans').select('id').where('case_id', 'in', caseIds).execute();
  if (plans.length === 0) return 0;
  const ids = plans.map((p) => p.id);
  await trx.updateTable('plans').set({ header: '{}', legal_note: null }).where('id', 'in', ids).execute();
  await trx
    .updateTable('plan_goals')
    .set({ wording: '', indicator: null })
    .where('plan_id', 'in', ids)
    .execute();
  await trx
    .updateTable('plan_steps')
    .set({ what: '', who_name: null, provider: null, offer: null, cost_bearer: null })
    .where('plan_id', 'in', ids)
    .execute();
  await trx.updateTable('goal_reviews').set({ comment: null }).where('plan_id', 'in', ids).execute();
  await trx.updateTable('plan_signatures').set({ name: null }).where('plan_id', 'in', ids).execute();
  await trx
    .updateTable('plan_versions')
    .set({ snapshot: '{}', reason: null })
    .where('plan_id', 'in', ids)
    .execute();
  return plans.length;
}

/**
 * Referrals keep partner, offer, statuses, dates and barrier keys (waiting times and outcomes for the
 * statistics); their notes and the partner's feedback go. Conferences keep kind, dates and status; agenda,
 * minutes, the names of family members and other persons and the agreed actions' texts go. The themes were
 * recorded without personal data and stay for the planning level, as do the gap reports' case links (counts).
 */
async function scrubNetwork(
  trx: Executor,
  caseIds: string[],
): Promise<{ referrals: number; conferences: number }> {
  const referrals = await trx
    .updateTable('referrals')
    .set({ barrier_note: null, partner_feedback: null, note: null })
    .where('case_id', 'in', caseIds)
    .executeTakeFirst();
  await trx
    .updateTable('referral_events')
    .set({ note: null })
    .where('referral_id', 'in', trx.selectFrom('referrals').select('id').where('case_id', 'in', caseIds))
    .execute();
  const conferences = await trx
    .updateTable('conferences')
    .set({ agenda: null, minutes: null, place: null })
    .where('case_id', 'in', caseIds)
    .executeTakeFirst();
  const ofCases = trx.selectFrom('conferences').select('id').where('case_id', 'in', caseIds);
  await trx
    .updateTable('conference_participants')
    .set({ name: null, role: null })
    .where('conference_id', 'in', ofCases)
    .where('kind', 'in', ['family', 'other', 'client'])
    .execute();
  await trx
    .updateTable('conference_actions')
    .set({ text: '', owner_name: null })
    .where('conference_id', 'in', ofCases)
    .execute();
  return {
    referrals: Number(referrals.numUpdatedRows),
    conferences: Number(conferences.numUpdatedRows),
  };
}

/**
 * Gap reports are anonymous by design, but a user may have confirmed a text that names the client. Before the
 * names go, every report linked to these cases is checked against its client's name and birth date, and a
 * text that hits is removed (the need becomes a placeholder); field, district and the case count stay.
 */
async function scrubGapReports(trx: Executor, caseIds: string[]): Promise<void> {
  const rows = await trx
    .selectFrom('gap_report_cases')
    .innerJoin('gap_reports', 'gap_reports.id', 'gap_report_cases.gap_report_id')
    .innerJoin('cases', 'cases.id', 'gap_report_cases.case_id')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .select([
      'gap_reports.id',
      'gap_reports.need',
      'gap_reports.description',
      'clients.family_name',
      'clients.given_names',
      'clients.birth_date',
    ])
    .where('gap_report_cases.case_id', 'in', caseIds)
    .execute();
  for (const row of rows) {
    const hits = personalDataHits(
      { need: row.need, description: row.description },
      { familyName: row.family_name, givenNames: row.given_names, birthDate: row.birth_date },
    );
    if (hits.length === 0) continue;
    const pointers = new Set(hits.map((h) => h.pointer));
    await trx
      .updateTable('gap_reports')
      .set({
        ...(pointers.has('need') ? { need: ANONYMISED_NEED } : {}),
        ...(pointers.has('description') ? { description: null } : {}),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

/** What a gap report's need reads after anonymisation removed a text that named the client. */
export const ANONYMISED_NEED = '(Text entfernt: enthielt personenbezogene Daten)';

/** Removes the free texts of the given cases (journal, follow-ups, intake, reasons). */
async function scrubCases(trx: Executor, caseIds: string[], at: string) {
  if (caseIds.length === 0)
    return {
      journalTexts: 0,
      followUpTexts: 0,
      caseFreeTexts: 0,
      networkContacts: 0,
      assessments: 0,
      plans: 0,
      referrals: 0,
      conferences: 0,
    };
  const entries = await trx
    .selectFrom('journal_entries')
    .select('id')
    .where('case_id', 'in', caseIds)
    .execute();
  const entryIds = entries.map((e) => e.id);
  if (entryIds.length > 0) {
    await trx.deleteFrom('journal_entry_revisions').where('entry_id', 'in', entryIds).execute();
    await trx
      .updateTable('journal_entries')
      .set({ text: '', participants: null, withdrawn_reason: null })
      .where('id', 'in', entryIds)
      .execute();
  }
  const followUps = await trx
    .updateTable('follow_ups')
    .set({ text: '' })
    .where('case_id', 'in', caseIds)
    .executeTakeFirst();
  await trx
    .updateTable('cases')
    .set({
      referral_person: null,
      indication_reason: null,
      referred_to: null,
      contract_by: null,
      mandate_text: null,
      mandate_feedback_channel: null,
      mandate_feedback_interval: null,
      anonymised_at: at,
    })
    .where('id', 'in', caseIds)
    .execute();
  await trx.updateTable('case_phase_changes').set({ reason: null }).where('case_id', 'in', caseIds).execute();
  await trx.updateTable('case_handovers').set({ reason: '' }).where('case_id', 'in', caseIds).execute();
  await trx.updateTable('case_delegations').set({ reason: null }).where('case_id', 'in', caseIds).execute();
  await trx
    .updateTable('case_access_overrides')
    .set({ reason: '' })
    .where('case_id', 'in', caseIds)
    .execute();
  // The network map names third parties: it goes entirely. Assessments keep their instrument, dates and
  // scores (coarse numbers for the statistics); answers, needs' texts and the kept network map go.
  const contacts = await trx
    .deleteFrom('network_contacts')
    .where('case_id', 'in', caseIds)
    .executeTakeFirst();
  const assessments = await trx
    .selectFrom('assessments')
    .select('id')
    .where('case_id', 'in', caseIds)
    .execute();
  if (assessments.length > 0) {
    const assessmentIds = assessments.map((a) => a.id);
    await trx
      .updateTable('assessments')
      .set({ answers: '{}', special_answers: null, network_snapshot: null })
      .where('id', 'in', assessmentIds)
      .execute();
    await trx
      .updateTable('assessment_needs')
      .set({ text: '' })
      .where('assessment_id', 'in', assessmentIds)
      .execute();
  }
  const plans = await scrubPlans(trx, caseIds);
  const network = await scrubNetwork(trx, caseIds);
  await scrubGapReports(trx, caseIds);
  // The evaluation keeps its figures (satisfaction, life situation, destination, attainment) for statistics.
  await trx
    .updateTable('case_evaluations')
    .set({ gaps_found: null, summary: null })
    .where('case_id', 'in', caseIds)
    .execute();
  await trx.updateTable('case_kind_changes').set({ reason: null }).where('case_id', 'in', caseIds).execute();
  return {
    plans,
    ...network,
    networkContacts: Number(contacts.numDeletedRows),
    assessments: assessments.length,
    journalTexts: entryIds.length,
    followUpTexts: Number(followUps.numUpdatedRows),
    caseFreeTexts: caseIds.length,
  };
}

/** Anonymises a client with all cases. Running cases are closed: without personal data no work can go on. */
export async function anonymiseClient(
  trx: Executor,
  origin: AuditOrigin,
  clientId: string,
  reason: 'consent_revoked' | 'erasure_request' | 'retention',
): Promise<AnonymisationSummary> {
  const at = origin.at.toISOString();
  const day = at.slice(0, 10);
  const client = await trx
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();
  const cases = await trx
    .selectFrom('cases')
    .select(['id', 'phase'])
    .where('client_id', '=', clientId)
    .execute();
  for (const c of cases.filter((x) => x.phase !== 'closed')) {
    await trx
      .updateTable('cases')
      .set((eb) => ({
        phase: 'closed',
        closed_on: day,
        closure_reason: reason === 'retention' ? 'no_contact' : 'consent_revoked',
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', c.id)
      .execute();
    await trx
      .insertInto('case_phase_changes')
      .values({
        id: newId(),
        case_id: c.id,
        from_phase: c.phase,
        to_phase: 'closed',
        changed_at: at,
        changed_by: origin.actorUserId ?? client.created_by,
        reason: null,
      })
      .execute();
  }
  const scrubbed = await scrubCases(
    trx,
    cases.map((c) => c.id),
    at,
  );
  const persons = await trx
    .deleteFrom('client_related_persons')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  await trx
    .updateTable('consents')
    .set({ document_id: null, witness: null })
    .where('client_id', '=', clientId)
    .execute();
  // Nothing about the person is processed any more: every consent and release ends with the anonymisation.
  await trx
    .updateTable('consents')
    .set({ revoked_on: day, revoked_by: 'anonymisation' })
    .where('client_id', '=', clientId)
    .where('revoked_on', 'is', null)
    .execute();
  await trx
    .updateTable('consents')
    .set({ recipient_name: '—', recipient_key: null })
    .where('client_id', '=', clientId)
    .where('recipient_kind', '=', 'person')
    .execute();
  await trx
    .updateTable('disclosures')
    .set({ recipient_name: '—' })
    .where('client_id', '=', clientId)
    .where('recipient_kind', '=', 'person')
    .execute();
  const documents = await trx.deleteFrom('documents').where('client_id', '=', clientId).executeTakeFirst();
  await trx
    .updateTable('data_subject_requests')
    .set({ description: null, resolution: null })
    .where('client_id', '=', clientId)
    .execute();
  await trx
    .updateTable('clients')
    .set({
      family_name: ANONYMISED_NAME,
      given_names: '',
      search_key: '',
      family_key: '',
      birth_date: null,
      nationalities: '[]',
      languages: '[]',
      interpreter_needed: false,
      residence_valid_until: null,
      arrival_date: client.arrival_date ? `${client.arrival_date.slice(0, 4)}-01-01` : null,
      street: null,
      postal_code: null,
      city: null,
      phone: null,
      email: null,
      health_notes: null,
      legal_basis_note: null,
      anonymised_at: at,
      updated_at: at,
      version: client.version + 1,
    })
    .where('id', '=', clientId)
    .execute();
  await appendAudit(trx, origin, {
    action: 'client.anonymise',
    entityType: 'client',
    entityId: clientId,
    details: { reason, cases: cases.length, documents: Number(documents.numDeletedRows) },
  });
  return {
    removed: {
      names: true,
      contactData: client.phone !== null || client.email !== null,
      address: client.street !== null || client.postal_code !== null || client.city !== null,
      healthNotes: client.health_notes !== null,
      relatedPersons: Number(persons.numDeletedRows),
      documents: Number(documents.numDeletedRows),
      ...scrubbed,
    },
    kept: KEPT_FOR_STATISTICS,
  };
}

/**
 * Anonymises one closed case. The client's master data go too when none of their cases is still running
 * or not yet anonymised.
 */
export async function anonymiseClosedCase(
  trx: Executor,
  origin: AuditOrigin,
  caseId: string,
): Promise<{ clientAnonymised: boolean }> {
  const row = await trx
    .selectFrom('cases')
    .select(['id', 'client_id'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  await scrubCases(trx, [caseId], origin.at.toISOString());
  await appendAudit(trx, origin, { action: 'case.anonymise', entityType: 'case', entityId: caseId });
  const remaining = await trx
    .selectFrom('cases')
    .select('id')
    .where('client_id', '=', row.client_id)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  if (remaining) return { clientAnonymised: false };
  await anonymiseClient(trx, origin, row.client_id, 'retention');
  return { clientAnonymised: true };
}
