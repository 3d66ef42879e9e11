import type { Kysely } from 'kysely';
import { appendAudit } from '../../../server/src/core/audit.js';
import type { Role } from '../../../server/src/core/context.js';
import { newId } from './ids.js';
import type { DB } from '../../../server/src/db/types.js';
import type { InstrumentTemplate } from '../../../server/src/modules/assessment/template.js';
import { SHIPPED_INSTRUMENTS } from '../../../server/src/modules/assessment/shipped-instruments.js';
import { enableInstruments } from '../../../server/src/modules/assessment/templates.js';
import { CONSENT_KINDS, CONSENT_LANGUAGES } from '../../../server/src/modules/consent/domain.js';
import type { FieldOfAction } from '../../../server/src/modules/gaps/fields.js';
import { insertOrgUnit } from '../../../server/src/modules/organisation/service.js';
import {
  DEFAULT_INDICATION_CRITERIA,
  insertDefaultSettings,
} from '../../../server/src/modules/organisation/settings.js';
import { normaliseUsername } from '../../../server/src/modules/users/domain.js';
import { isoDate, isoTime } from './calendar.js';
import { asciiName, DISTRICT_NAMES, STAFF_FAMILY, STAFF_GIVEN, TOWNS } from './names.js';
import type { Rng } from './random.js';
import type { BulkWriter } from './writer.js';

/**
 * An organisation as the generator sets it up: the organisation row with the settings a JMD office uses, its
 * org units, the default settings every new Träger gets (the server's insertDefaultSettings: indication
 * criteria, consent templates, the shipped instruments), staff (one org admin, team leads for the units, a
 * planner, the rest case managers — all with the one bench password hash), districts, and a directory of
 * local partners with contacts and offers. The audit log gets what creating an organisation writes: the
 * organisation and each user.
 */

export interface Staff {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitIds: string[];
  /** Share of a full-time post (caseloads are counted per post). */
  fte: number;
}

export interface Offer {
  id: string;
  title: string;
  field: FieldOfAction;
  freePlaces: number | null;
}

export interface Partner {
  id: string;
  name: string;
  type: string;
  fields: FieldOfAction[];
  offers: Offer[];
}

export interface Instrument {
  key: string;
  versionId: string;
  definition: InstrumentTemplate;
}

export interface Unit {
  id: string;
  name: string;
  caseManagers: Staff[];
  teamLead: Staff;
  instruments: Instrument[];
}

export interface Organisation {
  index: number;
  id: string;
  name: string;
  shortCode: string;
  town: string;
  postalPrefix: string;
  admin: Staff;
  planner: Staff;
  units: Unit[];
  staff: Staff[];
  districts: { id: string; name: string }[];
  criteria: string[];
  partners: Partner[];
  planMaxGoals: number;
}

/** The instruments a second or third team offers (the Ulm way: each team decides); the first offers all. */
const OTHER_TEAM_INSTRUMENTS = ['ulm-minimum', 'jmd-screening', 'resource-survey-9', 'moers-needs-analysis'];
const UNIT_NAMES = ['Team Nord', 'Team Süd', 'Team Mitte', 'Team West'];
const CARRIERS = ['Caritas', 'Diakonie', 'AWO', 'IB', 'DRK', 'Paritätischer', 'BDKJ'];
const SERVICES = [
  'Jugendmigrationsdienst',
  'Migrationsberatung für Erwachsene',
  'Flüchtlingssozialarbeit',
  'Integrationsagentur',
];

interface PartnerTemplate {
  name: string;
  type: string;
  fields: FieldOfAction[];
  offers: { title: string; field: FieldOfAction; full?: boolean }[];
}

const PARTNERS: PartnerTemplate[] = [
  {
    name: 'Jobcenter {town}',
    type: 'jobcenter',
    fields: ['training_work', 'livelihood'],
    offers: [
      { title: 'Berufsorientierung U25', field: 'training_work' },
      { title: 'Bewerbungstraining', field: 'training_work' },
    ],
  },
  {
    name: 'Agentur für Arbeit {town}',
    type: 'employment_agency',
    fields: ['training_work'],
    offers: [{ title: 'Berufsberatung für junge Menschen', field: 'training_work' }],
  },
  { name: 'Ausländerbehörde {town}', type: 'immigration_office', fields: ['residence'], offers: [] },
  {
    name: 'Jugendamt {town}',
    type: 'youth_welfare_office',
    fields: ['everyday_life'],
    offers: [{ title: 'Erziehungs- und Familienberatung', field: 'everyday_life' }],
  },
  {
    name: 'Sprachschule {town}',
    type: 'language_course_provider',
    fields: ['language'],
    offers: [
      { title: 'Jugendintegrationskurs B1', field: 'language' },
      { title: 'Berufssprachkurs B2', field: 'language' },
    ],
  },
  {
    name: 'Volkshochschule {town}',
    type: 'language_course_provider',
    fields: ['language', 'education'],
    offers: [
      { title: 'Integrationskurs', field: 'language' },
      { title: 'Hauptschulabschluss an der Abendschule', field: 'education' },
    ],
  },
  {
    name: 'Psychosoziales Zentrum für Geflüchtete',
    type: 'psychosocial_service',
    fields: ['health'],
    offers: [
      { title: 'Traumatherapie für junge Geflüchtete', field: 'health', full: true },
      { title: 'Stabilisierungsgruppe', field: 'health' },
    ],
  },
  {
    name: 'Kita Sonnenblume',
    type: 'kita',
    fields: ['everyday_life'],
    offers: [{ title: 'Krippen- und Kitaplatz', field: 'everyday_life', full: true }],
  },
  {
    name: 'Schuldner- und Insolvenzberatung',
    type: 'debt_counselling',
    fields: ['livelihood'],
    offers: [{ title: 'Schuldnerberatung', field: 'livelihood' }],
  },
  {
    name: 'Wohnungshilfe {town} e. V.',
    type: 'housing',
    fields: ['housing'],
    offers: [{ title: 'Wohnungssuche für junge Erwachsene', field: 'housing', full: true }],
  },
  {
    name: 'Berufskolleg {town}',
    type: 'school',
    fields: ['education', 'training_work'],
    offers: [{ title: 'Internationale Förderklasse', field: 'education' }],
  },
  {
    name: 'Frauentreff International e. V.',
    type: 'migrant_organisation',
    fields: ['participation'],
    offers: [{ title: 'Frauenfrühstück und Lernpatinnen', field: 'participation' }],
  },
  {
    name: 'SV Eintracht {town}',
    type: 'volunteers',
    fields: ['participation'],
    offers: [{ title: 'Fußball für alle', field: 'participation' }],
  },
];

/** The organisation's name, town and short code (the prefix of its case numbers). */
export function identityOf(
  index: number,
  organisations: number,
): { name: string; town: string; code: string } {
  const code = organisations === 1 ? 'JMD' : `J${String(index + 1).padStart(3, '0')}`;
  if (organisations === 1)
    return { name: `Jugendmigrationsdienst ${TOWNS[0] ?? 'Musterstadt'}`, town: TOWNS[0] ?? '', code };
  if (organisations <= SERVICES.length * CARRIERS.length) {
    // One municipality (KIM): the services of several carriers in the same town.
    const town = TOWNS[1] ?? 'Musterstadt';
    const service = SERVICES[index % SERVICES.length] ?? SERVICES[0];
    const carrier = CARRIERS[Math.floor(index / SERVICES.length) % CARRIERS.length];
    return { name: `${service} ${town} (${carrier})`, town, code };
  }
  // The federation: one Jugendmigrationsdienst per town and carrier, all over the country.
  const town = TOWNS[index % TOWNS.length] ?? 'Musterstadt';
  const round = Math.floor(index / TOWNS.length);
  const carrier = CARRIERS[round % CARRIERS.length];
  const suffix = round >= CARRIERS.length ? ` ${Math.floor(round / CARRIERS.length) + 1}` : '';
  return { name: `Jugendmigrationsdienst ${town} (${carrier})${suffix}`, town, code };
}

/** How many team leads and case managers an organisation with `users` people has, and how many teams. */
export function staffPlan(users: number): { teamLeads: number; caseManagers: number; units: number } {
  const teamLeads = users >= 12 ? 2 : 1;
  const caseManagers = Math.max(1, users - 2 - teamLeads);
  const units = caseManagers >= 16 ? 3 : caseManagers >= 4 ? 2 : 1;
  return { teamLeads, caseManagers, units: Math.max(units, teamLeads) };
}

export async function setUpOrganisation(
  db: Kysely<DB>,
  writer: BulkWriter,
  rng: Rng,
  input: {
    index: number;
    organisations: number;
    users: number;
    passwordHash: string;
    createdDay: number;
    coordinationOffice: boolean;
    sharesAggregates: boolean;
    definitions: Map<string, InstrumentTemplate>;
  },
): Promise<Organisation> {
  const { name, town, code } = identityOf(input.index, input.organisations);
  const plan = staffPlan(input.users);
  const at = isoTime(input.createdDay, 8 * 60);
  const created = new Date(at);
  return db.transaction().execute(async (trx) => {
    const organisationId = newId();
    await trx
      .insertInto('organisations')
      .values({
        id: organisationId,
        name,
        short_code: code,
        // The JMD's plan: the Integrationsförderplan with at most three prioritised goals [001 L821].
        plan_label: 'integrationsfoerderplan',
        plan_max_goals: 3,
        // Closed cases are anonymised a year after closing (the follow-up talk comes at six months).
        retention_anonymise_after_days: 365,
        coordination_office: input.coordinationOffice,
        shares_aggregates: input.sharesAggregates,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    writer.count('organisations', 1);
    const unitIds = [await insertOrgUnit(trx, organisationId, { name: UNIT_NAMES[0] ?? 'Team 1' }, created)];
    await insertDefaultSettings(trx, organisationId, created);
    writer.count('indication_criteria', DEFAULT_INDICATION_CRITERIA.length);
    writer.count('consent_templates', CONSENT_LANGUAGES.length * CONSENT_KINDS.length);
    writer.count('instrument_templates', SHIPPED_INSTRUMENTS.length);
    writer.count('instrument_template_versions', SHIPPED_INSTRUMENTS.length);
    writer.count('instrument_enablements', SHIPPED_INSTRUMENTS.length);
    for (let u = 1; u < plan.units; u += 1) {
      const id = await insertOrgUnit(
        trx,
        organisationId,
        { name: UNIT_NAMES[u] ?? `Team ${u + 1}` },
        created,
      );
      await enableInstruments(trx, organisationId, id, OTHER_TEAM_INSTRUMENTS, created);
      writer.count('instrument_enablements', OTHER_TEAM_INSTRUMENTS.length);
      unitIds.push(id);
    }
    writer.count('org_units', unitIds.length);

    // Staff: names drawn without repeats inside the organisation.
    const taken = new Set<string>();
    const person = () => {
      for (;;) {
        const given = rng.pick(STAFF_GIVEN);
        const family = rng.pick(STAFF_FAMILY);
        if (taken.has(`${given} ${family}`) && taken.size < STAFF_GIVEN.length * 4) continue;
        taken.add(`${given} ${family}`);
        return { given, family };
      }
    };
    const staff: Staff[] = [];
    const hire = (roles: Role[], units: string[], fte = 100): Staff => {
      const { given, family } = person();
      const base = normaliseUsername(`${code}.${asciiName(given)}.${asciiName(family)}`);
      const username = staff.some((s) => s.username === base) ? `${base}${staff.length}` : base;
      const member = { id: newId(), username, displayName: `${given} ${family}`, roles, unitIds: units, fte };
      staff.push(member);
      return member;
    };
    const admin = hire(['org_admin'], [unitIds[0] as string]);
    const teamLeads = Array.from({ length: plan.teamLeads }, (_v, t) =>
      hire(
        ['team_lead'],
        unitIds.filter((_u, i) => i % plan.teamLeads === t),
      ),
    );
    const planner = hire(['planner'], [unitIds[0] as string]);
    const caseManagers = Array.from({ length: plan.caseManagers }, (_v, i) =>
      // A third of the case managers work part-time.
      hire(
        ['case_manager'],
        [unitIds[i % unitIds.length] as string],
        rng.chance(0.33) ? rng.pick([50, 75]) : 100,
      ),
    );
    await writer.insert(
      trx,
      'users',
      staff.map((s) => ({
        id: s.id,
        organisation_id: organisationId,
        username: s.username,
        display_name: s.displayName,
        email: `${s.username}@jmd.example`,
        password_hash: input.passwordHash,
        locale: 'de',
        deactivated_at: null,
        failed_login_count: 0,
        locked_until: null,
        last_login_at: null,
        password_changed_at: at,
        fte_percent: s.fte,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    );
    await writer.insert(
      trx,
      'user_roles',
      staff.flatMap((s) => s.roles.map((role) => ({ user_id: s.id, role }))),
    );
    await writer.insert(
      trx,
      'user_org_units',
      staff.flatMap((s) => s.unitIds.map((unit) => ({ user_id: s.id, org_unit_id: unit }))),
    );
    // What creating an organisation writes to its audit chain: the organisation and each of its users.
    const origin = { actorUserId: null, organisationId, requestId: null, at: created };
    await appendAudit(trx, origin, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: organisationId,
      details: { bench: true },
    });
    for (const s of staff) {
      await appendAudit(trx, origin, {
        action: 'user.create',
        entityType: 'user',
        entityId: s.id,
        details: { bench: true, roles: s.roles },
      });
    }
    writer.count('audit_log', staff.length + 1);
    writer.count('audit_chains', 1);

    const districts = rng
      .some(DISTRICT_NAMES, rng.int(4, 7))
      .map((districtName) => ({ id: newId(), name: districtName }));
    await writer.insert(
      trx,
      'districts',
      districts.map((d) => ({
        id: d.id,
        organisation_id: organisationId,
        name: d.name,
        archived_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    );

    const partners: Partner[] = PARTNERS.map((p) => ({
      id: newId(),
      name: p.name.replace('{town}', town),
      type: p.type,
      fields: p.fields,
      offers: p.offers.map((o) => ({
        id: newId(),
        title: o.title,
        field: o.field,
        freePlaces: o.full ? 0 : rng.int(1, 12),
      })),
    }));
    const postalPrefix = String(10 + ((input.index * 7) % 89)).padStart(2, '0');
    await writer.insert(
      trx,
      'partners',
      partners.map((p, i) => ({
        id: p.id,
        organisation_id: organisationId,
        name: p.name,
        type: p.type,
        street: `${['Rathausplatz', 'Bahnhofstraße', 'Schulstraße', 'Lindenallee'][i % 4]} ${i + 2}`,
        postal_code: `${postalPrefix}${String(100 + i * 7).padStart(3, '0')}`,
        city: town,
        district: districts[i % districts.length]?.name ?? null,
        phone: `0${200 + (input.index % 700)} ${4560 + i * 11}-0`,
        email: `kontakt${i + 1}@partner-${code.toLowerCase()}.example`,
        website: null,
        notes: null,
        archived_at: null,
        created_by: admin.id,
        updated_by: admin.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    );
    await writer.insert(
      trx,
      'partner_contacts',
      partners.map((p, i) => ({
        id: newId(),
        partner_id: p.id,
        position: 0,
        name: `${rng.pick(STAFF_GIVEN)} ${rng.pick(STAFF_FAMILY)}`,
        role: ['Fallmanagement U25', 'Beratung', 'Leitung', 'Kursberatung'][i % 4] ?? null,
        phone: null,
        email: null,
        archived_at: null,
      })),
    );
    await writer.insert(
      trx,
      'offers',
      partners.flatMap((p) =>
        p.offers.map((o) => ({
          id: o.id,
          partner_id: p.id,
          organisation_id: organisationId,
          title: o.title,
          description: null,
          field: o.field,
          target_groups: JSON.stringify(['young_people', 'young_adults']),
          age_min: 14,
          age_max: 27,
          languages: JSON.stringify(['de']),
          district: null,
          cost_bearer: null,
          capacity: (o.freePlaces ?? 0) + rng.int(5, 20),
          free_places: o.freePlaces,
          waiting_days: o.freePlaces === 0 ? rng.int(60, 240) : rng.int(0, 45),
          valid_from: isoDate(input.createdDay),
          valid_to: null,
          archived_at: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })),
      ),
    );

    const criteria = await trx
      .selectFrom('indication_criteria')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .orderBy('sort_order')
      .execute();
    const enabled = await trx
      .selectFrom('instrument_enablements as e')
      .innerJoin('instrument_templates as t', 't.id', 'e.template_id')
      .innerJoin('instrument_template_versions as v', 'v.template_id', 't.id')
      .select(['e.org_unit_id', 't.key', 'v.id as version_id'])
      .where('t.organisation_id', '=', organisationId)
      // A fixed order: the same random draws pick the same instruments on both databases.
      .orderBy('t.key')
      .execute();
    const units: Unit[] = unitIds.map((id, u) => ({
      id,
      name: UNIT_NAMES[u] ?? `Team ${u + 1}`,
      caseManagers: caseManagers.filter((c) => c.unitIds.includes(id)),
      teamLead: teamLeads.find((t) => t.unitIds.includes(id)) ?? (teamLeads[0] as Staff),
      instruments: enabled
        .filter((e) => e.org_unit_id === id)
        .map((e) => {
          const definition = input.definitions.get(e.key);
          if (!definition) throw new Error(`no definition for instrument ${e.key}`);
          return { key: e.key, versionId: e.version_id, definition };
        }),
    }));
    return {
      index: input.index,
      id: organisationId,
      name,
      shortCode: code,
      town,
      postalPrefix,
      admin,
      planner,
      units,
      staff,
      districts,
      criteria: criteria.map((c) => c.id),
      partners,
      planMaxGoals: 3,
    };
  });
}
