import type { Shape } from '../../app/i18n/shape';

// Statistics and reports for funders and steering, always anonymised.
export const statisticsDe = {
  title: 'Statistik',
  intro:
    'Berichte für Zuwendungsgeber, Teamleitung und Steuerung. Sie enthalten nur Zahlen, nie Namen oder einzelne Fälle; kleine Zahlen sind aus Datenschutzgründen ausgeblendet.',
  presets: {
    heading: 'Berichte',
    empty: 'Für Ihre Rolle gibt es keine Berichte.',
    annual: 'Jahresbericht für Zuwendungsgeber',
    team_monthly: 'Monatsübersicht des Teams',
    steering: 'Steuerungsübersicht',
    description: {
      annual:
        'Fallzahlen je Vollzeitstelle, Case Management und Beratung, Abschlüsse und Ergebnisse der Auswertung – für ein Jahr.',
      team_monthly:
        'Neue, laufende und abgeschlossene Fälle, Auslastung und Vermittlungen – für einen Monat.',
      steering:
        'Zahlen aller Organisationen der Installation, die ihre Auswertungen teilen – für die Koordinierungsstelle.',
    },
  },
  threshold: {
    heading: 'Mindestzahl für Statistiken',
    explanation:
      'Zahlen unter dieser Mindestzahl zeigt Lotse in allen Berichten, Ausdrucken und Exporten nur als „< {{minCount}}“. Aus kleinen Gruppen – etwa zwei Klient:innen aus einem Herkunftsland in einem Sozialraum – könnte man sonst auf einzelne Personen schließen. Wo sich eine ausgeblendete Zahl aus Summen zurückrechnen ließe, wird eine weitere Zahl ausgeblendet („x“), ebenso Quoten und Durchschnitte aus zu wenigen Fällen.',
    label: 'Mindestzahl',
    hint: 'Eine ganze Zahl ab 3; voreingestellt ist 5.',
    saved: 'Die Mindestzahl ist gespeichert. Berichte zeigen jetzt Zahlen ab {{minCount}}.',
    conflictText:
      'Jemand hat die Mindestzahl inzwischen geändert. Ihre Eingabe wurde nicht gespeichert; die aktuelle Einstellung wird angezeigt.',
  },
  report: {
    back: 'Zurück zur Übersicht',
    filters: 'Zeitraum und Auswahl',
    from: 'von',
    to: 'bis',
    orgUnits: 'Sachgebiete/Teams',
    orgUnitsHint: 'Keine Auswahl: alle Sachgebiete/Teams, die Sie auswerten dürfen.',
    organisations: 'Organisationen',
    organisationsHint: 'Keine Auswahl: alle Organisationen, die ihre Auswertungen teilen.',
    show: 'Bericht anzeigen',
    quick: 'Schnellauswahl',
    lastYear: 'Vorjahr {{year}}',
    yearToDate: 'Laufendes Jahr {{year}} bis heute',
    thisMonth: 'Dieser Monat',
    lastMonth: 'Vormonat',
    loading: 'Der Bericht wird erstellt …',
    period: 'Zeitraum: {{from}} bis {{to}}',
    organisationsIncluded: 'Organisationen: {{names}}',
    orgUnitsIncluded: 'Sachgebiete/Teams: {{names}}',
    allOrgUnits: 'Sachgebiete/Teams: alle',
    generatedAt: 'Erstellt am {{at}}',
    anonymised:
      'Anonymisierte Auswertung: Zahlen unter {{threshold}} und Werte, aus denen sie sich errechnen ließen, sind aus Datenschutzgründen ausgeblendet (mit * markiert).',
    print: 'Drucken',
    downloads: 'Herunterladen',
    csv: 'Als CSV herunterladen',
    xlsx: 'Als Excel-Datei (XLSX) herunterladen',
    downloadsHint: 'Die Dateien enthalten dieselben Zahlen wie die Tabellen auf dieser Seite.',
    downloading: 'Die Datei wird erstellt …',
    rowHeader: 'Merkmal',
    empty: 'Keine Daten im gewählten Zeitraum.',
    noSections: 'Für diesen Zeitraum und diese Auswahl gibt es keine Zahlen.',
    suppressed:
      'weniger als {{threshold}} Fälle oder daraus errechenbar – aus Datenschutzgründen nicht angezeigt',
    footnote:
      'Weniger als {{threshold}} Fälle oder daraus errechenbar – aus Datenschutzgründen nicht angezeigt.',
    chartLabel: 'Diagramm zu „{{title}}“. Die Werte stehen in der Tabelle.',
    chartNote: 'Ausgeblendete Werte sind im Diagramm nicht gezeichnet.',
    chartLoading: 'Das Diagramm wird geladen …',
  },
};

export const statisticsEn: Shape<typeof statisticsDe> = {
  title: 'Statistics',
  intro:
    'Reports for funders, team leads and steering. They contain figures only, never names or single cases; small counts are hidden to protect privacy.',
  presets: {
    heading: 'Reports',
    empty: 'There are no reports for your role.',
    annual: 'Annual report for funders',
    team_monthly: 'Team monthly overview',
    steering: 'Steering overview',
    description: {
      annual:
        'Cases per full-time post, case management and counselling, closures and evaluation results – for one year.',
      team_monthly: 'New, running and closed cases, caseloads and referrals – for one month.',
      steering:
        'Figures of every organisation of the installation that shares its aggregates – for the coordination office.',
    },
  },
  threshold: {
    heading: 'Minimum count for statistics',
    explanation:
      'Lotse shows counts below this minimum only as “< {{minCount}}” in every report, printout and export. Small groups – say two clients from one country of origin in one district – could otherwise point to single persons. Where a hidden count could be worked out from totals, another count is hidden as well (“x”), and so are rates and averages of too few cases.',
    label: 'Minimum count',
    hint: 'A whole number from 3; the default is 5.',
    saved: 'The minimum count is saved. Reports now show counts from {{minCount}}.',
    conflictText:
      'Someone has changed the minimum count meanwhile. Your entry was not saved; the current setting is shown.',
  },
  report: {
    back: 'Back to the overview',
    filters: 'Period and selection',
    from: 'from',
    to: 'to',
    orgUnits: 'Org units/teams',
    orgUnitsHint: 'None chosen: every org unit/team you may report on.',
    organisations: 'Organisations',
    organisationsHint: 'None chosen: every organisation that shares its aggregates.',
    show: 'Show report',
    quick: 'Quick choice',
    lastYear: 'Last year {{year}}',
    yearToDate: 'This year {{year}} to date',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    loading: 'The report is being prepared …',
    period: 'Period: {{from}} to {{to}}',
    organisationsIncluded: 'Organisations: {{names}}',
    orgUnitsIncluded: 'Org units/teams: {{names}}',
    allOrgUnits: 'Org units/teams: all',
    generatedAt: 'Prepared on {{at}}',
    anonymised:
      'Anonymised figures: counts below {{threshold}}, and values they could be worked out from, are hidden to protect privacy (marked *).',
    print: 'Print',
    downloads: 'Download',
    csv: 'Download as CSV',
    xlsx: 'Download as Excel file (XLSX)',
    downloadsHint: 'The files hold the same figures as the tables on this page.',
    downloading: 'Preparing the file …',
    rowHeader: 'Category',
    empty: 'No data in the chosen period.',
    noSections: 'There are no figures for this period and selection.',
    suppressed: 'fewer than {{threshold}} cases or derived from them – hidden to protect privacy',
    footnote: 'Fewer than {{threshold}} cases or derived from them – hidden to protect privacy.',
    chartLabel: 'Chart of “{{title}}”. The values are in the table.',
    chartNote: 'Hidden values are not drawn in the chart.',
    chartLoading: 'Loading the chart …',
  },
};
