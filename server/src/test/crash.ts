import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { addDays, localDate } from '../core/clock.js';
import type { DB } from '../db/types.js';
import { ANONYMISED_NAME } from '../modules/privacy/anonymise.js';
import { firstEvaluation } from './harness.js';

/**
 * Crash test support (issue 10, data safety): a real server process, a seeded workload of several HTTP clients
 * that remembers every write the server acknowledged, and the invariants a crash must never break, as queries
 * over the tables. Used by src/crash.test.ts.
 */

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const require = createRequire(import.meta.url);
// Load tsx in the server process itself (not through its CLI, which would add a parent process to kill).
const tsxLoader = pathToFileURL(
  path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'index.mjs'),
).href;
const serverRoot = path.resolve(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

/**
 * Starts `src/main.ts` as its own process (demo organisation seeded on first start) and waits for health. A port
 * taken by another process between choosing and listening is tried again with another; every other failure to
 * start (after a kill, it would be a finding) is reported with the server's error output.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(env);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 3) throw error;
    }
  }
}

class PortTaken extends Error {}

async function launch(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', tsxLoader, 'src/main.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'development',
      LOTSE_DEMO: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // generous: the first start seeds the demo organisation, and a CI machine may be busy
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url, exited };
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  await exited;
  if (errors.includes('EADDRINUSE')) throw new PortTaken(errors);
  throw new Error(`server did not start (exit code ${String(child.exitCode)}): ${errors}`);
}

export interface HttpSession {
  cookie: string;
  csrf: string;
  orgUnitIds: string[];
}

/** Signs in over HTTP. Sessions live in the database, so one sign-in serves every restart of the server. */
export async function signInOverHttp(url: string, username: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrfToken: string; user: { orgUnits: { id: string }[] } };
  return { cookie, csrf: body.csrfToken, orgUnitIds: body.user.orgUnits.map((u) => u.id) };
}

/** The server went away (killed) while a request was on its way: its outcome is unknown. */
class ServerGone extends Error {}

/** An answer the workload did not expect (not 2xx): recorded as a finding, the worker stops. */
class Unexpected extends Error {}

/** A plan save: its number is written into every goal and step, so a half-written plan shows. */
interface PlanMark {
  save: number;
  goals: number;
  stepsPerGoal: number;
}

export interface CaseAck {
  clientId: string;
  kind: 'counselling' | 'case_management';
  closed: boolean;
  anonymised: boolean;
  /** The last acknowledged plan save (version and mark) and the one that may have been cut off. */
  plan: { version: number; mark: PlanMark; agreed: boolean } | null;
  planInFlight: PlanMark | null;
}

/** Every write the server acknowledged (2xx received), and answers nobody expected. */
export class Ledger {
  clients = new Set<string>();
  cases = new Map<string, CaseAck>();
  journalEntries = new Set<string>();
  unexpected: string[] = [];
  /** Answers received (2xx), to place the kill after a chosen amount of work. */
  answered = 0;
  private counter = 0;
  next(): number {
    this.counter += 1;
    return this.counter;
  }
}

const today = () => localDate(new Date());

function api(url: string, session: HttpSession, ledger: Ledger) {
  return async <T>(method: 'POST' | 'PUT', route: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${url}${route}`, {
        method,
        headers: {
          'content-type': 'application/json',
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
        },
        body: JSON.stringify(body ?? {}),
      });
    } catch {
      throw new ServerGone();
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new ServerGone();
    }
    if (res.status < 200 || res.status > 299) {
      const code = res.headers.get('content-type')?.startsWith('application/problem+json')
        ? (JSON.parse(text) as { code?: string }).code
        : 'no problem document';
      ledger.unexpected.push(`${method} ${route.replace(/[0-9a-f-]{36}/g, ':id')} → ${res.status} ${code}`);
      throw new Unexpected();
    }
    ledger.answered += 1;
    return (text ? JSON.parse(text) : null) as T;
  };
}

function planDocument(mark: PlanMark) {
  const goals = Array.from({ length: mark.goals }, (_, g) => ({
    wording: `Ziel ${g + 1} aus Stand ${mark.save}`,
    indicator: `Nachweis ${g + 1} aus Stand ${mark.save}`,
    targetOn: addDays(today(), 60 + g),
    followUpOn: addDays(today(), 30 + g),
    status: 'active',
    steps: Array.from({ length: mark.stepsPerGoal }, (_, s) => ({
      what: `Schritt ${g + 1}.${s + 1} aus Stand ${mark.save}`,
      who: s % 2 === 0 ? 'client' : 'case_manager',
      dueOn: addDays(today(), 7 + s),
      status: 'open',
    })),
    subGoals: [],
  }));
  return {
    header: {
      participants: 'Klientin, Fachkraft',
      benefitsEarlier: null,
      benefitsCurrent: null,
      problem: `Stand ${mark.save}: ${mark.goals} Ziele mit je ${mark.stepsPerGoal} Schritten`,
      resources: null,
      obligations: null,
      costBearers: null,
      reviewOn: addDays(today(), 90),
    },
    legalType: null,
    goals,
  };
}

export interface Worker {
  caseManager: HttpSession;
  /** The org admin who approves anonymisations (second person). */
  admin: HttpSession;
  random: () => number;
}

/**
 * One client of the server: opens cases one after another — a client with consent, a counselling or
 * case-management case, journal entries, plan saves (sometimes agreed and revised), and for some cases the
 * closure and the two-person anonymisation — until the server is killed under it.
 */
export async function runWorker(url: string, worker: Worker, ledger: Ledger): Promise<void> {
  const cm = api(url, worker.caseManager, ledger);
  const admin = api(url, worker.admin, ledger);
  const unitId = worker.caseManager.orgUnitIds[0];
  if (!unitId) throw new Error('case manager without org unit');
  const rnd = worker.random;
  try {
    for (;;) {
      const n = ledger.next();
      const client = await cm<{ id: string }>('POST', '/api/clients', {
        familyName: `Crashtest`,
        givenNames: `Person ${n}`,
        // a birth date of its own, so no client looks like a duplicate of another
        birthDate: addDays('1960-01-01', n),
        gender: 'not_stated',
        phone: '0151 000000',
        street: 'Teststraße 1',
        consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
      });
      ledger.clients.add(client.id);
      const kind = rnd() < 0.5 ? 'counselling' : 'case_management';
      const opened = await cm<{ id: string; version: number }>('POST', '/api/cases', {
        clientId: client.id,
        kind,
        orgUnitId: unitId,
        intake: { accessRoute: 'self' },
      });
      const caseId = opened.id;
      const ack: CaseAck = {
        clientId: client.id,
        kind,
        closed: false,
        anonymised: false,
        plan: null,
        planInFlight: null,
      };
      ledger.cases.set(caseId, ack);
      for (let j = 0, k = 1 + Math.floor(rnd() * 3); j < k; j++) {
        const entry = await cm<{ id: string }>('POST', `/api/cases/${caseId}/journal`, {
          kind: 'personal_talk',
          occurredOn: today(),
          durationMinutes: 30,
          text: `Gespräch ${j + 1} mit Person ${n}`,
        });
        ledger.journalEntries.add(entry.id);
      }
      let caseVersion = opened.version;
      if (kind === 'case_management') {
        for (let s = 0, saves = 1 + Math.floor(rnd() * 3); s < saves; s++) {
          const mark = { save: s + 1, goals: 1 + Math.floor(rnd() * 3), stepsPerGoal: Math.floor(rnd() * 4) };
          const agreed = ack.plan?.agreed ?? false;
          ack.planInFlight = mark;
          const saved = await cm<{ plan: { version: number } }>('PUT', `/api/cases/${caseId}/plan`, {
            version: ack.plan?.version ?? 0,
            ...planDocument(mark),
            ...(agreed ? { changeKind: 'revision', reason: 'Neu geplant' } : {}),
          });
          ack.plan = { version: saved.plan.version, mark, agreed };
          ack.planInFlight = null;
          if (!agreed && rnd() < 0.3) {
            const agreement = await cm<{ plan: { version: number } }>(
              'POST',
              `/api/cases/${caseId}/plan/agree`,
              {
                version: saved.plan.version,
              },
            );
            ack.plan = { version: agreement.plan.version, mark, agreed: true };
          }
        }
      }
      if (rnd() < 0.5) continue;
      if (kind === 'counselling') {
        await cm('POST', `/api/cases/${caseId}/phase`, {
          version: caseVersion,
          to: 'closed',
          closureReason: 'goals_reached',
        });
      } else {
        for (const to of ['assessment', 'planning', 'linking', 'monitoring', 'evaluation']) {
          caseVersion = (
            await cm<{ version: number }>('POST', `/api/cases/${caseId}/phase`, { version: caseVersion, to })
          ).version;
        }
        await cm('PUT', `/api/cases/${caseId}/evaluation`, firstEvaluation(today()));
        await cm('POST', `/api/cases/${caseId}/close`, {
          version: caseVersion,
          closedOn: today(),
          closureReason: 'goals_reached',
          confirm: true,
        });
      }
      ack.closed = true;
      if (rnd() < 0.3) continue;
      await cm('POST', `/api/cases/${caseId}/confirm-anonymisation`);
      const approved = await admin<{ anonymised: boolean }>(
        'POST',
        `/api/cases/${caseId}/confirm-anonymisation`,
      );
      if (!approved.anonymised) {
        ledger.unexpected.push('anonymisation approved but not done');
        return;
      }
      ack.anonymised = true;
    }
  } catch (error) {
    if (error instanceof ServerGone || error instanceof Unexpected) return;
    throw error;
  }
}

/** What the database must show for every acknowledged write. */
export async function missingAcknowledged(db: Kysely<DB>, ledger: Ledger): Promise<string[]> {
  const findings: string[] = [];
  const clientIds = [...ledger.clients];
  const caseIds = [...ledger.cases.keys()];
  const entryIds = [...ledger.journalEntries];
  const clients = new Set(
    clientIds.length
      ? (await db.selectFrom('clients').select('id').where('id', 'in', clientIds).execute()).map((r) => r.id)
      : [],
  );
  for (const id of clientIds) if (!clients.has(id)) findings.push(`acknowledged client ${id} missing`);
  const entries = new Set(
    entryIds.length
      ? (await db.selectFrom('journal_entries').select('id').where('id', 'in', entryIds).execute()).map(
          (r) => r.id,
        )
      : [],
  );
  for (const id of entryIds) if (!entries.has(id)) findings.push(`acknowledged journal entry ${id} missing`);
  const cases = new Map(
    caseIds.length
      ? (
          await db
            .selectFrom('cases')
            .select(['id', 'phase', 'anonymised_at'])
            .where('id', 'in', caseIds)
            .execute()
        ).map((r) => [r.id, r])
      : [],
  );
  const plans = new Map(
    caseIds.length
      ? (
          await db
            .selectFrom('plans')
            .select(['case_id', 'version', 'status', 'header'])
            .where('case_id', 'in', caseIds)
            .execute()
        ).map((r) => [r.case_id, r])
      : [],
  );
  for (const [id, ack] of ledger.cases) {
    const row = cases.get(id);
    if (!row) {
      findings.push(`acknowledged case ${id} missing`);
      continue;
    }
    if (ack.closed && row.phase !== 'closed') findings.push(`acknowledged closure of case ${id} missing`);
    if (ack.anonymised && !row.anonymised_at)
      findings.push(`acknowledged anonymisation of case ${id} missing`);
    if (!ack.plan) continue;
    const plan = plans.get(id);
    if (!plan || plan.version < ack.plan.version) {
      findings.push(`acknowledged plan version ${ack.plan.version} of case ${id} missing`);
      continue;
    }
    if (ack.plan.agreed && plan.status !== 'agreed')
      findings.push(`acknowledged agreement of case ${id} missing`);
    if (row.anonymised_at) continue;
    // the stored plan is the last acknowledged save or the one the kill cut off, never an older one
    const stored = markOf(plan.header);
    const possible = [ack.plan.mark.save, ack.planInFlight?.save];
    if (!stored || !possible.includes(stored.save))
      findings.push(
        `plan of case ${id} is save ${stored?.save ?? '?'}, expected one of ${possible.join('/')}`,
      );
  }
  return findings;
}

function markOf(header: string): PlanMark | null {
  const problem = (JSON.parse(header) as { problem?: string | null }).problem ?? '';
  const m = /^Stand (\d+): (\d+) Ziele mit je (\d+) Schritten$/.exec(problem);
  return m ? { save: Number(m[1]), goals: Number(m[2]), stepsPerGoal: Number(m[3]) } : null;
}

/** Counts audit entries per entity and action (for the actions given), since a moment. */
async function auditCounts(db: Kysely<DB>, actions: string[], since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'action', (eb) => eb.fn.countAll().as('n')])
    .where('action', 'in', actions)
    .where('occurred_at', '>=', since)
    .groupBy(['entity_id', 'action'])
    .execute();
  return new Map(rows.map((r) => [`${r.action} ${r.entity_id ?? ''}`, Number(r.n)]));
}

/**
 * The invariants no crash may break, over everything written since `since` (the demo seed before it is
 * not the workload's): no case without its client, its phase history or its audit entry; no plan whose goals
 * and steps belong to different saves or whose version and audit entries disagree; no anonymisation that left
 * personal values or lacks its audit entry; no audit entry for a write that is not there.
 */
export async function brokenInvariants(db: Kysely<DB>, since: string): Promise<string[]> {
  const findings: string[] = [];
  const count = await auditCounts(
    db,
    [
      'client.create',
      'client.anonymise',
      'case.open',
      'case.anonymise',
      'case.phase_change',
      'case.close',
      'journal.add',
      'plan.create',
      'plan.save',
      'plan.agree',
    ],
    since,
  );
  const n = (action: string, id: string) => count.get(`${action} ${id}`) ?? 0;

  // Clients: one creation entry each; an anonymised client has no personal value left and all its cases
  // anonymised, with exactly one entry for it.
  const clients = await db
    .selectFrom('clients')
    .select([
      'id',
      'family_name',
      'given_names',
      'birth_date',
      'phone',
      'email',
      'street',
      'health_notes',
      'anonymised_at',
    ])
    .where('created_at', '>=', since)
    .execute();
  const clientIds = new Set(clients.map((c) => c.id));
  for (const c of clients) {
    if (n('client.create', c.id) !== 1)
      findings.push(`client ${c.id}: ${n('client.create', c.id)} creation entries`);
    if (c.anonymised_at) {
      const left = Object.entries({
        given_names: c.given_names || null,
        birth_date: c.birth_date,
        phone: c.phone,
        email: c.email,
        street: c.street,
        health_notes: c.health_notes,
      }).filter(([, v]) => v !== null);
      if (c.family_name !== ANONYMISED_NAME || left.length > 0)
        findings.push(`anonymised client ${c.id} keeps ${left.map(([k]) => k).join(', ') || 'its name'}`);
      if (n('client.anonymise', c.id) !== 1)
        findings.push(`anonymised client ${c.id} without its audit entry`);
    } else if (n('client.anonymise', c.id) !== 0) {
      findings.push(`client ${c.id} audited as anonymised but is not`);
    }
  }
  const unanonymisedCasesOfAnonymisedClients = await db
    .selectFrom('cases')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .select('cases.id')
    .where('clients.anonymised_at', 'is not', null)
    .where('cases.anonymised_at', 'is', null)
    .where('clients.created_at', '>=', since)
    .execute();
  for (const c of unanonymisedCasesOfAnonymisedClients)
    findings.push(`case ${c.id} not anonymised though its client is`);

  // Cases: a client (of the workload), a phase history that starts at the opening and ends in the case's phase,
  // one audit entry per phase change, one opening entry.
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'client_id', 'phase', 'closed_on', 'anonymised_at'])
    .where('created_at', '>=', since)
    .execute();
  const caseIds = cases.map((c) => c.id);
  const changes = caseIds.length
    ? await db
        .selectFrom('case_phase_changes')
        .select(['case_id', 'from_phase', 'to_phase', 'changed_at'])
        .where('case_id', 'in', caseIds)
        .orderBy('changed_at')
        .execute()
    : [];
  for (const c of cases) {
    if (!clientIds.has(c.client_id)) findings.push(`case ${c.id} without its client`);
    if (n('case.open', c.id) !== 1) findings.push(`case ${c.id}: ${n('case.open', c.id)} opening entries`);
    const history = changes.filter((h) => h.case_id === c.id);
    if (!phaseChainEndsIn(history, c.phase))
      findings.push(`case ${c.id}: phase history does not lead to ${c.phase}`);
    const moves = n('case.phase_change', c.id) + n('case.close', c.id);
    if (history.length !== moves + 1)
      findings.push(`case ${c.id}: ${history.length} phase changes, ${moves + 1} audited`);
    if ((c.phase === 'closed') !== (c.closed_on !== null))
      findings.push(`case ${c.id}: closed_on and phase disagree`);
    if (c.anonymised_at && c.phase !== 'closed') findings.push(`anonymised case ${c.id} is not closed`);
    if (n('case.anonymise', c.id) !== (c.anonymised_at ? 1 : 0))
      findings.push(
        `case ${c.id}: anonymised ${c.anonymised_at ? 'yes' : 'no'}, ${n('case.anonymise', c.id)} entries`,
      );
  }
  const anonymisedCaseIds = cases.filter((c) => c.anonymised_at).map((c) => c.id);

  // Journal: one entry per creation; texts gone in anonymised cases, with their revisions.
  const entries = caseIds.length
    ? await db
        .selectFrom('journal_entries')
        .select(['id', 'case_id', 'text'])
        .where('case_id', 'in', caseIds)
        .execute()
    : [];
  for (const e of entries) {
    if (n('journal.add', e.id) !== 1)
      findings.push(`journal entry ${e.id}: ${n('journal.add', e.id)} entries`);
    if (anonymisedCaseIds.includes(e.case_id) && e.text !== '')
      findings.push(`journal entry ${e.id} of an anonymised case keeps its text`);
  }
  if (anonymisedCaseIds.length) {
    const followUps = await db
      .selectFrom('follow_ups')
      .select('case_id')
      .where('case_id', 'in', anonymisedCaseIds)
      .where('text', '!=', '')
      .execute();
    for (const f of followUps) findings.push(`anonymised case ${f.case_id ?? '?'} keeps follow-up texts`);
    const revisions = await db
      .selectFrom('journal_entry_revisions')
      .innerJoin('journal_entries', 'journal_entries.id', 'journal_entry_revisions.entry_id')
      .select('journal_entries.case_id')
      .where('journal_entries.case_id', 'in', anonymisedCaseIds)
      .execute();
    for (const r of revisions) findings.push(`anonymised case ${r.case_id} keeps journal revisions`);
  }

  // Plans: goals and steps all of one save (the save's mark in each text, counts as the save had them), the
  // version equals the audited saves, an agreed plan's current version is in its history; texts gone when
  // the case was anonymised.
  const plans = caseIds.length
    ? await db
        .selectFrom('plans')
        .select(['id', 'case_id', 'version', 'status', 'header'])
        .where('case_id', 'in', caseIds)
        .execute()
    : [];
  const planIds = plans.map((p) => p.id);
  const goals = planIds.length
    ? await db
        .selectFrom('plan_goals')
        .select(['id', 'plan_id', 'case_id', 'wording', 'indicator'])
        .where('plan_id', 'in', planIds)
        .execute()
    : [];
  const steps = planIds.length
    ? await db
        .selectFrom('plan_steps')
        .select(['goal_id', 'plan_id', 'what'])
        .where('plan_id', 'in', planIds)
        .execute()
    : [];
  const versions = planIds.length
    ? await db
        .selectFrom('plan_versions')
        .select(['plan_id', (eb) => eb.fn.max('version').as('latest')])
        .where('plan_id', 'in', planIds)
        .groupBy('plan_id')
        .execute()
    : [];
  for (const p of plans) {
    const audited = n('plan.create', p.id) + n('plan.save', p.id) + n('plan.agree', p.id);
    if (audited !== p.version)
      findings.push(`plan ${p.id}: version ${p.version}, ${audited} audited changes`);
    const latest = versions.find((v) => v.plan_id === p.id)?.latest;
    if (p.status === 'agreed' && Number(latest) !== p.version)
      findings.push(
        `agreed plan ${p.id}: version ${p.version} not in its history (latest ${String(latest)})`,
      );
    const ofPlan = goals.filter((g) => g.plan_id === p.id);
    const stepsOfPlan = steps.filter((s) => s.plan_id === p.id);
    for (const g of ofPlan)
      if (g.case_id !== p.case_id) findings.push(`goal ${g.id} of plan ${p.id} in another case`);
    for (const s of stepsOfPlan)
      if (!ofPlan.some((g) => g.id === s.goal_id))
        findings.push(`a step of plan ${p.id} belongs to another plan's goal`);
    if (anonymisedCaseIds.includes(p.case_id)) {
      if (
        p.header !== '{}' ||
        ofPlan.some((g) => g.wording !== '' || g.indicator !== null) ||
        stepsOfPlan.some((s) => s.what !== '')
      )
        findings.push(`plan ${p.id} of an anonymised case keeps texts`);
      continue;
    }
    const mark = markOf(p.header);
    if (!mark) {
      findings.push(`plan ${p.id} without the workload's mark`);
      continue;
    }
    const suffix = ` aus Stand ${mark.save}`;
    if (ofPlan.length !== mark.goals || stepsOfPlan.length !== mark.goals * mark.stepsPerGoal)
      findings.push(
        `plan ${p.id} save ${mark.save}: ${ofPlan.length} goals and ${stepsOfPlan.length} steps stored, ${mark.goals} and ${mark.goals * mark.stepsPerGoal} saved`,
      );
    if (ofPlan.some((g) => !g.wording.endsWith(suffix)) || stepsOfPlan.some((s) => !s.what.endsWith(suffix)))
      findings.push(`plan ${p.id} mixes goals or steps of different saves`);
  }

  // No audit entry for a creation that is not there (the write rolled back, its entry must have too).
  const created = await db
    .selectFrom('audit_log')
    .select(['action', 'entity_id'])
    .where('action', 'in', ['client.create', 'case.open', 'journal.add', 'plan.create'])
    .where('occurred_at', '>=', since)
    .execute();
  const entryIds = new Set(entries.map((e) => e.id));
  const known: Record<string, Set<string>> = {
    'client.create': clientIds,
    'case.open': new Set(caseIds),
    'journal.add': entryIds,
    'plan.create': new Set(planIds),
  };
  for (const a of created)
    if (!a.entity_id || !known[a.action]?.has(a.entity_id))
      findings.push(`audit entry ${a.action} for ${a.entity_id ?? '?'} without its record`);
  return findings;
}

/**
 * The recorded phase changes form one path from the opening (from nothing) to the current phase. Changes
 * with the same time stamp may come in any order, so the path is followed rather than the sorted list.
 */
function phaseChainEndsIn(
  history: { from_phase: string | null; to_phase: string }[],
  phase: string,
): boolean {
  const rest = [...history];
  let current: string | null = null;
  while (rest.length > 0) {
    const i = rest.findIndex((h) => h.from_phase === current);
    if (i < 0) return false;
    const [step] = rest.splice(i, 1);
    current = step?.to_phase ?? null;
  }
  return current === phase;
}
