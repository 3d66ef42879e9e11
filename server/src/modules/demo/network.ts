import { addDays, localDate } from '../../core/clock.js';
import type { Executor, RequestContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { reminderOn } from '../agreements/domain.js';
import { reminderText } from '../agreements/service.js';
import { syncFollowUp } from '../followups/service.js';

/**
 * The demo's network level (issue 7): the installation's shared directory (the city's offices) and the JMD's
 * own partners with contacts and offers — some without free places, among them the Kita that has no place for
 * Samira's son —, referrals of several demo cases (for the network map and waiting times), two cooperation
 * agreements (one due for its yearly review), a held helpers' conference with an anonymous theme, and gap
 * reports from several cases so the planning level sees bundles with counts. All names are fictional.
 *
 * Samira Al-Hassan has no release for any partner: the network journey records one when a referral is refused.
 */

interface DemoOffer {
  title: string;
  field: string;
  targetGroups: string[];
  languages: string[];
  ageMin?: number;
  ageMax?: number;
  costBearer?: string;
  capacity?: number;
  freePlaces?: number;
  waitingDays?: number;
  description?: string;
}

interface DemoPartner {
  key: string;
  shared?: boolean;
  name: string;
  type: string;
  district: string;
  street: string;
  phone: string;
  email: string;
  contacts: { name: string; role: string; phone?: string; email?: string }[];
  offers: DemoOffer[];
}

export const DEMO_PARTNERS: DemoPartner[] = [
  {
    key: 'jobcenter',
    shared: true,
    name: 'Jobcenter Musterstadt',
    type: 'jobcenter',
    district: 'Innenstadt',
    street: 'Rathausplatz 3',
    phone: '0123 4560-100',
    email: 'jobcenter@musterstadt.example',
    contacts: [{ name: 'Thomas Richter', role: 'Fallmanagement U25', phone: '0123 4560-131' }],
    offers: [
      {
        title: 'Berufsorientierung U25',
        field: 'training_work',
        targetGroups: ['young_people', 'young_adults'],
        languages: ['de'],
        ageMin: 15,
        ageMax: 25,
        costBearer: 'Jobcenter (SGB II)',
        capacity: 20,
        freePlaces: 6,
        waitingDays: 14,
      },
    ],
  },
  {
    key: 'auslaenderbehoerde',
    shared: true,
    name: 'Ausländerbehörde Musterstadt',
    type: 'immigration_office',
    district: 'Innenstadt',
    street: 'Rathausplatz 5',
    phone: '0123 4560-300',
    email: 'auslaenderbehoerde@musterstadt.example',
    contacts: [{ name: 'Birgit Hoffmann', role: 'Sachbearbeitung Aufenthalt' }],
    offers: [],
  },
  {
    key: 'jugendamt',
    shared: true,
    name: 'Jugendamt Musterstadt',
    type: 'youth_welfare_office',
    district: 'Innenstadt',
    street: 'Schulstraße 12',
    phone: '0123 4560-500',
    email: 'jugendamt@musterstadt.example',
    contacts: [{ name: 'Kerstin Vogel', role: 'Allgemeiner Sozialer Dienst' }],
    offers: [],
  },
  {
    key: 'fsb',
    name: 'Flüchtlingssozialberatung Unterkunft Nord',
    type: 'migration_counselling',
    district: 'Nordstadt',
    street: 'Am Wasserturm 7',
    phone: '0123 778-20',
    email: 'fsb-nord@traeger.example',
    contacts: [
      {
        name: 'Miriam Scholz',
        role: 'Sozialberaterin',
        phone: '0123 778-21',
        email: 'm.scholz@traeger.example',
      },
    ],
    offers: [
      {
        title: 'Sozialberatung in der Unterkunft',
        field: 'everyday_life',
        targetGroups: ['refugees', 'newly_arrived', 'families'],
        languages: ['de', 'ar', 'fa', 'en'],
        costBearer: 'Land (Flüchtlingsaufnahme)',
        capacity: 40,
        freePlaces: 8,
        waitingDays: 3,
      },
    ],
  },
  {
    key: 'therapie',
    name: 'Zentrum für Beratung und Therapie',
    type: 'psychosocial_service',
    district: 'Weststadt',
    street: 'Lindenallee 22',
    phone: '0123 99 88-0',
    email: 'kontakt@zbt.example',
    contacts: [{ name: 'Dr. Hannah Weiß', role: 'Psychotherapeutin' }],
    offers: [
      {
        title: 'Traumatherapie für junge Geflüchtete',
        field: 'health',
        targetGroups: ['refugees', 'young_people', 'young_adults'],
        languages: ['de', 'ar', 'en'],
        ageMin: 14,
        ageMax: 27,
        costBearer: 'Krankenkasse / AsylbLG',
        capacity: 12,
        freePlaces: 0,
        waitingDays: 190,
      },
      {
        title: 'Stabilisierungsgruppe',
        field: 'health',
        targetGroups: ['refugees', 'young_adults'],
        languages: ['de', 'ar'],
        capacity: 10,
        freePlaces: 2,
        waitingDays: 21,
      },
    ],
  },
  {
    key: 'kita',
    name: 'Kita Sonnenblume',
    type: 'kita',
    district: 'Nordstadt',
    street: 'Blumenweg 4',
    phone: '0123 445 66',
    email: 'kita-sonnenblume@stadt.example',
    contacts: [{ name: 'Sandra Keller', role: 'Leitung' }],
    offers: [
      {
        title: 'Krippen- und Kitaplatz',
        field: 'everyday_life',
        targetGroups: ['children', 'parents'],
        languages: ['de', 'tr'],
        ageMin: 1,
        ageMax: 6,
        costBearer: 'Jugendamt (Elternbeitrag nach Einkommen)',
        capacity: 60,
        freePlaces: 0,
        waitingDays: 240,
      },
    ],
  },
  {
    key: 'sprachschule',
    name: 'Sprachschule Musterstadt',
    type: 'language_course_provider',
    district: 'Innenstadt',
    street: 'Bahnhofstraße 18',
    phone: '0123 321 00',
    email: 'info@sprachschule-musterstadt.example',
    contacts: [{ name: 'Jan Krause', role: 'Kursberatung' }],
    offers: [
      {
        title: 'Jugendintegrationskurs B1',
        field: 'language',
        targetGroups: ['young_people', 'young_adults', 'newly_arrived'],
        languages: ['de'],
        ageMin: 16,
        ageMax: 27,
        costBearer: 'BAMF',
        capacity: 18,
        freePlaces: 4,
        waitingDays: 35,
      },
      {
        title: 'Berufssprachkurs B2 Pflege',
        field: 'language',
        targetGroups: ['young_adults', 'adults'],
        languages: ['de'],
        ageMin: 18,
        costBearer: 'BAMF',
        capacity: 16,
        freePlaces: 3,
        waitingDays: 60,
      },
    ],
  },
  {
    key: 'pflegeschule',
    name: 'Pflegeschule am Klinikum Musterstadt',
    type: 'school',
    district: 'Südstadt',
    street: 'Klinikstraße 1',
    phone: '0123 600-4400',
    email: 'pflegeschule@klinikum.example',
    contacts: [{ name: 'Petra Lang', role: 'Schulleitung' }],
    offers: [
      {
        title: 'Vorbereitungskurs Ausbildung Pflegefachfrau/-mann',
        field: 'training_work',
        targetGroups: ['young_people', 'young_adults', 'newly_arrived'],
        languages: ['de'],
        ageMin: 16,
        ageMax: 30,
        costBearer: 'Agentur für Arbeit',
        capacity: 15,
        freePlaces: 5,
        waitingDays: 30,
      },
    ],
  },
  {
    key: 'frauentreff',
    name: 'Frauentreff International e. V.',
    type: 'migrant_organisation',
    district: 'Nordstadt',
    street: 'Marktgasse 9',
    phone: '0123 512 34',
    email: 'treff@frauentreff.example',
    contacts: [{ name: 'Aylin Kaya', role: 'Koordination Ehrenamt' }],
    offers: [
      {
        title: 'Frauenfrühstück und Lernpatinnen',
        field: 'participation',
        targetGroups: ['women', 'young_adults', 'parents'],
        languages: ['de', 'ar', 'tr', 'uk'],
        costBearer: 'kostenfrei',
        capacity: 25,
        freePlaces: 10,
        waitingDays: 0,
      },
    ],
  },
  {
    key: 'schuldnerberatung',
    name: 'Schuldner- und Insolvenzberatung der Diakonie',
    type: 'debt_counselling',
    district: 'Oststadt',
    street: 'Kirchplatz 2',
    phone: '0123 870 10',
    email: 'schuldnerberatung@diakonie.example',
    contacts: [{ name: 'Michael Braun', role: 'Schuldnerberater' }],
    offers: [
      {
        title: 'Schuldnerberatung',
        field: 'livelihood',
        targetGroups: ['young_adults', 'adults', 'families'],
        languages: ['de', 'en'],
        costBearer: 'Kommune',
        capacity: 30,
        freePlaces: 0,
        waitingDays: 75,
      },
    ],
  },
];

/** Referrals of demo cases: [client family name, partner key, offer index, status, requested days ago, started after days, barriers]. */
const DEMO_REFERRALS: [string, string, number, string, number, number | null, string[]][] = [
  ['Haidari', 'sprachschule', 0, 'started', 70, 30, []],
  ['Popescu', 'jobcenter', 0, 'completed', 200, 12, []],
  ['Popescu', 'schuldnerberatung', 0, 'requested', 40, null, ['waiting_list']],
  ['Rahimi', 'therapie', 0, 'declined', 120, null, ['no_places', 'waiting_list']],
  ['Rahimi', 'frauentreff', 0, 'started', 90, 2, []],
  ['Ibrahim', 'kita', 0, 'declined', 150, null, ['no_places', 'childcare']],
  ['Ibrahim', 'sprachschule', 0, 'accepted', 30, null, ['childcare']],
  ['Abdi', 'kita', 0, 'requested', 60, null, ['no_places']],
  ['Abdi', 'frauentreff', 0, 'completed', 220, 5, []],
  ['Hussein', 'therapie', 1, 'started', 50, 20, []],
  ['Kaya', 'jobcenter', 0, 'broken_off', 180, 15, ['motivation']],
  ['Shevchenko', 'sprachschule', 1, 'started', 100, 58, ['language']],
  ['Karimi', 'jobcenter', 0, 'completed', 260, 10, []],
  ['Yılmaz', 'jobcenter', 0, 'started', 80, 14, []],
  ['Nowak', 'schuldnerberatung', 0, 'completed', 300, 70, ['waiting_list']],
];

/** Gap reports: [need, field, target group, district, urgency, status, reported days ago, client family names]. */
const DEMO_GAPS: [string, string, string, string, string, string, number, string[]][] = [
  [
    'Kinderbetreuung während des Sprach- oder Integrationskurses',
    'everyday_life',
    'parents',
    'Nordstadt',
    'high',
    'under_review',
    120,
    ['Ibrahim', 'Abdi', 'Rahimi'],
  ],
  [
    'Traumatherapie ohne monatelange Wartezeit für junge Geflüchtete',
    'health',
    'refugees',
    'Weststadt',
    'high',
    'in_planning',
    160,
    ['Rahimi', 'Hussein'],
  ],
  [
    'Bezahlbarer Wohnraum für junge Erwachsene, die aus der Unterkunft ausziehen',
    'housing',
    'young_adults',
    'Innenstadt',
    'medium',
    'reported',
    45,
    ['Haidari', 'Karimi'],
  ],
  [
    'Schuldnerberatung mit kurzer Wartezeit',
    'livelihood',
    'young_adults',
    'Oststadt',
    'low',
    'closed',
    330,
    ['Nowak'],
  ],
];

export async function seedDemoNetwork(
  trx: Executor,
  organisationId: string,
  users: { caseManager: string; teamLead: string; planner: string; installationAdmin: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const today = localDate(now);
  const day = (n: number) => addDays(today, n);
  const partnerIds = new Map<string, string>();
  const offerIds = new Map<string, string[]>();
  const contactIds = new Map<string, string>();

  for (const p of DEMO_PARTNERS) {
    const id = newId();
    partnerIds.set(p.key, id);
    const createdBy = p.shared ? users.installationAdmin : users.caseManager;
    await trx
      .insertInto('partners')
      .values({
        id,
        organisation_id: p.shared ? null : organisationId,
        name: p.name,
        type: p.type,
        street: p.street,
        postal_code: '12345',
        city: 'Musterstadt',
        district: p.district,
        phone: p.phone,
        email: p.email,
        website: null,
        notes: null,
        archived_at: null,
        created_by: createdBy,
        updated_by: createdBy,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    for (const [position, c] of p.contacts.entries()) {
      const contactId = newId();
      if (position === 0) contactIds.set(p.key, contactId);
      await trx
        .insertInto('partner_contacts')
        .values({
          id: contactId,
          partner_id: id,
          position,
          name: c.name,
          role: c.role,
          phone: c.phone ?? null,
          email: c.email ?? null,
          archived_at: null,
        })
        .execute();
    }
    const ids: string[] = [];
    for (const o of p.offers) {
      const offerId = newId();
      ids.push(offerId);
      await trx
        .insertInto('offers')
        .values({
          id: offerId,
          partner_id: id,
          organisation_id: p.shared ? null : organisationId,
          title: o.title,
          description: o.description ?? null,
          field: o.field,
          target_groups: JSON.stringify(o.targetGroups),
          age_min: o.ageMin ?? null,
          age_max: o.ageMax ?? null,
          languages: JSON.stringify(o.languages),
          district: p.district,
          cost_bearer: o.costBearer ?? null,
          capacity: o.capacity ?? null,
          free_places: o.freePlaces ?? null,
          waiting_days: o.waitingDays ?? null,
          valid_from: day(-400),
          valid_to: null,
          archived_at: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
    }
    offerIds.set(p.key, ids);
  }

  const cases = await trx
    .selectFrom('cases')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .select(['cases.id', 'cases.client_id', 'cases.responsible_user_id', 'clients.family_name'])
    .where('cases.organisation_id', '=', organisationId)
    .execute();
  const caseOf = new Map(cases.map((c) => [c.family_name, c]));

  for (const [family, partnerKey, offerIndex, status, ago, startedAfter, barriers] of DEMO_REFERRALS) {
    const c = caseOf.get(family);
    const partnerId = partnerIds.get(partnerKey);
    if (!c || !partnerId) continue;
    const requestedOn = day(-ago);
    const started = startedAfter === null ? null : addDays(requestedOn, startedAfter);
    const accepted =
      status === 'requested' || (status === 'declined' && startedAfter === null) ? null : requestedOn;
    const ended =
      status === 'completed' || status === 'broken_off'
        ? addDays(started ?? requestedOn, 60)
        : status === 'declined'
          ? addDays(requestedOn, 10)
          : null;
    const id = newId();
    await trx
      .insertInto('referrals')
      .values({
        id,
        organisation_id: organisationId,
        case_id: c.id,
        client_id: c.client_id,
        plan_step_id: null,
        partner_id: partnerId,
        offer_id: offerIds.get(partnerKey)?.[offerIndex] ?? null,
        status,
        requested_on: requestedOn,
        accepted_on: accepted,
        started_on: status === 'declined' || status === 'requested' || status === 'accepted' ? null : started,
        ended_on: ended && ended > today ? today : ended,
        barriers: JSON.stringify(barriers),
        barrier_note: null,
        partner_feedback: status === 'completed' ? 'Erfolgreich teilgenommen.' : null,
        note: null,
        categories: '[]',
        disclosure_id: null,
        created_by: c.responsible_user_id,
        updated_by: c.responsible_user_id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('referral_events')
      .values({
        id: newId(),
        referral_id: id,
        status,
        on_date: requestedOn,
        note: null,
        recorded_at: at,
        recorded_by: c.responsible_user_id,
      })
      .execute();
  }

  // Cooperation agreements [001 L1930–1990]: the Jobcenter (written, review due soon) and the therapy centre;
  // the team lead is reminded four weeks before each review.
  const teamLeadCtx: RequestContext = {
    actor: { userId: users.teamLead, organisationId, roles: ['team_lead'], orgUnitIds: [] },
    requestId: 'demo-seed',
    locale: 'de',
    now,
  };
  const agreements: [string, string, string[], number, number][] = [
    ['Kooperation Übergang Schule–Beruf U25', 'written', ['jobcenter'], -700, 20],
    ['Vereinbarung zur Vermittlung in Therapie und Stabilisierung', 'minutes', ['therapie'], -300, 65],
  ];
  for (const [title, form, partners, startedDaysAgo, reviewIn] of agreements) {
    const id = newId();
    await trx
      .insertInto('cooperation_agreements')
      .values({
        id,
        organisation_id: organisationId,
        title,
        form,
        goals:
          'Verlässliche und schnelle Vermittlung junger Menschen; gemeinsame Fallbesprechungen mit Einwilligung.',
        rules: JSON.stringify({
          meetings: 'Quartalsweise Treffen der Ansprechpersonen',
          responsibilities: 'Je eine feste Ansprechperson auf beiden Seiten',
          documentation: 'Ergebnisprotokoll der Treffen; Vermittlungen in Lotse',
        }),
        starts_on: day(startedDaysAgo),
        ends_on: null,
        review_on: day(reviewIn),
        review_follow_up_id: await syncFollowUp(
          trx,
          teamLeadCtx,
          { caseId: null, assigneeUserId: users.teamLead },
          null,
          reminderOn(day(reviewIn), today),
          reminderText(title, day(reviewIn)),
        ),
        responsible_user_id: users.teamLead,
        document_filename: null,
        document_content_type: null,
        document_size: null,
        document_content: null,
        archived_at: null,
        created_by: users.teamLead,
        updated_by: users.teamLead,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    for (const key of partners) {
      const partnerId = partnerIds.get(key);
      if (partnerId)
        await trx
          .insertInto('agreement_partners')
          .values({ agreement_id: id, partner_id: partnerId })
          .execute();
    }
  }

  // A held helpers' conference (without the client) for Amina Ibrahim, with an anonymous theme [004 L5740–5766].
  const ibrahim = caseOf.get('Ibrahim');
  const conferenceId = newId();
  if (ibrahim) {
    await trx
      .insertInto('conferences')
      .values({
        id: conferenceId,
        organisation_id: organisationId,
        case_id: ibrahim.id,
        kind: 'helpers',
        status: 'held',
        held_on: day(-35),
        starts_at: '10:00',
        place: 'JMD, Besprechungsraum',
        moderator_user_id: ibrahim.responsible_user_id,
        agenda: 'Stand Sprachkurs, Kinderbetreuung',
        minutes:
          'Ohne Betreuungsplatz kann der Kurs nicht begonnen werden. Die Kursberatung prüft einen Kurs mit Kinderbetreuung.',
        anonymous: true,
        categories: '[]',
        invited_at: `${day(-40)}T09:00:00.000Z`,
        created_by: ibrahim.responsible_user_id,
        updated_by: ibrahim.responsible_user_id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('conference_participants')
      .values([
        {
          id: newId(),
          conference_id: conferenceId,
          position: 0,
          kind: 'internal',
          user_id: ibrahim.responsible_user_id,
          partner_id: null,
          contact_id: null,
          name: null,
          role: 'Fallverantwortung',
          release_id: null,
          disclosure_id: null,
        },
        {
          id: newId(),
          conference_id: conferenceId,
          position: 1,
          kind: 'partner_contact',
          user_id: null,
          partner_id: partnerIds.get('sprachschule') ?? null,
          contact_id: contactIds.get('sprachschule') ?? null,
          name: null,
          role: 'Kursberatung',
          release_id: null,
          disclosure_id: null,
        },
      ])
      .execute();
  }

  // Gap reports from several cases; the planning level sees them bundled, with counts and without names.
  for (const [need, field, targetGroup, district, urgency, status, ago, families] of DEMO_GAPS) {
    const id = newId();
    const reportedOn = day(-ago);
    const author = caseOf.get(families[0] ?? '')?.responsible_user_id ?? users.caseManager;
    await trx
      .insertInto('gap_reports')
      .values({
        id,
        organisation_id: organisationId,
        need,
        field,
        target_group: targetGroup,
        district,
        urgency,
        description: null,
        source: 'standalone',
        status,
        outcome: status === 'closed' ? 'solved' : null,
        reported_on: reportedOn,
        created_by: author,
        updated_by: author,
        created_at: `${reportedOn}T09:00:00.000Z`,
        updated_at: at,
        version: 1,
      })
      .execute();
    for (const [i, family] of families.entries()) {
      const c = caseOf.get(family);
      if (!c) continue;
      await trx
        .insertInto('gap_report_cases')
        .values({
          id: newId(),
          gap_report_id: id,
          case_id: c.id,
          plan_step_id: null,
          journal_entry_id: null,
          conference_id: family === 'Ibrahim' && ibrahim ? conferenceId : null,
          linked_at: `${addDays(reportedOn, i * 7)}T09:00:00.000Z`,
          linked_by: c.responsible_user_id,
        })
        .execute();
    }
    if (status !== 'reported') {
      await trx
        .insertInto('gap_report_comments')
        .values({
          id: newId(),
          gap_report_id: id,
          text:
            status === 'closed'
              ? 'Die Beratungsstelle hat eine offene Sprechstunde eingerichtet.'
              : 'Wird in der AG Übergänge beraten.',
          status_from: 'reported',
          status_to: status,
          created_at: `${addDays(reportedOn, 14)}T09:00:00.000Z`,
          created_by: users.planner,
        })
        .execute();
    }
  }
  if (ibrahim) {
    const childcare = await trx
      .selectFrom('gap_reports')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('field', '=', 'everyday_life')
      .executeTakeFirst();
    await trx
      .insertInto('conference_themes')
      .values({
        id: newId(),
        conference_id: conferenceId,
        position: 0,
        text: 'Sprachkurse ohne Kinderbetreuung schließen junge Eltern aus',
        field: 'everyday_life',
        gap_report_id: childcare?.id ?? null,
      })
      .execute();
  }
}
