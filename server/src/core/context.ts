import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import type { DialectName } from '../db/database.js';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { KeyRing } from './crypto.js';
import type { Locale } from './errors.js';

export const ROLES = [
  'case_manager',
  'team_lead',
  'org_admin',
  'planner',
  'dpo',
  'installation_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person as policies see them. */
export interface Actor {
  userId: string;
  organisationId: string;
  roles: readonly Role[];
  orgUnitIds: readonly string[];
}

/** What a use case knows about the request that triggered it; no HTTP objects below routes.ts. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  locale: Locale;
  now: Date;
}

export interface AppDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  config: Config;
  clock: Clock;
  keys: KeyRing;
}

export type Executor = Kysely<DB> | Transaction<DB>;
