import type { Executor } from '../../core/context.js';
import { addDays, localDate } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { foldName, searchKey } from '../clients/domain.js';
import { formatCaseNumber, PHASES, type Phase } from '../cases/domain.js';

/**
 * About thirty fictional clients of the demo Jugendmigrationsdienst with cases in every phase, journals and
 * follow-ups, so a new user sees a working office. Every name and story is invented; dates are relative to
 * the day of seeding.
 */
interface DemoClient {
  family: string;
  given: string;
  born: string;
  gender: 'female' | 'male' | 'diverse' | 'not_stated';
  origin: string;
  nationalities: string[];
  languages: [string, string][];
  interpreter: boolean;
  residence: string;
  legal: string;
  arrivedYearsAgo: number;
  district: number;
  kind: 'information' | 'counselling' | 'case_management';
  phase: Phase;
  owner: 0 | 1;
  route: 'self' | 'agency_referral' | 'outreach' | 'mandated';
  agency?: string;
  openedDaysAgo: number;
  story: string;
}

const C = (
  family: string,
  given: string,
  born: string,
  gender: DemoClient['gender'],
  origin: string,
  languages: [string, string][],
  residence: string,
  legal: string,
  kind: DemoClient['kind'],
  phase: Phase,
  owner: 0 | 1,
  route: DemoClient['route'],
  openedDaysAgo: number,
  story: string,
  extra: Partial<DemoClient> = {},
): DemoClient => ({
  family,
  given,
  born,
  gender,
  origin,
  nationalities: [origin],
  languages,
  interpreter: !languages.some(
    ([code, level]) => code === 'de' && ['b1', 'b2', 'c1', 'c2', 'native'].includes(level),
  ),
  residence,
  legal,
  arrivedYearsAgo: 1 + (openedDaysAgo % 6),
  district: openedDaysAgo % 5,
  kind,
  phase,
  owner,
  route,
  openedDaysAgo,
  story,
  ...extra,
});

export const DEMO_CLIENTS: DemoClient[] = [
  C(
    'Al-Hassan',
    'Samira',
    '2005-04-12',
    'female',
    'SY',
    [
      ['ar', 'native'],
      ['de', 'b1'],
    ],
    'permission_to_reside',
    'asylblg',
    'case_management',
    'planning',
    0,
    'agency_referral',
    75,
    'Aufenthalt ungeklärt, psychisch belastet, möchte Ausbildung zur Pflegefachfrau',
    { agency: 'Ausländerbehörde Musterstadt' },
  ),
  C(
    'Haidari',
    'Mohammad',
    '2006-09-01',
    'male',
    'AF',
    [
      ['fa', 'native'],
      ['de', 'a2'],
    ],
    'toleration',
    'asylblg',
    'case_management',
    'assessment',
    0,
    'outreach',
    20,
    'Duldung, Schulabschluss fehlt, wohnt in Gemeinschaftsunterkunft',
  ),
  C(
    'Kovalenko',
    'Olena',
    '2003-02-18',
    'female',
    'UA',
    [
      ['uk', 'native'],
      ['ru', 'c1'],
      ['de', 'a2'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'linking',
    0,
    'self',
    140,
    'Anerkennung des Bachelors in Buchhaltung, Kita-Platz für Sohn gesucht',
  ),
  C(
    'Yılmaz',
    'Emre',
    '2008-11-30',
    'male',
    'TR',
    [
      ['tr', 'native'],
      ['de', 'b2'],
    ],
    'settlement_permit',
    'sgb8',
    'counselling',
    'intake',
    0,
    'self',
    3,
    'Fragen zur Ausbildungsplatzsuche',
  ),
  C(
    'Tesfay',
    'Yonas',
    '2004-06-07',
    'male',
    'ER',
    [
      ['ti', 'native'],
      ['en', 'b1'],
      ['de', 'a2'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'monitoring',
    0,
    'agency_referral',
    260,
    'Integrationskurs abgebrochen, Schulden, Wohnungssuche',
    { agency: 'Jobcenter Musterstadt' },
  ),
  C(
    'Popescu',
    'Andreea',
    '2002-01-25',
    'female',
    'RO',
    [
      ['ro', 'native'],
      ['de', 'b1'],
    ],
    'eu_free_movement',
    'sgb2',
    'case_management',
    'evaluation',
    0,
    'self',
    330,
    'Ausbildung begonnen, Abschluss des Falls in Vorbereitung',
  ),
  C(
    'Nowak',
    'Kacper',
    '2007-03-14',
    'male',
    'PL',
    [
      ['pl', 'native'],
      ['de', 'b2'],
    ],
    'eu_free_movement',
    'sgb8',
    'information',
    'closed',
    0,
    'self',
    45,
    'Information zu Sprachkursen',
  ),
  C(
    'Mahmoud',
    'Lina',
    '2006-12-02',
    'female',
    'IQ',
    [
      ['ar', 'native'],
      ['ku', 'b2'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'planning',
    0,
    'mandated',
    60,
    'Zuweisung durch das Jobcenter, Ausbildungsreife',
    { agency: 'Jobcenter Musterstadt' },
  ),
  C(
    'Osei',
    'Kwame',
    '2001-08-19',
    'male',
    'GH',
    [
      ['en', 'c1'],
      ['de', 'a2'],
    ],
    'visa',
    'none',
    'counselling',
    'intake',
    0,
    'self',
    9,
    'Studienvorbereitung, Visum läuft aus',
  ),
  C(
    'Petrenko',
    'Dmytro',
    '2005-05-05',
    'male',
    'UA',
    [
      ['uk', 'native'],
      ['de', 'a1'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'intake',
    0,
    'agency_referral',
    5,
    'Neu zugewandert, Schulplatz und Sprachkurs',
    { agency: 'Schulamt' },
  ),
  C(
    'Rahimi',
    'Fatima',
    '2004-10-10',
    'female',
    'AF',
    [
      ['fa', 'native'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'monitoring',
    0,
    'self',
    200,
    'Alleinerziehend, Teilzeitausbildung, Kinderbetreuung',
  ),
  C(
    'Bajrami',
    'Arben',
    '2003-07-21',
    'male',
    'XK',
    [
      ['sq', 'native'],
      ['de', 'b2'],
    ],
    'toleration',
    'asylblg',
    'case_management',
    'assessment',
    0,
    'outreach',
    30,
    'Beschäftigungsduldung prüfen, Arbeitgeber gefunden',
  ),
  C(
    'Ibrahim',
    'Amina',
    '2007-01-09',
    'female',
    'SO',
    [
      ['so', 'native'],
      ['de', 'a2'],
    ],
    'permission_to_reside',
    'asylblg',
    'case_management',
    'linking',
    0,
    'agency_referral',
    110,
    'Schulbesuch unregelmäßig, Unterstützung der Familie',
    { agency: 'Jugendamt Musterstadt' },
  ),
  C(
    'Novak',
    'Ana',
    '2002-09-29',
    'female',
    'HR',
    [
      ['hr', 'native'],
      ['de', 'c1'],
    ],
    'eu_free_movement',
    'none',
    'information',
    'closed',
    0,
    'self',
    90,
    'Information zur Anerkennung',
  ),
  C(
    'Karimi',
    'Reza',
    '2006-04-16',
    'male',
    'IR',
    [
      ['fa', 'native'],
      ['en', 'b2'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'closed',
    0,
    'self',
    420,
    'Ausbildung als Elektroniker begonnen, Fall abgeschlossen',
  ),
  C(
    'Abdi',
    'Hodan',
    '2005-03-03',
    'female',
    'SO',
    [
      ['so', 'native'],
      ['ar', 'b1'],
      ['de', 'a2'],
    ],
    'residence_permit',
    'sgb2',
    'counselling',
    'intake',
    0,
    'self',
    14,
    'Fragen zum Familiennachzug',
  ),
  C(
    'Kaya',
    'Zeynep',
    '2004-12-24',
    'female',
    'TR',
    [
      ['tr', 'native'],
      ['de', 'native'],
    ],
    'german_citizen',
    'sgb3',
    'case_management',
    'planning',
    0,
    'agency_referral',
    50,
    'Studienabbruch, berufliche Neuorientierung',
    { agency: 'Agentur für Arbeit' },
  ),
  C(
    'Said',
    'Omar',
    '2008-08-08',
    'male',
    'SY',
    [
      ['ar', 'native'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb8',
    'case_management',
    'monitoring',
    0,
    'mandated',
    230,
    'Jugendhilfe und Schule, Zuweisung durch das Jugendgericht',
    { agency: 'Jugendgerichtshilfe' },
  ),
  C(
    'Shevchenko',
    'Iryna',
    '2000-06-30',
    'female',
    'UA',
    [
      ['uk', 'native'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'monitoring',
    1,
    'self',
    180,
    'Berufsanerkennung Lehrerin, Kinderbetreuung',
  ),
  C(
    'Diallo',
    'Mamadou',
    '2006-02-11',
    'male',
    'GN',
    [
      ['fr', 'c1'],
      ['de', 'a2'],
    ],
    'toleration',
    'asylblg',
    'case_management',
    'assessment',
    1,
    'outreach',
    25,
    'Identitätsklärung, Schulplatz',
  ),
  C(
    'Hussein',
    'Nour',
    '2007-10-17',
    'female',
    'LB',
    [
      ['ar', 'native'],
      ['fr', 'b1'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'planning',
    1,
    'self',
    70,
    'Übergang Schule – Beruf, Praktikum gesucht',
  ),
  C(
    'Gashi',
    'Blerina',
    '2003-04-04',
    'female',
    'XK',
    [
      ['sq', 'native'],
      ['de', 'b2'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'linking',
    1,
    'agency_referral',
    95,
    'Schuldnerberatung und Wohnung',
    { agency: 'Sozialamt' },
  ),
  C(
    'Ahmadi',
    'Ali',
    '2005-01-20',
    'male',
    'AF',
    [
      ['ps', 'native'],
      ['fa', 'c1'],
      ['de', 'a2'],
    ],
    'permission_to_reside',
    'asylblg',
    'counselling',
    'closed',
    1,
    'self',
    120,
    'Beratung zum Asylverfahren, an Fachberatung verwiesen',
  ),
  C(
    'Tran',
    'Thi Mai',
    '2002-11-11',
    'female',
    'VN',
    [
      ['vi', 'native'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb3',
    'case_management',
    'evaluation',
    1,
    'self',
    300,
    'Ausbildung in der Pflege, Prüfung bestanden',
  ),
  C(
    'Mensah',
    'Abena',
    '2004-05-15',
    'female',
    'GH',
    [
      ['en', 'native'],
      ['de', 'a2'],
    ],
    'residence_permit',
    'sgb2',
    'case_management',
    'intake',
    1,
    'agency_referral',
    2,
    'Erstkontakt über Migrationsberatung',
    { agency: 'Migrationsberatung für Erwachsene' },
  ),
  C(
    'Bogdan',
    'Mihai',
    '2007-09-09',
    'male',
    'MD',
    [
      ['ro', 'native'],
      ['ru', 'b2'],
      ['de', 'a2'],
    ],
    'eu_free_movement',
    'sgb8',
    'information',
    'intake',
    1,
    'self',
    1,
    'Frage nach Deutschkurs',
  ),
  C(
    'Jalloh',
    'Fatmata',
    '2006-07-27',
    'female',
    'SL',
    [
      ['en', 'b2'],
      ['de', 'a1'],
    ],
    'permission_to_reside',
    'asylblg',
    'case_management',
    'planning',
    1,
    'outreach',
    55,
    'Traumafolgen, Therapieplatz, Schule',
  ),
  C(
    'Georgiou',
    'Nikos',
    '2001-03-01',
    'male',
    'GR',
    [
      ['el', 'native'],
      ['de', 'b1'],
    ],
    'eu_free_movement',
    'sgb2',
    'case_management',
    'monitoring',
    1,
    'self',
    150,
    'Nachholen des Hauptschulabschlusses',
  ),
  C(
    'Qasim',
    'Layla',
    '2008-02-02',
    'female',
    'IQ',
    [
      ['ku', 'native'],
      ['ar', 'b2'],
      ['de', 'b1'],
    ],
    'residence_permit',
    'sgb8',
    'counselling',
    'intake',
    1,
    'self',
    6,
    'Konflikte in der Familie, Wunsch nach eigener Wohnung',
  ),
  C(
    'Müller',
    'Anna',
    '2004-08-22',
    'female',
    'KZ',
    [
      ['ru', 'native'],
      ['de', 'b2'],
    ],
    'german_citizen',
    'sgb2',
    'case_management',
    'assessment',
    1,
    'agency_referral',
    15,
    'Spätaussiedlerin, Anerkennung und Arbeit',
    { agency: 'Jobcenter Musterstadt', nationalities: ['DE', 'KZ'] },
  ),
];

/** Two cases have been quiet for over six months: the retention board asks for a decision. */
const QUIET_DAYS: Record<string, number> = { Tesfay: 200, Said: 190 };
/** Two first contacts have no consent yet: only minimal master data, and the case shows what is missing. */
const WITHOUT_CONSENT = new Set(['Mensah', 'Bogdan']);
const CONSENT_LANGUAGE: Record<string, string> = {
  SY: 'ar',
  IQ: 'ar',
  LB: 'ar',
  SO: 'ar',
  UA: 'uk',
  GH: 'en',
  ER: 'en',
  SL: 'en',
  VN: 'en',
};

export const DEMO_DISTRICTS = ['Innenstadt', 'Nordstadt', 'Weststadt', 'Südstadt', 'Oststadt'];

const JOURNAL_TEXTS: [string, string, number][] = [
  [
    'personal_talk',
    'Erstgespräch: Anliegen, Lebenssituation und Erwartungen besprochen. Informationen zum Case Management gegeben.',
    60,
  ],
  ['phone', 'Telefonat: Termin bestätigt, Unterlagen mitbringen (Aufenthaltstitel, Zeugnisse).', 10],
  [
    'personal_talk',
    'Gespräch zu Zielen und nächsten Schritten; Klient:in möchte zuerst die Wohnsituation klären.',
    45,
  ],
  ['email_letter', 'Schreiben an die Ausländerbehörde mit Einverständnis der Klient:in vorbereitet.', 20],
  ['accompaniment', 'Begleitung zum Jobcenter, Termin bei der Arbeitsvermittlung wahrgenommen.', 120],
  ['missed_appointment', 'Termin nicht wahrgenommen, telefonisch nicht erreichbar.', 0],
  [
    'home_visit',
    'Hausbesuch in der Unterkunft, Lernplatz und Unterstützung durch die Familie besprochen.',
    90,
  ],
  ['case_conference', 'Fallkonferenz mit Schule und Jugendhilfe: Absprachen zu Unterstützungsangeboten.', 75],
  ['note', 'Unterlagen zur Anerkennung eingegangen und zur Akte genommen.', 0],
];

/** Deterministic pseudo-random numbers, so every demo database looks the same. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export async function seedDemoCaseFiles(
  trx: Executor,
  org: { id: string; shortCode: string },
  caseManagers: [string, string],
  orgUnits: [string, string],
  now: Date,
): Promise<number> {
  const today = localDate(now);
  const at = now.toISOString();
  const random = prng(42);
  const districtIds: string[] = [];
  for (const name of DEMO_DISTRICTS) {
    const id = newId();
    districtIds.push(id);
    await trx
      .insertInto('districts')
      .values({
        id,
        organisation_id: org.id,
        name,
        archived_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }
  const criteria = await trx
    .selectFrom('indication_criteria')
    .select('id')
    .where('organisation_id', '=', org.id)
    .orderBy('sort_order')
    .execute();
  const counters = new Map<number, number>();

  for (const [i, d] of DEMO_CLIENTS.entries()) {
    const clientId = newId();
    const owner = caseManagers[d.owner];
    const opened = addDays(today, -d.openedDaysAgo);
    const openedAt = `${opened}T09:00:00.000Z`;
    const consented = !WITHOUT_CONSENT.has(d.family);
    const quiet = QUIET_DAYS[d.family] ?? 0;
    await trx
      .insertInto('clients')
      .values({
        id: clientId,
        organisation_id: org.id,
        family_name: d.family,
        given_names: d.given,
        search_key: searchKey(d.family, d.given),
        family_key: foldName(d.family),
        birth_date: d.born,
        birth_year: Number(d.born.slice(0, 4)),
        gender: d.gender,
        nationalities: JSON.stringify(consented ? d.nationalities : []),
        country_of_origin: consented ? d.origin : null,
        languages: JSON.stringify(consented ? d.languages.map(([code, level]) => ({ code, level })) : []),
        interpreter_needed: consented && d.interpreter,
        residence_status: consented ? d.residence : null,
        residence_valid_until:
          consented &&
          ['residence_permit', 'permission_to_reside', 'toleration', 'visa'].includes(d.residence)
            ? addDays(today, 60 + ((i * 37) % 500))
            : null,
        legal_domain: consented ? d.legal : null,
        arrival_date: consented ? addDays(today, -365 * d.arrivedYearsAgo - i * 11) : null,
        street: consented
          ? `${['Lindenweg', 'Bahnhofstraße', 'Am Markt', 'Gartenstraße', 'Schulstraße'][i % 5]} ${(i % 40) + 1}`
          : null,
        postal_code: consented ? `1234${i % 10}` : null,
        city: consented ? 'Musterstadt' : null,
        district_id: consented ? (districtIds[d.district] ?? null) : null,
        legal_basis: null,
        legal_basis_note: null,
        health_notes: null,
        phone: `0151 ${String(1000000 + i * 7919).slice(0, 7)}`,
        email: null,
        created_by: owner,
        anonymised_at: null,
        created_at: openedAt,
        updated_at: openedAt,
        version: 1,
      })
      .execute();
    if (Number(d.born.slice(0, 4)) >= 2008) {
      await trx
        .insertInto('client_related_persons')
        .values({
          id: newId(),
          client_id: clientId,
          relation: 'parent',
          name: `Elternteil ${d.family}`,
          is_guardian: true,
          phone: null,
          email: null,
          note: null,
          sort_order: 0,
        })
        .execute();
    }

    if (consented) {
      const consent = (kind: 'data_processing' | 'case_management') => ({
        id: newId(),
        organisation_id: org.id,
        client_id: clientId,
        kind,
        given_by: 'client',
        guardian_person_id: null,
        form: 'oral',
        witness: 'Kollegin aus dem Team',
        document_id: null,
        given_on: opened,
        valid_until: null,
        template_id: null,
        language: CONSENT_LANGUAGE[d.origin] ?? 'de',
        recipient_kind: null,
        recipient_name: null,
        recipient_key: null,
        partner_id: null,
        purpose: null,
        categories: '[]',
        revoked_on: null,
        revoked_by: null,
        revocation_recorded_by: null,
        created_by: owner,
        created_at: openedAt,
        updated_at: openedAt,
        version: 1,
      });
      await trx.insertInto('consents').values(consent('data_processing')).execute();
      if (d.kind === 'case_management' && d.phase !== 'intake') {
        await trx.insertInto('consents').values(consent('case_management')).execute();
      }
    }

    const year = Number(opened.slice(0, 4));
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const caseId = newId();
    const cycle = d.kind === 'case_management' ? PHASES : (['intake', 'closed'] as const);
    const target = cycle.indexOf(d.phase as never);
    const steps = cycle.slice(0, target + 1);
    const mandated = d.route === 'mandated';
    await trx
      .insertInto('cases')
      .values({
        id: caseId,
        organisation_id: org.id,
        org_unit_id: orgUnits[d.owner],
        client_id: clientId,
        case_number: formatCaseNumber(org.shortCode, year, seq),
        kind: d.kind,
        phase: d.phase,
        responsible_user_id: owner,
        opened_on: opened,
        closed_on:
          d.phase === 'closed' ? addDays(opened, Math.max(1, Math.floor(d.openedDaysAgo * 0.8))) : null,
        last_contact_on: null,
        access_route: d.route,
        referral_agency: d.agency ?? null,
        referral_person: null,
        indication_criteria: JSON.stringify(
          d.kind === 'case_management' ? criteria.slice(0, 3 + (i % 3)).map((c) => c.id) : [],
        ),
        indication_decision: d.kind === 'case_management' ? 'cm_needed' : 'counselling_only',
        indication_reason: d.story,
        referred_to: null,
        contract_form: d.kind === 'case_management' ? (i % 3 === 0 ? 'written' : 'oral') : null,
        contract_on: d.kind === 'case_management' ? addDays(opened, 7 > d.openedDaysAgo ? 0 : 7) : null,
        contract_by: d.kind === 'case_management' ? 'Fallverantwortliche Fachkraft' : null,
        mandate_body: mandated ? (d.agency ?? 'Jobcenter Musterstadt') : null,
        mandate_text: mandated ? 'Heranführung an Ausbildung oder Arbeit' : null,
        mandate_sanction_risk: mandated ? true : null,
        mandate_sessions: mandated ? 5 : null,
        mandate_feedback_channel: mandated ? 'E-Mail mit Einverständnis der Klient:in' : null,
        mandate_feedback_interval: mandated ? 'alle vier Wochen' : null,
        voluntary_since: mandated ? addDays(opened, 35) : null,
        created_by: owner,
        created_at: openedAt,
        updated_at: openedAt,
        version: 1,
      })
      .execute();
    // Phase history: the steps from intake to today's phase, spread over the time since opening.
    for (const [s, phase] of steps.entries()) {
      const day = addDays(opened, Math.floor((d.openedDaysAgo * s) / Math.max(1, steps.length)));
      await trx
        .insertInto('case_phase_changes')
        .values({
          id: newId(),
          case_id: caseId,
          from_phase: s === 0 ? null : (steps[s - 1] ?? null),
          to_phase: phase,
          changed_at: `${day}T10:${String(s).padStart(2, '0')}:00.000Z`,
          changed_by: owner,
          reason: null,
        })
        .execute();
    }
    // Journal: a few entries between opening and today (the most recent ones for running cases).
    const entries = d.kind === 'case_management' ? 2 + Math.floor(random() * 5) : 1;
    let lastContact: string | null = null;
    for (let e = 0; e < entries; e++) {
      const [kind, text, minutes] = JOURNAL_TEXTS[(i + e * 2) % JOURNAL_TEXTS.length] ??
        JOURNAL_TEXTS[0] ?? ['note', '', 0];
      const offset = Math.floor((Math.max(0, d.openedDaysAgo - quiet) * e) / entries);
      const day = addDays(opened, offset);
      if (day > addDays(today, -quiet)) continue;
      await trx
        .insertInto('journal_entries')
        .values({
          id: newId(),
          case_id: caseId,
          kind,
          occurred_on: day,
          duration_minutes: minutes > 0 ? minutes : null,
          participants: kind === 'case_conference' ? 'Klient:in, Schule, Jugendhilfe' : null,
          text,
          goal_id: null,
          created_at: `${day}T15:00:00.000Z`,
          created_by: owner,
          updated_at: `${day}T15:00:00.000Z`,
          updated_by: owner,
          version: 1,
          withdrawn_at: null,
          withdrawn_by: null,
          withdrawn_reason: null,
        })
        .execute();
      if (!['note', 'missed_appointment'].includes(kind) && (lastContact === null || day > lastContact))
        lastContact = day;
    }
    await trx
      .updateTable('cases')
      .set({ last_contact_on: lastContact, last_activity_at: `${lastContact ?? opened}T15:00:00.000Z` })
      .where('id', '=', caseId)
      .execute();
    // Follow-ups: running cases get one; every fourth is overdue.
    if (d.phase !== 'closed') {
      await trx
        .insertInto('follow_ups')
        .values({
          id: newId(),
          organisation_id: org.id,
          case_id: caseId,
          assignee_user_id: owner,
          due_on: i % 4 === 0 ? addDays(today, -(1 + (i % 5))) : addDays(today, 2 + (i % 20)),
          text:
            [
              'Rückmeldung der Ausländerbehörde nachhalten',
              'Bewerbungsunterlagen durchsehen',
              'Termin zur Zielüberprüfung vereinbaren',
              'Kita-Anmeldung nachfragen',
              'Unterlagen für die Anerkennung prüfen',
            ][i % 5] ?? '',
          done_at: null,
          done_by: null,
          created_by: owner,
          created_at: openedAt,
          updated_at: openedAt,
          version: 1,
        })
        .execute();
    }
  }
  for (const [year, last] of counters) {
    await trx
      .insertInto('case_number_counters')
      .values({ organisation_id: org.id, year, last_value: last })
      .execute();
  }
  return DEMO_CLIENTS.length;
}
