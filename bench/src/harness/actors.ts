import type { Kysely } from 'kysely';
import type { RequestContext, Role } from '../../../server/src/core/context.js';
import type { DB } from '../../../server/src/db/types.js';
import type { CaseView } from '../../../server/src/modules/cases/service.js';
import { BENCH_PASSWORD } from '../scales.js';

/**
 * The signed-in users the journeys run as: real users of the generated data, chosen in the database (case
 * managers with open cases, team leads, org admins, planners — taken in turn from each organisation, so the
 * larger scales spread over many organisations), each signed in once through POST /api/auth/login as the web
 * app does (session cookie + CSRF token from the answer).
 */

export interface BenchUser {
  id: string;
  username: string;
  organisationId: string;
  roles: Role[];
  orgUnitIds: string[];
}

export interface Session {
  user: BenchUser;
  /** `lotse_session=…` for the Cookie header. */
  cookie: string;
  csrfToken: string;
}

/** An open case of a case manager that the journeys may read and write. */
export interface BenchCase {
  id: string;
  kind: string;
  hasPlan: boolean;
}

export interface CaseManager {
  session: Session;
  /** Own open cases, checked through the API (writable, journal allowed, a processing basis). */
  cases: BenchCase[];
  /** Parts of the names of the user's own clients, for the case list's search. */
  terms: string[];
}

export interface Cast {
  caseManagers: CaseManager[];
  teamLeads: Session[];
  orgAdmins: Session[];
  planners: Session[];
}

/** The request context of a user, for building the case list's SQL outside the server. */
export function contextOf(user: BenchUser, now: Date): RequestContext {
  return {
    actor: {
      userId: user.id,
      organisationId: user.organisationId,
      roles: user.roles,
      orgUnitIds: user.orgUnitIds,
    },
    requestId: 'bench',
    locale: 'de',
    now,
  };
}

async function usersWithRoles(db: Kysely<DB>): Promise<BenchUser[]> {
  const [users, roles, units] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'username', 'organisation_id'])
      .where('deactivated_at', 'is', null)
      .orderBy('organisation_id')
      .orderBy('username')
      .execute(),
    db.selectFrom('user_roles').select(['user_id', 'role']).execute(),
    db.selectFrom('user_org_units').select(['user_id', 'org_unit_id']).execute(),
  ]);
  const rolesOf = new Map<string, Role[]>();
  for (const r of roles) rolesOf.set(r.user_id, [...(rolesOf.get(r.user_id) ?? []), r.role as Role]);
  const unitsOf = new Map<string, string[]>();
  for (const u of units) unitsOf.set(u.user_id, [...(unitsOf.get(u.user_id) ?? []), u.org_unit_id]);
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    organisationId: u.organisation_id,
    roles: rolesOf.get(u.id) ?? [],
    orgUnitIds: unitsOf.get(u.id) ?? [],
  }));
}

/** Users with the role, one organisation after the other (the first of each, then the second of each …). */
function inTurnAcrossOrganisations(users: BenchUser[], role: Role): BenchUser[] {
  const byOrg = new Map<string, BenchUser[]>();
  for (const u of users.filter((u) => u.roles.includes(role))) {
    byOrg.set(u.organisationId, [...(byOrg.get(u.organisationId) ?? []), u]);
  }
  const lists = [...byOrg.values()];
  const out: BenchUser[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i += 1) {
    for (const l of lists) {
      const u = l[i];
      if (u) out.push(u);
    }
  }
  return out;
}

export async function signIn(baseUrl: string, user: BenchUser): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'de' },
    body: JSON.stringify({ username: user.username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) {
    throw new Error(`sign-in of a generated ${user.roles.join('/')} failed with ${res.status}`);
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('lotse_session='));
  const body = (await res.json()) as { csrfToken: string };
  if (!cookie) throw new Error('the sign-in answer set no session cookie');
  return { user, cookie, csrfToken: body.csrfToken };
}

async function caseView(baseUrl: string, session: Session, caseId: string): Promise<CaseView | null> {
  const res = await fetch(`${baseUrl}/api/cases/${caseId}`, {
    headers: { cookie: session.cookie, 'accept-language': 'de' },
  });
  return res.ok ? ((await res.json()) as CaseView) : null;
}

/** A case the journeys can work on: writable, journal allowed, nothing missing for data protection. */
function workable(view: CaseView | null): boolean {
  return Boolean(
    view &&
    view.phase !== 'closed' &&
    !view.anonymised &&
    view.permissions.write &&
    view.permissions.journal &&
    view.processing.missing.length === 0,
  );
}

/** Search terms: the first letters of the family names of the user's own clients (never printed). */
function termsOf(names: string[]): string[] {
  const terms = new Set<string>();
  for (const name of names) {
    const letters = name.trim();
    if (letters.length >= 3) terms.add(letters.slice(0, Math.min(5, Math.max(3, letters.length - 2))));
  }
  return [...terms];
}

/**
 * Chooses and signs in the users for concurrency up to `connections`: that many case managers (fewer where the
 * data has fewer), each with enough own open cases that every connection works on a case of its own, and the
 * team leads, org admins and planners.
 */
export async function castUsers(
  db: Kysely<DB>,
  baseUrl: string,
  connections: number,
  log: (line: string) => void,
): Promise<Cast> {
  const users = await usersWithRoles(db);
  const caseManagers: CaseManager[] = [];
  const candidates = inTurnAcrossOrganisations(users, 'case_manager');
  // More candidates than connections: where a case manager has no open case with a plan, another one is
  // taken, so the plan journey's connections do not share a plan (and conflict on its version).
  for (const user of candidates) {
    if (caseManagers.length >= connections * 3) break;
    caseManagers.push({ session: { user, cookie: '', csrfToken: '' }, cases: [], terms: [] });
  }
  if (caseManagers.length === 0) throw new Error('the data has no case manager');
  // Every connection gets a case of its own: connection k works as case manager k mod n on that user's
  // (k div n)-th case.
  const casesPerUser = Math.ceil(connections / Math.min(connections, caseManagers.length));
  const kept: CaseManager[] = [];
  const withPlan = () => kept.reduce((n, k) => n + k.cases.filter((c) => c.hasPlan).length, 0);
  for (const cm of caseManagers) {
    if (kept.length >= connections && withPlan() >= connections) break;
    const rows = await db
      .selectFrom('cases')
      .innerJoin('clients', 'clients.id', 'cases.client_id')
      .leftJoin('plans', 'plans.case_id', 'cases.id')
      .select(['cases.id', 'cases.kind', 'plans.id as plan_id', 'clients.family_name'])
      .where('cases.responsible_user_id', '=', cm.session.user.id)
      .where('cases.phase', '!=', 'closed')
      .where('cases.anonymised_at', 'is', null)
      .orderBy('cases.id', 'desc')
      .limit(casesPerUser * 4 + 20)
      .execute();
    if (rows.length === 0) continue;
    cm.session = await signIn(baseUrl, cm.session.user);
    cm.terms = termsOf(rows.map((r) => r.family_name));
    // Cases with a plan first: the plan journey needs one, the others take any.
    const ordered = [...rows.filter((r) => r.plan_id), ...rows.filter((r) => !r.plan_id)];
    for (const row of ordered) {
      if (cm.cases.length >= casesPerUser) break;
      if (workable(await caseView(baseUrl, cm.session, row.id))) {
        cm.cases.push({ id: row.id, kind: row.kind, hasPlan: row.plan_id !== null });
      }
    }
    if (cm.cases.length > 0) kept.push(cm);
  }
  if (kept.length === 0) throw new Error('no case manager of the data has a workable open case');
  const signInAll = async (role: Role) => {
    const chosen = inTurnAcrossOrganisations(users, role).slice(0, connections);
    const sessions: Session[] = [];
    for (const user of chosen) sessions.push(await signIn(baseUrl, user));
    return sessions;
  };
  const cast: Cast = {
    caseManagers: kept,
    teamLeads: await signInAll('team_lead'),
    orgAdmins: await signInAll('org_admin'),
    planners: await signInAll('planner'),
  };
  const organisations = new Set(kept.map((c) => c.session.user.organisationId)).size;
  log(
    `Signed in: ${kept.length} case managers of ${organisations} organisation(s) with ` +
      `${kept.reduce((n, c) => n + c.cases.length, 0)} workable open cases, ${cast.teamLeads.length} team leads, ` +
      `${cast.orgAdmins.length} org admins, ${cast.planners.length} planners`,
  );
  return cast;
}
