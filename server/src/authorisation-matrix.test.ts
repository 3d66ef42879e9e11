import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Role } from './core/context.js';
import {
  MATRIX,
  PRINCIPALS,
  SCOPE_VARIANTS,
  type CaseRecords,
  type MatrixEntry,
  type OrgRecords,
  type Principal,
  type RequestIds,
  type Variant,
} from './authorisation-matrix.js';
import {
  addUser,
  as,
  createOrganisation,
  createTestApp,
  signIn,
  TEST_PASSWORD,
  type Session,
  type TestApp,
  type TestOrganisation,
} from './test/harness.js';
import { localDate } from './core/clock.js';

/**
 * The authorisation matrix: every operation of the OpenAPI document × every role and signed out × the
 * ownership variants of its scope, against the expectations declared in authorisation-matrix.ts (read that
 * file's header first). One app and one set of fixtures serve the whole file; state-changing calls use stale
 * versions or fresh records so that no call changes what a later one relies on.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
  $ref?: string;
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<Lowercase<Method>, Operation>>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** `{id}` after these path segments names a record of this kind (the keys of the fixtures' id maps). */
const SEGMENT_RECORD: Record<string, keyof RequestIds> = {
  users: 'user',
  'org-units': 'orgUnit',
  organisations: 'organisation',
  districts: 'district',
  'indication-criteria': 'criterion',
  clients: 'client',
  cases: 'case',
  'follow-ups': 'followUp',
  notifications: 'notification',
  consents: 'consent',
  documents: 'document',
  requests: 'request',
  instruments: 'instrument',
  assessments: 'assessment',
  'network-contacts': 'networkContact',
  'plan-goals': 'goal',
  'partner-types': 'partnerType',
  partners: 'partner',
  offers: 'offer',
  agreements: 'agreement',
  referrals: 'referral',
  conferences: 'conference',
  'gap-reports': 'gapReport',
};
const PARAM_RECORD: Record<string, keyof RequestIds> = {
  entryId: 'journalEntry',
  delegationId: 'delegation',
  version: 'planVersion',
};

let t: TestApp;
let doc: OpenApiDocument;
let ajv: Ajv;
let counter = 0;
const unique = () => {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
};
const today = () => localDate(new Date());

type Api = ReturnType<typeof as>;

interface OrgWorld {
  org: TestOrganisation;
  sessions: Record<Role, Session>;
  /** Case manager A is `org.users.case_manager`; B owns the delegated and the colleague's case; C takes over. */
  caseManagerB: Session;
  caseManagerC: { id: string };
  /** Case manager D works in the second org unit, the one the team lead does not lead. */
  caseManagerD: Session;
  directory: { partner: string; offer: string };
  records?: OrgRecords;
}
let org1: OrgWorld;
let org2: OrgWorld;
/** Case-bound records per variant (org 2's case is the `other_org` variant). */
const bundles = new Map<Variant, CaseRecords>();
let loginUser: { username: string };
/** A gap report of organisation 3, which shares its aggregates; organisation 1 is the coordination office. */
let coordinatedGapReport: string;
/** Records of the installation's shared partner directory (`shared` variant). */
let shared: SharedDirectory;
interface SharedDirectory {
  partner: string;
  offer: string;
  partnerType: string;
}

function api(session: Session): Api {
  return as(t.app, session);
}

async function created(res: Promise<{ statusCode: number; body: string; json: <T>() => T }>, what: string) {
  const r = await res;
  if (r.statusCode !== 200 && r.statusCode !== 201)
    throw new Error(`fixture ${what}: ${r.statusCode} ${r.body}`);
  return r.json<{ id: string } & Record<string, unknown>>();
}

async function signInAll(org: TestOrganisation): Promise<Record<Role, Session>> {
  const sessions = {} as Record<Role, Session>;
  for (const role of Object.keys(org.users) as Role[]) {
    sessions[role] = await signIn(t.app, org.users[role].username);
  }
  return sessions;
}

async function newOrgWorld(): Promise<OrgWorld> {
  const org = await createOrganisation(t.deps);
  const sessions = await signInAll(org);
  const b = await addUser(t.deps, org, ['case_manager']);
  const c = await addUser(t.deps, org, ['case_manager']);
  const d = await addUser(t.deps, org, ['case_manager'], [org.orgUnitIds[1]]);
  // the second unit offers the instruments of the first, so that its case can have an assessment too
  const admin = api(sessions.org_admin);
  const instruments = (await admin.get('/api/instruments')).json<{ items: { id: string }[] }>().items;
  await created(
    admin.put(`/api/org-units/${org.orgUnitIds[1]}/instruments`, {
      templateIds: instruments.map((i) => i.id),
    }),
    'instruments of the second unit',
  );
  return {
    org,
    sessions,
    caseManagerB: await signIn(t.app, b.username),
    caseManagerC: c,
    caseManagerD: await signIn(t.app, d.username),
    directory: await directory(sessions.case_manager),
  };
}

/** The organisation's partner with an offer: referrals of the case bundles point at it. */
async function directory(caseManager: Session): Promise<OrgWorld['directory']> {
  const cm = api(caseManager);
  const partner = await created(
    cm.post('/api/partners', { name: `Partner ${unique()}`, type: 'other' }),
    'partner',
  );
  const offer = await created(
    cm.post(`/api/partners/${partner.id}/offers`, { title: 'Beratung', targetGroups: [], languages: [] }),
    'offer',
  );
  return { partner: partner.id, offer: offer.id };
}

/** A partner with an offer and a partner type in the installation's shared directory, by its admin. */
async function sharedDirectory(): Promise<SharedDirectory> {
  const admin = api(org1.sessions.installation_admin);
  const partner = await created(
    admin.post('/api/partners', { name: `Stadt ${unique()}`, type: 'other', scope: 'shared' }),
    'shared partner',
  );
  const offer = await created(
    admin.post(`/api/partners/${partner.id}/offers`, { title: 'Beratung', targetGroups: [], languages: [] }),
    'shared offer',
  );
  const type = await created(
    admin.post('/api/partner-types', { label: `Gemeinsam ${unique()}`, scope: 'shared' }),
    'shared partner type',
  );
  return { partner: partner.id, offer: offer.id, partnerType: type.id };
}

/**
 * Makes organisation 1 the installation's coordination office and a third organisation one that shares its
 * aggregates; returns a gap report of the third.
 */
async function coordination(): Promise<string> {
  const org3 = await createOrganisation(t.deps);
  const admin3 = api(await signIn(t.app, org3.users.org_admin.username));
  const settings = (await admin3.get('/api/organisation')).json<{ version: number }>();
  await created(
    admin3.patch('/api/organisation', { version: settings.version, sharesAggregates: true }),
    'share',
  );
  const org1Row = await t.deps.db
    .selectFrom('organisations')
    .select('version')
    .where('id', '=', org1.org.organisationId)
    .executeTakeFirstOrThrow();
  await created(
    api(org1.sessions.installation_admin).patch(`/api/organisations/${org1.org.organisationId}`, {
      version: org1Row.version,
      coordinationOffice: true,
    }),
    'coordination office',
  );
  const cm3 = api(await signIn(t.app, org3.users.case_manager.username));
  const gap = await created(
    cm3.post('/api/gap-reports', {
      need: 'Sprachkurse mit Kinderbetreuung',
      field: 'language',
      urgency: 'medium',
    }),
    'coordinated gap report',
  );
  return gap.id;
}

/** Records of the organisation itself (not bound to a case). */
async function orgRecords(w: OrgWorld, clientId: string, notificationUser: string): Promise<OrgRecords> {
  const admin = api(w.sessions.org_admin);
  const target = await addUser(t.deps, w.org, ['case_manager']);
  const district = await created(admin.post('/api/districts', { label: `Bezirk ${unique()}` }), 'district');
  const criterion = await created(
    admin.post('/api/indication-criteria', { label: `Kriterium ${unique()}` }),
    'criterion',
  );
  const partnerType = await created(admin.post('/api/partner-types', { label: `Typ ${unique()}` }), 'type');
  const agreement = await created(
    admin.post('/api/agreements', {
      title: 'Kooperation',
      form: 'written',
      partnerIds: [w.directory.partner],
      startsOn: today(),
    }),
    'agreement',
  );
  await created(
    admin.put(`/api/agreements/${agreement.id}/document`, {
      filename: 'vertrag.pdf',
      contentType: 'application/pdf',
      contentBase64: 'JVBERi0xLjQK',
    }),
    'agreement document',
  );
  const gap = await created(
    api(w.sessions.case_manager).post('/api/gap-reports', {
      need: 'Wohnraum für junge Erwachsene',
      field: 'housing',
      urgency: 'high',
    }),
    'gap report',
  );
  const request = await created(
    api(w.sessions.dpo).post(`/api/clients/${clientId}/requests`, { kind: 'access', receivedOn: today() }),
    'data-subject request',
  );
  return {
    user: target.id,
    orgUnit: w.org.orgUnitIds[1],
    organisation: w.org.organisationId,
    district: district.id,
    criterion: criterion.id,
    partnerType: partnerType.id,
    agreement: agreement.id,
    gapReport: gap.id,
    request: request.id,
    ...w.directory,
    instrument: await firstInstrument(w),
    notification: await notificationOf(notificationUser),
  };
}

/**
 * One case with something of every kind in it, opened by `owner`: client (with consent and a document), plan
 * (agreed, so that version 2 is in its history), journal entry, follow-up, assessment, network contact,
 * referral, conference, and a delegation to `delegateTo` or (journal only) to case manager C.
 */
async function caseBundle(
  w: OrgWorld,
  owner: Session,
  delegateTo?: { userId: string; scope: 'full' | 'journal' },
  orgUnitId = w.org.orgUnitIds[0],
): Promise<CaseRecords> {
  const cm = api(owner);
  const client = await created(
    cm.post('/api/clients', {
      familyName: `Matrix${unique()}`,
      givenNames: 'Test',
      birthYear: 1990,
      gender: 'diverse',
      confirmNotDuplicate: true,
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
    }),
    'client',
  );
  const theCase = await created(
    cm.post('/api/cases', {
      clientId: client.id,
      kind: 'case_management',
      orgUnitId,
      intake: { accessRoute: 'self' },
    }),
    'case',
  );
  const caseId = theCase.id;
  const consent = await t.deps.db
    .selectFrom('consents')
    .select('id')
    .where('client_id', '=', client.id)
    .executeTakeFirstOrThrow();
  const document = await created(
    cm.post(`/api/clients/${client.id}/documents`, {
      filename: 'scan.pdf',
      contentType: 'application/pdf',
      contentBase64: 'JVBERi0xLjQK',
    }),
    'document',
  );
  const plan = await created(
    cm.put(`/api/cases/${caseId}/plan`, {
      version: 0,
      header: {
        participants: null,
        benefitsEarlier: null,
        benefitsCurrent: null,
        problem: 'Wohnung fehlt',
        resources: null,
        obligations: null,
        costBearers: null,
        reviewOn: today(),
      },
      goals: [
        {
          wording: 'Wohnung ist gesichert',
          indicator: 'Mietvertrag liegt vor',
          targetOn: today(),
          status: 'active',
          steps: [{ what: 'Wohnungsamt aufsuchen', who: 'client', dueOn: today(), status: 'open' }],
          subGoals: [],
        },
      ],
    }),
    'plan',
  );
  const goalId = (plan.plan as { goals: { id: string }[] }).goals[0]?.id ?? '';
  await created(cm.post(`/api/cases/${caseId}/plan/agree`, { version: 1 }), 'plan agreement');
  const entry = await created(
    cm.post(`/api/cases/${caseId}/journal`, { kind: 'note', occurredOn: today(), text: 'Erstgespräch' }),
    'journal entry',
  );
  const followUp = await created(
    cm.post('/api/follow-ups', { caseId, dueOn: today(), text: 'Rückruf' }),
    'follow-up',
  );
  const instruments = (await cm.get('/api/instruments')).json<{ items: { id: string }[] }>().items;
  const assessment = await created(
    cm.post(`/api/cases/${caseId}/assessments`, { templateId: instruments[0]?.id }),
    'assessment',
  );
  const contact = await created(
    cm.post(`/api/cases/${caseId}/network`, {
      name: 'Tante',
      kind: 'family',
      support: ['practical'],
      closeness: 3,
      strained: false,
    }),
    'network contact',
  );
  const referral = await created(
    cm.post(`/api/cases/${caseId}/referrals`, {
      requestedOn: today(),
      categories: [],
      partnerId: w.directory.partner,
    }),
    'referral',
  );
  const conference = await created(
    cm.post(`/api/cases/${caseId}/conferences`, {
      kind: 'case',
      heldOn: today(),
      anonymous: false,
      categories: ['master_data'],
      participants: [{ kind: 'internal', userId: owner.userId }],
    }),
    'conference',
  );
  await created(
    cm.post(`/api/cases/${caseId}/delegations`, {
      delegateUserId: delegateTo?.userId ?? w.caseManagerC.id,
      scope: delegateTo?.scope ?? 'journal',
      standing: false,
      startsOn: today(),
      endsOn: today(),
    }),
    'delegation',
  );
  const delegation = await t.deps.db
    .selectFrom('case_delegations')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    case: caseId,
    client: client.id,
    consent: consent.id,
    document: document.id,
    goal: goalId,
    planVersion: '2',
    journalEntry: entry.id,
    followUp: followUp.id,
    assessment: assessment.id,
    networkContact: contact.id,
    referral: referral.id,
    conference: conference.id,
    delegation: delegation.id,
  };
}

/** The case of a variant, built afresh (for calls that change what others rely on). */
async function bundleFor(variant: Variant): Promise<CaseRecords> {
  switch (variant) {
    case 'own':
      return caseBundle(org1, org1.sessions.case_manager);
    case 'delegated':
      return caseBundle(org1, org1.caseManagerB, { userId: org1.org.users.case_manager.id, scope: 'full' });
    case 'delegated_journal':
      return caseBundle(org1, org1.caseManagerB, {
        userId: org1.org.users.case_manager.id,
        scope: 'journal',
      });
    case 'colleague':
      return caseBundle(org1, org1.caseManagerB);
    case 'other_org':
      return caseBundle(org2, org2.sessions.case_manager);
    case 'glass_broken': {
      const bundle = await caseBundle(org1, org1.caseManagerB);
      await created(
        api(org1.sessions.team_lead).post(`/api/cases/${bundle.case}/break-glass`, {
          reason: 'Krisenintervention, Fallverantwortlicher nicht erreichbar',
        }),
        'break the glass',
      );
      return bundle;
    }
    case 'other_unit':
      return caseBundle(org1, org1.caseManagerD, undefined, org1.org.orgUnitIds[1]);
    case 'self':
    case 'coordinated':
    case 'shared':
      throw new Error(`the variant ${variant} holds no cases`);
  }
}

async function notificationOf(userId: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
  ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: true });
  addFormats.default(ajv);
  ajv.addSchema(doc as object, 'openapi');

  org1 = await newOrgWorld();
  org2 = await newOrgWorld();
  loginUser = await addUser(t.deps, org1.org, ['case_manager']);
  for (const variant of SCOPE_VARIANTS.case) bundles.set(variant, await bundleFor(variant));
  org1.records = await freshOrgRecords(org1);
  org2.records = await freshOrgRecords(org2);
  shared = await sharedDirectory();
  coordinatedGapReport = await coordination();
}, 300_000);

afterAll(async () => {
  await t.close();
});

async function firstInstrument(w: OrgWorld): Promise<string> {
  const items = (await api(w.sessions.org_admin).get('/api/instruments')).json<{ items: { id: string }[] }>()
    .items;
  return items[0]?.id ?? '';
}

// ---- requests ----------------------------------------------------------------------------------------------

function operations(): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method.toLowerCase() as Lowercase<Method>];
      if (op) out.set(`${method} ${path}`, op);
    }
  }
  return out;
}

function worldOf(variant: Variant): OrgWorld {
  return variant === 'other_org' ? org2 : org1;
}

function bundleOf(variant: Variant): CaseRecords {
  const bundle = bundles.get(variant);
  if (!bundle) throw new Error(`no case for ${variant}`);
  return bundle;
}

/** Org 1's records are a notification of case manager A; org 2's one of its case manager C. */
async function freshOrgRecords(w: OrgWorld): Promise<OrgRecords> {
  const variant: Variant = w === org1 ? 'own' : 'other_org';
  const notificationUser = w === org1 ? w.org.users.case_manager.id : w.caseManagerC.id;
  return orgRecords(w, bundleOf(variant).client, notificationUser);
}

/** The ids a request of this variant is filled from: the organisation's records and the variant's case. */
function idsFor(
  variant: Variant,
  fresh: { bundle?: CaseRecords; records?: OrgRecords; shared?: SharedDirectory } = {},
): RequestIds {
  const w = worldOf(variant);
  const records = fresh.records ?? w.records;
  if (!records) throw new Error('fixtures not built');
  return {
    ...records,
    ...(variant === 'shared' ? (fresh.shared ?? shared) : {}),
    ...(variant === 'coordinated' ? { gapReport: coordinatedGapReport } : {}),
    ...(fresh.bundle ??
      bundleOf(variant === 'shared' || variant === 'self' || variant === 'coordinated' ? 'own' : variant)),
    caseUnit: w.org.orgUnitIds[0],
    caseManager: w.org.users.case_manager.id,
    thirdCaseManager: w.caseManagerC.id,
    ownCase: bundleOf('own').case,
    newClient: bundleOf('own').client,
    loginUsername: loginUser.username,
    loginPassword: TEST_PASSWORD,
    unique: unique(),
  };
}

function fillPath(key: string, entry: MatrixEntry, ids: RequestIds): string {
  const path = key.slice(key.indexOf(' ') + 1);
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!name) return segment;
      const fixed = entry.params?.[name];
      if (fixed !== undefined) return fixed;
      const record = name === 'id' ? SEGMENT_RECORD[segments[i - 1] ?? ''] : PARAM_RECORD[name];
      const id = record ? ids[record] : undefined;
      if (!id) throw new Error(`${key}: no fixture for path parameter {${name}} — add it to the test's maps`);
      return id;
    })
    .join('/');
}

/** A value for a schema from its required parts only; ids cannot be made up, they must be declared. */
function generate(schema: JsonSchema, where: string): unknown {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`${where}: unknown $ref ${schema.$ref}`);
    return generate(target, where);
  }
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) {
    const nullable = choices.find((c) => c.type === 'null');
    return nullable ? null : generate(choices[0] ?? {}, where);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [
          key,
          generate(schema.properties?.[key] ?? {}, `${where}/${key}`),
        ]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) =>
        generate(schema.items ?? {}, `${where}/${i}`),
      );
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      if (schema.format === 'uuid')
        throw new Error(`${where} is an id: declare the body in the matrix entry`);
      if (schema.format === 'date') return today();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return 'matrix@example.org';
      return 'Matrix'.padEnd(schema.minLength ?? 1, 'x');
    default:
      throw new Error(`${where}: cannot generate a value of this schema — declare the body`);
  }
}

function pointer(path: string, method: Method, ...rest: string[]): string {
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  return ['openapi#', 'paths', escape(path), method.toLowerCase(), ...rest.map(escape)].join('/');
}

/** Compiled once per operation: the body schema by its place in the document, the query as one object. */
const validators = new Map<string, ValidateFunction>();
function validator(name: string, schema: object): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    v = ajv.compile(schema);
    validators.set(name, v);
  }
  return v;
}

interface Prepared {
  method: Method;
  url: string;
  payload?: unknown;
}

/**
 * The request for one operation and variant. Body and query are checked against the operation's schemas here,
 * so that a 400 answer is always the service's (after the policy), never the route's validation before it.
 */
function prepare(key: string, op: Operation, entry: MatrixEntry, ids: RequestIds): Prepared {
  const method = key.slice(0, key.indexOf(' ')) as Method;
  const path = key.slice(key.indexOf(' ') + 1);
  let url = fillPath(key, entry, ids);
  const query = entry.query?.(ids) ?? {};
  const queryParameters = (op.parameters ?? []).filter((p) => p.in === 'query');
  const missing = queryParameters.filter((p) => p.required && query[p.name] === undefined).map((p) => p.name);
  if (missing.length > 0)
    throw new Error(`${key}: declare the required query parameters ${missing.join(', ')}`);
  if (queryParameters.length > 0) {
    const check = validator(`${key} query`, {
      type: 'object',
      properties: Object.fromEntries(queryParameters.map((p) => [p.name, p.schema])),
    });
    const coerced: Record<string, unknown> = { ...query };
    for (const p of queryParameters) {
      const raw = query[p.name];
      if (raw !== undefined && p.schema.type === 'integer') coerced[p.name] = Number(raw);
      if (raw !== undefined && p.schema.type === 'boolean') coerced[p.name] = raw === 'true';
    }
    if (!check(coerced))
      throw new Error(`${key}: query does not fit its schema: ${ajv.errorsText(check.errors)}`);
  }
  const search = new URLSearchParams(query).toString();
  if (search) url += `?${search}`;
  const schema = op.requestBody?.content['application/json']?.schema;
  if (!schema) {
    if (entry.body) throw new Error(`${key}: the operation takes no body, the entry declares one`);
    return { method, url };
  }
  const payload = entry.body ? entry.body(ids) : generate(schema, key);
  const check = validator(`${key} body`, {
    $ref: pointer(path, method, 'requestBody', 'content', 'application/json', 'schema'),
  });
  if (!check(structuredClone(payload))) {
    throw new Error(`${key}: body does not fit its schema: ${ajv.errorsText(check.errors)}`);
  }
  return { method, url, payload };
}

type Observed = 'allow' | 'deny' | string;

/** How an answer is read: see "How the test recognises allow and deny" in authorisation-matrix.ts. */
function classify(res: { statusCode: number; body: string; headers: Record<string, unknown> }): Observed {
  const status = res.statusCode;
  if (status < 400) return 'allow';
  const isProblem = String(res.headers['content-type']).startsWith('application/problem+json');
  const code = isProblem ? (JSON.parse(res.body) as { code?: string }).code : undefined;
  if (status === 401) return 'deny';
  if (status === 403 && (code === 'forbidden' || code === 'break-glass-required')) return 'deny';
  if (status === 404 && code === 'not-found') return 'deny';
  if (status >= 500 || code === 'csrf' || !isProblem)
    return `error ${status} ${code ?? res.body.slice(0, 80)}`;
  return 'allow';
}

/**
 * Another organisation's record must not even be confirmed to exist: its denial must be the very answer a
 * record that does not exist gets (the same request with fresh ids in the path). Signed out, every denial is
 * the 401 that asks to sign in.
 */
async function concealment(
  call: Call,
  prepared: Prepared,
  session: Session | null,
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
): Promise<Observed> {
  const observed = classify(res);
  if (observed !== 'deny') return observed;
  if (call.principal === 'signed_out') {
    return res.statusCode === 401 ? 'deny' : `deny with ${res.statusCode} instead of 401`;
  }
  if (call.variant !== 'other_org') return observed;
  const [path = '', query] = prepared.url.split('?');
  const ghostPath = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, () =>
    randomUUID(),
  );
  const ghost = await send(
    { ...prepared, url: query === undefined ? ghostPath : `${ghostPath}?${query}` },
    session,
  );
  const answer = (r: { statusCode: number; body: string }) => `${r.statusCode} ${problemCode(r.body) ?? ''}`;
  return answer(ghost) === answer(res)
    ? 'deny'
    : `deny with ${answer(res)}, where a record that does not exist gets ${answer(ghost)}`;
}

function problemCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

async function send(prepared: Prepared, session: Session | null) {
  return t.app.inject({
    method: prepared.method,
    url: prepared.url,
    headers: {
      'accept-language': 'de',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
    },
    ...(prepared.payload !== undefined ? { payload: prepared.payload as object } : {}),
  });
}

function sessionOf(principal: Principal): Session | null {
  return principal === 'signed_out' ? null : org1.sessions[principal];
}

interface Call {
  principal: Principal;
  variant: Variant;
  expected: 'allow' | 'deny';
}

async function runEntry(key: string, op: Operation, entry: MatrixEntry): Promise<string[]> {
  const calls: Call[] = [];
  for (const principal of PRINCIPALS) {
    for (const variant of SCOPE_VARIANTS[entry.scope]) {
      const allowed = entry.allow[principal]?.includes(variant) ?? false;
      calls.push({ principal, variant, expected: allowed ? 'allow' : 'deny' });
    }
  }
  // Denials first (they must not change anything), then the allowed calls; isolated ones on fresh records.
  calls.sort((a, b) => Number(a.expected === 'allow') - Number(b.expected === 'allow'));
  const mismatches: string[] = [];
  for (const call of calls) {
    let session = sessionOf(call.principal);
    let ids = idsFor(call.variant);
    if (call.expected === 'allow' && entry.isolate === 'session' && call.principal !== 'signed_out') {
      const fresh = await addUser(t.deps, org1.org, [call.principal]);
      session = await signIn(t.app, fresh.username);
    }
    if (call.expected === 'allow' && entry.isolate === 'record') ids = await freshIds(entry, call);
    if (call.variant === 'self' && session) ids = { ...ids, user: session.userId };
    const prepared = prepare(key, op, entry, ids);
    const res = await send(prepared, session);
    const observed = await concealment(call, prepared, session, res);
    if (observed !== call.expected) {
      mismatches.push(
        `${call.principal} / ${call.variant}: expected ${call.expected}, got ${observed} (${res.statusCode} ${res.body.slice(0, 160)})`,
      );
    }
  }
  return mismatches;
}

async function freshIds(entry: MatrixEntry, call: Call): Promise<RequestIds> {
  const w = worldOf(call.variant);
  const ids = idsFor(call.variant, {
    ...(entry.scope === 'case' ? { bundle: await bundleFor(call.variant) } : {}),
    ...(entry.scope !== 'case' && entry.scope !== 'session' ? { records: await freshOrgRecords(w) } : {}),
    ...(call.variant === 'shared' ? { shared: await sharedDirectory() } : {}),
  });
  const session = sessionOf(call.principal);
  if (
    entry.scope === 'session' &&
    session &&
    (call.principal === 'case_manager' || call.principal === 'team_lead')
  ) {
    // a client without a case is visible to the person who registered it only
    const client = await created(
      api(session).post('/api/clients', {
        familyName: `Neu${unique()}`,
        givenNames: 'Test',
        birthYear: 1990,
        gender: 'diverse',
        confirmNotDuplicate: true,
      }),
      'new client',
    );
    return { ...ids, newClient: client.id };
  }
  return ids;
}

/** API routes outside the OpenAPI document on purpose: the document itself and its viewer (public, no data). */
const UNDOCUMENTED = [/^GET \/api\/openapi\.json$/, /^GET \/api\/docs(\/.*|\*)?$/];

/** Every route the app registered, as `METHOD /path/{param}`, read from Fastify's route tree. */
function registeredOperations(): string[] {
  const out: string[] = [];
  const parents: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (parents[depth - 1] ?? '') + (match[2] ?? '');
    parents.length = depth;
    parents[depth] = path;
    for (const method of (match[3] ?? '').split(', ')) {
      if (method && method !== 'HEAD') out.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

// ---- the suite ---------------------------------------------------------------------------------------------

describe('authorisation matrix', () => {
  it('has an entry for every operation of the OpenAPI document, and no entry without an operation', () => {
    const documented = [...operations().keys()].sort();
    const declared = Object.keys(MATRIX).sort();
    expect(
      documented.filter((k) => !(k in MATRIX)),
      'operations without an entry in authorisation-matrix.ts',
    ).toEqual([]);
    expect(
      declared.filter((k) => !documented.includes(k)),
      'entries in authorisation-matrix.ts without an operation',
    ).toEqual([]);
  });

  it('finds every API route of the app in the OpenAPI document (a hidden route would escape the matrix)', () => {
    const documented = new Set(operations().keys());
    const registered = registeredOperations();
    const hidden = registered.filter(
      (op) => op.includes(' /api/') && !documented.has(op) && !UNDOCUMENTED.some((re) => re.test(op)),
    );
    expect(hidden).toEqual([]);
    // and the route tree was read completely: every documented operation is among the registered ones
    expect([...documented].filter((op) => !registered.includes(op))).toEqual([]);
  });

  it('names in every entry only variants its scope tries (otherwise an expectation would never be checked)', () => {
    const stray = Object.entries(MATRIX).flatMap(([key, entry]) =>
      Object.entries(entry.allow).flatMap(([principal, variants]) =>
        variants
          .filter((v) => !SCOPE_VARIANTS[entry.scope].includes(v))
          .map((v) => `${key}: ${principal} / ${v}`),
      ),
    );
    expect(stray).toEqual([]);
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    it(`${key}`, async () => {
      const op = operations().get(key);
      if (!op) throw new Error(`${key} is not in the OpenAPI document`);
      expect(await runEntry(key, op, entry)).toEqual([]);
    }, 120_000);
  }
});
