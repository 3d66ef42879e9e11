import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { appendAudit, inTransaction } from '../../core/audit.js';
import type { Role } from '../../core/context.js';
import { insertOrganisation, insertOrgUnit } from '../organisation/service.js';
import { enableInstruments } from '../assessment/templates.js';
import { seedDemoAssessments } from './assessments.js';
import { seedDemoPlan } from './plan.js';
import { seedDemoNetwork } from './network.js';
import { seedDemoEvaluations } from './evaluation.js';
import { insertUserRecord } from '../users/service.js';
import { seedDemoCaseFiles } from './case-files.js';

/**
 * The demo organisation: a fictional Jugendmigrationsdienst with two teams and one person per role.
 * Seeded only into an empty database and never in production unless LOTSE_DEMO=true (see main.ts).
 */
/** The instruments Team Süd offers in the demo (Team Nord offers all shipped ones). */
export const TEAM_SOUTH_INSTRUMENTS = [
  'ulm-minimum',
  'jmd-screening',
  'resource-survey-9',
  'moers-needs-analysis',
] as const;

export const DEMO_ORGANISATION = 'Jugendmigrationsdienst Musterstadt';
export const DEMO_PASSWORD = 'Lotse-Demo-2026';

export const DEMO_USERS: {
  username: string;
  displayName: string;
  roles: Role[];
  units: ('nord' | 'sued')[];
}[] = [
  { username: 'fallmanagerin', displayName: 'Aylin Demir', roles: ['case_manager'], units: ['nord'] },
  { username: 'fallmanager2', displayName: 'Lukas Schneider', roles: ['case_manager'], units: ['sued'] },
  { username: 'teamleitung', displayName: 'Jonas Berger', roles: ['team_lead'], units: ['nord', 'sued'] },
  { username: 'traegeradmin', displayName: 'Petra Krüger', roles: ['org_admin'], units: ['nord'] },
  { username: 'sozialplanung', displayName: 'Malte Jansen', roles: ['planner'], units: ['nord'] },
  { username: 'datenschutz', displayName: 'Sabine Wolff', roles: ['dpo'], units: ['nord'] },
  {
    username: 'installation',
    displayName: 'Installations-Admin',
    roles: ['installation_admin'],
    units: ['nord'],
  },
];

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

export async function demoPresent(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', DEMO_ORGANISATION)
    .executeTakeFirst();
  return row !== undefined;
}

/** Seeds the demo organisation if the database holds no organisation yet; returns whether it did. */
export async function seedDemoIfEmpty(db: Kysely<DB>, now: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const [first, ...others] = DEMO_USERS;
    if (!first) return false;
    const {
      organisationId,
      orgUnitId: nord,
      adminId,
    } = await insertOrganisation(
      trx,
      {
        name: DEMO_ORGANISATION,
        shortCode: 'JMD',
        firstOrgUnitName: 'Team Nord',
        admin: { username: first.username, displayName: first.displayName, initialPassword: DEMO_PASSWORD },
      },
      now,
    );
    // insertOrganisation makes its first user an org admin; the demo's first user is the case manager.
    await trx
      .updateTable('user_roles')
      .set({ role: first.roles[0] ?? 'case_manager' })
      .where('user_id', '=', adminId)
      .execute();
    const sued = await insertOrgUnit(trx, organisationId, { name: 'Team Süd' }, now);
    // Team Nord offers every shipped instrument; Team Süd has chosen four (the Ulm way: each team decides).
    await enableInstruments(trx, organisationId, sued, TEAM_SOUTH_INSTRUMENTS, now);
    const unitIds = { nord, sued };
    const origin = { actorUserId: null, organisationId, requestId: null, at: now };
    await appendAudit(trx, origin, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: organisationId,
      details: { demo: true },
    });
    await appendAudit(trx, origin, {
      action: 'user.create',
      entityType: 'user',
      entityId: adminId,
      details: { demo: true },
    });
    const ids = new Map<string, string>([[first.username, adminId]]);
    for (const user of others) {
      const id = await insertUserRecord(
        trx,
        {
          organisationId,
          username: user.username,
          displayName: user.displayName,
          password: DEMO_PASSWORD,
          roles: user.roles,
          orgUnitIds: user.units.map((u) => unitIds[u]),
        },
        now,
      );
      await appendAudit(trx, origin, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        details: { demo: true, roles: user.roles },
      });
      ids.set(user.username, id);
    }
    const count = await seedDemoCaseFiles(
      trx,
      { id: organisationId, shortCode: 'JMD' },
      [ids.get('fallmanagerin') ?? adminId, ids.get('fallmanager2') ?? adminId],
      [nord, sued],
      now,
    );
    await seedDemoAssessments(trx, organisationId, now);
    await seedDemoPlan(trx, organisationId, now);
    await seedDemoNetwork(
      trx,
      organisationId,
      {
        caseManager: ids.get('fallmanagerin') ?? adminId,
        teamLead: ids.get('teamleitung') ?? adminId,
        planner: ids.get('sozialplanung') ?? adminId,
        installationAdmin: ids.get('installation') ?? adminId,
      },
      now,
    );
    await seedDemoEvaluations(trx, organisationId, now);
    // The JMD calls it Integrationsförderplan, with at most three prioritised goals [001 L821].
    await trx
      .updateTable('organisations')
      .set({ plan_label: 'integrationsfoerderplan', plan_max_goals: 3 })
      .where('id', '=', organisationId)
      .execute();
    await appendAudit(trx, origin, {
      action: 'demo.case_files',
      entityType: 'organisation',
      entityId: organisationId,
      details: { clients: count },
    });
    return true;
  });
}
