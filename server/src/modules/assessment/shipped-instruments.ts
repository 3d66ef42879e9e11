import type {
  Condition,
  Field,
  InstrumentTemplate,
  Option,
  ScaleDefinition,
  Section,
  Text,
} from './template.js';

/**
 * The assessment instruments Lotse ships (BRIEF 2.2), written as data in Lotse's own words. Each description
 * cites the seed passage it is built on. Items the client fills in together with the case manager use plain
 * language. Health data (and other Art. 9 GDPR data) are marked specialCategory.
 */

// -----------------------------------------------------------------------------------------------------------
// Small builders: keep the templates readable. They only produce plain template data.

interface Extra {
  help?: Text;
  required?: boolean;
  specialCategory?: boolean;
  showIf?: Condition;
  perspectives?: boolean;
}

const t = (de: string, en: string): Text => ({ de, en });
const o = (value: string, de: string, en: string): Option => ({ value, label: t(de, en) });

const longtext = (key: string, label: Text, extra: Extra = {}): Field => ({
  key,
  type: 'longtext',
  label,
  ...extra,
});
const text = (key: string, label: Text, extra: Extra = {}): Field => ({ key, type: 'text', label, ...extra });
const yesno = (key: string, label: Text, extra: Extra = {}): Field => ({
  key,
  type: 'yesno',
  label,
  ...extra,
});
const date = (key: string, label: Text, extra: Extra = {}): Field => ({ key, type: 'date', label, ...extra });
const single = (key: string, label: Text, options: Option[], extra: Extra = {}): Field => ({
  key,
  type: 'single',
  label,
  options,
  ...extra,
});
const multi = (key: string, label: Text, options: Option[], extra: Extra = {}): Field => ({
  key,
  type: 'multi',
  label,
  options,
  ...extra,
});
const scale = (key: string, label: Text, definition: ScaleDefinition, extra: Extra = {}): Field => ({
  key,
  type: 'scale',
  label,
  scale: definition,
  ...extra,
});

/** A section whose score is the mean of all its scale fields. */
const scoredSection = (section: Omit<Section, 'score'>): Section => ({
  ...section,
  score: { kind: 'mean', of: section.fields.filter((f) => f.type === 'scale').map((f) => f.key) },
});

const SPECIAL = { specialCategory: true } as const;

// -----------------------------------------------------------------------------------------------------------
// Shared option lists and scales

const RESOURCE_KINDS: Option[] = [
  o('material', 'Materiell / finanziell', 'Material / financial'),
  o('living_environment', 'Lebensumfeld / Sozialraum', 'Living environment / neighbourhood'),
  o('social', 'Sozial / familiär', 'Social / family'),
  o('institutional', 'Institutionell', 'Institutional'),
  o('personal', 'Persönlich', 'Personal'),
];

/** Agreement with a statement, in plain language; higher = more resources. */
const AGREEMENT_5: ScaleDefinition = {
  min: 1,
  max: 5,
  labels: [
    { value: 1, label: t('Stimmt gar nicht', 'Not true at all') },
    { value: 2, label: t('Stimmt eher nicht', 'Mostly not true') },
    { value: 3, label: t('Teils, teils', 'Partly true') },
    { value: 4, label: t('Stimmt eher', 'Mostly true') },
    { value: 5, label: t('Stimmt genau', 'Completely true') },
  ],
};

/** How well an area is already sorted out, in plain language; higher = better. */
const SORTED_5: ScaleDefinition = {
  min: 1,
  max: 5,
  labels: [
    { value: 1, label: t('Gar nicht geregelt – dringend', 'Not sorted at all – urgent') },
    { value: 2, label: t('Kaum geregelt', 'Hardly sorted') },
    { value: 3, label: t('Zum Teil geregelt', 'Partly sorted') },
    { value: 4, label: t('Größtenteils geregelt', 'Mostly sorted') },
    { value: 5, label: t('Gut geregelt', 'Well sorted') },
  ],
};

const GERMAN_LEVEL: Option[] = [
  o('none', 'Keine Deutschkenntnisse', 'No German'),
  o('basic', 'Einfache Kenntnisse (etwa A1–A2)', 'Basic (about A1–A2)'),
  o('intermediate', 'Gute Alltagskenntnisse (etwa B1–B2)', 'Good everyday German (about B1–B2)'),
  o('advanced', 'Sehr gut / fließend (etwa C1 und höher)', 'Very good / fluent (about C1 and above)'),
  o('native', 'Muttersprache', 'First language'),
];

const RESIDENCE_STATUS: Option[] = [
  o('german_eu', 'Deutsche/r oder EU-Bürger/in', 'German or EU citizen'),
  o(
    'asylum_procedure',
    'Im Asylverfahren (Aufenthaltsgestattung)',
    'Asylum procedure (Aufenthaltsgestattung)',
  ),
  o('residence_permit', 'Aufenthaltserlaubnis', 'Residence permit'),
  o('settlement_permit', 'Niederlassungserlaubnis', 'Settlement permit'),
  o('toleration', 'Duldung', 'Toleration (Duldung)'),
  o('unclear', 'Ungeklärt', 'Unclear'),
  o('other', 'Sonstiges', 'Other'),
];

// -----------------------------------------------------------------------------------------------------------
// 1. Ulm minimum assessment [000 L227–246]

const ulmMinimum: InstrumentTemplate = {
  key: 'ulm-minimum',
  title: t('Mindest-Assessment (Ulm)', 'Minimum assessment (Ulm)'),
  description: t(
    'Deckt die acht Mindestbereiche der Datenerhebung nach dem Ulmer Standard ab und erfasst die fünf ' +
      'Ressourcenarten. Wo Klient/in und Fachkraft die Lage unterschiedlich sehen, werden beide Sichten ' +
      'festgehalten. Ergebnis ist eine priorisierte Liste von Bedarfen und Ressourcen, an der die ' +
      'Hilfeplanung ansetzt. [000 L227–246]',
    'Covers the eight minimum areas of information gathering under the Ulm standard and records the five ' +
      'kinds of resources. Where client and professional see things differently, both views are recorded. ' +
      'The result is a prioritised list of needs and resources on which the help plan builds. ' +
      '[000 L227–246]',
  ),
  sections: [
    {
      key: 'master_data_supplements',
      title: t('Stammdaten-Ergänzungen', 'Additions to the master data'),
      help: t(
        'Name, Geburtsdatum und Anschrift stehen in der Klientenakte. Hier nur, was für das Assessment ' +
          'dazukommt.',
        'Name, date of birth and address are in the client record. Add only what the assessment needs ' +
          'beyond them.',
      ),
      fields: [
        single('family_status', t('Familienstand', 'Marital status'), [
          o('single', 'Ledig', 'Single'),
          o('partnership', 'In Partnerschaft', 'In a partnership'),
          o('married', 'Verheiratet / eingetragene Partnerschaft', 'Married / civil partnership'),
          o('separated', 'Getrennt / geschieden', 'Separated / divorced'),
          o('widowed', 'Verwitwet', 'Widowed'),
        ]),
        {
          key: 'household_size',
          type: 'number',
          label: t('Personen im Haushalt', 'People in the household'),
          min: 1,
          max: 30,
          integer: true,
        },
        longtext('master_data_notes', t('Weitere Angaben', 'Further details'), {
          help: t(
            'z. B. Erreichbarkeit, gesetzliche Vertretung, wichtige Bezugspersonen',
            'e.g. how to reach the client, legal guardian, important persons',
          ),
        }),
      ],
    },
    {
      key: 'living_housing',
      title: t('Lebens- und Wohnsituation', 'Living and housing situation'),
      fields: [
        single('housing_type', t('Wohnform', 'Type of housing'), [
          o('own_flat', 'Eigene Wohnung', 'Own flat'),
          o('with_family', 'Bei Eltern oder Familie', 'With parents or family'),
          o('shared_flat', 'Wohngemeinschaft', 'Shared flat'),
          o('shared_accommodation', 'Gemeinschaftsunterkunft', 'Shared accommodation'),
          o('supported_housing', 'Betreutes Wohnen / Einrichtung', 'Supported housing / facility'),
          o('no_fixed_abode', 'Ohne festen Wohnsitz', 'No fixed abode'),
          o('other', 'Sonstiges', 'Other'),
        ]),
        longtext(
          'living_situation',
          t('Beschreibung der Lebens- und Wohnsituation', 'Living and housing situation'),
          {
            perspectives: true,
          },
        ),
      ],
    },
    {
      key: 'school_work',
      title: t('Soziale Situation – Schule, Beruf, Arbeit', 'Social situation – school, vocation, work'),
      fields: [
        single('current_activity', t('Derzeitige Tätigkeit', 'Current activity'), [
          o('school', 'Schule', 'School'),
          o('training', 'Ausbildung / Studium', 'Vocational training / studies'),
          o('course', 'Kurs / Maßnahme', 'Course / programme'),
          o('employed', 'Erwerbstätig', 'Employed'),
          o('unemployed', 'Ohne Arbeit', 'Unemployed'),
          o('care_work', 'Familienarbeit / Pflege von Angehörigen', 'Family or care work'),
          o('other', 'Sonstiges', 'Other'),
        ]),
        text('highest_qualification', t('Höchster Abschluss', 'Highest qualification')),
        longtext('school_work_situation', t('Schule, Beruf und Arbeit', 'School, vocation and work'), {
          perspectives: true,
          help: t(
            'Bisheriger Weg, aktuelle Lage, Wünsche und Hindernisse',
            'Path so far, current situation, wishes and obstacles',
          ),
        }),
      ],
    },
    {
      key: 'economic_situation',
      title: t('Wirtschaftliches Umfeld', 'Economic situation'),
      fields: [
        multi('income_sources', t('Einkommensquellen', 'Sources of income'), [
          o('employment', 'Erwerbseinkommen', 'Earnings from work'),
          o('training_allowance', 'Ausbildungsvergütung / BAföG / BAB', 'Training allowance / student grant'),
          o('citizens_benefit', 'Bürgergeld (SGB II)', "Citizen's benefit (SGB II)"),
          o('social_assistance', 'Sozialhilfe (SGB XII)', 'Social assistance (SGB XII)'),
          o('asylum_benefits', 'Leistungen nach AsylbLG', 'Asylum seekers benefits (AsylbLG)'),
          o('unemployment_benefit', 'Arbeitslosengeld (SGB III)', 'Unemployment benefit (SGB III)'),
          o('pension', 'Rente', 'Pension'),
          o('family', 'Unterhalt / Unterstützung durch Familie', 'Maintenance / support from family'),
          o('child_benefit', 'Kindergeld', 'Child benefit'),
          o('none', 'Kein Einkommen', 'No income'),
          o('other', 'Sonstiges', 'Other'),
        ]),
        yesno('has_debts', t('Bestehen Schulden?', 'Are there debts?')),
        longtext('debts_details', t('Schulden: Höhe, Gläubiger, Stand', 'Debts: amount, creditors, status'), {
          showIf: { field: 'has_debts', equals: true },
        }),
        longtext('economic_notes', t('Wirtschaftliche Lage', 'Economic situation'), { perspectives: true }),
      ],
    },
    {
      key: 'health',
      title: t('Gesundheit, Krankheit, Diagnosen', 'Health, illness, diagnoses'),
      help: t(
        'Besondere Kategorie personenbezogener Daten (Art. 9 DSGVO): nur für das Fallteam sichtbar.',
        'Special category of personal data (Art. 9 GDPR): visible to the case team only.',
      ),
      fields: [
        longtext('health_situation', t('Gesundheitliche Situation', 'Health situation'), {
          ...SPECIAL,
          perspectives: true,
        }),
        longtext(
          'health_diagnoses',
          t('Bekannte Erkrankungen und Diagnosen', 'Known illnesses and diagnoses'),
          {
            ...SPECIAL,
            help: t('Nur, was für die Hilfe wichtig ist.', 'Only what matters for the support.'),
          },
        ),
        yesno(
          'health_disability',
          t('Anerkannte (Schwer-)Behinderung', 'Recognised (severe) disability'),
          SPECIAL,
        ),
        longtext(
          'health_care_providers',
          t('Behandelnde Ärztinnen, Ärzte, Dienste', 'Treating doctors and services'),
          SPECIAL,
        ),
      ],
    },
    {
      key: 'language',
      title: t('Sprache', 'Language'),
      help: t(
        'Sprache, Sprachverständnis und Sprachvermögen',
        'Language, understanding and ability to express oneself',
      ),
      fields: [
        text('languages_spoken', t('Gesprochene Sprachen', 'Languages spoken')),
        single('german_level', t('Deutschkenntnisse', 'Knowledge of German'), GERMAN_LEVEL),
        yesno('interpreter_needed', t('Sprachmittlung nötig?', 'Interpreter needed?')),
        longtext(
          'language_notes',
          t('Verstehen und sich ausdrücken', 'Understanding and expressing oneself'),
          {
            perspectives: true,
          },
        ),
      ],
    },
    {
      key: 'cultural_background',
      title: t('Kultureller Hintergrund', 'Cultural background'),
      help: t(
        'Kann Rückschlüsse auf Herkunft oder Religion zulassen (Art. 9 DSGVO): nur festhalten, was für die ' +
          'Hilfe wichtig ist.',
        'May reveal ethnic origin or religion (Art. 9 GDPR): record only what matters for the support.',
      ),
      fields: [
        longtext('cultural_background_notes', t('Kultureller Hintergrund', 'Cultural background'), {
          ...SPECIAL,
          perspectives: true,
        }),
      ],
    },
    {
      key: 'personality',
      title: t('Persönlichkeit', 'Personality'),
      fields: [
        longtext('personal_strengths', t('Stärken und Fähigkeiten', 'Strengths and abilities'), {
          perspectives: true,
        }),
        longtext('personal_challenges', t('Schwierigkeiten und Belastungen', 'Difficulties and strains'), {
          perspectives: true,
        }),
        longtext(
          'personal_motivation',
          t('Wünsche, Motivation, eigene Ziele', 'Wishes, motivation, own goals'),
          {
            perspectives: true,
          },
        ),
      ],
    },
    {
      key: 'resources',
      title: t('Ressourcen', 'Resources'),
      help: t(
        'Was ist schon da und kann helfen? Fünf Arten von Ressourcen.',
        'What is already there and can help? Five kinds of resources.',
      ),
      fields: [
        longtext(
          'resources_material',
          t('Materielle und finanzielle Ressourcen', 'Material and financial resources'),
          {
            perspectives: true,
          },
        ),
        longtext(
          'resources_living_environment',
          t('Lebensumfeld / Sozialraum', 'Living environment / neighbourhood'),
          {
            perspectives: true,
            help: t(
              'z. B. Angebote, Treffpunkte, Nachbarschaft',
              'e.g. local services, meeting places, neighbours',
            ),
          },
        ),
        longtext('resources_social', t('Soziale und familiäre Ressourcen', 'Social and family resources'), {
          perspectives: true,
        }),
        longtext('resources_institutional', t('Institutionelle Ressourcen', 'Institutional resources'), {
          perspectives: true,
          help: t(
            'Ämter, Dienste und Fachkräfte, die schon beteiligt sind',
            'Agencies, services and professionals already involved',
          ),
        }),
        longtext('resources_personal', t('Persönliche Ressourcen', 'Personal resources'), {
          perspectives: true,
        }),
      ],
    },
    {
      key: 'needs_and_resources',
      title: t('Bedarfe und Ressourcen', 'Needs and resources'),
      help: t(
        'Ergebnis des Assessments: priorisierte Liste, an der die Ziele der Hilfeplanung ansetzen (1 = am ' +
          'wichtigsten).',
        'Result of the assessment: a prioritised list on which the goals of the help plan build (1 = most ' +
          'important).',
      ),
      fields: [
        {
          key: 'needs_resources_list',
          type: 'group',
          label: t('Bedarfe und Ressourcen', 'Needs and resources'),
          maxRows: 30,
          fields: [
            single(
              'entry_type',
              t('Bedarf oder Ressource', 'Need or resource'),
              [o('need', 'Bedarf', 'Need'), o('resource', 'Ressource', 'Resource')],
              { required: true },
            ),
            text('entry_description', t('Beschreibung', 'Description'), { required: true }),
            single('entry_kind', t('Art', 'Kind'), RESOURCE_KINDS),
            {
              key: 'entry_priority',
              type: 'number',
              label: t('Priorität (1–10)', 'Priority (1–10)'),
              min: 1,
              max: 10,
              integer: true,
            },
          ],
        },
      ],
    },
  ],
};

// -----------------------------------------------------------------------------------------------------------
// 2. JMD screening [001 L461–485]

const jmdScreening: InstrumentTemplate = {
  key: 'jmd-screening',
  title: t('Auswahl / Screening (JMD)', 'Selection / screening (JMD)'),
  description: t(
    'Screeningbogen aus der Einstiegsberatung der Jugendmigrationsdienste: belastende Situation klären, ' +
      'entscheiden, ob der junge Mensch Case Management braucht, und den Unterstützungsbedarf vorläufig ' +
      'erfassen. Kein Abhaken nach Checkliste, sondern Teil eines Gesprächs. [001 L461–485; Kriterien 001 ' +
      'L371]',
    'Screening form from the initial counselling of the youth migration services (JMD): clarify the ' +
      'burdening situation, decide whether the young person needs case management, and record the support ' +
      'needs provisionally. Not a checklist, but part of a conversation. [001 L461–485; criteria 001 L371]',
  ),
  sections: [
    {
      key: 'burdening_situation',
      title: t('Belastende Situation', 'Burdening situation'),
      fields: [
        multi('burdens', t('Was belastet dich gerade?', 'What is weighing on you at the moment?'), [
          o('housing', 'Wohnen', 'Housing'),
          o('money', 'Geld oder Schulden', 'Money or debts'),
          o('residence', 'Aufenthalt oder Papiere', 'Residence or documents'),
          o('language', 'Sprache', 'Language'),
          o('school', 'Schule', 'School'),
          o('training_work', 'Ausbildung oder Arbeit', 'Training or work'),
          o('family', 'Familie', 'Family'),
          o('loneliness', 'Einsamkeit, wenig Kontakte', 'Loneliness, few contacts'),
          o('authorities', 'Ämter und Behörden', 'Agencies and authorities'),
          o('other', 'Etwas anderes', 'Something else'),
        ]),
        yesno('health_burden', t('Gesundheitliche Belastung', 'Health-related strain'), {
          ...SPECIAL,
          help: t(
            'Einzelheiten gehören in ein Assessment mit Gesundheitsbereich.',
            'Details belong in an assessment with a health section.',
          ),
        }),
        longtext('burdens_notes', t('Beschreibung der Situation', 'Description of the situation'), {
          perspectives: true,
        }),
      ],
    },
    {
      key: 'fit_criteria',
      title: t('Passung und Entscheidung', 'Fit and decision'),
      fields: [
        yesno('age_12_27', t('Alter zwischen 12 und 27 Jahren', 'Aged between 12 and 27')),
        yesno('legal_stay', t('Rechtmäßiger Aufenthalt oder Duldung', 'Legal stay or toleration (Duldung)')),
        yesno(
          'residence_in_region',
          t('Wohnort im Einzugsgebiet der Stelle', "Lives in the office's region"),
        ),
        yesno('cm_fit', t('Braucht besondere Unterstützung durch Case Management', 'Needs case management'), {
          required: true,
        }),
        longtext('cm_fit_reason', t('Begründung', 'Reason'), {
          showIf: { field: 'cm_fit' },
          required: true,
        }),
        longtext('referral_elsewhere', t('Stattdessen weitervermittelt an', 'Referred elsewhere instead'), {
          showIf: { field: 'cm_fit', equals: false },
        }),
      ],
    },
    {
      key: 'provisional_needs',
      title: t('Vorläufiger Unterstützungsbedarf', 'Provisional support needs'),
      fields: [
        multi(
          'provisional_needs_list',
          t('Wobei brauchst du Unterstützung?', 'What do you need support with?'),
          [
            o('housing', 'Wohnung finden oder behalten', 'Finding or keeping a home'),
            o('livelihood', 'Geld zum Leben, Anträge', 'Money to live on, applications'),
            o('residence', 'Aufenthalt klären', 'Sorting out residence'),
            o('language', 'Deutsch lernen', 'Learning German'),
            o('school', 'Schule, Schulabschluss', 'School, school-leaving certificate'),
            o('recognition', 'Anerkennung von Abschlüssen', 'Recognition of qualifications'),
            o('training', 'Ausbildung finden', 'Finding vocational training'),
            o('work', 'Arbeit finden', 'Finding work'),
            o('family', 'Familie und Beziehungen', 'Family and relationships'),
            o('leisure', 'Freizeit, Kontakte, Vereine', 'Leisure, contacts, clubs'),
            o('other', 'Etwas anderes', 'Something else'),
          ],
        ),
        yesno('health_need', t('Unterstützung bei Gesundheit', 'Support with health'), SPECIAL),
        longtext('provisional_needs_notes', t('Bemerkungen', 'Notes')),
      ],
    },
  ],
};

// -----------------------------------------------------------------------------------------------------------
// 3. Resource survey in nine life domains [001 L560–580]

const resourceSurvey: InstrumentTemplate = {
  key: 'resource-survey-9',
  title: t('Ressourcenerhebung in neun Lebensbereichen', 'Resource survey in nine life domains'),
  description: t(
    'Skalierter Fragebogen in einfacher Sprache: Was kann der junge Mensch schon, um selbstständig in ' +
      'Deutschland zu leben? Die Ergebnisse werden je Bereich gemittelt und zwischen den Versionen ' +
      'sichtbar gemacht, damit der junge Mensch seine Fortschritte sieht. Die Quelle (Ressourcenerhebung ' +
      'der Diakonie Hessen) nennt neun Lebensbereiche, zählt sie aber nicht auf: Bereiche und Aussagen ' +
      'sind Lotses eigene Anpassung. [001 L560–580]',
    'Scaled questionnaire in plain language: what can the young person already do to live independently in ' +
      'Germany? Results are averaged per domain and shown across versions, so the young person sees their ' +
      'progress. The source (resource survey of Diakonie Hessen) names nine life domains without listing ' +
      "them: the domains and statements are Lotse's own adaptation. [001 L560–580]",
  ),
  sections: [
    scoredSection({
      key: 'housing',
      title: t('Wohnen', 'Housing'),
      fields: [
        scale(
          'housing_secure',
          t('Ich habe eine sichere Wohnung oder Unterkunft.', 'I have a safe place to live.'),
          AGREEMENT_5,
          {
            perspectives: true,
          },
        ),
        scale(
          'housing_space',
          t('Ich habe dort genug Platz und Ruhe für mich.', 'I have enough space and quiet there.'),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'housing_tasks',
          t(
            'Ich kümmere mich selbst um Miete, Ordnung und Hausregeln.',
            'I take care of rent, tidiness and house rules myself.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'housing_neighbourhood',
          t('Ich fühle mich in meiner Wohngegend wohl.', 'I feel good in my neighbourhood.'),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('housing_note', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'money',
      title: t('Geld und Lebensunterhalt', 'Money and livelihood'),
      fields: [
        scale(
          'money_enough',
          t(
            'Mein Geld reicht für das, was ich jeden Monat brauche.',
            'My money covers what I need each month.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'money_overview',
          t('Ich weiß, wie viel Geld ich bekomme und ausgebe.', 'I know how much money I get and spend.'),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'money_entitlements',
          t(
            'Ich weiß, welche Leistungen mir zustehen und wie ich sie beantrage.',
            'I know which benefits I am entitled to and how to apply for them.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'money_no_worrying_debts',
          t('Ich habe keine Schulden, die mir Sorgen machen.', 'I have no debts that worry me.'),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('money_note', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'language',
      title: t('Sprache', 'Language'),
      fields: [
        scale(
          'language_everyday',
          t('Ich kann mich im Alltag auf Deutsch verständigen.', 'I can get by in German in everyday life.'),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'language_reading',
          t(
            'Ich kann Briefe und Formulare auf Deutsch lesen und verstehen.',
            'I can read and understand letters and forms in German.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'language_writing',
          t('Ich kann kurze Texte auf Deutsch schreiben.', 'I can write short texts in German.'),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'language_learning',
          t(
            'Ich habe eine Möglichkeit, Deutsch zu lernen (Kurs, Schule, Freunde).',
            'I have a way to learn German (course, school, friends).',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('language_note', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'school_training_work',
      title: t('Schule, Ausbildung, Arbeit', 'School, training, work'),
      fields: [
        scale(
          'stw_goal',
          t(
            'Ich weiß, welche Schule, Ausbildung oder Arbeit ich machen möchte.',
            'I know which school, training or work I want.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'stw_place',
          t(
            'Ich habe einen Platz in Schule, Kurs, Ausbildung oder Arbeit.',
            'I have a place in school, a course, training or work.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'stw_certificates',
          t(
            'Meine Zeugnisse habe ich hier; wenn nötig, sind sie anerkannt.',
            'I have my certificates here; where needed, they are recognised.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'stw_coping',
          t(
            'Ich komme in Schule, Ausbildung oder Arbeit gut zurecht.',
            'I manage well at school, in training or at work.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('stw_note', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'health',
      title: t('Gesundheit', 'Health'),
      help: t(
        'Besondere Kategorie personenbezogener Daten (Art. 9 DSGVO): nur für das Fallteam sichtbar.',
        'Special category of personal data (Art. 9 GDPR): visible to the case team only.',
      ),
      fields: [
        scale(
          'health_physical',
          t('Ich fühle mich körperlich gesund.', 'I feel physically healthy.'),
          AGREEMENT_5,
          {
            ...SPECIAL,
            perspectives: true,
          },
        ),
        scale(
          'health_mental',
          t(
            'Mir geht es seelisch meistens gut; ich kann gut schlafen.',
            'I mostly feel well in myself; I can sleep well.',
          ),
          AGREEMENT_5,
          { ...SPECIAL, perspectives: true },
        ),
        scale(
          'health_access',
          t(
            'Ich weiß, zu welcher Ärztin oder welchem Arzt ich gehe, wenn ich krank bin.',
            'I know which doctor to go to when I am ill.',
          ),
          AGREEMENT_5,
          { ...SPECIAL, perspectives: true },
        ),
        scale(
          'health_insurance',
          t(
            'Ich bin krankenversichert und habe meine Karte.',
            'I have health insurance and my insurance card.',
          ),
          AGREEMENT_5,
          { ...SPECIAL, perspectives: true },
        ),
        longtext('health_note', t('Notiz', 'Note'), SPECIAL),
      ],
    }),
    scoredSection({
      key: 'family_relationships',
      title: t('Familie und Beziehungen', 'Family and relationships'),
      fields: [
        scale(
          'family_contact',
          t(
            'Ich habe guten Kontakt zu meiner Familie (hier oder im Herkunftsland).',
            'I am in good contact with my family (here or in my country of origin).',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'family_trusted_people',
          t(
            'Es gibt Menschen, mit denen ich über Probleme sprechen kann.',
            'There are people I can talk to about problems.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'family_friends',
          t('Ich habe hier Freundinnen und Freunde.', 'I have friends here.'),
          AGREEMENT_5,
          {
            perspectives: true,
          },
        ),
        scale(
          'family_peace',
          t(
            'Zu Hause gibt es wenig Streit, der mich belastet.',
            'At home there is little conflict that troubles me.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('family_note', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'leisure_interests',
      title: t('Freizeit und Interessen', 'Leisure and interests'),
      fields: [
        scale(
          'leisure_hobbies',
          t('Ich habe Hobbys oder Dinge, die ich gern mache.', 'I have hobbies or things I like doing.'),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'leisure_offers_known',
          t(
            'Ich kenne Freizeitangebote in meiner Nähe (Sport, Musik, Jugendtreff).',
            'I know leisure activities near me (sport, music, youth club).',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'leisure_taking_part',
          t(
            'Ich mache in einem Verein, einer Gruppe oder einem Angebot mit.',
            'I take part in a club, a group or an activity.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('leisure_note', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'rights_residence_authorities',
      title: t('Rechte, Aufenthalt, Ämter', 'Rights, residence, authorities'),
      fields: [
        scale(
          'rights_status_known',
          t(
            'Ich kenne meinen Aufenthaltsstatus und weiß, wie lange er gilt.',
            'I know my residence status and how long it is valid.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'rights_documents',
          t(
            'Ich habe meine wichtigen Papiere und weiß, wo sie sind.',
            'I have my important documents and know where they are.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'rights_understand_authorities',
          t(
            'Ich verstehe, was Ämter von mir wollen (Briefe, Termine, Fristen).',
            'I understand what agencies want from me (letters, appointments, deadlines).',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'rights_where_help',
          t(
            'Ich weiß, wo ich Hilfe bekomme, wenn ich Probleme mit einem Amt habe.',
            'I know where to get help if I have problems with an agency.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('rights_note', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'everyday_mobility',
      title: t('Alltag und Mobilität', 'Everyday life and mobility'),
      fields: [
        scale(
          'everyday_appointments',
          t(
            'Ich behalte meine Termine im Blick und halte sie ein.',
            'I keep track of my appointments and keep them.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'everyday_transport',
          t(
            'Ich komme mit Bus, Bahn oder Fahrrad dahin, wo ich hin muss.',
            'I get where I need to go by bus, train or bike.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'everyday_household',
          t(
            'Ich kann einkaufen, kochen und meinen Haushalt machen.',
            'I can shop, cook and run my household.',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        scale(
          'everyday_digital',
          t(
            'Ich kann Handy und Internet für Alltagsdinge nutzen (Fahrplan, Termine, Formulare).',
            'I can use my phone and the internet for everyday things (timetables, appointments, forms).',
          ),
          AGREEMENT_5,
          { perspectives: true },
        ),
        longtext('everyday_note', t('Notiz', 'Note')),
      ],
    }),
  ],
};

// -----------------------------------------------------------------------------------------------------------
// 4. Short resource survey for young refugees (Lamotte/Unger) [001 L588–625]

const shortResourcesRefugees: InstrumentTemplate = {
  key: 'short-resources-refugees',
  title: t(
    'Kurz-Ressourcenerhebung für geflüchtete junge Menschen',
    'Short resource survey for young refugees',
  ),
  description: t(
    'Kürzere Ressourcenerhebung nach Lamotte/Unger für die Arbeit mit geflüchteten jungen Menschen, bei ' +
      'denen zunächst fluchtspezifische Ziele im Vordergrund stehen: sieben Bereiche, jeder mit seinem ' +
      'Ziel (als Hilfetext), einer Einschätzung von 1 bis 5 und einer Notiz. [001 L588–625]',
    'Shorter resource survey after Lamotte/Unger for work with young refugees, where refugee-specific ' +
      'goals usually come first: seven areas, each with its goal (as help text), a rating from 1 to 5 and ' +
      'a note. [001 L588–625]',
  ),
  sections: [
    scoredSection({
      key: 'residence',
      title: t(
        'Persönliche Daten, Aufenthaltsstatus und -dauer',
        'Personal data, residence status and length of stay',
      ),
      help: t(
        'Ziel: Aufenthalt sichern und eine Bleibeperspektive entwickeln.',
        'Goal: secure the right to stay and develop a long-term perspective.',
      ),
      fields: [
        single('refugee_residence_status', t('Aufenthaltsstatus', 'Residence status'), RESIDENCE_STATUS),
        date('refugee_arrival_date', t('In Deutschland seit', 'In Germany since')),
        date(
          'refugee_status_valid_until',
          t('Aufenthaltspapier gültig bis', 'Residence document valid until'),
        ),
        scale(
          'residence_rating',
          t('Wie gut ist der Aufenthalt geregelt?', 'How well is the residence sorted?'),
          SORTED_5,
          {
            perspectives: true,
          },
        ),
        longtext('residence_notes', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'personal_needs',
      title: t('Persönlicher Bedarf: Wohnen, Leben, Geld', 'Personal needs: housing, living, money'),
      help: t(
        'Ziel: Der persönliche Bedarf (Wohnen, Leben, Geld) ist gedeckt.',
        'Goal: personal needs (housing, living, money) are covered.',
      ),
      fields: [
        scale(
          'personal_needs_rating',
          t(
            'Wie gut sind Wohnen, Leben und Geld geregelt?',
            'How well are housing, living and money sorted?',
          ),
          SORTED_5,
          { perspectives: true },
        ),
        longtext('personal_needs_notes', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'language_skills',
      title: t('Sprachkenntnisse', 'Language skills'),
      help: t('Ziel: Spracherwerb ermöglichen.', 'Goal: make it possible to learn the language.'),
      fields: [
        scale(
          'language_skills_rating',
          t(
            'Wie gut klappt es mit Deutsch und dem Deutschlernen?',
            'How well is German and learning it going?',
          ),
          SORTED_5,
          { perspectives: true },
        ),
        longtext(
          'language_skills_notes',
          t('Notiz (welche Sprachen, welche Kurse)', 'Note (languages, courses)'),
        ),
      ],
    }),
    scoredSection({
      key: 'education_work',
      title: t('Bildung, Beruf und was ich kann', 'Education, vocation and what I can do'),
      help: t(
        'Ziel: Zugang zu Bildung, Ausbildung und Arbeit öffnen. Dazu gehören Schul- und Berufsweg sowie ' +
          'nutzbare Kenntnisse, Fähigkeiten und Interessen (z. B. Führerschein, Computer, bisherige ' +
          'Arbeit, Anerkennung).',
        'Goal: open access to education, training and work. This includes school and work history as well ' +
          'as usable knowledge, skills and interests (e.g. driving licence, computers, past jobs, ' +
          'recognition).',
      ),
      fields: [
        scale(
          'education_work_rating',
          t(
            'Wie gut ist der Weg in Schule, Ausbildung oder Arbeit schon geregelt?',
            'How well is the way into school, training or work sorted?',
          ),
          SORTED_5,
          { perspectives: true },
        ),
        longtext('education_work_notes', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'health',
      title: t('Gesundheit (körperlich und psychisch)', 'Health (physical and mental)'),
      help: t(
        'Ziel: Zugang zu medizinischer Versorgung herstellen; psychische Stabilität herstellen und ' +
          'sichern. Besondere Kategorie (Art. 9 DSGVO): nur für das Fallteam sichtbar.',
        'Goal: ensure access to medical care; build and secure mental stability. Special category (Art. 9 ' +
          'GDPR): visible to the case team only.',
      ),
      fields: [
        scale(
          'health_rating',
          t('Wie gut ist die gesundheitliche Versorgung geregelt?', 'How well is health care sorted?'),
          SORTED_5,
          { ...SPECIAL, perspectives: true },
        ),
        longtext('health_notes', t('Notiz', 'Note'), SPECIAL),
      ],
    }),
    scoredSection({
      key: 'social_network',
      title: t('Soziales Netzwerk', 'Social network'),
      help: t(
        'Ziel: bestehende Netzwerke stärken und neue aufbauen.',
        'Goal: strengthen existing networks and build new ones.',
      ),
      fields: [
        scale(
          'social_network_rating',
          t('Wie gut bin ich mit anderen Menschen verbunden?', 'How well am I connected with other people?'),
          SORTED_5,
          { perspectives: true },
        ),
        longtext('social_network_notes', t('Notiz', 'Note')),
      ],
    }),
    scoredSection({
      key: 'interests_perspectives',
      title: t(
        'Interessen, Perspektiven, Fähigkeiten (Sport, Musik, Kultur)',
        'Interests, perspectives, abilities (sport, music, culture)',
      ),
      help: t(
        'Ziel: persönliche Perspektiven entwickeln – z. B. über örtliche Freizeitangebote, Begegnungen und ' +
          'Gelegenheiten, Deutsch zu lernen.',
        'Goal: develop personal perspectives – e.g. through local leisure activities, meeting people and ' +
          'chances to learn German.',
      ),
      fields: [
        scale(
          'interests_rating',
          t('Wie gut kann ich meinen Interessen hier nachgehen?', 'How well can I follow my interests here?'),
          SORTED_5,
          { perspectives: true },
        ),
        longtext('interests_notes', t('Notiz', 'Note')),
      ],
    }),
  ],
};

// -----------------------------------------------------------------------------------------------------------
// 5. Social-pedagogical diagnosis [001 L646–715]

const socialPedagogicalDiagnosis: InstrumentTemplate = {
  key: 'social-pedagogical-diagnosis',
  title: t('Sozialpädagogische Diagnose', 'Social-pedagogical diagnosis'),
  description: t(
    'Aufbau der sozialpädagogischen Diagnose aus dem Hilfeplanverfahren der Kinder- und Jugendhilfe: ' +
      'professionell wahrnehmen und beobachten (Grunddaten, Anlass, persönliche, sozioökonomische, ' +
      'sozioökologische und psychische Ausstattung, Beziehungen), dann verstehen, erklären, bewerten und ' +
      'prognostizieren, schließlich Schlussfolgerung und Vorschlag. Ressourcen zählen so viel wie ' +
      'Probleme. [001 L646–715]',
    'Structure of the social-pedagogical diagnosis from the help-plan procedure of child and youth ' +
      'services: observe professionally (basic data, reason, personal, socio-economic, socio-ecological ' +
      'and psychological make-up, relationships), then understand, explain, assess and forecast, and ' +
      'finally conclude and propose. Resources count as much as problems. [001 L646–715]',
  ),
  sections: [
    {
      key: 'basic_data_occasion',
      title: t('Grunddaten, Anlass und Auftrag', 'Basic data, reason and mandate'),
      help: t('Phase: professionell wahrnehmen und beobachten', 'Phase: observe professionally'),
      fields: [
        longtext(
          'basic_data',
          t('Personenbezogene Grunddaten (Ergänzungen)', 'Basic personal data (additions)'),
        ),
        longtext('occasion_mandate', t('Anlass und ggf. Auftrag', 'Reason and, if any, mandate'), {
          perspectives: true,
        }),
      ],
    },
    {
      key: 'personal_social_cultural',
      title: t('Persönliche, soziale und kulturelle Ausstattung', 'Personal, social and cultural make-up'),
      fields: [
        longtext(
          'physical_health',
          t('Körperliche Ausstattung / Gesundheit', 'Physical condition / health'),
          {
            ...SPECIAL,
            perspectives: true,
          },
        ),
        longtext('social_relationships', t('Soziale Beziehungen', 'Social relationships'), {
          perspectives: true,
        }),
      ],
    },
    {
      key: 'socio_economic',
      title: t('Sozioökonomische Ausstattung', 'Socio-economic situation'),
      fields: [
        longtext(
          'training_occupation',
          t('Ausbildung, Beruf, Erwerbstätigkeit', 'Training, occupation, employment'),
          {
            perspectives: true,
          },
        ),
        longtext(
          'economic_debts_income',
          t('Wirtschaftliche Situation, Schulden, Einkommen', 'Economic situation, debts, income'),
          { perspectives: true },
        ),
      ],
    },
    {
      key: 'socio_ecological',
      title: t('Sozioökologische Ausstattung', 'Socio-ecological situation'),
      fields: [
        longtext(
          'infrastructure',
          t('Soziale und kulturelle Infrastruktur', 'Social and cultural infrastructure'),
        ),
        longtext('housing_social_space', t('Wohnsituation und Sozialraum', 'Housing and neighbourhood'), {
          perspectives: true,
        }),
      ],
    },
    {
      key: 'psychological_makeup',
      title: t('Psychische Ausstattung', 'Psychological make-up'),
      help: t(
        'Sprache, Werte, Wissen, Erleben und Handeln – aus Sicht der Fachkraft und in den Worten der ' +
          'Klientin oder des Klienten.',
        'Language, values, knowledge, experience and action – as the professional sees it and in the ' +
          "client's own words.",
      ),
      fields: [
        longtext('language_communication', t('Sprache und Verständigung', 'Language and communication')),
        longtext('values', t('Wertvorstellungen', 'Values'), {
          ...SPECIAL,
          help: t(
            'Religiöse oder weltanschauliche Überzeugungen sind besonders geschützt (Art. 9 DSGVO).',
            'Religious or philosophical beliefs are specially protected (Art. 9 GDPR).',
          ),
        }),
        longtext(
          'knowledge_experience',
          t(
            'Wissen, Einstellungen, Erleben; Erklärungen der Klientin / des Klienten',
            "Knowledge, attitudes, experience; the client's own explanations",
          ),
          { perspectives: true },
        ),
        longtext('actions', t('Handeln', 'Actions')),
      ],
    },
    {
      key: 'relationships_power',
      title: t('Beziehungen, Austausch, Macht', 'Relationships, exchange, power'),
      fields: [
        longtext(
          'relationships_exchange_power',
          t('Beziehungen, Austausch und Machtverhältnisse', 'Relationships, exchange and power relations'),
        ),
      ],
    },
    {
      key: 'understanding_assessing',
      title: t('Verstehen, erklären, bewerten, prognostizieren', 'Understand, explain, assess, forecast'),
      help: t(
        'Problemanalyse im Fachkräfteteam: nicht nur Defizite, sondern ebenso Ressourcen und Potenziale.',
        'Problem analysis in the team of professionals: not only deficits, but resources and potential too.',
      ),
      fields: [
        longtext('problem_constellation', t('Problemkonstellation', 'Constellation of problems')),
        longtext('resource_constellation', t('Ressourcenkonstellation', 'Constellation of resources')),
        longtext('risk_situation', t('Risiko- und Gefährdungssituation', 'Risks and endangerment')),
        longtext('mandate_assessment', t('Auftrag', 'Mandate')),
        longtext('forecast', t('Prognose', 'Forecast')),
      ],
    },
    {
      key: 'conclusion',
      title: t('Schlussfolgerung und Vorschlag', 'Conclusion and proposal'),
      fields: [
        yesno('help_needed', t('Ist Hilfe notwendig?', 'Is help needed?'), { required: true }),
        longtext(
          'fields_of_action',
          t(
            'Handlungsbereiche, in denen Hilfe nötig ist; Ressourcen als Lösungsansatz',
            'Areas where help is needed; resources as a way to solve them',
          ),
          { showIf: { field: 'help_needed', equals: true } },
        ),
        longtext(
          'summary_of_needs',
          t('Zusammenfassende Feststellung des Bedarfs', 'Summary statement of needs'),
          { showIf: { field: 'help_needed', equals: true } },
        ),
        longtext('mandate_next_steps', t('Auftragsklärung und weiteres Vorgehen', 'Mandate and next steps')),
      ],
    },
  ],
};

// -----------------------------------------------------------------------------------------------------------
// 6. Needs and situation analysis (Moers, KIM) [004 L9755–9798]

const moersNeedsAnalysis: InstrumentTemplate = {
  key: 'moers-needs-analysis',
  title: t('Bedarfs- und Situationsanalyse (Moers, KIM)', 'Needs and situation analysis (Moers, KIM)'),
  description: t(
    'Erstgespräch im kommunalen Integrationsmanagement (KIM) Moers, etwa zwei Stunden, bei Bedarf mit ' +
      'Sprachmittlung: Herkunft und Aufenthalt, Sprachen, beteiligte Stellen, Familie, Ausbildung und ' +
      'Arbeit, Wohnen, Gesundheit, Kontakte, Verbraucherkompetenzen und die eigenen Ziele. [004 L9755–9798]',
    'First interview in the municipal integration management (KIM) of Moers, about two hours, with an ' +
      'interpreter if needed: origin and residence, languages, agencies involved, family, training and ' +
      'work, housing, health, contacts, consumer skills and own goals. [004 L9755–9798]',
  ),
  sections: [
    {
      key: 'interview',
      title: t('Gespräch', 'Interview'),
      fields: [
        date('interview_date', t('Datum des Gesprächs', 'Date of the interview')),
        yesno('interpreter_present', t('Mit Sprachmittlung', 'With an interpreter')),
        text('interpreter_language', t('Sprache der Sprachmittlung', 'Language interpreted'), {
          showIf: { field: 'interpreter_present', equals: true },
        }),
      ],
    },
    {
      key: 'origin_residence',
      title: t('Herkunft und Aufenthalt', 'Origin and residence'),
      fields: [
        text('country_of_origin', t('Herkunftsland', 'Country of origin')),
        single('residence_status', t('Aufenthaltsstatus', 'Residence status'), RESIDENCE_STATUS),
        date('entry_date', t('Datum der Einreise', 'Date of entry')),
      ],
    },
    {
      key: 'languages',
      title: t('Sprachen', 'Languages'),
      fields: [
        single('german_skills', t('Deutschkenntnisse', 'Knowledge of German'), GERMAN_LEVEL),
        text('other_languages', t('Weitere Sprachen', 'Other languages')),
        single('literacy', t('Alphabetisierung', 'Literacy'), [
          o('latin', 'Lesen und Schreiben in lateinischer Schrift', 'Reads and writes Latin script'),
          o('other_script', 'Nur in einer anderen Schrift', 'Only in another script'),
          o('partly', 'Teilweise', 'Partly'),
          o('no', 'Nicht alphabetisiert', 'Not literate'),
        ]),
        yesno('interpreting_need', t('Bedarf an Sprachmittlung', 'Needs an interpreter')),
        yesno('language_courses_done', t('Schon Sprachkurse besucht?', 'Language courses already taken?')),
        longtext(
          'language_courses_details',
          t('Welche Kurse, mit welchem Ergebnis?', 'Which courses, what result?'),
          {
            showIf: { field: 'language_courses_done', equals: true },
          },
        ),
        yesno(
          'language_need_assessed',
          t('Sprachbedarf schon ermittelt?', 'Language needs already assessed?'),
        ),
      ],
    },
    {
      key: 'involved_parties',
      title: t('Beteiligte Stellen und Personen', 'Agencies and people involved'),
      help: t(
        'Über die Stadtverwaltung hinaus: wer ist schon eingebunden?',
        'Beyond the city administration: who is already involved?',
      ),
      fields: [
        multi('involved', t('Beteiligt sind', 'Involved are'), [
          o('foreigners_office', 'Ausländerbehörde', 'Immigration office'),
          o('jobcenter', 'Jobcenter', 'Jobcenter'),
          o('employment_agency', 'Agentur für Arbeit', 'Employment agency'),
          o('social_welfare_office', 'Sozialamt', 'Social welfare office'),
          o('youth_office', 'Jugendamt', 'Youth welfare office'),
          o('lawyer', 'Anwältin / Anwalt', 'Lawyer'),
          o('counselling_service', 'Beratungsstelle', 'Counselling service'),
          o('volunteers', 'Ehrenamtliche', 'Volunteers'),
          o('other', 'Sonstige', 'Other'),
        ]),
        longtext('involved_details', t('Wer genau, wofür?', 'Who exactly, for what?')),
      ],
    },
    {
      key: 'family',
      title: t('Familie', 'Family'),
      fields: [
        longtext('family_situation', t('Familiäre Situation', 'Family situation')),
        longtext(
          'family_obligations',
          t('Verpflichtungen (auch im Herkunftsland)', 'Obligations (also at home)'),
        ),
        yesno('has_children', t('Kinder', 'Children')),
        longtext(
          'children_needs',
          t('Situation der Kinder, Schule und Betreuung', "Children's situation, school and childcare"),
          { showIf: { field: 'has_children', equals: true } },
        ),
        single('family_reunification', t('Familienzusammenführung', 'Family reunification'), [
          o('not_relevant', 'Nicht relevant', 'Not relevant'),
          o('done', 'Hat stattgefunden', 'Has taken place'),
          o('in_progress', 'In Planung / beantragt', 'Planned / applied for'),
          o('wished', 'Gewünscht, noch nichts unternommen', 'Wished for, nothing done yet'),
        ]),
      ],
    },
    {
      key: 'education_work',
      title: t('Ausbildung und Arbeit', 'Training and work'),
      fields: [
        longtext('education', t('Schulische und berufliche Ausbildung', 'School and vocational training')),
        single('work_status', t('Arbeit', 'Work'), [
          o('none', 'Keine Arbeit', 'No work'),
          o('marginal', 'Minijob', 'Marginal job'),
          o('part_time', 'Teilzeit', 'Part-time'),
          o('full_time', 'Vollzeit', 'Full-time'),
          o('not_permitted', 'Arbeit nicht erlaubt', 'Not allowed to work'),
        ]),
        longtext('work_details', t('Art der Arbeit', 'Kind of work'), { showIf: { field: 'work_status' } }),
        longtext('education_work_action', t('Handlungsbedarf', 'Need for action')),
      ],
    },
    {
      key: 'housing',
      title: t('Wohnen', 'Housing'),
      fields: [longtext('housing_situation', t('Wohnsituation', 'Housing situation'))],
    },
    {
      key: 'health',
      title: t('Gesundheit', 'Health'),
      help: t(
        'Besondere Kategorie personenbezogener Daten (Art. 9 DSGVO): nur für das Fallteam sichtbar.',
        'Special category of personal data (Art. 9 GDPR): visible to the case team only.',
      ),
      fields: [
        longtext('health_situation', t('Gesundheitliche Situation', 'Health situation'), SPECIAL),
        yesno('severe_disability', t('Schwerbehinderung', 'Severe disability'), SPECIAL),
        longtext(
          'disability_findings',
          t('Angaben und Befunde zur Behinderung', 'Details and medical findings'),
          {
            ...SPECIAL,
            showIf: { field: 'severe_disability', equals: true },
          },
        ),
      ],
    },
    {
      key: 'contacts_interests',
      title: t('Kontakte und Interessen', 'Contacts and interests'),
      fields: [
        longtext('social_contacts', t('Soziale Kontakte', 'Social contacts')),
        longtext('personal_interests', t('Persönliche Interessen', 'Personal interests')),
      ],
    },
    {
      key: 'consumer_skills',
      title: t('Verbraucherkompetenzen', 'Consumer skills'),
      help: t('Zurechtkommen im deutschen Konsumalltag', 'Managing everyday consumer life in Germany'),
      fields: [
        multi(
          'consumer_support_needed',
          t('Wobei gibt es Unterstützungsbedarf?', 'Where is support needed?'),
          [
            o('bank_account', 'Bankkonto und Zahlungen', 'Bank account and payments'),
            o('contracts', 'Verträge (Handy, Strom, Internet)', 'Contracts (phone, electricity, internet)'),
            o('bills_letters', 'Rechnungen und Mahnungen verstehen', 'Understanding bills and reminders'),
            o('shopping', 'Einkaufen, Preise vergleichen', 'Shopping, comparing prices'),
            o('insurance', 'Versicherungen', 'Insurance'),
            o('budget', 'Haushaltsbudget', 'Household budget'),
            o('none', 'Kein Bedarf', 'No need'),
          ],
        ),
        longtext('consumer_notes', t('Bemerkungen', 'Notes')),
      ],
    },
    {
      key: 'goals',
      title: t('Aktuelle Ziele', 'Current goals'),
      fields: [
        longtext(
          'current_goals',
          t('Was möchten Sie gerade erreichen?', 'What do you want to achieve right now?'),
          {
            help: t(
              'Möglichst in den eigenen Worten festhalten.',
              "Record in the client's own words if possible.",
            ),
          },
        ),
      ],
    },
  ],
};

// -----------------------------------------------------------------------------------------------------------
// 7. Luthe's data groups and barriers [002 L568–588]

const lutheDataGroups: InstrumentTemplate = {
  key: 'luthe-data-groups',
  title: t('Datengruppen und Barrieren (Luthe)', 'Data groups and barriers (Luthe)'),
  description: t(
    'Gliederung der Falleinschätzung nach den in der Praxis üblichen Datengruppen (Stamm-, Ressourcen-, ' +
      'Persönlichkeits-, Gesundheits-, berufsbiografische Daten, Selbsteinschätzung, Perspektivpfade) ' +
      'sowie objektive und subjektive Barrieren, bisherige Hürden bei der Nutzung von Hilfen und schon ' +
      'beteiligte Helfer. [002 L568–588]',
    'Structures the case assessment by the data groups common in practice (master, resource, personality, ' +
      'health, career history data, self-assessment, perspective paths) plus objective and subjective ' +
      'barriers, earlier obstacles to using help, and helpers already involved. [002 L568–588]',
  ),
  sections: [
    {
      key: 'master_data',
      title: t('Stammdaten', 'Master data'),
      fields: [
        longtext('master_data_additions', t('Ergänzungen zu den Stammdaten', 'Additions to master data')),
      ],
    },
    {
      key: 'resource_data',
      title: t('Ressourcendaten', 'Resource data'),
      fields: [
        longtext('resources_overview', t('Ressourcen', 'Resources'), { perspectives: true }),
        longtext(
          'informal_resources',
          t(
            'Informelle Hilfe (Verwandte, Freunde, Nachbarn)',
            'Informal help (relatives, friends, neighbours)',
          ),
        ),
        longtext(
          'other_professionals',
          t('Andere professionelle Helfer, die schon beteiligt sind', 'Other professionals already involved'),
        ),
      ],
    },
    {
      key: 'personality_data',
      title: t('Persönlichkeitsdaten', 'Personality data'),
      fields: [
        longtext(
          'personality',
          t('Persönlichkeit, Stärken, Potenziale', 'Personality, strengths, potential'),
        ),
      ],
    },
    {
      key: 'health_data',
      title: t('Gesundheitsdaten', 'Health data'),
      help: t(
        'Besondere Kategorie personenbezogener Daten (Art. 9 DSGVO): nur für das Fallteam sichtbar.',
        'Special category of personal data (Art. 9 GDPR): visible to the case team only.',
      ),
      fields: [longtext('health_data_notes', t('Gesundheit', 'Health'), SPECIAL)],
    },
    {
      key: 'career_data',
      title: t('Berufsbiografische Daten', 'Career history'),
      fields: [
        longtext(
          'career_history',
          t('Schule, Ausbildung, Berufe, Zeiten ohne Arbeit', 'School, training, jobs, gaps'),
        ),
      ],
    },
    {
      key: 'self_assessment',
      title: t('Selbsteinschätzung', 'Self-assessment'),
      fields: [
        longtext(
          'self_assessment_text',
          t('Wie schätzen Sie Ihre Lage selbst ein?', 'How do you see your situation?'),
        ),
      ],
    },
    {
      key: 'perspective_paths',
      title: t('Perspektivpfade', 'Perspective paths'),
      fields: [
        longtext(
          'perspectives_paths',
          t('Mögliche Wege und Perspektiven', 'Possible paths and perspectives'),
          {
            perspectives: true,
          },
        ),
        single('urgency', t('Dringlichkeit', 'Urgency'), [
          o('low', 'Gering', 'Low'),
          o('medium', 'Mittel', 'Medium'),
          o('high', 'Hoch', 'High'),
          o('acute', 'Akut', 'Acute'),
        ]),
      ],
    },
    {
      key: 'barriers',
      title: t('Barrieren', 'Barriers'),
      fields: [
        multi('objective_barriers', t('Objektive Barrieren', 'Objective barriers'), [
          o('no_childcare', 'Fehlende Kinderbetreuung', 'No childcare'),
          o('few_vacancies', 'Zu wenige passende Stellen', 'Too few suitable vacancies'),
          o('mobility', 'Schlechte Verkehrsanbindung', 'Poor transport links'),
          o('housing_market', 'Keine bezahlbare Wohnung', 'No affordable housing'),
          o(
            'legal_restrictions',
            'Rechtliche Einschränkungen (z. B. Arbeitserlaubnis)',
            'Legal limits (e.g. work permit)',
          ),
          o('no_suitable_offer', 'Kein passendes Hilfeangebot', 'No suitable support offer'),
          o('other', 'Sonstige', 'Other'),
        ]),
        longtext(
          'objective_barriers_notes',
          t('Objektive Barrieren: Einzelheiten', 'Objective barriers: details'),
        ),
        multi('subjective_barriers', t('Subjektive Barrieren', 'Subjective barriers'), [
          o('qualification', 'Fehlende Qualifikation', 'Lack of qualifications'),
          o('values_attitudes', 'Persönliche Haltungen und Werte', 'Personal attitudes and values'),
          o('debts', 'Schulden', 'Debts'),
          o('family_problems', 'Familiäre Probleme', 'Family problems'),
          o('other', 'Sonstige', 'Other'),
        ]),
        yesno('addiction_barrier', t('Suchtproblematik', 'Addiction'), SPECIAL),
        longtext(
          'subjective_barriers_notes',
          t('Subjektive Barrieren: Einzelheiten', 'Subjective barriers: details'),
          {
            perspectives: true,
          },
        ),
        longtext(
          'earlier_obstacles',
          t('Was hat bisher verhindert, Hilfen zu nutzen?', 'What has so far prevented using help?'),
          { perspectives: true },
        ),
      ],
    },
  ],
};

export const SHIPPED_INSTRUMENTS: InstrumentTemplate[] = [
  ulmMinimum,
  jmdScreening,
  resourceSurvey,
  shortResourcesRefugees,
  socialPedagogicalDiagnosis,
  moersNeedsAnalysis,
  lutheDataGroups,
];
