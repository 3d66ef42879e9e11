import type { Kysely } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { newId } from '../../server/src/core/ids.js';
import type { DB } from '../../server/src/db/types.js';
import { insertOrganisation, insertOrgUnit } from '../../server/src/modules/organisation/service.js';
import { insertUserRecord } from '../../server/src/modules/users/service.js';
import { caseRows, insertRows, type CaseSeed } from '../../server/src/test/stats-fixtures.js';
import { openBenchDatabase, parseArgs } from './db.js';

/**
 * The statistics benchmark's data generator (issue 8: "a yearly report over 100,000 cases returns in under two
 * seconds"): N organisations with org units, case managers, districts and network partners, and their cases —
 * clients with age, gender, residence status, country of origin, legal domain and district; phase changes;
 * plans with goals (some in the field training and work), steps and reviews; evaluations with satisfaction and
 * destination; referrals; follow-ups; and gap reports linked to cases. Written in bulk batches through Kysely
 * (the same row builders as the statistics tests), one transaction per chunk of cases, with progress.
 *
 *   DATABASE_URL=postgres://… tsx src/seed-stats.ts --cases 100000 --organisations 1
 *   tsx src/seed-stats.ts --cases 100000 --fresh      (SQLite: $TMPDIR/lotse-bench/stats.sqlite)
 */

/** A small deterministic random generator, so two runs produce the same data. */
export function randomSource(seed = 20_250_101): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SeedOptions {
  cases: number;
  organisations: number;
  /** Cases per transaction. */
  chunk?: number;
  /** The year most cases fall into (the benchmark's report year). */
  year?: number;
  log?: (line: string) => void;
}

export interface SeededOrganisation {
  organisationId: string;
  adminId: string;
  orgUnitIds: string[];
  cases: number;
}

const GENDERS = ['female', 'male', 'female', 'male', 'diverse', 'not_stated'];
const STATUSES = [
  'residence_permit',
  'settlement_permit',
  'permission_to_reside',
  'toleration',
  'eu_free_movement',
  'german_citizen',
  'visa',
  'other',
];
const COUNTRIES = ['SY', 'AF', 'UA', 'TR', 'IQ', 'ER', 'SO', 'RO', 'BG', 'PL', 'IR', 'NG', 'GN', 'RU', 'VN'];
const LEGAL = ['sgb2', 'sgb3', 'sgb8', 'sgb12', 'asylblg', 'none'];
const ROUTES = ['self', 'agency_referral', 'outreach', 'mandated'];
const REASONS = [
  'goals_reached',
  'goals_reached',
  'goals_reached',
  'ended_by_client',
  'insufficient_cooperation',
  'structural_obstacles',
  'no_contact',
  'moved_or_other_agency',
];
const FIELDS = ['education', 'training_work', 'training_work', 'language', 'housing', 'health', 'livelihood'];
const ATTAINMENT = ['not', 'partly', 'largely', 'fully', 'fully', 'dropped'];
const DESTINATIONS = ['employment', 'training', 'school', 'further_help', 'unemployed', 'unknown'];
const REFERRAL = ['requested', 'accepted', 'started', 'started', 'completed', 'declined', 'broken_off'];
const PARTNER_TYPES = [
  'jobcenter',
  'employment_agency',
  'school',
  'kita',
  'language_course_provider',
  'housing',
];
const CM_PHASES = ['intake', 'assessment', 'planning', 'linking', 'monitoring', 'evaluation'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function dayOf(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1) + dayOfYear * 86_400_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00.000Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Organisations with 4 org units, 12 case managers, 6 districts and a partner of each type. */
async function seedOrganisation(db: Kysely<DB>, index: number, now: Date) {
  const code = `B${index}${newId().slice(-6)}`.toUpperCase().replace(/[^A-Z0-9]/g, '0');
  return db.transaction().execute(async (trx) => {
    const { organisationId, orgUnitId, adminId } = await insertOrganisation(
      trx,
      {
        name: `Bench-Träger ${code}`,
        shortCode: code.slice(0, 10),
        firstOrgUnitName: 'Team 1',
        admin: {
          username: `bench-admin-${code.toLowerCase()}`,
          displayName: 'Bench Admin',
          initialPassword: 'bench bench bench',
        },
      },
      now,
    );
    const orgUnitIds = [orgUnitId];
    for (let u = 2; u <= 4; u += 1)
      orgUnitIds.push(await insertOrgUnit(trx, organisationId, { name: `Team ${u}` }, now));
    const managers: string[] = [];
    for (let m = 0; m < 12; m += 1) {
      const id = await insertUserRecord(
        trx,
        {
          organisationId,
          username: `bench-cm-${code.toLowerCase()}-${m}`,
          displayName: `Fallmanager:in ${m + 1}`,
          password: 'bench bench bench',
          roles: ['case_manager'],
          orgUnitIds: [orgUnitIds[m % orgUnitIds.length] as string],
        },
        now,
      );
      if (m % 3 === 0) await trx.updateTable('users').set({ fte_percent: 50 }).where('id', '=', id).execute();
      managers.push(id);
    }
    const at = now.toISOString();
    const districtIds = Array.from({ length: 6 }, () => newId());
    await trx
      .insertInto('districts')
      .values(
        districtIds.map((id, i) => ({
          id,
          organisation_id: organisationId,
          name: `Sozialraum ${i + 1}`,
          created_at: at,
          updated_at: at,
          version: 1,
        })),
      )
      .execute();
    const partnerIds = PARTNER_TYPES.map(() => newId());
    await trx
      .insertInto('partners')
      .values(
        PARTNER_TYPES.map((type, i) => ({
          id: partnerIds[i] as string,
          organisation_id: organisationId,
          name: `Partner ${type}`,
          type,
          created_by: adminId,
          updated_by: adminId,
          created_at: at,
          updated_at: at,
          version: 1,
        })),
      )
      .execute();
    return { organisationId, adminId, orgUnitIds, managers, districtIds, partnerIds };
  });
}

/**
 * One generated case; about 60 % case management, half of the cases closed, most in `year`. Cases are opened
 * in the order they are written (`position` of 0 … 1 over the second half of the year before and the year),
 * as in an office where a case is registered on the day it is opened: the time-ordered ids (UUIDv7) of cases
 * and clients follow the opening day, as they do in real data.
 */
function generateCase(
  random: () => number,
  year: number,
  position: number,
  org: { orgUnitIds: string[]; managers: string[]; districtIds: string[]; partnerIds: string[] },
): CaseSeed {
  const r = random();
  const kind = r < 0.6 ? 'case_management' : r < 0.9 ? 'counselling' : 'information';
  // Opened from the second half of the year before to the end of the year.
  const openedOn = dayOf(year - 1, 182 + Math.floor(position * 548));
  const closes = random() < (kind === 'case_management' ? 0.45 : 0.85);
  const length = kind === 'case_management' ? 30 + Math.floor(random() * 330) : Math.floor(random() * 60);
  const closedOn = closes ? addDays(openedOn, length) : null;
  const unit = Math.floor(random() * org.orgUnitIds.length);
  const seed: CaseSeed = {
    unitId: org.orgUnitIds[unit] as string,
    responsibleId: org.managers[
      (unit + org.orgUnitIds.length * Math.floor(random() * 3)) % org.managers.length
    ] as string,
    kind,
    openedOn,
    closedOn,
    closureReason: closes ? pick(random, REASONS) : null,
    accessRoute: pick(random, ROUTES),
    client: {
      gender: pick(random, GENDERS),
      birthYear: random() < 0.95 ? year - 14 - Math.floor(random() * 25) : null,
      residenceStatus: random() < 0.9 ? pick(random, STATUSES) : null,
      countryOfOrigin: random() < 0.9 ? pick(random, COUNTRIES) : null,
      legalDomain: pick(random, LEGAL),
      districtId: random() < 0.8 ? pick(random, org.districtIds) : null,
    },
  };
  const openedAt = `${openedOn}T09:00:00.000Z`;
  if (kind !== 'case_management') {
    seed.phases = [
      ['intake', openedAt],
      ...(closedOn ? [['closed', `${closedOn}T15:00:00.000Z`] as [string, string]] : []),
    ];
    return seed;
  }
  // Phases: as far as the case got, spread over its length.
  const reached = closedOn ? CM_PHASES.length : 1 + Math.floor(random() * CM_PHASES.length);
  const span = closedOn ? length : 200;
  seed.phases = CM_PHASES.slice(0, reached).map((phase, i) => [
    phase,
    `${addDays(openedOn, Math.floor((span * i) / (reached + 1)))}T09:00:00.000Z`,
  ]);
  if (closedOn) seed.phases.push(['closed', `${closedOn}T15:00:00.000Z`]);
  const goals = 1 + Math.floor(random() * 3);
  seed.goals = Array.from({ length: goals }, () => ({
    field: pick(random, FIELDS),
    steps: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      dueOn: addDays(openedOn, 20 + Math.floor(random() * (length + 60))),
      status: random() < 0.6 ? 'done' : random() < 0.9 ? 'open' : 'dropped',
    })),
    reviews:
      random() < 0.6 ? [[addDays(openedOn, 60 + Math.floor(random() * 120)), pick(random, ATTAINMENT)]] : [],
  }));
  seed.reviewOn = addDays(openedOn, 90 + Math.floor(random() * 200));
  if (closedOn && random() < 0.8) {
    const sat = () => (random() < 0.85 ? 1 + Math.floor(random() * 5) : null);
    seed.evaluation = {
      evaluatedOn: closedOn,
      endedBy: pick(random, ['case_manager', 'client', 'both']),
      lifeSituation: pick(random, ['yes', 'partly', 'no']),
      satisfaction: { general: sat(), course: sat(), results: sat(), expectations: sat(), mandate: sat() },
      destination: pick(random, DESTINATIONS),
      goalAttainment: seed.goals.map(() => pick(random, ATTAINMENT)),
    };
  }
  seed.referrals = Array.from({ length: Math.floor(random() * 3) }, () => {
    const requestedOn = addDays(openedOn, 10 + Math.floor(random() * 60));
    const status = pick(random, REFERRAL);
    const started = ['started', 'completed', 'broken_off'].includes(status);
    return {
      partnerId: pick(random, org.partnerIds),
      status,
      requestedOn,
      startedOn: started ? addDays(requestedOn, Math.floor(random() * 90)) : null,
    };
  });
  if (!closedOn) {
    seed.followUps = [
      { assigneeId: seed.responsibleId, dueOn: addDays(openedOn, Math.floor(random() * 500)) },
    ];
  }
  return seed;
}

export async function seedStats(db: Kysely<DB>, options: SeedOptions): Promise<SeededOrganisation[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const year = options.year ?? 2025;
  const chunk = options.chunk ?? 2_000;
  const random = randomSource();
  const now = new Date(`${year + 1}-01-15T12:00:00.000Z`);
  const seeded: SeededOrganisation[] = [];
  const started = Date.now();
  let done = 0;
  for (let o = 0; o < options.organisations; o += 1) {
    const org = await seedOrganisation(db, o, now);
    const count =
      Math.floor(options.cases / options.organisations) + (o < options.cases % options.organisations ? 1 : 0);
    for (let offset = 0; offset < count; offset += chunk) {
      const seeds = Array.from({ length: Math.min(chunk, count - offset) }, (_v, i) =>
        generateCase(random, year, (offset + i) / count, org),
      );
      const { rows, caseIds } = caseRows(org.organisationId, org.adminId, seeds, now.toISOString());
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, rows, 400);
        // Gap reports: one for every 20 cases, linked to that case.
        const at = now.toISOString();
        const reports = caseIds
          .filter((_id, i) => i % 20 === 0)
          .map((caseId) => ({
            id: newId(),
            caseId,
            field: pick(random, FIELDS),
            day: Math.floor(random() * 365),
          }));
        if (reports.length > 0) {
          await trx
            .insertInto('gap_reports')
            .values(
              reports.map((g) => ({
                id: g.id,
                organisation_id: org.organisationId,
                need: 'Bedarf',
                field: g.field,
                urgency: 'medium',
                source: 'standalone',
                status: 'reported',
                reported_on: dayOf(year, g.day),
                created_by: org.adminId,
                updated_by: org.adminId,
                created_at: at,
                updated_at: at,
                version: 1,
              })),
            )
            .execute();
          await trx
            .insertInto('gap_report_cases')
            .values(
              reports.map((g) => ({
                id: newId(),
                gap_report_id: g.id,
                case_id: g.caseId,
                linked_at: at,
                linked_by: org.adminId,
              })),
            )
            .execute();
        }
      });
      done += seeds.length;
      const seconds = (Date.now() - started) / 1000;
      log(
        `  ${done.toLocaleString('en')} / ${options.cases.toLocaleString('en')} cases (${Math.round(done / seconds)} per second)`,
      );
    }
    seeded.push({
      organisationId: org.organisationId,
      adminId: org.adminId,
      orgUnitIds: org.orgUnitIds,
      cases: count,
    });
  }
  return seeded;
}

// Run directly: seed a database for manual tries (DATABASE_URL → PostgreSQL, otherwise a SQLite file).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseArgs(process.argv.slice(2));
  const database = await openBenchDatabase({
    databaseUrl: process.env.DATABASE_URL ?? null,
    sqliteFile: args.sqlite ?? path.join(os.tmpdir(), 'lotse-bench', 'stats.sqlite'),
    fresh: args.fresh === 'true',
  });
  try {
    const organisations = await seedStats(database.db, {
      cases: Number(args.cases ?? 100_000),
      organisations: Number(args.organisations ?? 1),
    });
    console.log(JSON.stringify(organisations, null, 2));
  } finally {
    await database.destroy();
  }
}
