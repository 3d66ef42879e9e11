import {
  computeScores,
  specialCategoryKeys,
  type Answers,
} from '../../../server/src/modules/assessment/domain.js';
import { encryptText, type KeyRing } from '../../../server/src/core/crypto.js';
import { newId } from './ids.js';
import {
  formatCaseNumber,
  type CaseKind,
  type ClosureReason,
  type Phase,
} from '../../../server/src/modules/cases/domain.js';
import { foldName, searchKey } from '../../../server/src/modules/clients/domain.js';
import { guardianRequired, recipientKey } from '../../../server/src/modules/consent/domain.js';
import { FOLLOW_UP_TEXT, METHODS, type Method } from '../../../server/src/modules/evaluation/domain.js';
import type { FieldOfAction } from '../../../server/src/modules/gaps/fields.js';
import { CONTACT_KINDS, type JournalKind } from '../../../server/src/modules/journal/domain.js';
import type { Attainment, GoalDoc, PlanDoc, StepDoc } from '../../../server/src/modules/plan/domain.js';
import type { ReferralStatus } from '../../../server/src/modules/referrals/domain.js';
import { generateAnswers } from './answers.js';
import { addMonthsDay, isoDate, isoTime, yearOf } from './calendar.js';
import { ORIGINS, STREETS, type Origin } from './names.js';
import type { Instrument, Organisation, Partner, Staff, Unit } from './organisations.js';
import type { Rng } from './random.js';
import {
  AGENCIES,
  BARRIER_NOTES,
  EVALUATION_SUMMARIES,
  FOLLOW_UP_TEXTS,
  GAP_COMMENTS,
  GAP_NEEDS,
  GAPS_FOUND,
  GOAL_FIELDS,
  GOALS,
  HANDOVER_REASONS,
  HEADER,
  HEALTH_NOTES,
  healthText,
  INDICATION_REASONS,
  journalText,
  KIND_CHANGE_REASONS,
  MANDATE,
  NEEDS,
  PARTICIPANTS,
  PARTNER_FEEDBACK,
  personOf,
  REFERRAL_NOTES,
  SPECIAL_NEED,
  TOPICS,
  WITHDRAW_REASONS,
  WITNESSES,
  type Person,
  type Topic,
} from './texts.js';
import { emptyBuffers, TABLE_ORDER, type Buffers, type Row } from './writer.js';

/**
 * One client's life in the office and each of their cases, as rows: the client (master data, related persons,
 * the data-processing consent) at the first contact, then per case the intake, the phases in their order, the
 * journal, follow-ups, assessments, the plan with goals, steps and reviews, referrals with their history and
 * releases, gap reports, the evaluation and closure — every date inside the case's life and not after today.
 * A case closed more than a year ago is stored as the privacy module leaves it after anonymisation (the
 * organisations anonymise a year after closing).
 */

/** Days after closing when a case is anonymised (organisations.retention_anonymise_after_days + the night). */
export const ANONYMISE_AFTER = 366;

export interface Skeleton {
  openDay: number;
  kind: CaseKind;
  /** null: still running. */
  closeDay: number | null;
  /** Case management: the days the phases assessment, planning, linking, monitoring, evaluation begin. */
  phaseDays: number[];
  closureReason: ClosureReason | null;
  /** A running case without activity since this day (the retention board asks for a decision). */
  quietFrom: number | null;
  /** Opened as counselling and turned into case management on this day. */
  convertedOn: number | null;
}

export interface Client {
  id: string;
  organisation: Organisation;
  gender: string;
  person: Person;
  familyName: string;
  givenNames: string;
  birthDate: string | null;
  birthYear: number;
  origin: Origin;
  topics: Topic[];
  guardianId: string | null;
  consentLanguage: 'de' | 'en' | 'ar' | 'uk';
  /** The day the client's data were anonymised (all cases closed more than a year ago), else null. */
  anonymisedDay: number | null;
  manager: Staff;
  /** The chunk the client row was written in. */
  chunk: number;
}

export interface GapReport {
  id: string;
  need: string;
  field: FieldOfAction;
  reportedDay: number;
  closedDay: number | null;
  cases: Set<string>;
  /** The chunk it was written in. */
  chunk: number;
}

export interface Context {
  rng: Rng;
  keys: KeyRing;
  today: number;
  buffers: Buffers;
  /** Open gap reports per organisation, by need: later cases with the same gap join them. */
  gaps: Map<string, Map<string, GapReport>>;
  counters: Map<string, Map<number, number>>;
  /** The chunk being built, and the latest earlier chunk whose rows it refers to (it must be written first). */
  chunk: number;
  dependsOn: number;
}

const CM_PHASES: Phase[] = ['assessment', 'planning', 'linking', 'monitoring', 'evaluation'];
const INSTRUMENT_WEIGHTS: Record<string, number> = {
  'resource-survey-9': 35,
  'jmd-screening': 25,
  'ulm-minimum': 20,
  'moers-needs-analysis': 10,
};

function pickKind(rng: Rng, cmShare: number): CaseKind {
  const r = rng.float();
  if (r < cmShare) return 'case_management';
  return r < cmShare + (1 - cmShare) * 0.65 ? 'counselling' : 'information';
}

/** The course of one case: kind, length, phase days, closure — decided when the case opens. */
export function planCase(rng: Rng, kind: CaseKind, openDay: number, today: number): Skeleton {
  const phaseDays: number[] = [];
  let length: number;
  let closureReason: ClosureReason;
  if (kind === 'case_management') {
    let day = openDay;
    for (const [min, max] of [
      [7, 21],
      [14, 45],
      [10, 30],
      [20, 60],
      [60, 330],
    ] as const) {
      day += rng.int(min, max);
      phaseDays.push(day);
    }
    const evaluationDays = rng.int(10, 40);
    const complete = rng.chance(0.72);
    const full = (phaseDays[4] ?? openDay) - openDay + evaluationDays;
    length = complete ? full : rng.int(15, full - evaluationDays - 1);
    closureReason = complete
      ? rng.weighted<ClosureReason>([
          ['goals_reached', 85],
          ['structural_obstacles', 10],
          ['moved_or_other_agency', 5],
        ])
      : rng.weighted<ClosureReason>([
          ['ended_by_client', 40],
          ['insufficient_cooperation', 30],
          ['moved_or_other_agency', 20],
          ['structural_obstacles', 10],
        ]);
  } else {
    length = kind === 'counselling' ? rng.around(40, 30, 3, 160) : rng.chance(0.4) ? 0 : rng.int(1, 14);
    closureReason = rng.weighted<ClosureReason>([
      ['goals_reached', 70],
      ['ended_by_client', 15],
      ['moved_or_other_agency', 10],
      ['structural_obstacles', 5],
    ]);
  }
  const closeDay = openDay + length <= today ? openDay + length : null;
  const quiet = closeDay === null && openDay <= today - 200 && rng.chance(0.05);
  return {
    openDay,
    kind,
    closeDay,
    phaseDays,
    closureReason: closeDay === null ? null : closureReason,
    quietFrom: quiet ? today - rng.int(185, 255) : null,
    convertedOn:
      kind === 'case_management' && rng.chance(0.08)
        ? openDay + rng.int(1, Math.max(1, (phaseDays[0] ?? openDay + 2) - openDay - 1))
        : null,
  };
}

/**
 * A client's cases: the first at `firstDay`; with probability `repeat` the person comes back some months after
 * a case closed (a new case for the same client), and once more with less probability.
 */
export function planChain(
  rng: Rng,
  firstDay: number,
  today: number,
  cmShare: number,
  repeat: number,
): Skeleton[] {
  const chain = [planCase(rng, pickKind(rng, cmShare), firstDay, today)];
  let p = repeat;
  for (;;) {
    const last = chain[chain.length - 1] as Skeleton;
    if (last.closeDay === null || !rng.chance(p)) break;
    const next = last.closeDay + rng.int(21, 330);
    if (next >= today) break;
    const kind = rng.weighted<CaseKind>([
      ['counselling', 45],
      ['case_management', 35],
      ['information', 20],
    ]);
    chain.push(planCase(rng, kind, next, today));
    p *= 0.4;
  }
  return chain;
}

function pickOrigin(rng: Rng): Origin {
  return rng.weighted(ORIGINS.map((o) => [o, o.weight] as const));
}

function phone(rng: Rng): string {
  return `01${rng.pick(['51', '52', '57', '60', '62', '70', '76'])} ${rng.int(1_000_000, 9_999_999)}`;
}

/** Master data of a new client (first contact on `firstDay`) and what is known about them. */
export function newClient(ctx: Context, org: Organisation, firstDay: number, chain: Skeleton[]): Client {
  const { rng, today } = ctx;
  const origin = pickOrigin(rng);
  const gender = rng.weighted([
    ['female', 47],
    ['male', 49],
    ['diverse', 1],
    ['not_stated', 3],
  ] as const);
  const given =
    gender === 'female'
      ? rng.pick(origin.female)
      : gender === 'male'
        ? rng.pick(origin.male)
        : rng.pick(origin.female);
  // Jugendmigrationsdienst: 12 to 27 years at the first contact, most between 16 and 24.
  const age = rng.around(20, 4, 12, 27);
  const birthDay = firstDay - age * 365 - rng.int(0, 364);
  const birthDate = rng.chance(0.9) ? isoDate(birthDay) : null;
  const lastClose = chain[chain.length - 1]?.closeDay ?? null;
  const anonymisedDay =
    chain.every((c) => c.closeDay !== null) && lastClose !== null && lastClose + ANONYMISE_AFTER <= today
      ? lastClose + ANONYMISE_AFTER
      : null;
  return {
    id: newId(),
    organisation: org,
    gender,
    person: personOf(gender),
    familyName: rng.pick(origin.family),
    givenNames: rng.chance(0.1)
      ? `${given} ${rng.pick(gender === 'male' ? origin.male : origin.female)}`
      : given,
    birthDate,
    birthYear: Number(isoDate(birthDay).slice(0, 4)),
    origin,
    topics: rng.some(TOPICS, rng.int(2, 4)),
    guardianId: null,
    consentLanguage: origin.consentLanguage,
    anonymisedDay,
    // The case manager who registers the client and runs the first case.
    manager: rng.weighted(org.units.flatMap((u) => u.caseManagers).map((s) => [s, s.fte] as const)),
    chunk: ctx.chunk,
  };
}

function residenceOf(rng: Rng, origin: Origin): string {
  return rng.weighted(origin.residence);
}

/** The client row, related persons and the data-processing consent, given at the first contact. */
export function clientRows(
  ctx: Context,
  client: Client,
  firstDay: number,
  createdBy: string,
  out: Buffers,
): void {
  const { rng, keys } = ctx;
  const org = client.organisation;
  const at = isoTime(firstDay, 9 * 60 + rng.int(0, 420));
  const residence = residenceOf(rng, client.origin);
  const yearsHere = residence === 'german_citizen' && client.origin.german ? null : rng.int(0, 6);
  const germanLevel =
    yearsHere === null
      ? 'native'
      : rng.pick(
          yearsHere < 1 ? ['none', 'a1', 'a2'] : yearsHere < 3 ? ['a2', 'b1', 'b2'] : ['b1', 'b2', 'c1'],
        );
  const languages = [
    ...client.origin.languages.slice(0, rng.int(1, client.origin.languages.length)).map((code, i) => ({
      code,
      level: i === 0 ? 'native' : rng.pick(['b2', 'c1']),
    })),
    ...(client.origin.languages.includes('de') ? [] : [{ code: 'de', level: germanLevel }]),
  ];
  const minor = guardianRequired(client.birthDate, client.birthYear, isoDate(firstDay));
  const ageAtFirst = yearOf(firstDay) - client.birthYear;
  const anonymised = client.anonymisedDay !== null;
  if (ageAtFirst < 18 || rng.chance(0.08)) {
    const guardian = ageAtFirst < 18;
    const id = newId();
    if (guardian) client.guardianId = id;
    if (!anonymised) {
      out.client_related_persons.push({
        id,
        client_id: client.id,
        relation: guardian ? 'parent' : rng.pick(['sibling', 'partner', 'relative']),
        name: `${rng.pick(guardian ? client.origin.female : client.origin.male)} ${client.familyName}`,
        is_guardian: guardian,
        phone: rng.chance(0.7) ? phone(rng) : null,
        email: null,
        note: null,
        sort_order: 0,
      });
    }
  }
  const temporary = ['residence_permit', 'permission_to_reside', 'toleration', 'visa'].includes(residence);
  const district = rng.chance(0.85) ? rng.pick(org.districts) : null;
  const email = rng.chance(0.4)
    ? `${
        foldName(client.givenNames)
          .replace(/[^a-z]/g, '')
          .slice(0, 12) || 'kontakt'
      }.${rng.int(10, 99)}@mail.example`
    : null;
  const arrival = yearsHere === null ? null : isoDate(firstDay - yearsHere * 365 - rng.int(30, 360));
  out.clients.push({
    id: client.id,
    organisation_id: org.id,
    family_name: anonymised ? 'Anonymisiert' : client.familyName,
    given_names: anonymised ? '' : client.givenNames,
    search_key: anonymised ? '' : searchKey(client.familyName, client.givenNames),
    family_key: anonymised ? '' : foldName(client.familyName),
    birth_date: anonymised ? null : client.birthDate,
    birth_year: client.birthYear,
    gender: client.gender,
    nationalities: anonymised
      ? '[]'
      : JSON.stringify(
          client.origin.german && client.origin.country !== 'DE'
            ? ['DE', client.origin.country]
            : [client.origin.country],
        ),
    country_of_origin: client.origin.country,
    languages: anonymised ? '[]' : JSON.stringify(languages),
    interpreter_needed: anonymised ? false : ['none', 'a1', 'a2'].includes(germanLevel),
    residence_status: residence,
    residence_valid_until: !anonymised && temporary ? isoDate(firstDay + rng.int(90, 3 * 365)) : null,
    legal_domain: rng.weighted([
      [residence === 'permission_to_reside' || residence === 'toleration' ? 'asylblg' : 'sgb2', 50],
      [ageAtFirst < 18 ? 'sgb8' : 'sgb3', 20],
      ['sgb12', 5],
      ['none', 25],
    ] as const),
    arrival_date: arrival === null ? null : anonymised ? `${arrival.slice(0, 4)}-01-01` : arrival,
    street: anonymised ? null : `${rng.pick(STREETS)} ${rng.int(1, 120)}`,
    postal_code: anonymised ? null : `${org.postalPrefix}${String(rng.int(100, 999))}`,
    city: anonymised ? null : org.town,
    district_id: district?.id ?? null,
    phone: anonymised ? null : phone(rng),
    email: anonymised ? null : email,
    created_by: createdBy,
    anonymised_at: anonymised ? isoTime(client.anonymisedDay ?? firstDay, 2 * 60 + 5) : null,
    legal_basis: null,
    legal_basis_note: null,
    health_notes: !anonymised && rng.chance(0.05) ? encryptText(keys, rng.pick(HEALTH_NOTES)) : null,
    created_at: at,
    updated_at: anonymised ? isoTime(client.anonymisedDay ?? firstDay, 2 * 60 + 5) : at,
    version: anonymised ? 2 : 1,
  });
  out.consents.push(
    consentRow(ctx, client, {
      kind: 'data_processing',
      givenDay: firstDay,
      guardian: minor,
      createdBy,
    }),
  );
}

function consentRow(
  ctx: Context,
  client: Client,
  c: {
    kind: 'data_processing' | 'case_management' | 'release';
    givenDay: number;
    guardian: boolean;
    createdBy: string;
    release?: { name: string; categories: string[]; validUntil: number | null };
  },
): Row<'consents'> {
  const { rng } = ctx;
  const oral = rng.chance(0.45);
  const at = isoTime(c.givenDay, 10 * 60 + rng.int(0, 360));
  const anonymised = client.anonymisedDay !== null;
  const revokedOn = anonymised ? isoDate(client.anonymisedDay ?? c.givenDay) : null;
  const validUntil =
    c.release?.validUntil ??
    (c.kind === 'data_processing' && !anonymised && rng.chance(0.03) ? ctx.today + rng.int(5, 60) : null);
  return {
    id: newId(),
    organisation_id: client.organisation.id,
    client_id: client.id,
    kind: c.kind,
    given_by: c.guardian && client.guardianId ? 'guardian' : 'client',
    guardian_person_id: c.guardian ? client.guardianId : null,
    form: oral ? 'oral' : 'electronic',
    witness: oral && !anonymised ? rng.pick(WITNESSES) : null,
    document_id: null,
    given_on: isoDate(c.givenDay),
    valid_until: validUntil === null ? null : isoDate(validUntil),
    template_id: null,
    language: client.consentLanguage,
    recipient_kind: c.release ? 'organisation' : null,
    recipient_name: c.release ? c.release.name : null,
    recipient_key: c.release ? recipientKey(c.release.name) : null,
    partner_id: null,
    purpose: c.release ? 'referral' : null,
    categories: JSON.stringify(c.release?.categories ?? []),
    revoked_on: revokedOn,
    revoked_by: anonymised ? 'anonymisation' : null,
    revocation_recorded_by: null,
    created_by: c.createdBy,
    created_at: at,
    updated_at: anonymised ? isoTime(client.anonymisedDay ?? c.givenDay, 2 * 60 + 5) : at,
    version: anonymised ? 2 : 1,
  };
}

/** The responsible case manager: the client's earlier one when they come back, else by share of a post. */
export function pickManager(
  rng: Rng,
  org: Organisation,
  client: Client,
  first: boolean,
): { manager: Staff; unit: Unit } {
  const previous = client.manager;
  const manager =
    previous && (first || rng.chance(0.6))
      ? previous
      : rng.weighted(org.units.flatMap((u) => u.caseManagers).map((s) => [s, s.fte] as const));
  const unit = org.units.find((u) => u.id === manager.unitIds[0]) ?? (org.units[0] as Unit);
  return { manager, unit };
}

interface Built {
  /** Journal entries written (for the generator's running count). */
  journal: number;
}

/**
 * Writes one case with everything that happened in it. `journalCount` is how many journal entries it gets
 * (the generator spreads the scale's total over the cases by their kind and length).
 */
export function buildCase(
  ctx: Context,
  client: Client,
  skeleton: Skeleton,
  journalCount: number,
  first: boolean,
): Built {
  const { rng, today } = ctx;
  const org = client.organisation;
  const out = emptyBuffers();
  const { manager, unit } = pickManager(rng, org, client, first);
  client.manager = manager;
  if (client.chunk < ctx.chunk) ctx.dependsOn = Math.max(ctx.dependsOn, client.chunk);
  const caseId = newId();
  const open = skeleton.openDay;
  const close = skeleton.closeDay;
  const end = close ?? today;
  // The last day anything happens in the case.
  const activityEnd = skeleton.quietFrom ?? end;
  const anonymisedDay = close !== null && close + ANONYMISE_AFTER <= today ? close + ANONYMISE_AFTER : null;
  const cm = skeleton.kind === 'case_management';
  let lastActivity = open;
  const touch = (day: number) => {
    if (day > lastActivity) lastActivity = day;
  };

  // Case number: the organisation's yearly sequence, claimed in the order cases are opened.
  const year = yearOf(open);
  const counters = ctx.counters.get(org.id) ?? new Map<number, number>();
  ctx.counters.set(org.id, counters);
  const sequence = (counters.get(year) ?? 0) + 1;
  counters.set(year, sequence);

  // A handover in longer cases: a colleague of the same team had the case before.
  const colleagues = unit.caseManagers.filter((s) => s.id !== manager.id);
  const handoverDay =
    colleagues.length > 0 && end - open > 90 && rng.chance(0.06)
      ? open + Math.floor((activityEnd - open) * (0.3 + rng.float() * 0.4))
      : null;
  const previousManager = handoverDay !== null ? rng.pick(colleagues) : null;
  const authorOn = (day: number) =>
    handoverDay !== null && previousManager && day < handoverDay ? previousManager : manager;
  if (handoverDay !== null && previousManager) {
    out.case_handovers.push({
      id: newId(),
      case_id: caseId,
      from_user_id: previousManager.id,
      to_user_id: manager.id,
      reason: rng.pick(HANDOVER_REASONS),
      effective_on: isoDate(handoverDay),
      recorded_at: isoTime(handoverDay, 9 * 60),
      recorded_by: unit.teamLead.id,
    });
    touch(handoverDay);
  }

  // Phases: intake at opening; case management runs through the cycle as far as it got.
  const phases: [Phase, number][] = [['intake', open]];
  if (cm) {
    CM_PHASES.forEach((phase, i) => {
      const day = skeleton.phaseDays[i] ?? Number.POSITIVE_INFINITY;
      if (day <= activityEnd && (close === null || day < close)) phases.push([phase, day]);
    });
  }
  const reached = (phase: Phase) => phases.find(([p]) => p === phase)?.[1] ?? null;
  const currentPhase: Phase = close !== null ? 'closed' : (phases[phases.length - 1]?.[0] ?? 'intake');
  phases.forEach(([phase, day], i) => {
    out.case_phase_changes.push({
      id: newId(),
      case_id: caseId,
      from_phase: i === 0 ? null : (phases[i - 1]?.[0] ?? null),
      to_phase: phase,
      changed_at: isoTime(day, 9 * 60 + i),
      changed_by: authorOn(day).id,
      reason: null,
    });
    touch(day);
  });
  if (close !== null) {
    out.case_phase_changes.push({
      id: newId(),
      case_id: caseId,
      from_phase: phases[phases.length - 1]?.[0] ?? 'intake',
      to_phase: 'closed',
      changed_at: isoTime(close, 15 * 60),
      changed_by: manager.id,
      reason: null,
    });
    touch(close);
  }
  if (skeleton.convertedOn !== null) {
    out.case_kind_changes.push({
      id: newId(),
      case_id: caseId,
      from_kind: 'counselling',
      to_kind: 'case_management',
      reason: rng.pick(KIND_CHANGE_REASONS),
      changed_at: isoTime(skeleton.convertedOn, 11 * 60),
      changed_by: authorOn(skeleton.convertedOn).id,
    });
  }

  // Intake (Klärungsphase).
  const accessRoute = rng.weighted([
    ['self', 45],
    ['agency_referral', 30],
    ['outreach', 15],
    ['mandated', cm ? 10 : 3],
  ] as const);
  const agency = `${rng.pick(AGENCIES)} ${org.town}`;
  const mandated = accessRoute === 'mandated';
  const assessmentDay = reached('assessment');
  const referredElsewhere = skeleton.kind === 'information' && rng.chance(0.15);
  const topic = client.topics[0] ?? 'language';
  const voluntary = mandated && rng.chance(0.3) ? open + rng.int(20, 90) : null;

  // Consents: case management is agreed when the assessment starts (the contract).
  if (cm && assessmentDay !== null) {
    out.consents.push(
      consentRow(ctx, client, {
        kind: 'case_management',
        givenDay: assessmentDay,
        guardian: guardianRequired(client.birthDate, client.birthYear, isoDate(assessmentDay)),
        createdBy: authorOn(assessmentDay).id,
      }),
    );
  }

  // Assessments: the first in the assessment phase, a re-assessment in long monitoring phases.
  const needIds: string[] = [];
  if (cm && assessmentDay !== null) {
    const instrument = rng.weighted(
      unit.instruments.map((i) => [i, INSTRUMENT_WEIGHTS[i.key] ?? 3] as const),
    );
    const planningDay = reached('planning');
    const draft = currentPhase === 'assessment' && rng.chance(0.5);
    const conducted = Math.min(activityEnd, assessmentDay + rng.int(1, 7));
    const first = assessmentRow(ctx, org, caseId, instrument, {
      day: conducted,
      finalDay: draft ? null : Math.min(planningDay ?? activityEnd, conducted + rng.int(0, 5), activityEnd),
      level: 0,
      author: authorOn(conducted),
      prefilledFrom: null,
      out,
      needIds,
      client,
    });
    touch(conducted);
    const monitoringDay = reached('monitoring');
    const monitoringEnd = reached('evaluation') ?? close ?? activityEnd;
    if (!draft && monitoringDay !== null && monitoringEnd - monitoringDay > 150 && rng.chance(0.6)) {
      const again = monitoringDay + rng.int(90, monitoringEnd - monitoringDay - 10);
      assessmentRow(ctx, org, caseId, instrument, {
        day: again,
        finalDay: Math.min(activityEnd, again + rng.int(0, 5)),
        level: 0.6,
        author: authorOn(again),
        prefilledFrom: first,
        out,
        needIds: [],
        client,
      });
      touch(again);
    }
  }

  // The plan, its follow-ups, referrals and gap reports.
  const planningDay = reached('planning');
  let goals: { id: string; status: GoalDoc['status']; attainment: Attainment }[] = [];
  if (cm && planningDay !== null) {
    goals = planRows(ctx, client, caseId, {
      planningDay,
      linkingDay: reached('linking'),
      monitoringDay: reached('monitoring'),
      activityEnd,
      close,
      reason: skeleton.closureReason,
      author: authorOn,
      manager,
      needIds,
      out,
      touch,
    });
  }

  // Journal.
  const journalIds = journalRows(ctx, client, caseId, {
    count: journalCount,
    open,
    activityEnd,
    running: close === null,
    quiet: skeleton.quietFrom !== null,
    author: authorOn,
    goalIds: out.plan_goals.map((g) => g.id),
    planDay: planningDay,
    out,
  });
  let lastContact: number | null = null;
  for (const e of journalIds) {
    touch(e.day);
    if (e.contact && (lastContact === null || e.day > lastContact)) lastContact = e.day;
  }

  // Follow-ups (Wiedervorlagen): done ones during the case, open ones on running cases.
  for (let i = rng.int(0, 2); i > 0; i -= 1) {
    const due = open + rng.int(0, Math.max(0, activityEnd - open));
    out.follow_ups.push(followUp(ctx, org, caseId, authorOn(due), due, rng.pick(FOLLOW_UP_TEXTS), due));
  }
  if (close === null) {
    for (let i = rng.int(1, 2); i > 0; i -= 1) {
      const due = rng.chance(0.2) ? today - rng.int(1, 14) : today + rng.int(1, 45);
      out.follow_ups.push(
        followUp(ctx, org, caseId, manager, due, rng.pick(FOLLOW_UP_TEXTS), null, Math.min(activityEnd, due)),
      );
    }
  }

  // Delegation while the case manager is on leave; a decision on quiet cases by the team lead.
  if (close === null && colleagues.length > 0 && rng.chance(0.015)) {
    const start = today - rng.int(0, 10);
    out.case_delegations.push({
      id: newId(),
      case_id: caseId,
      delegate_user_id: rng.pick(colleagues).id,
      scope: rng.pick(['journal', 'full']),
      standing: false,
      client_agreement_on: null,
      starts_on: isoDate(start),
      ends_on: isoDate(today + rng.int(3, 20)),
      reason: 'Urlaubsvertretung',
      created_at: isoTime(start, 8 * 60 + 30),
      created_by: manager.id,
      revoked_at: null,
      revoked_by: null,
    });
  }
  if (skeleton.quietFrom !== null && rng.chance(0.3)) {
    out.retention_decisions.push({
      id: newId(),
      case_id: caseId,
      decision: 'continue',
      note: 'Klient:in hat sich gemeldet, Termin ist vereinbart',
      decided_at: isoTime(today - rng.int(0, 20), 10 * 60),
      decided_by: unit.teamLead.id,
    });
  }

  // Evaluation and closure of case management.
  const evaluationDay = reached('evaluation');
  if (cm && (close !== null || (evaluationDay !== null && rng.chance(0.6)))) {
    evaluationRows(ctx, client, caseId, {
      day:
        close !== null
          ? Math.max(open, close - rng.int(0, 5))
          : Math.min(activityEnd, (evaluationDay ?? open) + rng.int(0, 10)),
      close,
      reason: skeleton.closureReason,
      goals,
      manager,
      assessed: assessmentDay !== null,
      referred: out.referrals.length > 0,
      out,
    });
  }

  out.cases.push({
    id: caseId,
    organisation_id: org.id,
    org_unit_id: unit.id,
    client_id: client.id,
    case_number: formatCaseNumber(org.shortCode, year, sequence),
    kind: skeleton.kind,
    phase: currentPhase,
    responsible_user_id: manager.id,
    opened_on: isoDate(open),
    closed_on: close === null ? null : isoDate(close),
    last_contact_on: lastContact === null ? null : isoDate(lastContact),
    access_route: accessRoute,
    referral_agency: accessRoute === 'agency_referral' || mandated ? agency : null,
    referral_person: accessRoute === 'agency_referral' && rng.chance(0.3) ? 'Fallmanagement U25' : null,
    indication_criteria: JSON.stringify(cm ? rng.some(org.criteria, rng.int(2, 4)) : []),
    indication_decision: cm
      ? 'cm_needed'
      : skeleton.kind === 'counselling'
        ? 'counselling_only'
        : referredElsewhere
          ? 'referred_elsewhere'
          : null,
    indication_reason: skeleton.kind === 'information' ? null : INDICATION_REASONS[topic],
    referred_to: referredElsewhere ? 'Migrationsberatung für Erwachsene (MBE)' : null,
    contract_form: cm && assessmentDay !== null ? rng.pick(['oral', 'written']) : null,
    contract_on: cm && assessmentDay !== null ? isoDate(assessmentDay) : null,
    contract_by: cm && assessmentDay !== null ? 'Fallverantwortliche Fachkraft' : null,
    mandate_body: mandated ? agency : null,
    mandate_text: mandated ? MANDATE.text : null,
    mandate_sanction_risk: mandated ? rng.chance(0.5) : null,
    mandate_sessions: mandated ? rng.int(3, 10) : null,
    mandate_feedback_channel: mandated ? MANDATE.channel : null,
    mandate_feedback_interval: mandated ? MANDATE.interval : null,
    voluntary_since: voluntary !== null && voluntary <= activityEnd ? isoDate(voluntary) : null,
    closure_reason: skeleton.closureReason,
    last_activity_at: isoTime(lastActivity, 16 * 60),
    anonymised_at: anonymisedDay === null ? null : isoTime(anonymisedDay, 2 * 60),
    anonymisation_confirmed_by: anonymisedDay === null ? null : manager.id,
    anonymisation_approved_by: anonymisedDay === null ? null : org.admin.id,
    created_by: authorOn(open).id,
    created_at: isoTime(open, 9 * 60),
    updated_at: isoTime(lastActivity, 16 * 60),
    version: phases.length + (close === null ? 0 : 1),
  });

  if (anonymisedDay !== null) scrubCase(out);
  for (const table of TABLE_ORDER) {
    const target = ctx.buffers[table] as Row<typeof table>[];
    for (const row of out[table] as Row<typeof table>[]) target.push(row);
  }
  return { journal: out.journal_entries.length };
}

function followUp(
  ctx: Context,
  org: Organisation,
  caseId: string,
  assignee: Staff,
  due: number,
  text: string,
  doneDay: number | null,
  createdDay = Math.min(due, doneDay ?? due) - ctx.rng.int(3, 30),
): Row<'follow_ups'> {
  const created = isoTime(createdDay, 11 * 60);
  return {
    id: newId(),
    organisation_id: org.id,
    case_id: caseId,
    assignee_user_id: assignee.id,
    due_on: isoDate(due),
    text,
    done_at: doneDay === null ? null : isoTime(doneDay, 14 * 60),
    done_by: doneDay === null ? null : assignee.id,
    created_by: assignee.id,
    created_at: created,
    updated_at: doneDay === null ? created : isoTime(doneDay, 14 * 60),
    version: doneDay === null ? 1 : 2,
  };
}

function assessmentRow(
  ctx: Context,
  org: Organisation,
  caseId: string,
  instrument: Instrument,
  a: {
    day: number;
    /** null: still a draft. */
    finalDay: number | null;
    level: number;
    author: Staff;
    prefilledFrom: string | null;
    out: Buffers;
    needIds: string[];
    client: Client;
  },
): string {
  const { rng, keys } = ctx;
  const final = a.finalDay !== null;
  const answers = generateAnswers(rng, instrument.definition, a.day, {
    final,
    level: a.level + rng.float() * 0.3,
  });
  const special = specialCategoryKeys(instrument.definition);
  const plain: Answers = {};
  const secret: Answers = {};
  for (const [key, value] of Object.entries(answers)) (special.has(key) ? secret : plain)[key] = value;
  const id = newId();
  const created = isoTime(a.day, 10 * 60);
  const finished = a.finalDay === null ? null : isoTime(a.finalDay, 12 * 60);
  a.out.assessments.push({
    id,
    organisation_id: org.id,
    case_id: caseId,
    template_version_id: instrument.versionId,
    status: final ? 'final' : 'draft',
    conducted_on: isoDate(a.day),
    answers: JSON.stringify(plain),
    special_answers: Object.keys(secret).length > 0 ? encryptText(keys, JSON.stringify(secret)) : null,
    scores: JSON.stringify(computeScores(instrument.definition, answers)),
    prefilled_from: a.prefilledFrom,
    network_snapshot: final ? '[]' : null,
    finalised_at: finished,
    finalised_by: final ? a.author.id : null,
    created_by: a.author.id,
    updated_by: a.author.id,
    created_at: created,
    updated_at: finished ?? created,
    version: final ? 3 : rng.int(1, 2),
  });
  // The Bedarfsfeststellung: the most pressing needs first, then the resources.
  const areas = rng.some(NEEDS, rng.int(3, 5));
  const rank = { need: 0, resource: 0 };
  areas.forEach((area, i) => {
    const kind = i < Math.ceil(areas.length / 2) ? 'need' : 'resource';
    const needId = newId();
    if (kind === 'need') a.needIds.push(needId);
    a.out.assessment_needs.push({
      id: needId,
      assessment_id: id,
      kind,
      area: area.area,
      text: kind === 'need' ? area.need : area.resource,
      priority: (rank[kind] += 1),
      seen_by: rng.pick(['client', 'professional', 'both']),
      special_category: false,
    });
  });
  if (rng.chance(0.06)) {
    a.out.assessment_needs.push({
      id: newId(),
      assessment_id: id,
      kind: 'need',
      area: SPECIAL_NEED.area,
      text: encryptText(keys, SPECIAL_NEED.text),
      priority: (rank.need += 1),
      seen_by: 'both',
      special_category: true,
    });
  }
  return id;
}

function goalAttainment(rng: Rng, closed: boolean, reason: ClosureReason | null): Attainment {
  if (!closed) return rng.pick(['not', 'partly', 'partly', 'largely']);
  return reason === 'goals_reached'
    ? rng.weighted([
        ['fully', 50],
        ['largely', 35],
        ['partly', 15],
      ])
    : rng.weighted([
        ['not', 35],
        ['partly', 45],
        ['largely', 15],
        ['dropped', 5],
      ]);
}

/**
 * The plan (Integrationsförderplan): drafted in the planning phase, agreed and signed when the case moves on to
 * linking; goals with indicator, target and review dates, steps with providers and offers, goal reviews, the
 * follow-ups that keep the review dates, referrals from the steps and gap reports where no offer fits.
 */
function planRows(
  ctx: Context,
  client: Client,
  caseId: string,
  p: {
    planningDay: number;
    linkingDay: number | null;
    monitoringDay: number | null;
    activityEnd: number;
    close: number | null;
    reason: ClosureReason | null;
    author: (day: number) => Staff;
    manager: Staff;
    needIds: string[];
    out: Buffers;
    touch: (day: number) => void;
  },
): { id: string; status: GoalDoc['status']; attainment: Attainment }[] {
  const { rng, today } = ctx;
  const org = client.organisation;
  const out = p.out;
  const running = p.close === null;
  const created = Math.min(p.activityEnd, p.planningDay + rng.int(1, 7));
  const agreedDay = p.linkingDay;
  const planId = newId();
  const horizon = agreedDay ?? created;
  const stepEnd = running ? p.activityEnd : (p.close as number);
  const fields: FieldOfAction[] = [];
  const topicFields: Record<Topic, FieldOfAction> = {
    residence: 'residence',
    language: 'language',
    training: 'training_work',
    work: 'training_work',
    school: 'education',
    housing: 'housing',
    money: 'livelihood',
    family: 'everyday_life',
    recognition: 'training_work',
    health: 'health',
  };
  for (const t of client.topics) {
    const field = topicFields[t];
    if (!fields.includes(field) && GOALS[field]) fields.push(field);
  }
  while (fields.length < 1) fields.push(rng.pick(GOAL_FIELDS));
  const goalCount = Math.min(org.planMaxGoals, rng.int(1, 3), Math.max(1, fields.length));
  const doc: PlanDoc = {
    legalType: rng.weighted([
      ['integration_agreement', 70],
      ['none', 15],
      ['egv_sgb_ii', 10],
      ['hilfeplan_sgb_viii', 5],
    ] as const),
    legalNote: null,
    header: {
      participants: `${client.givenNames} ${client.familyName}, Fachkraft JMD`,
      benefitsEarlier: null,
      benefitsCurrent: rng.pick(HEADER.benefits),
      problem: rng.pick(HEADER.problems),
      resources: rng.pick(HEADER.resources),
      obligations: rng.pick(HEADER.obligations),
      costBearers: null,
      reviewOn: null,
    },
    goals: [],
  };
  const goalRows: Row<'plan_goals'>[] = [];
  const stepRows: Row<'plan_steps'>[] = [];
  const result: { id: string; status: GoalDoc['status']; attainment: Attainment }[] = [];
  const followUpText = (wording: string) => `Zielüberprüfung: ${wording}`.slice(0, 2000);
  const referralSteps: { step: StepDoc; goalField: FieldOfAction; partner: Partner }[] = [];

  const makeGoal = (field: FieldOfAction, parent: GoalDoc | null, position: number): GoalDoc => {
    const text = parent
      ? {
          wording: rng.pick([
            'Die nötigen Unterlagen besorgen, ausfüllen und einreichen',
            'Einen ersten Termin wahrnehmen',
            'Regelmäßig an Gesprächen teilnehmen',
          ]),
          indicator: 'Ist erledigt und nachgewiesen',
          steps: [],
        }
      : rng.pick(GOALS[field] ?? []);
    const id = newId();
    const attainment = goalAttainment(rng, !running, p.reason);
    const status: GoalDoc['status'] = running
      ? rng.chance(0.15)
        ? 'achieved'
        : 'active'
      : attainment === 'dropped'
        ? 'dropped'
        : attainment === 'fully'
          ? 'achieved'
          : 'active';
    const targetOn = horizon + rng.int(60, 300);
    // A running case's active goals have their next review date, kept as a follow-up.
    const followUpDay =
      status === 'active' && running
        ? rng.chance(0.1)
          ? today - rng.int(1, 20)
          : today + rng.int(7, 75)
        : null;
    const followUpId =
      followUpDay === null
        ? null
        : (() => {
            const row = followUp(
              ctx,
              org,
              caseId,
              p.manager,
              followUpDay,
              followUpText(text.wording),
              null,
              created,
            );
            out.follow_ups.push(row);
            return row.id;
          })();
    const goal: GoalDoc = {
      id,
      wording: text.wording,
      clientWords: !parent && text.wording.startsWith('Ich '),
      indicator: text.indicator,
      targetOn: isoDate(targetOn),
      followUpOn: followUpDay === null ? null : isoDate(followUpDay),
      needId: !parent && p.needIds[position] && rng.chance(0.6) ? (p.needIds[position] as string) : null,
      field: parent ? null : field,
      smart: { specific: true, measurable: true, achievable: true, relevant: true, timed: rng.chance(0.8) },
      status,
      steps: [],
    };
    const partnerFor = org.partners.filter((x) => x.fields.includes(field));
    text.steps.forEach((s, i) => {
      const partner =
        partnerFor.length > 0 && (s.who !== 'client' || rng.chance(0.4)) ? rng.pick(partnerFor) : null;
      const offer = partner && partner.offers.length > 0 ? rng.pick(partner.offers) : null;
      const due = horizon + rng.int(7, 120) + i * 14;
      const done = due < stepEnd - 7 && rng.chance(0.8);
      const dropped = !done && rng.chance(0.05);
      const step: StepDoc = {
        id: newId(),
        what: s.what,
        who: s.who,
        whoName: null,
        dueOn: isoDate(due),
        provider: partner?.name ?? null,
        offer: offer?.title ?? null,
        costBearer: null,
        mode: s.who === 'client' ? rng.pick(['alone', 'with_support']) : null,
        status: done ? 'done' : dropped ? 'dropped' : 'open',
        offerAvailable: offer ? offer.freePlaces !== 0 : null,
        doneOn: done ? isoDate(Math.min(due + rng.int(-5, 5), stepEnd)) : null,
      };
      goal.steps.push(step);
      if (partner && agreedDay !== null) referralSteps.push({ step, goalField: field, partner });
      stepRows.push({
        id: step.id as string,
        goal_id: id,
        plan_id: planId,
        position: i,
        what: step.what,
        who: step.who,
        who_name: null,
        due_on: step.dueOn ?? null,
        provider: step.provider ?? null,
        offer: step.offer ?? null,
        cost_bearer: null,
        mode: step.mode ?? null,
        status: step.status,
        offer_available: step.offerAvailable ?? null,
        done_on: step.doneOn ?? null,
      });
      if (step.offerAvailable === false && rng.chance(0.6))
        gapLink(
          ctx,
          client,
          caseId,
          step,
          field,
          Math.min(due, stepEnd),
          p.author(Math.min(due, stepEnd)),
          out,
        );
    });
    goalRows.push({
      id,
      plan_id: planId,
      case_id: caseId,
      parent_id: parent?.id ?? null,
      position,
      wording: goal.wording,
      client_words: goal.clientWords ?? false,
      indicator: goal.indicator ?? null,
      target_on: goal.targetOn ?? null,
      follow_up_on: goal.followUpOn ?? null,
      follow_up_id: followUpId,
      priority: position + 1,
      need_id: goal.needId ?? null,
      field: goal.field ?? null,
      smart: JSON.stringify(goal.smart),
      status,
    });
    // Reviews of the goal once the plan has run for a while.
    if (agreedDay !== null) {
      let day = agreedDay + rng.int(45, 90);
      let level = 0;
      while (day < stepEnd && level < 2 && rng.chance(0.7)) {
        out.goal_reviews.push({
          id: newId(),
          goal_id: id,
          plan_id: planId,
          reviewed_on: isoDate(day),
          attainment: (['not', 'partly', 'largely'] as const)[Math.min(2, level + rng.int(0, 1))] ?? 'partly',
          comment: rng.chance(0.5) ? 'Fortschritte sichtbar, Schritte angepasst' : null,
          consequence: rng.pick(['keep', 'keep', 'change']),
          created_at: isoTime(day, 13 * 60),
          created_by: p.author(day).id,
        });
        p.touch(day);
        level += 1;
        day += rng.int(45, 120);
      }
    }
    result.push({ id, status, attainment });
    return goal;
  };

  for (let g = 0; g < goalCount; g += 1) {
    const goal = makeGoal(fields[g % fields.length] as FieldOfAction, null, g);
    goal.subGoals = [];
    if (rng.chance(0.15)) {
      for (let s = 0; s < rng.int(1, 2); s += 1) goal.subGoals.push(makeGoal(goal.field ?? 'other', goal, s));
    }
    doc.goals.push(goal);
  }
  const reviewDay = running ? (rng.chance(0.1) ? today - rng.int(1, 15) : today + rng.int(14, 90)) : null;
  doc.header.reviewOn = reviewDay === null ? null : isoDate(reviewDay);
  let reviewFollowUp: string | null = null;
  if (reviewDay !== null) {
    const row = followUp(ctx, org, caseId, p.manager, reviewDay, 'Überprüfung des Plans', null, created);
    out.follow_ups.push(row);
    reviewFollowUp = row.id;
  }
  const agreed = agreedDay !== null;
  const extended = agreed && p.monitoringDay !== null && rng.chance(0.3);
  const extensionDay = extended ? Math.min(stepEnd, (p.monitoringDay as number) + rng.int(10, 60)) : null;
  const lastChange = extensionDay ?? agreedDay ?? created;
  const { reviewOn: _reviewOn, ...header } = doc.header;
  out.plans.push({
    id: planId,
    organisation_id: org.id,
    case_id: caseId,
    status: agreed ? 'agreed' : 'draft',
    legal_type: doc.legalType ?? null,
    legal_note: null,
    // The header's keys in the API's order; the review date is its own column.
    header: JSON.stringify(header),
    review_on: doc.header.reviewOn,
    review_follow_up_id: reviewFollowUp,
    agreed_at: agreed ? isoTime(agreedDay, 11 * 60) : null,
    created_by: p.author(created).id,
    updated_by: p.author(lastChange).id,
    created_at: isoTime(created, 10 * 60),
    updated_at: isoTime(lastChange, 11 * 60),
    version: agreed ? (extended ? 3 : 2) : 1,
  });
  p.touch(created);
  out.plan_goals.push(...goalRows);
  out.plan_steps.push(...stepRows);
  if (agreed) {
    const snapshot = JSON.stringify(doc);
    out.plan_versions.push({
      id: newId(),
      plan_id: planId,
      version: 2,
      change_kind: 'agreed',
      reason: null,
      summary: JSON.stringify({ goals: goalRows.length }),
      snapshot,
      changed_at: isoTime(agreedDay, 11 * 60),
      changed_by: p.author(agreedDay).id,
    });
    out.plan_signatures.push({
      id: newId(),
      plan_id: planId,
      plan_version: 2,
      signer:
        client.guardianId && guardianRequired(client.birthDate, client.birthYear, isoDate(agreedDay))
          ? 'guardian'
          : 'client',
      name: `${client.givenNames} ${client.familyName}`,
      form: rng.pick(['paper', 'paper', 'oral']),
      signed_on: isoDate(agreedDay),
      recorded_by: p.author(agreedDay).id,
      recorded_at: isoTime(agreedDay, 11 * 60 + 5),
    });
    p.touch(agreedDay);
    if (extensionDay !== null) {
      out.plan_versions.push({
        id: newId(),
        plan_id: planId,
        version: 3,
        change_kind: 'extension',
        reason: null,
        summary: JSON.stringify({
          goalsAdded: 0,
          goalsRewritten: 0,
          goalsDropped: 0,
          stepsAdded: 0,
          stepsChanged: 1,
          datesMoved: 1,
          fieldsChanged: 0,
          headerChanged: false,
        }),
        snapshot,
        changed_at: isoTime(extensionDay, 11 * 60),
        changed_by: p.author(extensionDay).id,
      });
      p.touch(extensionDay);
    }
  }
  for (const r of referralSteps) {
    if (rng.chance(0.7))
      referralRows(ctx, client, caseId, r, {
        from: agreedDay ?? created,
        end: stepEnd,
        running,
        author: p.author,
        out,
        touch: p.touch,
      });
  }
  return result;
}

/** A gap report for a step without a fitting offer: a new one, or the organisation's open one of the same need. */
function gapLink(
  ctx: Context,
  client: Client,
  caseId: string,
  step: StepDoc,
  field: FieldOfAction,
  day: number,
  author: Staff,
  out: Buffers,
): void {
  const { rng, today } = ctx;
  const org = client.organisation;
  const candidates = GAP_NEEDS.filter((g) => g.field === field);
  const text = candidates.length > 0 ? rng.pick(candidates) : rng.pick(GAP_NEEDS);
  const pool = ctx.gaps.get(org.id) ?? new Map<string, GapReport>();
  ctx.gaps.set(org.id, pool);
  let report = pool.get(text.need);
  // A case joins a colleague's report of the same need from the last months (the planning level bundles the
  // rest by need); otherwise it is reported anew.
  const stale = (r: GapReport) => r.reportedDay < day - 120 || (r.closedDay !== null && r.closedDay <= day);
  if (report && (stale(report) || rng.chance(0.4))) report = undefined;
  if (report && report.cases.has(caseId)) return;
  if (!report) {
    const age = today - day;
    const status = age < 21 ? 'reported' : age < 90 ? 'under_review' : age < 200 ? 'in_planning' : 'closed';
    const outcome = status === 'closed' ? rng.pick(['solved', 'declined'] as const) : null;
    const id = newId();
    const closedDay = status === 'closed' ? day + rng.int(200, Math.max(200, age)) : null;
    report = {
      id,
      need: text.need,
      field: text.field,
      reportedDay: day,
      closedDay,
      cases: new Set(),
      chunk: ctx.chunk,
    };
    pool.set(text.need, report);
    const moves: [string, string, number, string | null][] = [];
    if (status !== 'reported') moves.push(['reported', 'under_review', day + 14, GAP_COMMENTS.under_review]);
    if (status === 'in_planning' || status === 'closed')
      moves.push(['under_review', 'in_planning', day + 60, GAP_COMMENTS.in_planning]);
    if (status === 'closed' && closedDay !== null)
      moves.push([
        'in_planning',
        'closed',
        closedDay,
        outcome === 'declined' ? GAP_COMMENTS.declined : GAP_COMMENTS.solved,
      ]);
    out.gap_reports.push({
      id,
      organisation_id: org.id,
      need: text.need,
      field: text.field,
      target_group: text.targetGroup,
      district: rng.chance(0.6) ? rng.pick(org.districts).name : null,
      urgency: rng.pick(['low', 'medium', 'medium', 'high']),
      description: null,
      source: 'plan_step',
      status,
      outcome,
      reported_on: isoDate(day),
      created_by: author.id,
      updated_by: moves.length > 0 ? org.planner.id : author.id,
      created_at: isoTime(day, 12 * 60),
      updated_at: isoTime(moves[moves.length - 1]?.[2] ?? day, 12 * 60),
      version: 1 + moves.length,
    });
    for (const [from, to, on, comment] of moves) {
      out.gap_report_comments.push({
        id: newId(),
        gap_report_id: id,
        text: comment,
        status_from: from,
        status_to: to,
        created_at: isoTime(on, 12 * 60 + 30),
        created_by: org.planner.id,
      });
    }
  }
  report.cases.add(caseId);
  if (report.chunk < ctx.chunk) ctx.dependsOn = Math.max(ctx.dependsOn, report.chunk);
  out.gap_report_cases.push({
    id: newId(),
    gap_report_id: report.id,
    case_id: caseId,
    plan_step_id: step.id ?? null,
    journal_entry_id: null,
    conference_id: null,
    linked_at: isoTime(Math.max(day, report.reportedDay), 12 * 60 + 10),
    linked_by: author.id,
  });
}

/** A referral from a plan step to the partner's offer, with its status history and, where data went, the release. */
function referralRows(
  ctx: Context,
  client: Client,
  caseId: string,
  r: { step: StepDoc; partner: Partner },
  p: {
    from: number;
    end: number;
    running: boolean;
    author: (day: number) => Staff;
    out: Buffers;
    touch: (day: number) => void;
  },
): void {
  const { rng } = ctx;
  const org = client.organisation;
  const requested = Math.min(p.end, p.from + rng.int(0, 30));
  const offer = r.partner.offers.find((o) => o.title === r.step.offer) ?? null;
  // The path the referral takes; it stops where the case's time ends.
  const path: [ReferralStatus, number][] = [['requested', requested]];
  let day = requested;
  const outcome = rng.weighted([
    ['completed', 45],
    ['started', 15],
    ['declined', 15],
    ['broken_off', 10],
    ['accepted', 10],
    ['requested', 5],
  ] as const);
  const steps: ReferralStatus[] =
    outcome === 'completed'
      ? ['accepted', 'started', 'completed']
      : outcome === 'started'
        ? ['accepted', 'started']
        : outcome === 'declined'
          ? rng.chance(0.5)
            ? ['declined']
            : ['accepted', 'declined']
          : outcome === 'broken_off'
            ? ['accepted', 'started', 'broken_off']
            : outcome === 'accepted'
              ? ['accepted']
              : [];
  for (const status of steps) {
    const gap =
      status === 'accepted'
        ? rng.int(2, 20)
        : status === 'started'
          ? rng.int(0, offer?.freePlaces === 0 ? 120 : 60)
          : rng.int(20, 150);
    if (day + gap > p.end) break;
    day += gap;
    path.push([status, day]);
  }
  const dateOf = (s: ReferralStatus) => path.find(([x]) => x === s)?.[1] ?? null;
  const last = path[path.length - 1] as [ReferralStatus, number];
  const author = p.author(requested);
  const categories = rng.chance(0.35)
    ? rng.chance(0.5)
      ? ['master_data', 'plan']
      : ['master_data', 'assessment', 'plan']
    : [];
  let disclosureId: string | null = null;
  if (categories.length > 0) {
    // The release from confidentiality for this partner, given before the data went.
    const given = requested - rng.int(0, 7);
    const release = consentRow(ctx, client, {
      kind: 'release',
      givenDay: given,
      guardian: guardianRequired(client.birthDate, client.birthYear, isoDate(given)),
      createdBy: author.id,
      release: {
        name: r.partner.name,
        categories,
        validUntil: rng.chance(0.5) ? requested + rng.int(180, 730) : null,
      },
    });
    p.out.consents.push(release);
    disclosureId = newId();
    p.out.disclosures.push({
      id: disclosureId,
      organisation_id: org.id,
      client_id: client.id,
      case_id: caseId,
      disclosed_at: isoTime(requested, 10 * 60 + 30),
      disclosed_by: author.id,
      recipient_kind: 'organisation',
      recipient_name: r.partner.name,
      purpose: 'referral',
      categories: JSON.stringify(categories),
      basis: 'release',
      consent_id: release.id as string,
      channel: 'referral',
    });
  }
  const troubled =
    last[0] === 'declined' || last[0] === 'broken_off' || (dateOf('started') ?? requested) - requested > 45;
  const barriers = troubled
    ? rng.some(
        [
          'waiting_list',
          'no_places',
          'language',
          'childcare',
          'documents_missing',
          'motivation',
          'distance_mobility',
        ],
        rng.int(1, 2),
      )
    : [];
  const id = newId();
  p.out.referrals.push({
    id,
    organisation_id: org.id,
    case_id: caseId,
    client_id: client.id,
    plan_step_id: r.step.id ?? null,
    partner_id: r.partner.id,
    offer_id: offer?.id ?? null,
    status: last[0],
    requested_on: isoDate(requested),
    accepted_on: dateOf('accepted') === null ? null : isoDate(dateOf('accepted') as number),
    started_on: dateOf('started') === null ? null : isoDate(dateOf('started') as number),
    ended_on: ['completed', 'declined', 'broken_off'].includes(last[0]) ? isoDate(last[1]) : null,
    barriers: JSON.stringify(barriers),
    barrier_note: barriers.length > 0 && rng.chance(0.3) ? rng.pick(BARRIER_NOTES) : null,
    partner_feedback: last[0] === 'completed' && rng.chance(0.6) ? rng.pick(PARTNER_FEEDBACK) : null,
    note: rng.chance(0.4) ? rng.pick(REFERRAL_NOTES) : null,
    categories: JSON.stringify(categories),
    disclosure_id: disclosureId,
    created_by: author.id,
    updated_by: p.author(last[1]).id,
    created_at: isoTime(requested, 10 * 60 + 31),
    updated_at: isoTime(last[1], 14 * 60),
    version: path.length,
  });
  for (const [status, on] of path) {
    p.out.referral_events.push({
      id: newId(),
      referral_id: id,
      status,
      on_date: isoDate(on),
      note: null,
      recorded_at: isoTime(on, 14 * 60),
      recorded_by: p.author(on).id,
    });
    p.touch(on);
  }
}

interface JournalDay {
  day: number;
  contact: boolean;
}

const KIND_WEIGHTS: [JournalKind, number][] = [
  ['personal_talk', 35],
  ['phone', 25],
  ['email_letter', 12],
  ['note', 8],
  ['missed_appointment', 7],
  ['accompaniment', 6],
  ['home_visit', 4],
  ['case_conference', 3],
];
const DURATION: Record<JournalKind, [number, number] | null> = {
  personal_talk: [30, 90],
  phone: [5, 20],
  home_visit: [60, 120],
  email_letter: [10, 30],
  case_conference: [45, 120],
  accompaniment: [60, 240],
  missed_appointment: null,
  note: null,
};

/** The journal: the first talk on the opening day, then entries spread over the case's time. */
function journalRows(
  ctx: Context,
  client: Client,
  caseId: string,
  j: {
    count: number;
    open: number;
    activityEnd: number;
    running: boolean;
    quiet: boolean;
    author: (day: number) => Staff;
    goalIds: string[];
    planDay: number | null;
    out: Buffers;
  },
): JournalDay[] {
  const { rng, keys } = ctx;
  const span = Math.max(0, j.activityEnd - j.open);
  // A running case was in touch recently (or, when quiet, on the day it went quiet): at least two entries.
  const count = j.running && span > 14 ? Math.max(2, j.count) : j.count;
  const days: number[] = [j.open];
  for (let i = 1; i < count; i += 1) days.push(j.open + rng.int(0, span));
  days.sort((a, b) => a - b);
  if (j.running && count > 1)
    days[days.length - 1] = j.activityEnd - (j.quiet ? 0 : rng.int(0, Math.min(21, span)));
  const out: JournalDay[] = [];
  days.forEach((day, i) => {
    const lastOfRunning = j.running && i === days.length - 1;
    const kind: JournalKind =
      i === 0
        ? rng.chance(0.8)
          ? 'personal_talk'
          : 'phone'
        : lastOfRunning
          ? rng.pick(['personal_talk', 'phone'])
          : rng.weighted(KIND_WEIGHTS);
    const author = j.author(day);
    const special = i > 0 && kind === 'personal_talk' && rng.chance(0.06);
    const text = special
      ? healthText(rng, client.person)
      : journalText(rng, kind, client.topics, client.person, i === 0);
    const duration = DURATION[kind];
    const created = isoTime(day, 9 * 60 + rng.int(0, 480));
    const withdrawn = !lastOfRunning && i > 0 && rng.chance(0.005);
    const edited = !withdrawn && !special && rng.chance(0.02);
    const id = newId();
    const goalId =
      j.planDay !== null && day > j.planDay && j.goalIds.length > 0 && rng.chance(0.25)
        ? rng.pick(j.goalIds)
        : null;
    const participants = PARTICIPANTS[kind];
    const edit = isoTime(Math.min(ctx.today, day + 1), 8 * 60 + rng.int(0, 60));
    j.out.journal_entries.push({
      id,
      case_id: caseId,
      kind,
      occurred_on: isoDate(day),
      duration_minutes: duration ? rng.int(duration[0] / 5, duration[1] / 5) * 5 : null,
      participants: participants ? rng.pick(participants) : null,
      text: special ? encryptText(keys, text) : text,
      goal_id: goalId,
      created_at: created,
      created_by: author.id,
      updated_at: edited ? edit : created,
      updated_by: author.id,
      version: edited ? 2 : 1,
      withdrawn_at: withdrawn ? edit : null,
      withdrawn_by: withdrawn ? author.id : null,
      withdrawn_reason: withdrawn ? rng.pick(WITHDRAW_REASONS) : null,
      special_category: special,
    });
    if (edited) {
      j.out.journal_entry_revisions.push({
        id: newId(),
        entry_id: id,
        version: 1,
        kind,
        occurred_on: isoDate(day),
        duration_minutes: null,
        participants: null,
        text: text.split('. ')[0] ?? text,
        written_at: created,
        written_by: author.id,
      });
    }
    out.push({ day, contact: !withdrawn && (CONTACT_KINDS as readonly string[]).includes(kind) });
  });
  return out;
}

/** The evaluation [001 L1140–1180]: sealed with the closure, or a draft while the case is in its evaluation phase. */
function evaluationRows(
  ctx: Context,
  client: Client,
  caseId: string,
  e: {
    day: number;
    close: number | null;
    reason: ClosureReason | null;
    goals: { id: string; status: GoalDoc['status']; attainment: Attainment }[];
    manager: Staff;
    assessed: boolean;
    referred: boolean;
    out: Buffers;
  },
): void {
  const { rng, today } = ctx;
  const org = client.organisation;
  const success = e.reason === 'goals_reached';
  const mode = rng.weighted([
    ['with_client', 60],
    ['client_form', 25],
    ['not_asked', 15],
  ] as const);
  const score = () =>
    mode === 'not_asked' || rng.chance(0.08)
      ? null
      : rng.weighted([
          [5, 30],
          [4, 35],
          [3, 20],
          [2, 10],
          [1, 5],
        ] as const);
  const methods: Method[] = METHODS.filter(
    (m) =>
      m === 'counselling' ||
      (m === 'assessment_instrument' && e.assessed) ||
      (m === 'referral' && e.referred) ||
      (['accompaniment', 'home_visit', 'case_conference', 'group_offer', 'network_map'].includes(m) &&
        rng.chance(0.2)),
  );
  const offered = rng.chance(0.7);
  const agreed = offered && rng.chance(0.5);
  const id = newId();
  let followUpId: string | null = null;
  if (agreed) {
    // The follow-up talk six months after the end (or after the evaluation while the case still runs).
    const due = addMonthsDay(e.close ?? e.day, 6);
    const row = followUp(
      ctx,
      org,
      caseId,
      e.manager,
      due,
      FOLLOW_UP_TEXT,
      due <= today ? due : null,
      e.close ?? e.day,
    );
    e.out.follow_ups.push(row);
    followUpId = row.id;
  }
  const at = isoTime(e.day, 14 * 60);
  e.out.case_evaluations.push({
    id,
    organisation_id: org.id,
    case_id: caseId,
    evaluated_on: isoDate(e.day),
    ended_by:
      e.close === null && rng.chance(0.3)
        ? null
        : e.reason === 'ended_by_client' || e.reason === 'moved_or_other_agency'
          ? rng.pick(['client', 'both'])
          : e.reason === 'insufficient_cooperation'
            ? 'case_manager'
            : rng.pick(['both', 'both', 'case_manager']),
    life_situation:
      e.close === null && rng.chance(0.3)
        ? null
        : success
          ? rng.weighted([
              ['yes', 70],
              ['partly', 30],
            ])
          : rng.weighted([
              ['partly', 50],
              ['no', 40],
              ['yes', 10],
            ]),
    satisfaction: JSON.stringify({
      general: score(),
      course: score(),
      results: score(),
      expectations: score(),
      mandate: score(),
    }),
    satisfaction_mode: mode,
    satisfaction_language:
      mode === 'not_asked' ? null : mode === 'client_form' ? client.consentLanguage : 'de',
    methods: JSON.stringify(methods),
    destination: success
      ? rng.pick(['training', 'employment', 'school', 'further_help'])
      : rng.pick(['unemployed', 'unknown', 'further_help', 'employment']),
    gaps_found: rng.chance(0.1) ? rng.pick(GAPS_FOUND) : null,
    summary: rng.chance(0.6) ? rng.pick(EVALUATION_SUMMARIES) : null,
    follow_up_offered: offered,
    follow_up_id: followUpId,
    created_by: e.manager.id,
    updated_by: e.manager.id,
    created_at: at,
    updated_at: e.close === null ? at : isoTime(e.close, 15 * 60),
    version: e.close === null ? 1 : 2,
  });
  for (const goal of e.goals) {
    if (goal.status === 'dropped') continue;
    e.out.case_evaluation_goals.push({
      evaluation_id: id,
      goal_id: goal.id,
      attainment: e.close === null ? goal.attainment : goal.status === 'achieved' ? 'fully' : goal.attainment,
    });
  }
}

/**
 * The case as the privacy module leaves it after anonymisation (privacy/anonymise.ts scrubCases): free texts
 * gone, the figures the statistics need kept.
 */
function scrubCase(out: Buffers): void {
  for (const c of out.cases) {
    Object.assign(c, {
      referral_person: null,
      indication_reason: null,
      referred_to: null,
      contract_by: null,
      mandate_text: null,
      mandate_feedback_channel: null,
      mandate_feedback_interval: null,
    });
  }
  for (const e of out.journal_entries)
    Object.assign(e, { text: '', participants: null, withdrawn_reason: null });
  out.journal_entry_revisions.length = 0;
  for (const f of out.follow_ups) f.text = '';
  for (const h of out.case_handovers) h.reason = '';
  for (const d of out.case_delegations) d.reason = null;
  for (const a of out.assessments)
    Object.assign(a, { answers: '{}', special_answers: null, network_snapshot: null });
  for (const n of out.assessment_needs) n.text = '';
  for (const p of out.plans) Object.assign(p, { header: '{}', legal_note: null });
  for (const g of out.plan_goals) Object.assign(g, { wording: '', indicator: null });
  for (const s of out.plan_steps)
    Object.assign(s, { what: '', who_name: null, provider: null, offer: null, cost_bearer: null });
  for (const r of out.goal_reviews) r.comment = null;
  for (const s of out.plan_signatures) s.name = null;
  for (const v of out.plan_versions) Object.assign(v, { snapshot: '{}', reason: null });
  for (const r of out.referrals) Object.assign(r, { barrier_note: null, partner_feedback: null, note: null });
  for (const e of out.referral_events) e.note = null;
  for (const e of out.case_evaluations) Object.assign(e, { gaps_found: null, summary: null });
  for (const k of out.case_kind_changes) k.reason = null;
}
