import { addDays, localDate } from '../../core/clock.js';
import type { Executor, RequestContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import type { PlanDoc } from '../plan/domain.js';
import { writeDoc } from '../plan/service.js';

/**
 * The demo's plan: Samira Al-Hassan's Integrationsförderplan after the worked example of the JMD guide
 * [001 L842–975] — securing her residence and her psychological stability, with sub-goals, dated steps for
 * Samira and the JMD, the offers involved and one "Passendes Angebot vorhanden? nein" (the therapy place).
 */
export async function seedDemoPlan(trx: Executor, organisationId: string, now: Date): Promise<void> {
  const found = await trx
    .selectFrom('cases')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .select(['cases.id', 'cases.responsible_user_id', 'cases.org_unit_id'])
    .where('cases.organisation_id', '=', organisationId)
    .where('clients.family_name', '=', 'Al-Hassan')
    .executeTakeFirst();
  if (!found) return;
  const today = localDate(now);
  const day = (n: number) => addDays(today, n);
  const agreedAt = new Date(`${day(-20)}T10:00:00.000Z`);
  const ctx: RequestContext = {
    actor: {
      userId: found.responsible_user_id,
      organisationId,
      roles: ['case_manager'],
      orgUnitIds: [found.org_unit_id],
    },
    requestId: 'demo-seed',
    locale: 'de',
    now: agreedAt,
  };
  const doc: PlanDoc = {
    legalType: 'integration_agreement',
    legalNote: null,
    header: {
      participants: 'Samira Al-Hassan, Fachkraft JMD; ihre Schwägerin beim ersten Gespräch',
      benefitsEarlier: null,
      benefitsCurrent: 'Leistungen nach dem AsylbLG',
      problem: 'Aufenthalt ungeklärt, psychisch sehr belastet, belastende Wohnsituation in der Unterkunft',
      resources: 'Gute Deutschkenntnisse (B1), Unterstützung durch Mutter und Lernpatin, klarer Berufswunsch',
      obligations: 'Unterlagen für die Ausländerbehörde besorgen und Termine wahrnehmen',
      costBearers: null,
      reviewOn: day(70),
    },
    goals: [
      {
        wording: 'Sicherung des Aufenthalts',
        indicator: 'Die Aufenthaltserlaubnis liegt vor',
        targetOn: day(100),
        followUpOn: day(25),
        status: 'active',
        smart: { specific: true, measurable: true, achievable: true, relevant: true, timed: true },
        steps: [
          {
            what: 'Antrag auf Aufenthaltserlaubnis ausfüllen',
            who: 'client',
            dueOn: day(-13),
            status: 'done',
            doneOn: day(-14),
            mode: 'with_support',
          },
          {
            what: 'Antrag bei der Ausländerbehörde abgeben',
            who: 'client',
            dueOn: day(-11),
            status: 'done',
            doneOn: day(-11),
            provider: 'Ausländerbehörde Musterstadt',
            mode: 'alone',
          },
          {
            what: 'Hilfestellung beim Ausfüllen des Antrags',
            who: 'case_manager',
            dueOn: day(-13),
            status: 'done',
            doneOn: day(-14),
          },
          {
            what: 'Abstimmung mit der Flüchtlingssozialberatung in der Unterkunft',
            who: 'case_manager',
            dueOn: day(5),
            status: 'open',
            provider: 'Flüchtlingssozialberatung',
            offerAvailable: true,
          },
        ],
        subGoals: [
          {
            wording: 'Die nötigen Unterlagen besorgen, ausfüllen und einreichen',
            indicator: 'Der Antrag ist eingereicht',
            status: 'achieved',
            steps: [],
          },
          {
            wording: 'Der Aufenthalt ist geklärt',
            indicator: 'Der Bescheid liegt vor',
            targetOn: day(100),
            status: 'active',
            steps: [],
          },
        ],
      },
      {
        wording: 'Ich fühle mich stabil genug, um meine Zukunft zu planen',
        clientWords: true,
        indicator: 'Samira hat eine Therapie begonnen und nimmt regelmäßig an einem Gruppenangebot teil',
        targetOn: day(60),
        followUpOn: day(30),
        status: 'active',
        smart: { specific: true, measurable: true, achievable: true, relevant: true, timed: true },
        steps: [
          {
            what: 'Kontakt zum Zentrum für Beratung und Therapie aufnehmen',
            who: 'case_manager',
            dueOn: day(-19),
            status: 'done',
            doneOn: day(-19),
            provider: 'Zentrum für Beratung und Therapie',
            offer: 'Traumatherapie (Wartezeit über sechs Monate)',
            offerAvailable: false,
          },
          {
            // Samira's son needs a place before she can take up a course (the Kita has none: a gap).
            what: 'Einen Kita-Platz für den Sohn finden, damit Samira einen Kurs besuchen kann',
            who: 'case_manager',
            dueOn: day(14),
            status: 'open',
            provider: 'Kita Sonnenblume',
            offer: 'Krippen- und Kitaplatz',
            offerAvailable: false,
          },
          {
            what: 'Am Frauenfrühstück des JMD teilnehmen',
            who: 'client',
            dueOn: day(3),
            status: 'open',
            offer: 'Frauenfrühstück (JMD)',
            offerAvailable: true,
          },
          {
            what: 'Überlegen, wer aus Familie oder Bekanntenkreis zusätzlich unterstützen kann',
            who: 'client',
            dueOn: day(10),
            status: 'open',
          },
          {
            what: 'Stabilisierungsgespräche nach Bedarf bis zum Therapiebeginn',
            who: 'case_manager',
            dueOn: day(45),
            status: 'open',
          },
        ],
        subGoals: [
          {
            wording: 'Stabilisierung durch Gespräche und Gruppenarbeit bis zum Beginn einer Therapie',
            indicator: 'Sie kommt regelmäßig zu Gesprächen und Gruppe',
            status: 'active',
            steps: [],
          },
          {
            wording: 'Eine Therapie beginnen',
            indicator: 'Der erste Therapietermin hat stattgefunden',
            targetOn: day(60),
            status: 'active',
            steps: [],
          },
        ],
      },
    ],
  };
  const planId = newId();
  const at = agreedAt.toISOString();
  await trx
    .insertInto('plans')
    .values({
      id: planId,
      organisation_id: organisationId,
      case_id: found.id,
      status: 'agreed',
      legal_type: doc.legalType ?? null,
      legal_note: null,
      header: JSON.stringify({ ...doc.header, reviewOn: undefined }),
      review_on: doc.header.reviewOn,
      review_follow_up_id: null,
      agreed_at: at,
      created_by: found.responsible_user_id,
      updated_by: found.responsible_user_id,
      created_at: at,
      updated_at: at,
      version: 2,
    })
    .execute();
  await writeDoc(
    trx,
    ctx,
    { id: planId },
    { id: found.id, responsible_user_id: found.responsible_user_id },
    doc,
  );
  await trx
    .insertInto('plan_versions')
    .values({
      id: newId(),
      plan_id: planId,
      version: 2,
      change_kind: 'agreed',
      reason: null,
      summary: JSON.stringify({ goals: 6 }),
      snapshot: JSON.stringify(doc),
      changed_at: at,
      changed_by: found.responsible_user_id,
    })
    .execute();
  await trx
    .insertInto('plan_signatures')
    .values({
      id: newId(),
      plan_id: planId,
      plan_version: 2,
      signer: 'client',
      name: 'Samira Al-Hassan',
      form: 'paper',
      signed_on: day(-20),
      recorded_by: found.responsible_user_id,
      recorded_at: at,
    })
    .execute();
}
