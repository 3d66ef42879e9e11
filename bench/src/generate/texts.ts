import type { FieldOfAction } from '../../../server/src/modules/gaps/fields.js';
import type { JournalKind } from '../../../server/src/modules/journal/domain.js';
import type { Rng } from './random.js';

/**
 * The words of a fictional Jugendmigrationsdienst: journal entries of a few sentences, plan goals with their
 * indicators and steps, needs and resources, gap reports, referral notes, evaluation summaries. Texts speak of
 * "die Klientin" / "der Klient" and never carry a name (the plan's participants line is the exception, as in a
 * real plan), so anonymisation and the gap-report name check have nothing to find.
 */

export type Topic =
  | 'residence'
  | 'language'
  | 'training'
  | 'work'
  | 'school'
  | 'housing'
  | 'money'
  | 'family'
  | 'recognition'
  | 'health';

/** What the sentences refer to: "die Klientin" or "der Klient". */
export interface Person {
  nominative: string;
  dative: string;
  pronoun: string;
}

export function personOf(gender: string): Person {
  return gender === 'female'
    ? { nominative: 'Die Klientin', dative: 'der Klientin', pronoun: 'sie' }
    : gender === 'male'
      ? { nominative: 'Der Klient', dative: 'dem Klienten', pronoun: 'er' }
      : { nominative: 'Die ratsuchende Person', dative: 'der ratsuchenden Person', pronoun: 'sie' };
}

const OPENERS: Record<JournalKind, string[]> = {
  personal_talk: [
    'Beratungsgespräch im Büro.',
    'Persönliches Gespräch nach Terminvereinbarung.',
    'Gespräch in der offenen Sprechstunde.',
    'Termin zur Besprechung der nächsten Schritte.',
    'Folgegespräch zum Stand der Vereinbarungen.',
  ],
  phone: [
    'Telefonat auf Wunsch von {dat}.',
    'Kurzes Telefonat zur Terminabstimmung.',
    'Rückruf erhalten.',
    'Telefonische Nachfrage zum Stand.',
  ],
  home_visit: [
    'Hausbesuch in der Unterkunft.',
    'Hausbesuch in der Wohnung der Familie.',
    'Hausbesuch nach Absprache mit der Familie.',
  ],
  email_letter: [
    'Schreiben vorbereitet und mit {dat} besprochen.',
    'E-Mail erhalten und beantwortet.',
    'Unterlagen per Post versandt.',
    'Anschreiben an die zuständige Stelle formuliert.',
  ],
  case_conference: [
    'Fallkonferenz mit den beteiligten Fachkräften.',
    'Helferkonferenz mit Schule und Jugendhilfe.',
    'Gemeinsames Gespräch mit dem Jobcenter.',
  ],
  accompaniment: [
    'Begleitung zum Termin bei der Ausländerbehörde.',
    'Begleitung zum Jobcenter.',
    'Begleitung zur Anmeldung in der Berufsschule.',
    'Begleitung zum Wohnungsamt.',
  ],
  missed_appointment: [
    'Termin nicht wahrgenommen.',
    'Vereinbarter Termin ausgefallen, keine Absage erhalten.',
    'Termin kurzfristig abgesagt.',
  ],
  note: [
    'Aktennotiz.',
    'Unterlagen zur Akte genommen.',
    'Rückmeldung einer Kooperationsstelle eingegangen.',
    'Interne Absprache im Team.',
  ],
};

const TOPIC_SENTENCES: Record<Topic, string[]> = {
  residence: [
    'Die Aufenthaltserlaubnis läuft in einigen Monaten aus; die Verlängerung wurde gemeinsam vorbereitet.',
    '{nom} hat die Fiktionsbescheinigung erhalten und legt sie dem Arbeitgeber vor.',
    'Es fehlen noch Nachweise für die Ausländerbehörde (Passfotos, Meldebescheinigung).',
    'Der Antrag auf Beschäftigungsduldung wurde besprochen; die Voraussetzungen werden geprüft.',
  ],
  language: [
    '{nom} besucht den Integrationskurs regelmäßig und hat die Zwischenprüfung bestanden.',
    'Die Anmeldung zum Jugendintegrationskurs (B1) ist erfolgt, Kursbeginn im nächsten Monat.',
    'Die Prüfung zum Deutsch-Test für Zuwanderer steht bevor; Lernmaterial wurde mitgegeben.',
    'Ein Berufssprachkurs wäre sinnvoll; die Zugangsvoraussetzungen wurden erklärt.',
  ],
  training: [
    'Bewerbungsunterlagen für eine Ausbildung als Pflegefachkraft wurden überarbeitet.',
    '{nom} hat eine Einladung zum Vorstellungsgespräch in einem Handwerksbetrieb erhalten.',
    'Die Einstiegsqualifizierung beginnt zum Monatsanfang; der Vertrag liegt vor.',
    'Gemeinsam wurden Ausbildungsangebote recherchiert und drei Bewerbungen verschickt.',
  ],
  work: [
    'Ein Minijob im Einzelhandel wurde gefunden; die Arbeitszeiten passen zum Sprachkurs.',
    'Das Jobcenter fordert Nachweise über Eigenbemühungen; eine Liste wurde erstellt.',
    '{nom} möchte in der Logistik arbeiten; ein Praktikum wird angefragt.',
  ],
  school: [
    'Die Schule meldet unregelmäßigen Besuch; ein Gespräch mit der Klassenleitung ist vereinbart.',
    'Die Anmeldung an der Berufsschule für die Sprachförderklasse ist abgeschlossen.',
    'Das Abschlusszeugnis wurde zur Anerkennung eingereicht.',
    'Der Hauptschulabschluss soll in der Abendschule nachgeholt werden.',
  ],
  housing: [
    'Die Wohnungssuche gestaltet sich schwierig; ein Wohnberechtigungsschein wurde beantragt.',
    '{nom} lebt weiterhin in der Gemeinschaftsunterkunft und wünscht sich eine eigene Wohnung.',
    'Eine Wohnungsbesichtigung ist vereinbart; die Mietübernahme durch das Jobcenter wird geklärt.',
  ],
  money: [
    'Der Weiterbewilligungsantrag für das Bürgergeld wurde gemeinsam ausgefüllt.',
    'Es bestehen Schulden bei einem Mobilfunkanbieter; ein Termin bei der Schuldnerberatung ist angefragt.',
    'Der Antrag auf Berufsausbildungsbeihilfe wurde gestellt.',
    'Die Leistungen nach dem AsylbLG wurden überprüft; es fehlt noch ein Bescheid.',
  ],
  family: [
    'Die familiäre Situation ist angespannt; {nom} möchte über Unterstützungsmöglichkeiten sprechen.',
    'Für das Kind wird ein Kita-Platz gesucht, damit der Sprachkurs besucht werden kann.',
    'Der Antrag auf Familiennachzug wurde besprochen; die Unterlagen werden zusammengestellt.',
  ],
  recognition: [
    'Die Unterlagen zur Anerkennung des Berufsabschlusses wurden übersetzt und eingereicht.',
    'Die Anerkennungsstelle hat eine teilweise Gleichwertigkeit festgestellt; eine Anpassungsqualifizierung ist möglich.',
    'Für die Zeugnisbewertung fehlt noch eine beglaubigte Kopie.',
  ],
  health: [
    '{nom} berichtet über anhaltende Schlafstörungen; ein Termin bei der Hausärztin wurde vereinbart.',
    'Der Therapieplatz beim psychosozialen Zentrum ist zugesagt, Beginn in einigen Wochen.',
    'Nach dem Klinikaufenthalt geht es {dat} besser; die Nachsorge ist organisiert.',
    'Die Krankenversicherung war unterbrochen; die Mitgliedsbescheinigung liegt jetzt vor.',
  ],
};

const CLOSINGS = [
  'Nächster Termin in zwei Wochen.',
  'Vereinbart: {nom} bringt die fehlenden Unterlagen zum nächsten Termin mit.',
  'Die Fachkraft klärt bis zum nächsten Termin die Zuständigkeit.',
  'Wiedervorlage zur Nachfrage ist eingetragen.',
  '{nom} meldet sich nach dem Termin telefonisch.',
  'Stand wird im nächsten Gespräch besprochen.',
];

const MISSED = [
  'Telefonisch nicht erreichbar, Nachricht hinterlassen.',
  'Neuer Termin per SMS angeboten.',
  'Kurze Nachricht an die Unterkunft, um den Kontakt wiederherzustellen.',
];

function fill(text: string, person: Person): string {
  return text.replace(/\{nom\}/g, person.nominative).replace(/\{dat\}/g, person.dative);
}

export const TOPICS: Topic[] = [
  'residence',
  'language',
  'training',
  'work',
  'school',
  'housing',
  'money',
  'family',
  'recognition',
];

/** A journal entry's text: the kind's opener, one to three sentences on the case's topics, an agreement. */
export function journalText(
  rng: Rng,
  kind: JournalKind,
  topics: readonly Topic[],
  person: Person,
  first: boolean,
): string {
  if (first && kind === 'personal_talk') {
    return fill(
      `Erstgespräch: Anliegen, Lebenssituation und Erwartungen besprochen. Informationen zum Angebot des Jugendmigrationsdienstes und zum Datenschutz gegeben. ${rng.pick(TOPIC_SENTENCES[rng.pick(topics)])} ${rng.pick(CLOSINGS)}`,
      person,
    );
  }
  const parts = [rng.pick(OPENERS[kind])];
  if (kind === 'missed_appointment') {
    parts.push(rng.pick(MISSED));
  } else if (kind === 'note') {
    parts.push(rng.pick(TOPIC_SENTENCES[rng.pick(topics)]));
  } else {
    const count = kind === 'phone' ? 1 : rng.int(1, 3);
    for (const topic of rng.some(topics, count)) parts.push(rng.pick(TOPIC_SENTENCES[topic]));
    if (rng.chance(0.8)) parts.push(rng.pick(CLOSINGS));
  }
  return fill(parts.join(' '), person);
}

/** A special-category entry (health): stored encrypted, shown only to the case team. */
export function healthText(rng: Rng, person: Person): string {
  return fill(
    `${rng.pick(OPENERS.personal_talk)} ${rng.pick(TOPIC_SENTENCES.health)} ${rng.pick(TOPIC_SENTENCES.health)} ${rng.pick(CLOSINGS)}`,
    person,
  );
}

export const PARTICIPANTS: Partial<Record<JournalKind, string[]>> = {
  case_conference: [
    'Klient:in, Schule, Jugendhilfe',
    'Klient:in, Jobcenter (Fallmanagement U25)',
    'Klient:in, Sprachkursträger, Fachkraft JMD',
  ],
  home_visit: ['Klient:in, Mutter', 'Klient:in, Eltern, Geschwister', 'Klient:in, Partner:in'],
  accompaniment: ['Klient:in, Dolmetscher:in', 'Klient:in'],
};

export const WITHDRAW_REASONS = [
  'Eintrag versehentlich im falschen Fall erfasst',
  'Doppelt erfasst',
  'Datum falsch, neu erfasst',
];

export const FOLLOW_UP_TEXTS = [
  'Rückmeldung der Ausländerbehörde nachhalten',
  'Bewerbungsunterlagen durchsehen',
  'Termin zur Zielüberprüfung vereinbaren',
  'Kita-Anmeldung nachfragen',
  'Unterlagen für die Anerkennung prüfen',
  'Nachfragen, ob der Kursplatz bestätigt ist',
  'Bescheid des Jobcenters prüfen',
  'Rückruf der Schule abwarten und nachfassen',
];

export const INDICATION_REASONS: Record<Topic, string> = {
  residence: 'Aufenthalt ungeklärt, mehrere Lebensbereiche betroffen, Unterstützung bei Behörden nötig',
  language: 'Sprachkurs abgebrochen, Bildungsweg unklar, wünscht Begleitung',
  training: 'Sucht einen Ausbildungsplatz, mehrere Stellen beteiligt',
  work: 'Arbeitssuche, Leistungsbezug und Sprachförderung müssen abgestimmt werden',
  school: 'Schulbesuch unregelmäßig, Familie braucht Unterstützung',
  housing: 'Wohnungslosigkeit droht, Leistungen und Wohnungssuche koordinieren',
  money: 'Schulden, Leistungsbezug unklar, Ausbildung in Gefahr',
  family: 'Alleinerziehend, Kinderbetreuung und Sprachkurs abstimmen',
  recognition: 'Anerkennung des Abschlusses und Weg in den Beruf planen',
  health: 'Gesundheitlich belastet, Therapie und Ausbildung vereinbaren',
};

export interface GoalText {
  wording: string;
  indicator: string;
  steps: { what: string; who: 'client' | 'case_manager' | 'provider' | 'other' }[];
}

/** Goals by field of action, after the worked examples of the JMD guide. */
export const GOALS: Partial<Record<FieldOfAction, GoalText[]>> = {
  residence: [
    {
      wording: 'Sicherung des Aufenthalts',
      indicator: 'Die Aufenthaltserlaubnis liegt vor',
      steps: [
        { what: 'Antrag auf Verlängerung der Aufenthaltserlaubnis ausfüllen', who: 'client' },
        { what: 'Hilfestellung beim Ausfüllen des Antrags', who: 'case_manager' },
        { what: 'Antrag bei der Ausländerbehörde abgeben', who: 'client' },
      ],
    },
  ],
  language: [
    {
      wording: 'Deutschkenntnisse auf B1 verbessern',
      indicator: 'Das Zertifikat Deutsch-Test für Zuwanderer B1 liegt vor',
      steps: [
        { what: 'Anmeldung zum Jugendintegrationskurs', who: 'client' },
        { what: 'Kursplatz beim Sprachkursträger anfragen', who: 'case_manager' },
        { what: 'Regelmäßige Teilnahme am Kurs', who: 'client' },
      ],
    },
    {
      wording: 'Ich möchte mich bei Ämtern selbst verständigen können',
      indicator: 'Termine bei Behörden werden ohne Dolmetscher:in wahrgenommen',
      steps: [{ what: 'Berufssprachkurs beginnen', who: 'client' }],
    },
  ],
  training_work: [
    {
      wording: 'Einen Ausbildungsplatz finden',
      indicator: 'Ein Ausbildungsvertrag ist unterschrieben',
      steps: [
        { what: 'Bewerbungsunterlagen erstellen', who: 'client' },
        { what: 'Bewerbungstraining beim Jobcenter besuchen', who: 'provider' },
        { what: 'Fünf Bewerbungen verschicken', who: 'client' },
      ],
    },
    {
      wording: 'Eine Arbeit finden, die zum Sprachkurs passt',
      indicator: 'Ein Arbeitsvertrag liegt vor',
      steps: [
        { what: 'Termin bei der Arbeitsvermittlung wahrnehmen', who: 'client' },
        { what: 'Praktikumsplatz anfragen', who: 'case_manager' },
      ],
    },
  ],
  education: [
    {
      wording: 'Den Hauptschulabschluss nachholen',
      indicator: 'Das Abschlusszeugnis liegt vor',
      steps: [
        { what: 'Anmeldung an der Abendschule', who: 'client' },
        { what: 'Lernpatenschaft vermitteln', who: 'case_manager' },
      ],
    },
    {
      wording: 'Regelmäßiger Schulbesuch',
      indicator: 'Fehlzeiten im Halbjahr unter fünf Tagen',
      steps: [{ what: 'Gespräch mit der Klassenleitung', who: 'case_manager' }],
    },
  ],
  housing: [
    {
      wording: 'Eine eigene Wohnung beziehen',
      indicator: 'Ein Mietvertrag ist unterschrieben',
      steps: [
        { what: 'Wohnberechtigungsschein beantragen', who: 'client' },
        { what: 'Mietübernahme mit dem Jobcenter klären', who: 'case_manager' },
        { what: 'Wohnungsanzeigen durchsehen und Besichtigungen vereinbaren', who: 'client' },
      ],
    },
  ],
  livelihood: [
    {
      wording: 'Die Schulden regeln',
      indicator: 'Ein Tilgungsplan ist mit allen Gläubigern vereinbart',
      steps: [
        { what: 'Termin bei der Schuldnerberatung vereinbaren', who: 'client' },
        { what: 'Unterlagen zu den Forderungen sammeln', who: 'client' },
      ],
    },
    {
      wording: 'Den Lebensunterhalt sichern',
      indicator: 'Der Bewilligungsbescheid liegt vor',
      steps: [{ what: 'Weiterbewilligungsantrag stellen', who: 'client' }],
    },
  ],
  health: [
    {
      wording: 'Ich fühle mich stabil genug, um meine Zukunft zu planen',
      indicator: 'Eine Therapie hat begonnen und wird regelmäßig wahrgenommen',
      steps: [
        { what: 'Kontakt zum psychosozialen Zentrum aufnehmen', who: 'case_manager' },
        { what: 'Am Gruppenangebot teilnehmen', who: 'client' },
      ],
    },
  ],
  everyday_life: [
    {
      wording: 'Kinderbetreuung sichern, damit der Kurs besucht werden kann',
      indicator: 'Ein Kita-Platz ist zugesagt',
      steps: [
        { what: 'Anmeldung in zwei Kitas', who: 'client' },
        { what: 'Rücksprache mit dem Jugendamt zur Platzvergabe', who: 'case_manager' },
      ],
    },
  ],
  participation: [
    {
      wording: 'Kontakte außerhalb der Unterkunft knüpfen',
      indicator: 'Nimmt regelmäßig an einem Freizeit- oder Vereinsangebot teil',
      steps: [{ what: 'Vereinsangebote in der Nähe heraussuchen', who: 'client' }],
    },
  ],
};

export const GOAL_FIELDS = Object.keys(GOALS) as FieldOfAction[];

/** Needs and resources of an assessment (areas are the resource survey's sections). */
export const NEEDS: { area: string; need: string; resource: string }[] = [
  {
    area: 'rights_residence_authorities',
    need: 'Aufenthalt klären und sichern',
    resource: 'Kennt die zuständigen Stellen',
  },
  {
    area: 'school_training_work',
    need: 'Ausbildungsplatz finden',
    resource: 'Klarer Berufswunsch und Praktikumserfahrung',
  },
  { area: 'language', need: 'Deutschkenntnisse verbessern', resource: 'Lernt motiviert, besucht den Kurs' },
  { area: 'housing', need: 'Eigene Wohnung finden', resource: 'Unterstützung durch Verwandte bei der Suche' },
  { area: 'money', need: 'Schulden regeln', resource: 'Führt ein Haushaltsbuch' },
  {
    area: 'family_relationships',
    need: 'Kinderbetreuung organisieren',
    resource: 'Familie unterstützt im Alltag',
  },
  { area: 'leisure_interests', need: 'Kontakte knüpfen', resource: 'Spielt im Fußballverein' },
  { area: 'everyday_mobility', need: 'Wege zu Terminen bewältigen', resource: 'Besitzt ein Monatsticket' },
];

export const SPECIAL_NEED = { area: 'health', text: 'Therapieplatz finden (psychische Belastung)' };

export interface GapText {
  need: string;
  field: FieldOfAction;
  targetGroup: string;
}

export const GAP_NEEDS: GapText[] = [
  {
    need: 'Kinderbetreuung während des Sprach- oder Integrationskurses',
    field: 'everyday_life',
    targetGroup: 'Junge Eltern',
  },
  {
    need: 'Traumatherapie ohne monatelange Wartezeit für junge Geflüchtete',
    field: 'health',
    targetGroup: 'Junge Geflüchtete',
  },
  {
    need: 'Bezahlbarer Wohnraum für junge Erwachsene, die aus der Unterkunft ausziehen',
    field: 'housing',
    targetGroup: 'Junge Erwachsene',
  },
  { need: 'Schuldnerberatung mit kurzer Wartezeit', field: 'livelihood', targetGroup: 'Junge Erwachsene' },
  {
    need: 'Berufssprachkurs in Teilzeit neben der Arbeit',
    field: 'language',
    targetGroup: 'Berufstätige Zugewanderte',
  },
  {
    need: 'Ausbildungsvorbereitung mit Sprachförderung für über 21-Jährige',
    field: 'training_work',
    targetGroup: 'Junge Erwachsene',
  },
  {
    need: 'Abendschule mit Kinderbetreuung',
    field: 'education',
    targetGroup: 'Junge Eltern',
  },
  {
    need: 'Freizeitangebote für junge Frauen in der Unterkunft',
    field: 'participation',
    targetGroup: 'Junge Frauen',
  },
];

export const GAP_COMMENTS = {
  under_review: 'Wird in der AG Übergänge beraten.',
  in_planning: 'Aufgenommen in die Planung des nächsten Haushaltsjahres.',
  solved: 'Ein Träger hat ein passendes Angebot eingerichtet.',
  declined: 'Kein Bedarf über den Einzelfall hinaus erkennbar; bestehende Angebote reichen aus.',
};

export const REFERRAL_NOTES = [
  'Klient:in meldet sich selbst beim Träger, Termin ist bekannt.',
  'Platz telefonisch angefragt, Rückmeldung steht aus.',
  'Anmeldung gemeinsam ausgefüllt und abgeschickt.',
];
export const PARTNER_FEEDBACK = [
  'Regelmäßig und erfolgreich teilgenommen.',
  'Teilnahme bis zum Ende, Zertifikat erhalten.',
  'Hat das Angebot nach der Hälfte der Zeit abgeschlossen, Anschlussangebot vermittelt.',
];
export const BARRIER_NOTES = [
  'Warteliste von mehreren Monaten',
  'Fahrtkosten wurden nicht übernommen',
  'Kein Betreuungsplatz für das Kind während der Kurszeiten',
];

export const EVALUATION_SUMMARIES = [
  'Die vereinbarten Ziele wurden weitgehend erreicht; die Ausbildung hat begonnen.',
  'Aufenthalt gesichert, Sprachkurs abgeschlossen, Arbeitssuche läuft eigenständig weiter.',
  'Die Zusammenarbeit endete auf Wunsch; die wichtigsten Anliegen sind geklärt.',
  'Die Wohnsituation hat sich verbessert; weitere Unterstützung über die Migrationsberatung.',
];
export const GAPS_FOUND = [
  'Kein Kita-Platz während des Kurses verfügbar.',
  'Therapieplatz erst nach langer Wartezeit.',
  'Kein bezahlbarer Wohnraum für junge Erwachsene.',
];

export const HEALTH_NOTES = [
  'Asthma, nimmt regelmäßig Medikamente.',
  'In psychotherapeutischer Behandlung wegen Belastungen auf der Flucht.',
  'Diabetes Typ 1, Arzttermine vierteljährlich.',
];

export const HANDOVER_REASONS = [
  'Elternzeit',
  'Wechsel in ein anderes Team',
  'Entlastung bei hoher Fallzahl',
];
export const KIND_CHANGE_REASONS = [
  'Mehrere Lebensbereiche betroffen, Case Management vereinbart',
  'Bedarf hat sich in der Beratung als komplex herausgestellt',
];
export const WITNESSES = [
  'Kollegin aus dem Team',
  'Kollege aus dem Team',
  'Sprachmittlerin',
  'Sprachmittler',
];
export const HEADER = {
  benefits: ['Bürgergeld (SGB II)', 'Leistungen nach dem AsylbLG', 'BAföG', 'keine', 'Kindergeld'],
  problems: [
    'Mehrere Lebensbereiche betroffen: Aufenthalt, Sprache und Ausbildung',
    'Wohnungslosigkeit droht, Ausbildung gefährdet',
    'Schulabschluss fehlt, Sprachkurs abgebrochen',
  ],
  resources: [
    'Gute Deutschkenntnisse, Unterstützung durch die Familie, klarer Berufswunsch',
    'Hohe Motivation, verlässliche Teilnahme an Terminen',
    'Erfahrung aus Praktika, Kontakte im Verein',
  ],
  obligations: [
    'Unterlagen besorgen und Termine wahrnehmen',
    'Regelmäßige Teilnahme am Kurs, Rückmeldung bei Problemen',
  ],
};
export const MANDATE = {
  text: 'Heranführung an Ausbildung oder Arbeit',
  channel: 'E-Mail mit Einverständnis der Klient:in',
  interval: 'alle vier Wochen',
};
export const AGENCIES = ['Jobcenter', 'Jugendamt', 'Ausländerbehörde', 'Schulamt', 'Migrationsberatung'];
