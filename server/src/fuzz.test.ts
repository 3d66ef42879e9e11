/**
 * Route fuzzing (issue 10, input robustness): every operation of the OpenAPI document gets malformed requests —
 * invalid JSON, wrong content types, arrays/scalars for objects, prototype keys, missing required fields, wrong
 * types per field, strings over their limit and of 1 MB, control characters, NUL, emoji, right-to-left text,
 * lone surrogates, numbers out of range, long and invalid path and query parameters. Every answer must be a
 * success or a 4xx problem document (application/problem+json with `type`, `title` and `status`) — never a 5xx
 * (503 only, the documented answer when a dependency is away) — and a refused request must leave no trace:
 * the row counts and the summed `version` columns of every table are compared before and after it (tables
 * that legitimately change on a refused request are listed in SNAPSHOT_EXCLUDED, refusals recorded on purpose
 * in RECORDED_REFUSALS, each with the reason).
 *
 * The data are the demo organisation (seeded into the test database), so path parameters name real records and
 * a request that passes validation reaches the service. Each operation is sent as the first demo user whose
 * well-formed request is not refused with 403, starting from the case manager.
 *
 * Besides the fixed cases, fast-check generates requests (random JSON for the body or one field, random
 * strings for parameters) with a fixed seed, so the run is deterministic:
 *   LOTSE_FUZZ_RUNS=<n>   generated requests per operation (default 3, the short run CI uses); e.g. 200 for a
 *                         long run: `LOTSE_FUZZ_RUNS=200 npx vitest run src/fuzz.test.ts`
 *   LOTSE_FUZZ_SEED=<n>   another seed (default 20261205); a failure names the operation and the request.
 *   LOTSE_FUZZ_REPORT=<file>  progress per operation and the findings as JSON.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './core/ids.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from './modules/demo/seed.js';
import { createTestApp, signIn, type Session, type TestApp, underCatalogLock } from './test/harness.js';
import { localDate } from './core/clock.js';

const RUNS = Number(process.env.LOTSE_FUZZ_RUNS ?? 3);
const SEED = Number(process.env.LOTSE_FUZZ_SEED ?? 20261205);

/** Tables a refused request may change, and why. */
const SNAPSHOT_EXCLUDED: Record<string, string> = {
  sessions: 'every signed-in request touches its session (idle timeout)',
  login_attempts: 'a refused sign-in is counted (lock-out)',
  rate_limits: 'refused requests count against the limits',
  pending_logins: 'a sign-in waiting for the second factor',
  oidc_login_states: 'a single sign-on started',
  job_locks: 'background jobs',
  kysely_migration: 'migrations',
  kysely_migration_lock: 'migrations',
};

/** Operations that record a refusal on purpose, and the tables they may append to when refusing. */
const RECORDED_REFUSALS: Record<string, string[]> = {
  // A refused sign-in is written to the audit log (attributable attempts, ASVS 7.2.1).
  'POST /api/auth/login': ['audit_log', 'audit_chains'],
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  default?: unknown;
  $ref?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: Method;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  isPublic: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: unknown; security?: unknown[] }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface FuzzRequest {
  label: string;
  method: Method;
  url: string;
  payload?: string;
  contentType?: string | null;
}

interface Finding {
  operation: string;
  label: string;
  status: number;
  problem: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function operationsOf(document: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method.toLowerCase()];
      if (!op) continue;
      let body: JsonSchema | null = null;
      const requestBody = op.requestBody;
      if (isRecord(requestBody) && isRecord(requestBody.content)) {
        const json = requestBody.content['application/json'];
        if (isRecord(json) && isRecord(json.schema)) body = json.schema as JsonSchema;
      }
      out.push({
        method,
        path,
        parameters: op.parameters ?? [],
        body,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures: the demo organisation's records, found by the path segment before `{id}` or by the field name.
// ---------------------------------------------------------------------------------------------------------

type Fixtures = Record<string, string>;

async function loadFixtures(t: TestApp): Promise<Fixtures> {
  const db = t.deps.db;
  // Raw SQL: the table and column are data here (one look-up per kind of record).
  const first = async (table: string, where?: { column: string; value: string }): Promise<string> => {
    const filter = where ? sql`where ${sql.ref(where.column)} = ${where.value}` : sql``;
    const result = await sql<{
      id: string;
    }>`select id from ${sql.table(table)} ${filter} order by id limit 1`.execute(db);
    return result.rows[0]?.id ?? newId();
  };
  const caseManager = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'fallmanagerin')
    .executeTakeFirstOrThrow();
  // Her open case with a plan, so plan, goal, journal and evaluation routes reach real records.
  const withPlan = await db
    .selectFrom('cases')
    .innerJoin('plans', 'plans.case_id', 'cases.id')
    .select(['cases.id', 'cases.client_id'])
    .where('cases.responsible_user_id', '=', caseManager.id)
    .where('cases.closed_on', 'is', null)
    .orderBy('cases.case_number')
    .executeTakeFirst();
  const ownCase =
    withPlan ??
    (await db
      .selectFrom('cases')
      .select(['id', 'client_id'])
      .where('responsible_user_id', '=', caseManager.id)
      .orderBy('case_number')
      .executeTakeFirstOrThrow());
  const caseId = ownCase.id;
  const orgUnit = await db
    .selectFrom('user_org_units')
    .select('org_unit_id')
    .where('user_id', '=', caseManager.id)
    .executeTakeFirstOrThrow();
  // A colleague whose account the fuzzing may change (not one of the signed-in demo users).
  const victim = await db
    .selectFrom('users')
    .select('id')
    .where(
      'username',
      'not in',
      DEMO_USERS.map((u) => u.username),
    )
    .limit(1)
    .executeTakeFirst();
  const goalId = await first('plan_goals', { column: 'case_id', value: caseId });
  const partnerId = await first('partners');
  const offerId = await first('offers');
  return {
    cases: caseId,
    clients: ownCase.client_id,
    journal: await first('journal_entries', { column: 'case_id', value: caseId }),
    'plan-goals': goalId,
    users: victim?.id ?? newId(),
    'org-units': orgUnit.org_unit_id,
    organisations: await first('organisations'),
    districts: await first('districts'),
    'indication-criteria': await first('indication_criteria'),
    consents: await first('consents', { column: 'client_id', value: ownCase.client_id }),
    documents: await first('documents'),
    requests: await first('data_subject_requests'),
    instruments: await first('instrument_templates'),
    assessments: await first('assessments', { column: 'case_id', value: caseId }),
    'network-contacts': await first('network_contacts', { column: 'case_id', value: caseId }),
    'partner-types': await first('partner_types'),
    partners: partnerId,
    offers: offerId,
    agreements: await first('cooperation_agreements'),
    referrals: await first('referrals', { column: 'case_id', value: caseId }),
    conferences: await first('conferences', { column: 'case_id', value: caseId }),
    'gap-reports': await first('gap_reports'),
    'follow-ups': await first('follow_ups', { column: 'assignee_user_id', value: caseManager.id }),
    notifications: await first('notifications', { column: 'user_id', value: caseManager.id }),
    delegations: await first('case_delegations', { column: 'case_id', value: caseId }),
    // field names in bodies and queries
    caseId,
    clientId: ownCase.client_id,
    orgUnitId: orgUnit.org_unit_id,
    userId: caseManager.id,
    responsibleUserId: caseManager.id,
    assigneeUserId: caseManager.id,
    goalId,
    partnerId,
    offerId,
  };
}

// ---------------------------------------------------------------------------------------------------------
// A well-formed value for a schema: the base that one mutation at a time is applied to.
// ---------------------------------------------------------------------------------------------------------

function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '').replace(/#$/, '');
    return components[name] ?? {};
  }
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

const TODAY = localDate(new Date());

function validString(schema: JsonSchema, name: string, fixtures: Fixtures): string {
  if (schema.format === 'uuid') return fixtures[name] ?? fixtures[name.replace(/s$/, '')] ?? newId();
  if (schema.format === 'date') return TODAY;
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'email') return 'fuzz@example.org';
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const candidate = ['x', 'de', 'ab', 'x1', 'a.b', '1', '#000000', 'X1'].find((c) => pattern.test(c));
    if (candidate) return candidate;
  }
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

function validValue(
  input: JsonSchema,
  components: Record<string, JsonSchema>,
  fixtures: Fixtures,
  name = '',
  depth = 0,
): unknown {
  const schema = resolve(input, components);
  if (depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const nonNull = branches.find((b) => resolve(b, components).type !== 'null') ?? branches[0];
    return nonNull ? validValue(nonNull, components, fixtures, name, depth + 1) : null;
  }
  if (schema.allOf?.[0]) return validValue(schema.allOf[0], components, fixtures, name, depth + 1);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const property = schema.properties?.[key];
        out[key] = property ? validValue(property, components, fixtures, key, depth + 1) : 'x';
      }
      return out;
    }
    case 'array': {
      const item = schema.items;
      const count = schema.minItems ?? 0;
      return item
        ? Array.from({ length: count }, () => validValue(item, components, fixtures, name, depth + 1))
        : [];
    }
    case 'string':
      return validString(schema, name, fixtures);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 0, 0);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Malformed values
// ---------------------------------------------------------------------------------------------------------

const NASTY_STRINGS: [string, string][] = [
  ['control characters', 'a\u0001\u0007\u001b[31m\r\n\t\u007f\u0085b'],
  ['NUL', 'a\u0000b'],
  ['emoji', '👩‍👩‍👧‍👦🏳️‍🌈😀'],
  ['right-to-left', '\u202Eمرحبا שלום\u202C'],
  ['lone surrogate', 'a\uD800b'],
  ['markup', '<img src=x onerror=alert(1)>"\'--;'],
  ['blank', '   '],
];

/** Values of a type the schema does not expect (one per kind, so each field costs a handful of requests). */
function wrongTypes(schema: JsonSchema): [string, unknown][] {
  const type = typeOf(schema);
  const out: [string, unknown][] = [
    ['object', { a: 1 }],
    ['array', ['x']],
  ];
  if (type !== 'string') out.push(['string', '12']);
  if (type !== 'integer' && type !== 'number') out.push(['number', 12]);
  if (type !== 'boolean') out.push(['boolean', true]);
  return out.filter(([kind]) => kind !== type);
}

function fieldValues(schema: JsonSchema): [string, unknown][] {
  const type = typeOf(schema);
  const out = wrongTypes(schema);
  if (type === 'string') {
    const max = schema.maxLength ?? 10_000;
    out.push(['over maxLength', 'x'.repeat(max + 1)]);
    for (const [label, value] of NASTY_STRINGS) out.push([label, value.slice(0, max)]);
  }
  if (type === 'integer' || type === 'number') {
    out.push(['above maximum', (schema.maximum ?? 2 ** 31) + 1]);
    out.push(['below minimum', (schema.minimum ?? -(2 ** 31)) - 1]);
    out.push(['huge', 1e308]);
    out.push(['unsafe integer', 2 ** 53 + 1]);
    if (type === 'integer') out.push(['fraction', 1.5]);
  }
  if (type === 'array')
    out.push(['too many items', Array.from({ length: (schema.maxItems ?? 1000) + 1 }, () => 'x')]);
  return out;
}

interface FieldPath {
  path: (string | number)[];
  schema: JsonSchema;
}

/** The fields of a body (nested objects and the first item of arrays), up to three levels deep. */
function fieldsOf(
  schema: JsonSchema,
  base: unknown,
  components: Record<string, JsonSchema>,
  prefix: (string | number)[] = [],
): FieldPath[] {
  const resolved = resolve(schema, components);
  if (prefix.length > 3) return [];
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (branches) {
    const nonNull = branches.find((b) => resolve(b, components).type !== 'null');
    return nonNull ? fieldsOf(nonNull, base, components, prefix) : [];
  }
  const out: FieldPath[] = [];
  if (typeOf(resolved) === 'object' && resolved.properties && isRecord(base)) {
    for (const [key, property] of Object.entries(resolved.properties)) {
      out.push({ path: [...prefix, key], schema: resolve(property, components) });
      if (key in base) out.push(...fieldsOf(property, base[key], components, [...prefix, key]));
    }
  }
  if (typeOf(resolved) === 'array' && resolved.items && Array.isArray(base) && base.length > 0) {
    out.push({ path: [...prefix, 0], schema: resolve(resolved.items, components) });
    out.push(...fieldsOf(resolved.items, base[0], components, [...prefix, 0]));
  }
  return out;
}

function withField(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy: unknown = structuredClone(base);
  let target: unknown = copy;
  for (const key of path.slice(0, -1)) {
    if (Array.isArray(target) && typeof key === 'number') target = target[key];
    else if (isRecord(target) && typeof key === 'string') target = target[key];
  }
  const last = path[path.length - 1];
  if (Array.isArray(target) && typeof last === 'number') target[last] = value;
  else if (isRecord(target) && typeof last === 'string') target[last] = value;
  return copy;
}

function withoutField(base: unknown, key: string): unknown {
  if (!isRecord(base)) return base;
  const copy = { ...base };
  delete copy[key];
  return copy;
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

function paramValue(
  parameter: Parameter,
  components: Record<string, JsonSchema>,
  fixtures: Fixtures,
  path: string,
) {
  if (parameter.in === 'path' && parameter.name === 'id') {
    const segment = path.split('/{id}')[0]?.split('/').pop() ?? '';
    return fixtures[segment] ?? newId();
  }
  if (parameter.in === 'path' && parameter.name === 'entryId') return fixtures.journal ?? newId();
  if (parameter.in === 'path' && parameter.name === 'delegationId') return fixtures.delegations ?? newId();
  return String(validValue(parameter.schema, components, fixtures, parameter.name));
}

function buildUrl(path: string, pathValues: Record<string, string>, query: [string, string][]): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? '');
  const search = query.map(([k, v]) => `${k}=${v}`).join('&');
  return search ? `${filled}?${search}` : filled;
}

/** The well-formed request of an operation and its malformed variants. */
function requestsFor(
  op: Operation,
  components: Record<string, JsonSchema>,
  fixtures: Fixtures,
): { base: FuzzRequest; variants: FuzzRequest[] } {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValues: Record<string, string> = {};
  for (const p of pathParams)
    pathValues[p.name] = encodeURIComponent(paramValue(p, components, fixtures, op.path));
  const baseQuery: [string, string][] = queryParams
    .filter((p) => p.required)
    .map((p) => [p.name, encodeURIComponent(paramValue(p, components, fixtures, op.path))]);
  const url = buildUrl(op.path, pathValues, baseQuery);
  const baseBody = op.body ? validValue(op.body, components, fixtures) : undefined;
  const json = (value: unknown): Pick<FuzzRequest, 'payload' | 'contentType'> => ({
    payload: JSON.stringify(value),
    contentType: 'application/json',
  });
  const base: FuzzRequest = {
    label: 'well-formed',
    method: op.method,
    url,
    ...(op.body ? json(baseBody) : {}),
  };
  const variants: FuzzRequest[] = [];
  const add = (label: string, change: Partial<FuzzRequest>) => variants.push({ ...base, label, ...change });

  // path parameters
  for (const p of pathParams) {
    const bad: [string, string][] = [
      ['not of its format', 'not-a-uuid'],
      ['5000 characters', 'x'.repeat(5000)],
      ['NUL', '%00'],
      ['emoji', encodeURIComponent('😀')],
      ['right-to-left', encodeURIComponent('\u202Eabc')],
      ['traversal', '..%2F..%2Fetc%2Fpasswd'],
      ['invalid percent-encoding', '%E0%A4%A'],
      ['negative', '-1'],
      ['huge number', '99999999999999999999999'],
      ['random uuid', newId()],
    ];
    for (const [label, value] of bad) {
      add(`path ${p.name}: ${label}`, {
        url: buildUrl(op.path, { ...pathValues, [p.name]: value }, baseQuery),
      });
    }
  }
  // query parameters
  const withQuery = (extra: [string, string][]) =>
    buildUrl(op.path, pathValues, [...baseQuery.filter(([k]) => !extra.some(([e]) => e === k)), ...extra]);
  for (const p of queryParams) {
    const bad: [string, string][] = [
      ['wrong type', 'abc'],
      ['negative', '-1'],
      ['out of range', '1e309'],
      ['huge number', '99999999999999999999999'],
      ['5000 characters', 'x'.repeat(5000)],
      ['NUL', '%00'],
      ['control characters', '%01%1B%0D%0A'],
      ['emoji', encodeURIComponent('👩‍👩‍👧‍👦')],
      ['right-to-left', encodeURIComponent('\u202Eمرحبا')],
      ['lone surrogate', '%ED%A0%80'],
      ['LIKE wildcards', encodeURIComponent('%_\\\'"')],
      ['empty', ''],
    ];
    for (const [label, value] of bad) add(`query ${p.name}: ${label}`, { url: withQuery([[p.name, value]]) });
    add(`query ${p.name}: given twice`, {
      url: `${withQuery([[p.name, 'a']])}&${p.name}=b`,
    });
  }
  add('unknown query parameter', { url: withQuery([['zzz', '1']]) });
  add('path with NUL', { url: `${url.split('?')[0]}%00` });
  add('__proto__ query parameter', { url: withQuery([['__proto__', '1']]) });
  add('invalid percent-encoding in query', { url: withQuery([['q', '%ZZ']]) });
  add('100 kB query string', { url: withQuery([['q', 'x'.repeat(100_000)]]) });

  if (op.body) {
    add('invalid JSON', { payload: '{"a":' });
    add('trailing garbage', { payload: `${JSON.stringify(baseBody)}x` });
    add('array for the object', json([baseBody]));
    add('empty array', json([]));
    add('null body', json(null));
    add('string body', json('text'));
    add('number body', json(42));
    add('missing all required fields', json({}));
    add('__proto__ key', {
      payload: JSON.stringify(baseBody).replace(/^\{/, '{"__proto__":{"isAdmin":true},').replace(',}', '}'),
    });
    add('constructor.prototype key', {
      payload: JSON.stringify(baseBody)
        .replace(/^\{/, '{"constructor":{"prototype":{"x":1}},')
        .replace(',}', '}'),
    });
    add('unknown field', json({ ...(isRecord(baseBody) ? baseBody : {}), zzzUnknown: 1 }));
    add('text/plain', { contentType: 'text/plain' });
    add('form-encoded', { contentType: 'application/x-www-form-urlencoded', payload: 'a=b&c=d' });
    add('multipart', {
      contentType: 'multipart/form-data; boundary=X',
      payload: '--X\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--X--\r\n',
    });
    add('no content type', { contentType: null });
    add('JSON with a charset nobody knows', { contentType: 'application/json; charset=ebcdic' });
    add('over the body limit', json({ big: 'x'.repeat(1_100_000) }));
    add(
      '1 MB body just under the limit',
      json({ ...(isRecord(baseBody) ? baseBody : {}), big: 'x'.repeat(1_000_000) }),
    );
    add('deep nesting', { payload: `${'['.repeat(5000)}${']'.repeat(5000)}` });
    const resolvedBody = resolve(op.body, components);
    for (const key of resolvedBody.required ?? [])
      add(`missing required ${key}`, json(withoutField(baseBody, key)));
    for (const field of fieldsOf(op.body, baseBody, components)) {
      for (const [label, value] of fieldValues(field.schema)) {
        add(`body ${field.path.join('.')}: ${label}`, json(withField(baseBody, field.path, value)));
      }
    }
  } else if (op.method !== 'GET') {
    add('unexpected body', json({ a: 1 }));
    add('unexpected invalid JSON', { payload: '{', contentType: 'application/json' });
  }
  return { base, variants };
}

/** Generated variants: random JSON as the body or as one field, random text in a parameter. */
function generatedRequests(
  op: Operation,
  base: FuzzRequest,
  components: Record<string, JsonSchema>,
  seed: number,
): FuzzRequest[] {
  if (RUNS <= 0) return [];
  const baseBody: unknown = base.payload ? JSON.parse(base.payload) : undefined;
  const fields = op.body ? fieldsOf(op.body, baseBody, components) : [];
  const text = fc.string({ unit: 'binary', maxLength: 300 });
  const choices: fc.Arbitrary<FuzzRequest>[] = [
    text.map((value) => ({
      ...base,
      label: 'generated query text',
      url: `${base.url}${base.url.includes('?') ? '&' : '?'}q=${encodeURIComponent(value)}`,
    })),
  ];
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  if (queryParams.length > 0) {
    choices.push(
      fc.tuple(fc.constantFrom(...queryParams), text).map(([p, value]) => ({
        ...base,
        label: `generated query ${p.name}`,
        url: `${base.url.split('?')[0]}?${p.name}=${encodeURIComponent(value)}`,
      })),
    );
  }
  if (op.body) {
    choices.push(
      fc.jsonValue().map((value) => ({ ...base, label: 'generated body', payload: JSON.stringify(value) })),
    );
    if (fields.length > 0) {
      choices.push(
        fc.tuple(fc.constantFrom(...fields), fc.oneof(fc.jsonValue(), text)).map(([field, value]) => ({
          ...base,
          label: `generated body ${field.path.join('.')}`,
          payload: JSON.stringify(withField(baseBody, field.path, value)),
        })),
      );
    }
  }
  return fc.sample(fc.oneof(...choices), { numRuns: RUNS, seed });
}

// ---------------------------------------------------------------------------------------------------------
// Database snapshot: row counts and summed versions of every table
// ---------------------------------------------------------------------------------------------------------

async function snapshotQuery(t: TestApp): Promise<() => Promise<string>> {
  // On PostgreSQL the introspection lists the tables of every schema (other test files' too): this
  // database's schema only.
  const schema =
    t.deps.dialect === 'postgresql'
      ? (await sql<{ name: string }>`select current_schema() as name`.execute(t.deps.db)).rows[0]?.name
      : undefined;
  const tables = await underCatalogLock(() => t.deps.db.introspection.getTables());
  const parts = tables
    .filter((table) => schema === undefined || table.schema === schema)
    .filter((table) => !(table.name in SNAPSHOT_EXCLUDED))
    .map((table) => {
      const hasVersion = table.columns.some((c) => c.name === 'version');
      const count = sql`(select count(*) from ${sql.table(table.name)})`;
      const versions = hasVersion
        ? sql`(select coalesce(sum(version), 0) from ${sql.table(table.name)})`
        : sql`0`;
      return sql`${sql.lit(table.name)} || ':' || ${count} || ':' || ${versions}`;
    });
  expect(parts.length).toBeGreaterThan(50);
  const expression = sql.join(parts, sql` || ' ' || `);
  if (t.deps.dialect === 'postgresql') {
    // Planning this statement of some hundred subqueries costs more than running it: a function keeps its
    // plan, so the ten thousand snapshots of a run are planned once.
    await sql`create function fuzz_snapshot() returns text language plpgsql as $fn$
      begin return (select ${expression}); end $fn$`.execute(t.deps.db);
    const call = sql<{ snapshot: string }>`select fuzz_snapshot() as snapshot`;
    return async () => (await call.execute(t.deps.db)).rows[0]?.snapshot ?? '';
  }
  const query = sql<{ snapshot: string }>`select ${expression} as snapshot`;
  return async () => (await query.execute(t.deps.db)).rows[0]?.snapshot ?? '';
}

function differences(after: string, before: string, permitted: string[]): string {
  const a = before.split(' ');
  return after
    .split(' ')
    .filter((entry, i) => entry !== a[i] && !permitted.includes(entry.split(':')[0] ?? ''))
    .join(', ');
}

// ---------------------------------------------------------------------------------------------------------

describe('route fuzzing: every operation of the OpenAPI document', () => {
  let t: TestApp;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    // The report limit per minute would answer most report requests with 429 and hide what comes after it.
    t = await createTestApp({ rateLimits: { reportsPerMinute: 100_000 } });
    await seedDemoIfEmpty(t.deps.db, t.deps.clock());
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  async function sessionOf(username: string): Promise<Session> {
    const known = sessions.get(username);
    if (known) {
      const check = await t.app.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: { cookie: known.cookie },
      });
      if (check.statusCode === 200) return known;
    }
    const fresh = await signIn(t.app, username, DEMO_PASSWORD);
    sessions.set(username, fresh);
    return fresh;
  }

  function send(request: FuzzRequest, session: Session | null) {
    const headers: Record<string, string> = { 'accept-language': 'de' };
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrfToken;
    }
    if (request.contentType) headers['content-type'] = request.contentType;
    return t.app.inject({
      method: request.method,
      url: request.url,
      headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
  }

  it(
    'answers every malformed request with a success or a 4xx problem document, and refused requests store nothing',
    async () => {
      const document = t.app.swagger() as unknown as OpenApiDocument;
      const components = document.components?.schemas ?? {};
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(100);
      const fixtures = await loadFixtures(t);
      const snapshot = await snapshotQuery(t);
      const findings: Finding[] = [];
      // Signing out and changing one's own password end sessions, refused sign-ins count against the
      // client's limit: those go last, sign-in at the very end.
      const last = (op: Operation) =>
        op.path === '/api/auth/login' ? 2 : op.path.startsWith('/api/auth/') ? 1 : 0;
      const ordered = [...operations].sort((a, b) => last(a) - last(b));
      let requests = 0;
      // LOTSE_FUZZ_REPORT=<file>: progress per operation and the findings, for long runs.
      const report = process.env.LOTSE_FUZZ_REPORT;
      if (report) fs.writeFileSync(report, '');
      let reported = 0;

      for (const [index, op] of ordered.entries()) {
        const name = `${op.method} ${op.path}`;
        const { base, variants } = requestsFor(op, components, fixtures);
        // Act as the first demo user whose well-formed request is not refused for lack of permission.
        let actor: Session | null = null;
        if (op.path !== '/api/auth/login') {
          for (const user of DEMO_USERS) {
            const session = await sessionOf(user.username);
            const probe = await send(base, session);
            requests += 1;
            if (probe.statusCode >= 500) {
              findings.push({
                operation: name,
                label: `well-formed as ${user.username}`,
                status: probe.statusCode,
                problem: probe.body.slice(0, 200),
              });
            }
            if (probe.statusCode !== 403) {
              actor = session;
              break;
            }
          }
        }
        const generated = generatedRequests(op, base, components, SEED + index);
        // The state before a request is the state after the last refused one; a success takes a new one.
        let before = await snapshot();
        for (const request of [...variants, ...generated]) {
          const res = await send(request, actor);
          requests += 1;
          const finding = (problem: string) =>
            findings.push({ operation: name, label: request.label, status: res.statusCode, problem });
          // 503 is the documented answer when a dependency is away (database, the authority's sign-in service).
          if (res.statusCode >= 500 && res.statusCode !== 503) {
            finding(res.body.slice(0, 300));
            before = await snapshot();
            continue;
          }
          if (res.statusCode < 400) {
            before = await snapshot();
            continue;
          }
          const contentType = String(res.headers['content-type'] ?? '');
          if (!contentType.startsWith('application/problem+json')) {
            finding(`content-type ${contentType}`);
            continue;
          }
          const body: unknown = JSON.parse(res.body);
          if (
            !isRecord(body) ||
            typeof body.type !== 'string' ||
            typeof body.title !== 'string' ||
            body.status !== res.statusCode
          ) {
            finding('problem without type, title or status');
          }
          const after = await snapshot();
          const changed = differences(after, before, RECORDED_REFUSALS[name] ?? []);
          if (changed) finding(`stored although refused: ${changed}`);
          before = after;
        }
        if (report)
          fs.appendFileSync(
            report,
            `${name}: ${variants.length + generated.length} requests\n${findings
              .slice(reported)
              .map((f) => `  ${f.status} ${f.label}: ${f.problem.slice(0, 200)}\n`)
              .join('')}`,
          );
        reported = findings.length;
        // A sign-out or password change ends the actor's session; the next operation signs in again.
      }
      if (report) fs.appendFileSync(report, JSON.stringify(findings, null, 1));
      expect(requests).toBeGreaterThan(operations.length * 10);
      expect(findings, JSON.stringify(findings.slice(0, 40), null, 1)).toEqual([]);
    },
    30 * 60_000,
  );
});
