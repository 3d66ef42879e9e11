import type { Locale } from '../../core/errors.js';
import type { AccessRoute, CaseKind, ClosureReason, Phase } from '../cases/domain.js';
import type { Gender, LegalDomain, ResidenceStatus } from '../clients/domain.js';
import type { FieldOfAction } from '../gaps/fields.js';
import type { ShippedPartnerType } from '../partners/domain.js';
import type { Attainment } from '../plan/domain.js';
import type { ReferralStatus } from '../referrals/domain.js';
import type { AgeBand, Destination, Preset, SatisfactionDimension } from './domain.js';

/**
 * The words of the reports, German first. Reports are rendered on the server (the same strings go to the
 * screen, CSV and XLSX), so the labels of the codes live here; they follow the web app's wording.
 */
interface TextsShape {
  locale: Locale;
  presets: Record<Preset, string>;
  hidden: string;
  hiddenNote: (threshold: number) => string;
  thresholdsNote: (warn: number, max: number) => string;
  none: string;
  total: string;
  notGiven: string;
  other: string;
  kind: Record<CaseKind, string>;
  phase: Record<Exclude<Phase, 'closed'>, string>;
  ageBand: Record<AgeBand, string>;
  gender: Record<Gender, string>;
  residenceStatus: Record<ResidenceStatus, string>;
  legalDomain: Record<LegalDomain, string>;
  accessRoute: Record<AccessRoute, string>;
  closureReason: Record<ClosureReason, string>;
  attainment: Record<Attainment, string>;
  satisfaction: Record<SatisfactionDimension, string>;
  lifeSituation: Record<'yes' | 'partly' | 'no', string>;
  endedBy: Record<'case_manager' | 'client' | 'both', string>;
  destination: Record<Destination, string>;
  referralStatus: Record<ReferralStatus, string>;
  partnerType: Record<ShippedPartnerType, string>;
  field: Record<FieldOfAction, string>;
  sections: Record<string, string>;
  tables: Record<string, string>;
  columns: Record<string, string>;
  notes: Record<string, string>;
  file: Record<Preset, string>;
  period: string;
  organisations: string;
  orgUnits: string;
  all: string;
  threshold: string;
  generatedAt: string;
}

const de = {
  locale: 'de' as Locale,
  presets: {
    annual: 'Jahresbericht für Zuwendungsgeber',
    team_monthly: 'Monatsübersicht des Teams',
    steering: 'Steuerungsübersicht',
  },
  hidden: 'x',
  thresholdsNote: (warn: number, max: number) =>
    `Fälle je Vollzeitstelle: Richtwert ${warn}, Obergrenze ${max} (Einstellung der Organisation).`,
  hiddenNote: (n) =>
    `„x“: ausgeblendet – beruht auf weniger als ${n} Fällen oder ließe eine kleine Zahl aus den Summen errechnen.`,
  none: '–',
  total: 'Summe',
  notGiven: 'keine Angabe',
  other: 'übrige',
  kind: {
    case_management: 'Case-Management-Fälle',
    counselling: 'Beratungsfälle',
    information: 'Informationskontakte',
  },
  phase: {
    intake: 'Klärung',
    assessment: 'Assessment',
    planning: 'Hilfeplanung',
    linking: 'Vermittlung',
    monitoring: 'Monitoring',
    evaluation: 'Evaluation',
  },
  ageBand: {
    under_18: 'unter 18 Jahre',
    '18_21': '18 bis 21 Jahre',
    '22_27': '22 bis 27 Jahre',
    '28_plus': '28 Jahre und älter',
    unknown: 'Alter unbekannt',
  },
  gender: { female: 'weiblich', male: 'männlich', diverse: 'divers', not_stated: 'keine Angabe' },
  residenceStatus: {
    residence_permit: 'Aufenthaltserlaubnis',
    settlement_permit: 'Niederlassungserlaubnis',
    permission_to_reside: 'Aufenthaltsgestattung',
    toleration: 'Duldung',
    eu_free_movement: 'EU-Freizügigkeit',
    german_citizen: 'deutsche Staatsangehörigkeit',
    visa: 'Visum',
    none: 'ohne Aufenthaltstitel',
    other: 'sonstiger Status',
  },
  legalDomain: {
    sgb2: 'SGB II (Bürgergeld/Jobcenter)',
    sgb3: 'SGB III (Arbeitsförderung)',
    sgb8: 'SGB VIII (Kinder- und Jugendhilfe)',
    sgb12: 'SGB XII (Sozialhilfe)',
    asylblg: 'AsylbLG',
    none: 'keiner',
  },
  accessRoute: {
    self: 'Selbstmelder:in',
    agency_referral: 'Vermittlung durch eine Stelle oder Person',
    outreach: 'aufsuchende Arbeit',
    mandated: 'Zuweisung (Auflage einer Stelle)',
  },
  closureReason: {
    goals_reached: 'Ziele erreicht',
    ended_by_client: 'von der Klient:in beendet',
    insufficient_cooperation: 'unzureichende Mitwirkung',
    structural_obstacles: 'strukturelle Hindernisse (Angebot fehlt / weitervermittelt)',
    no_contact: 'neun Monate kein Kontakt',
    moved_or_other_agency: 'verzogen oder andere Stelle zuständig',
  },
  attainment: {
    not: 'nicht erreicht',
    partly: 'teilweise erreicht',
    largely: 'weitgehend erreicht',
    fully: 'vollständig erreicht',
    dropped: 'entfallen',
  },
  satisfaction: {
    general: 'Allgemeine Zufriedenheit',
    course: 'Beratungsverlauf',
    results: 'Ergebnisse der Beratung',
    expectations: 'Erfüllung der Erwartungen',
    mandate: 'Auftragserfüllung',
  },
  lifeSituation: { yes: 'verbessert', partly: 'teilweise verbessert', no: 'nicht verbessert' },
  endedBy: { case_manager: 'Fallmanager:in', client: 'Klient:in', both: 'beide gemeinsam' },
  destination: {
    employment: 'Arbeit',
    training: 'Ausbildung',
    school: 'Schule',
    further_help: 'weitere Hilfe',
    unemployed: 'arbeitslos',
    unknown: 'unbekannt',
  },
  referralStatus: {
    requested: 'angefragt',
    accepted: 'angenommen',
    started: 'begonnen',
    completed: 'abgeschlossen',
    declined: 'abgelehnt',
    broken_off: 'abgebrochen',
  },
  partnerType: {
    jobcenter: 'Jobcenter',
    employment_agency: 'Agentur für Arbeit',
    immigration_office: 'Ausländerbehörde',
    social_welfare_office: 'Sozialamt',
    youth_welfare_office: 'Jugendamt',
    school: 'Schule',
    kita: 'Kita',
    language_course_provider: 'Sprach- und Integrationskursträger',
    migration_counselling: 'Migrationsberatung',
    psychosocial_service: 'Psychosozialer Dienst',
    debt_counselling: 'Schuldnerberatung',
    health: 'Gesundheit',
    housing: 'Wohnen',
    volunteers: 'Ehrenamt',
    migrant_organisation: 'Migrantenorganisation',
    employer: 'Arbeitgeber',
    other: 'Sonstige',
  },
  field: {
    education: 'Bildung',
    training_work: 'Ausbildung und Arbeit',
    language: 'Sprache',
    housing: 'Wohnen',
    health: 'Gesundheit',
    livelihood: 'Existenzsicherung',
    participation: 'Teilhabe',
    everyday_life: 'Alltagsbewältigung',
    residence: 'Aufenthalt',
    other: 'Sonstiges',
  },
  sections: {
    cases: 'Fälle',
    clients: 'Klient:innen',
    closures: 'Abschlüsse und Dauer',
    results: 'Ergebnisse',
    network: 'Vermittlung und Versorgungslücken',
    workload: 'Fallzahlen je Vollzeitstelle',
    planning: 'Planung und Abbrüche',
    team: 'Team',
    organisations: 'Organisationen',
  },
  tables: {
    caseFlow: 'Neue, laufende und abgeschlossene Fälle nach Fallart',
    ageBand: 'Betreute Fälle nach Altersgruppe',
    gender: 'Betreute Fälle nach Geschlecht',
    residenceStatus: 'Betreute Fälle nach Aufenthaltsstatus',
    country: 'Betreute Fälle nach Herkunftsland',
    legalDomain: 'Betreute Fälle nach Rechtskreis',
    district: 'Betreute Fälle nach Sozialraum',
    accessRoute: 'Betreute Fälle nach Zugangsweg',
    closureReasons: 'Abschlüsse nach Grund',
    endedBy: 'Wer hat den Fall beendet?',
    caseDuration: 'Dauer bis zum Abschluss',
    phaseDurations: 'Dauer der Phasen (Case Management)',
    goalAttainment: 'Zielerreichung',
    satisfaction: 'Zufriedenheit der Klient:innen (1 = sehr unzufrieden, 5 = sehr zufrieden)',
    lifeSituation: 'Lebenssituation nach dem Case Management',
    referrals: 'Vermittlungen nach Art des Netzwerkpartners und Ergebnis',
    waitingTimes: 'Wartezeit bis zum Beginn nach Art des Netzwerkpartners',
    gaps: 'Fehlende Hilfebausteine nach Handlungsfeld',
    caseload: 'Laufende Case-Management-Fälle je Vollzeitstelle',
    plannedSteps: 'Laufende Case-Management-Fälle mit Schritten in den nächsten 30 Tagen',
    dropOut: 'Abbrüche mit und ohne geplante Schritte',
    destinations: 'Verbleib nach Fällen mit Zielen zu Ausbildung und Arbeit',
    quotas: 'Verbleibs- und Eingliederungsquote',
    teamUnits: 'Sachgebiete',
    teamPeople: 'Fallmanager:innen',
    steeringCases: 'Fälle je Organisation',
    steeringClosures: 'Abschlüsse nach Grund je Organisation',
    steeringGaps: 'Fehlende Hilfebausteine nach Handlungsfeld je Organisation',
    steeringReferrals: 'Vermittlungen nach Ergebnis je Organisation',
  },
  columns: {
    kind: 'Fallart',
    new: 'neu',
    running: 'laufend am Ende des Zeitraums',
    closed: 'abgeschlossen',
    served: 'betreut im Zeitraum',
    ageBand: 'Altersgruppe (bei Beginn)',
    gender: 'Geschlecht',
    residenceStatus: 'Aufenthaltsstatus',
    country: 'Herkunftsland',
    legalDomain: 'Rechtskreis',
    district: 'Sozialraum',
    accessRoute: 'Zugangsweg',
    reason: 'Grund',
    endedBy: 'beendet von',
    cases: 'Fälle',
    share: 'Anteil',
    averageDays: 'Durchschnitt (Tage)',
    phase: 'Phase',
    passages: 'abgeschlossene Phasen',
    attainment: 'Zielerreichung',
    finalGoals: 'Ziele bei Abschluss',
    finalShare: 'Anteil bei Abschluss',
    reviews: 'Überprüfungen im Zeitraum',
    reviewShare: 'Anteil der Überprüfungen',
    dimension: 'Bereich',
    average: 'Durchschnitt',
    answers: 'Antworten',
    lifeSituation: 'Lebenssituation',
    partnerType: 'Art des Netzwerkpartners',
    referrals: 'Vermittlungen',
    started: 'begonnen',
    field: 'Handlungsfeld',
    reports: 'Meldungen',
    gapCases: 'Fälle dahinter',
    orgUnit: 'Sachgebiet',
    runningCm: 'laufende CM-Fälle',
    posts: 'Vollzeitstellen',
    perPost: 'Fälle je Vollzeitstelle',
    warnAt: 'Richtwert',
    maxAt: 'Obergrenze',
    withSteps: 'mit geplanten Schritten',
    withoutSteps: 'ohne geplante Schritte',
    retention: 'Verbleibsquote',
    integration: 'Eingliederungsquote',
    group: 'Gruppe',
    closedCm: 'abgeschlossene CM-Fälle',
    droppedOut: 'davon abgebrochen',
    dropOutRate: 'Abbruchquote',
    destination: 'Verbleib',
    quota: 'Quote',
    numerator: 'Fälle',
    base: 'Grundgesamtheit',
    rate: 'Quote',
    person: 'Fallmanager:in',
    overdueFollowUps: 'überfällige Wiedervorlagen',
    reviewsDue: 'fällige Überprüfungen',
    organisation: 'Organisation',
  },
  notes: {
    served:
      'Betreut im Zeitraum: vor dem Ende des Zeitraums begonnen und nicht vor seinem Beginn abgeschlossen. Jeder Fall zählt einmal, auch wenn eine Person mehrere Fälle hat.',
    country: 'Die zehn häufigsten Herkunftsländer, die übrigen zusammengefasst.',
    caseDuration: 'Im Zeitraum abgeschlossene Fälle, vom Beginn bis zum Abschluss.',
    phaseDurations:
      'Im Zeitraum abgeschlossene CM-Fälle: je Phase vom Eintritt bis zum nächsten Phasenwechsel; Durchschnitt in Tagen.',
    goalAttainment:
      'Ziele bei Abschluss: die abschließende Bewertung je Ziel der im Zeitraum abgeschlossenen Fälle. Überprüfungen: alle Zielüberprüfungen im Zeitraum.',
    satisfaction:
      'Evaluationen der im Zeitraum abgeschlossenen Fälle; Bereiche, zu denen nicht gefragt wurde, zählen nicht.',
    referrals: 'Im Zeitraum angefragte Vermittlungen nach ihrem heutigen Stand.',
    waitingTimes: 'Von der Anfrage bis zum Beginn, für begonnene Vermittlungen.',
    gaps: 'Im Zeitraum gemeldete fehlende Hilfebausteine; ein Fall kann hinter mehreren Meldungen stehen.',
    caseload:
      'Laufende Case-Management-Fälle am Ende des Zeitraums je Vollzeitstelle der Fallmanager:innen; ' +
      'wer mehreren Sachgebieten angehört, zählt zu gleichen Teilen. Die JMD-Richtwerte: 30 Fälle bei komplexen ' +
      'Problemlagen, 40–50 vereinbart [JMD-Leitfaden].',
    plannedSteps: 'Stichtag: Ende des Zeitraums (oder heute). Zählt Schritte, die nicht entfallen sind.',
    dropOut:
      'Im Zeitraum abgeschlossene CM-Fälle. Mit Schritten: mindestens ein Schritt war für die 30 Tage vor dem Abschluss geplant. Abbruch: von der Klient:in beendet oder unzureichende Mitwirkung.',
    destinations:
      'Im Zeitraum abgeschlossene Fälle mit mindestens einem Ziel im Handlungsfeld Ausbildung und Arbeit.',
    quotas:
      'Verbleibsquote: Verbleib bekannt und nicht arbeitslos. Eingliederungsquote: in Arbeit oder Ausbildung. Grundgesamtheit: alle Fälle der Tabelle davor.',
    team: 'Laufend: am Ende des Zeitraums. Überfällige Wiedervorlagen: Stand heute; fällige Überprüfungen: bis zum Ende des Zeitraums.',
    steering: 'Nur Organisationen, die ihre Zahlen mit der Koordinierungsstelle teilen.',
  },
  file: { annual: 'jahresbericht', team_monthly: 'monatsuebersicht', steering: 'steuerungsuebersicht' },
  period: 'Zeitraum',
  organisations: 'Organisationen',
  orgUnits: 'Sachgebiete',
  all: 'alle',
  threshold: 'Kleinste gezeigte Zahl',
  generatedAt: 'Erstellt am',
} satisfies TextsShape;

export type StatisticsTexts = typeof de;

const en: StatisticsTexts = {
  locale: 'en',
  presets: {
    annual: 'Annual report for funders',
    team_monthly: 'Team monthly overview',
    steering: 'Steering overview',
  },
  hidden: 'x',
  thresholdsNote: (warn: number, max: number) =>
    `Cases per full-time post: guide value ${warn}, upper limit ${max} (the organisation's setting).`,
  hiddenNote: (n) =>
    `“x”: hidden – based on fewer than ${n} cases, or it would let a small number be computed from the totals.`,
  none: '–',
  total: 'Total',
  notGiven: 'not given',
  other: 'others',
  kind: {
    case_management: 'Case management cases',
    counselling: 'Counselling cases',
    information: 'Information contacts',
  },
  phase: {
    intake: 'Intake',
    assessment: 'Assessment',
    planning: 'Planning',
    linking: 'Linking',
    monitoring: 'Monitoring',
    evaluation: 'Evaluation',
  },
  ageBand: {
    under_18: 'under 18',
    '18_21': '18 to 21',
    '22_27': '22 to 27',
    '28_plus': '28 and older',
    unknown: 'age unknown',
  },
  gender: { female: 'female', male: 'male', diverse: 'diverse', not_stated: 'not stated' },
  residenceStatus: {
    residence_permit: 'Residence permit',
    settlement_permit: 'Settlement permit',
    permission_to_reside: 'Permission to reside (asylum procedure)',
    toleration: 'Toleration (Duldung)',
    eu_free_movement: 'EU freedom of movement',
    german_citizen: 'German citizenship',
    visa: 'Visa',
    none: 'no residence title',
    other: 'other status',
  },
  legalDomain: {
    sgb2: 'SGB II (citizen’s income/job centre)',
    sgb3: 'SGB III (employment promotion)',
    sgb8: 'SGB VIII (child and youth welfare)',
    sgb12: 'SGB XII (social assistance)',
    asylblg: 'AsylbLG (asylum seekers’ benefits)',
    none: 'none',
  },
  accessRoute: {
    self: 'Self-referral',
    agency_referral: 'Referral by an agency or person',
    outreach: 'Outreach work',
    mandated: 'Mandated referral',
  },
  closureReason: {
    goals_reached: 'Goals reached',
    ended_by_client: 'Ended by the client',
    insufficient_cooperation: 'Insufficient cooperation',
    structural_obstacles: 'Structural obstacles (offer missing / referred on)',
    no_contact: 'No contact for nine months',
    moved_or_other_agency: 'Moved or another agency responsible',
  },
  attainment: {
    not: 'not achieved',
    partly: 'partly achieved',
    largely: 'largely achieved',
    fully: 'fully achieved',
    dropped: 'dropped',
  },
  satisfaction: {
    general: 'General satisfaction',
    course: 'Course of counselling',
    results: 'Results of counselling',
    expectations: 'Expectations met',
    mandate: 'Mandate fulfilled',
  },
  lifeSituation: { yes: 'improved', partly: 'partly improved', no: 'not improved' },
  endedBy: { case_manager: 'Case manager', client: 'Client', both: 'Both together' },
  destination: {
    employment: 'Employment',
    training: 'Training',
    school: 'School',
    further_help: 'Further help',
    unemployed: 'Unemployed',
    unknown: 'Unknown',
  },
  referralStatus: {
    requested: 'requested',
    accepted: 'accepted',
    started: 'started',
    completed: 'completed',
    declined: 'declined',
    broken_off: 'broken off',
  },
  partnerType: {
    jobcenter: 'Jobcenter',
    employment_agency: 'Employment agency',
    immigration_office: 'Immigration office',
    social_welfare_office: 'Social welfare office',
    youth_welfare_office: 'Youth welfare office',
    school: 'School',
    kita: 'Day-care centre (Kita)',
    language_course_provider: 'Language and integration course provider',
    migration_counselling: 'Migration counselling',
    psychosocial_service: 'Psychosocial service',
    debt_counselling: 'Debt counselling',
    health: 'Health',
    housing: 'Housing',
    volunteers: 'Volunteers',
    migrant_organisation: 'Migrant organisation',
    employer: 'Employer',
    other: 'Other',
  },
  field: {
    education: 'Education',
    training_work: 'Training and work',
    language: 'Language',
    housing: 'Housing',
    health: 'Health',
    livelihood: 'Livelihood',
    participation: 'Participation',
    everyday_life: 'Everyday life',
    residence: 'Residence',
    other: 'Other',
  },
  sections: {
    cases: 'Cases',
    clients: 'Clients',
    closures: 'Closures and duration',
    results: 'Results',
    network: 'Referrals and gaps in provision',
    workload: 'Cases per full-time post',
    planning: 'Planning and drop-outs',
    team: 'Team',
    organisations: 'Organisations',
  },
  tables: {
    caseFlow: 'New, running and closed cases by kind',
    ageBand: 'Cases served by age band',
    gender: 'Cases served by gender',
    residenceStatus: 'Cases served by residence status',
    country: 'Cases served by country of origin',
    legalDomain: 'Cases served by legal domain',
    district: 'Cases served by district',
    accessRoute: 'Cases served by access route',
    closureReasons: 'Closures by reason',
    endedBy: 'Who ended the case?',
    caseDuration: 'Duration until closure',
    phaseDurations: 'Duration of the phases (case management)',
    goalAttainment: 'Goal attainment',
    satisfaction: 'Client satisfaction (1 = very dissatisfied, 5 = very satisfied)',
    lifeSituation: 'Life situation after case management',
    referrals: 'Referrals by partner type and outcome',
    waitingTimes: 'Waiting time until the start by partner type',
    gaps: 'Gap reports by field of action',
    caseload: 'Running case management cases per full-time post',
    plannedSteps: 'Running case management cases with steps in the next 30 days',
    dropOut: 'Drop-outs with and without planned steps',
    destinations: 'Destination of cases with training and work goals',
    quotas: 'Retention and integration rates',
    teamUnits: 'Org units',
    teamPeople: 'Case managers',
    steeringCases: 'Cases per organisation',
    steeringClosures: 'Closures by reason per organisation',
    steeringGaps: 'Gap reports by field of action per organisation',
    steeringReferrals: 'Referrals by outcome per organisation',
  },
  columns: {
    kind: 'Kind of case',
    new: 'new',
    running: 'running at the end of the period',
    closed: 'closed',
    served: 'served in the period',
    ageBand: 'Age band (at the start)',
    gender: 'Gender',
    residenceStatus: 'Residence status',
    country: 'Country of origin',
    legalDomain: 'Legal domain',
    district: 'District',
    accessRoute: 'Access route',
    reason: 'Reason',
    endedBy: 'Ended by',
    cases: 'Cases',
    share: 'Share',
    averageDays: 'Average (days)',
    phase: 'Phase',
    passages: 'completed phases',
    attainment: 'Attainment',
    finalGoals: 'Goals at closure',
    finalShare: 'Share at closure',
    reviews: 'Reviews in the period',
    reviewShare: 'Share of reviews',
    dimension: 'Dimension',
    average: 'Average',
    answers: 'Answers',
    lifeSituation: 'Life situation',
    partnerType: 'Partner type',
    referrals: 'Referrals',
    started: 'started',
    field: 'Field of action',
    reports: 'Reports',
    gapCases: 'Cases behind them',
    orgUnit: 'Org unit',
    runningCm: 'running CM cases',
    posts: 'Full-time posts',
    perPost: 'Cases per full-time post',
    warnAt: 'Guide value',
    maxAt: 'Upper limit',
    withSteps: 'with planned steps',
    withoutSteps: 'without planned steps',
    retention: 'Retention rate (Verbleibsquote)',
    integration: 'Integration rate (Eingliederungsquote)',
    group: 'Group',
    closedCm: 'closed CM cases',
    droppedOut: 'of which dropped out',
    dropOutRate: 'Drop-out rate',
    destination: 'Destination',
    quota: 'Rate',
    numerator: 'Cases',
    base: 'Base',
    rate: 'Rate',
    person: 'Case manager',
    overdueFollowUps: 'overdue follow-ups',
    reviewsDue: 'reviews due',
    organisation: 'Organisation',
  },
  notes: {
    served:
      'Served in the period: started before its end and not closed before its start. Each case counts once, even when a person has several.',
    country: 'The ten most frequent countries of origin, the others together.',
    caseDuration: 'Cases closed in the period, from the start to the closure.',
    phaseDurations:
      'CM cases closed in the period: per phase from entering it to the next phase change; average in days.',
    goalAttainment:
      'Goals at closure: the final assessment per goal of the cases closed in the period. Reviews: all goal reviews in the period.',
    satisfaction: 'Evaluations of the cases closed in the period; dimensions not asked do not count.',
    referrals: 'Referrals requested in the period, by their current status.',
    waitingTimes: 'From the request to the start, for referrals that started.',
    gaps: 'Gap reports made in the period; a case can be behind several reports.',
    caseload:
      'Running case management cases at the end of the period per full-time post of the case managers; ' +
      'people in several org units count in equal parts. The JMD guide: 30 cases for complex needs, 40–50 agreed.',
    plannedSteps: 'Reference day: the end of the period (or today). Counts steps that were not dropped.',
    dropOut:
      'CM cases closed in the period. With steps: at least one step was planned for the 30 days before the closure. Drop-out: ended by the client or insufficient cooperation.',
    destinations: 'Cases closed in the period with at least one goal in the field training and work.',
    quotas:
      'Retention rate: destination known and not unemployed. Integration rate: into employment or training. Base: all cases of the table before.',
    team: 'Running: at the end of the period. Overdue follow-ups: as of today; reviews due: by the end of the period.',
    steering: 'Only organisations that share their figures with the coordination office.',
  },
  file: { annual: 'annual-report', team_monthly: 'team-monthly', steering: 'steering' },
  period: 'Period',
  organisations: 'Organisations',
  orgUnits: 'Org units',
  all: 'all',
  threshold: 'Smallest number shown',
  generatedAt: 'Generated at',
};

export const TEXTS: Record<Locale, StatisticsTexts> = { de, en };
