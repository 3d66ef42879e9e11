import { addDays, localDate } from '../../core/clock.js';
import type { Executor } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { computeScores, type Answers } from '../assessment/domain.js';
import type { InstrumentTemplate } from '../assessment/template.js';

/**
 * The demo's assessment history: Samira Al-Hassan (in planning) had the resource survey ten weeks ago and
 * again last week, with her network map — so a first visitor sees a progress picture and an eco-map without
 * entering anything. Only answers outside the special categories are filled (the seed has no key ring).
 */
export async function seedDemoAssessments(trx: Executor, organisationId: string, now: Date): Promise<void> {
  const found = await trx
    .selectFrom('cases')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .select(['cases.id', 'cases.responsible_user_id'])
    .where('cases.organisation_id', '=', organisationId)
    .where('clients.family_name', '=', 'Al-Hassan')
    .executeTakeFirst();
  const survey = await trx
    .selectFrom('instrument_templates as t')
    .innerJoin('instrument_template_versions as v', 'v.template_id', 't.id')
    .select(['v.id', 'v.definition'])
    .where('t.organisation_id', '=', organisationId)
    .where('t.key', '=', 'resource-survey-9')
    .executeTakeFirst();
  if (!found || !survey) return;
  const caseId = found.id;
  const owner = found.responsible_user_id;
  const ownerName = (
    await trx.selectFrom('users').select('display_name').where('id', '=', owner).executeTakeFirstOrThrow()
  ).display_name;
  const definition = JSON.parse(survey.definition) as InstrumentTemplate;
  const today = localDate(now);

  const network = DEMO_NETWORK.map((c, i) => ({
    id: newId(),
    organisation_id: organisationId,
    case_id: caseId,
    name: c.name,
    kind: c.kind,
    relation: c.relation,
    support: JSON.stringify(c.support),
    closeness: c.closeness,
    strained: c.strained,
    note: null,
    ended_on: null,
    created_by: owner,
    updated_by: owner,
    created_at: `${addDays(today, -70 + i)}T10:00:00.000Z`,
    updated_at: `${addDays(today, -70 + i)}T10:00:00.000Z`,
    version: 1,
  }));
  await trx.insertInto('network_contacts').values(network).execute();
  const snapshot = JSON.stringify(
    network.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      relation: c.relation,
      support: JSON.parse(c.support) as string[],
      closeness: c.closeness,
      strained: c.strained,
      note: null,
      endedOn: null,
      updatedAt: c.updated_at,
      updatedBy: { id: owner, displayName: ownerName },
      version: 1,
    })),
  );

  let previous: string | null = null;
  for (const [round, daysAgo] of [
    [0, 70],
    [1, 7],
  ] as const) {
    const answers: Answers = {};
    definition.sections.forEach((section, s) => {
      for (const field of section.fields) {
        if (field.type !== 'scale' || field.specialCategory) continue;
        // Lower at first, better in most domains the second time; the client sees herself a little better.
        const professional = Math.min(5, 2 + ((s + field.key.length) % 2) + round * (s % 3 === 2 ? 0 : 1));
        answers[field.key] = field.perspectives
          ? { client: Math.min(5, professional + 1), professional }
          : professional;
      }
    });
    const id = newId();
    const day = addDays(today, -daysAgo);
    const at = `${day}T11:00:00.000Z`;
    await trx
      .insertInto('assessments')
      .values({
        id,
        organisation_id: organisationId,
        case_id: caseId,
        template_version_id: survey.id,
        status: 'final',
        conducted_on: day,
        answers: JSON.stringify(answers),
        special_answers: null,
        scores: JSON.stringify(computeScores(definition, answers)),
        prefilled_from: previous,
        network_snapshot: snapshot,
        finalised_at: at,
        finalised_by: owner,
        created_by: owner,
        updated_by: owner,
        created_at: at,
        updated_at: at,
        version: 2,
      })
      .execute();
    await trx
      .insertInto('assessment_needs')
      .values(
        DEMO_NEEDS.map((n, i) => ({
          id: newId(),
          assessment_id: id,
          kind: n.kind,
          area: n.area,
          text: n.text,
          priority: i + 1,
          seen_by: n.seenBy,
          special_category: false,
        })),
      )
      .execute();
    previous = id;
  }
}

const DEMO_NETWORK = [
  {
    name: 'Mutter (Amal)',
    kind: 'family',
    relation: 'Mutter',
    support: ['emotional', 'practical'],
    closeness: 1,
    strained: false,
  },
  {
    name: 'Bruder (Karim)',
    kind: 'family',
    relation: 'Bruder',
    support: ['practical'],
    closeness: 2,
    strained: true,
  },
  {
    name: 'Freundin aus dem Sprachkurs',
    kind: 'friend',
    relation: 'Freundin',
    support: ['emotional', 'social_integration'],
    closeness: 1,
    strained: false,
  },
  {
    name: 'Lernpatin Frau K.',
    kind: 'volunteer',
    relation: 'Ehrenamtliche Lernpatin',
    support: ['problem_solving'],
    closeness: 2,
    strained: false,
  },
  {
    name: 'Ausländerbehörde Musterstadt',
    kind: 'agency',
    relation: 'Sachbearbeitung Aufenthalt',
    support: [],
    closeness: 3,
    strained: true,
  },
  {
    name: 'Pflegeschule am Klinikum',
    kind: 'professional',
    relation: 'Beratung Ausbildung',
    support: ['problem_solving', 'social_integration'],
    closeness: 3,
    strained: false,
  },
] as const;

const DEMO_NEEDS = [
  {
    kind: 'need',
    area: 'rights_residence_authorities',
    text: 'Aufenthalt klären und sichern',
    seenBy: 'both',
  },
  {
    kind: 'need',
    area: 'school_training_work',
    text: 'Ausbildungsplatz in der Pflege finden',
    seenBy: 'client',
  },
  { kind: 'resource', area: 'language', text: 'Gute Deutschkenntnisse (B1), lernt weiter', seenBy: 'both' },
  {
    kind: 'resource',
    area: 'family_relationships',
    text: 'Mutter und Lernpatin unterstützen sie',
    seenBy: 'client',
  },
] as const;
