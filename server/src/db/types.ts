import type { ColumnType, Generated, SqlBool } from 'kysely';

/**
 * Table types of the Lotse database, kept by hand next to the migrations (one migration set for both
 * dialects). Value shapes are the same on SQLite and PostgreSQL, see db/database.ts.
 */

/** ISO-8601 timestamp in UTC, e.g. "2026-11-23T14:05:00.000Z". */
export type Timestamp = string;
/** Calendar date "YYYY-MM-DD". */
export type DateString = string;
/** JSON stored as text (SQLite) or jsonb (PostgreSQL); always read and written as its text. */
export type JsonText = string;
export type Bool = ColumnType<SqlBool, boolean, boolean>;

export interface OrganisationTable {
  id: string;
  name: string;
  short_code: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface OrgUnitTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string | null;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface RoleTable {
  code: string;
  description: string;
}

export interface UserTable {
  id: string;
  organisation_id: string;
  /** Stored in lower case: sign-in ignores case. */
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  locale: string;
  deactivated_at: Timestamp | null;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface UserOrgUnitTable {
  user_id: string;
  org_unit_id: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself only ever lives in the user's cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
}

export interface LoginAttemptTable {
  id: string;
  ip: string;
  attempted_at: Timestamp;
  succeeded: Bool;
}

export interface AuditChainTable {
  chain_id: string;
  last_seq: number;
  last_hash: string;
}

export interface AuditLogTable {
  chain_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  details: JsonText;
  prev_hash: string;
  hash: string;
}

export interface DB {
  organisations: OrganisationTable;
  org_units: OrgUnitTable;
  roles: RoleTable;
  users: UserTable;
  user_roles: UserRoleTable;
  user_org_units: UserOrgUnitTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_chains: AuditChainTable;
  audit_log: AuditLogTable;
}
