// Domain-facing names for the shapes of the generated schema. Derived from `paths` rather than
// `components`, so they survive whether the server names its schemas or inlines them.
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type SessionInfo = Json<paths['/api/auth/session']['get']['responses'][200]>;
export type Me = SessionInfo['user'];
export type Role = Me['roles'][number];
export type Locale = Me['locale'];
export type NamedRef = Me['orgUnits'][number];

export type UserPage = Json<paths['/api/users']['get']['responses'][200]>;
export type User = Json<paths['/api/users/{id}']['get']['responses'][200]>;
export type UserQuery = NonNullable<paths['/api/users']['get']['parameters']['query']>;
export type UserSort = NonNullable<UserQuery['sort']>;

export type OrgUnit = Json<paths['/api/org-units']['get']['responses'][200]>['items'][number];
export type Organisation = Json<paths['/api/organisations']['get']['responses'][200]>['items'][number];

export type AuditPage = Json<paths['/api/audit']['get']['responses'][200]>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type ChainVerification = Json<paths['/api/audit/verify']['get']['responses'][200]>;

/** All roles in the order the UI lists them. */
export const ROLES = [
  'case_manager',
  'team_lead',
  'org_admin',
  'planner',
  'dpo',
  'installation_admin',
] as const satisfies readonly Role[];

// Fails to compile when the server adds a role that ROLES does not list.
type MissingRoles = Exclude<Role, (typeof ROLES)[number]>;
const _allRolesListed: MissingRoles extends never ? true : MissingRoles = true;

export const LOCALES = ['de', 'en'] as const satisfies readonly Locale[];

export function isLocale(value: unknown): value is Locale {
  return value === 'de' || value === 'en';
}

/** One entry of a problem document's `errors[]`: which field, which rule (ajv keyword or domain code). */
export interface FieldProblem {
  pointer: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/**
 * An RFC 9457 problem document as the server sends it. The client also builds one for failures that never
 * reached the server (code `network`) and for its own form checks, so every error takes the same path to the UI.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  current?: unknown;
}
