import path from 'node:path';
import { ROLES, type Role } from './context.js';

/**
 * Configuration is read once from the environment and validated here, so a wrong value stops the start
 * with a message naming the variable instead of failing later in a request.
 */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** App processes on this machine sharing the port (node:cluster); 1 = this process serves itself. */
  workers: number;
  /** PostgreSQL connection string; absent → embedded SQLite. */
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile: string;
  /** SQLite's commit durability: full (survives a power loss) or normal (survives a killed process). */
  sqliteSynchronous: 'full' | 'normal';
  /** PostgreSQL: prepare statements by name per connection (db/database.ts preparingPool). */
  pgPreparedStatements: boolean;
  /** Seed the demo organisation on first start (see README). */
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  /** Secure cookies: 'auto' sets them when the request came in over TLS (directly or via a trusted proxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  session: { idleMinutes: number; absoluteHours: number };
  login: {
    maxFailures: number;
    lockMinutes: number;
    ipWindowMinutes: number;
    ipMaxFailures: number;
  };
  /** Database-kept rate limits (core/rate-limits.ts); 0 switches a limit off. */
  rateLimits: { reportsPerMinute: number };
  webDist: string | null;
  version: string;
  /** "id:base64key,…" — first key encrypts; see docs/operations.md (key rotation). */
  encryptionKeys: string | null;
  /** npm run backup / restore (docs/operations.md): LOTSE_BACKUP_KEY or LOTSE_BACKUP_KEY_FILE, LOTSE_BACKUP_DIR. */
  backup: { key: string | null; keyFile: string | null; dir: string };
  /** Single sign-on with OpenID Connect (docs/sso.md); null when LOTSE_OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Null for a public client (PKCE only); otherwise sent as client_secret_post. */
  clientSecret: string | null;
  /** Where the provider sends the browser back: …/api/auth/oidc/callback. */
  redirectUrl: string;
  /** Claim that becomes the Lotse username (dotted path, e.g. preferred_username). */
  usernameClaim: string;
  /** Claim with the user's groups or roles (dotted path, e.g. realm_access.roles for Keycloak). */
  rolesClaim: string;
  /** Claim value → Lotse roles; values not in the map give no role. */
  roleMap: Record<string, Role[]>;
  /** Every SSO user belongs to this organisation (its id). */
  organisationId: string;
  /** Org unit (id or name) new SSO users join; null → the organisation's oldest active unit. */
  orgUnit: string | null;
  /** Authentication methods (`amr`) of which the ID token must name one, e.g. otp; empty → no check. */
  requiredAmr: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}`);
  return value;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function enumVar<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
}

/** "Claim value → role(s)" as JSON, e.g. {"lotse-fallmanagement":"case_manager"}; every role must exist. */
export function parseRoleMap(raw: string, variable = 'LOTSE_OIDC_ROLE_MAP'): Record<string, Role[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(variable, 'must be a JSON object such as {"lotse-fallmanagement":"case_manager"}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(variable, 'must be a JSON object such as {"lotse-fallmanagement":"case_manager"}');
  }
  const map: Record<string, Role[]> = {};
  for (const [claimValue, target] of Object.entries(parsed)) {
    const roles: unknown[] = Array.isArray(target) ? target : [target];
    const known = roles.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
    if (known.length !== roles.length || known.length === 0) {
      throw new ConfigError(variable, `"${claimValue}" must map to one or more of ${ROLES.join(', ')}`);
    }
    map[claimValue] = [...new Set(known)];
  }
  if (Object.keys(map).length === 0) throw new ConfigError(variable, 'maps no claim value to a role');
  return map;
}

function urlVar(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Off unless LOTSE_OIDC_ISSUER is set; then client id, organisation and role map are required. */
function oidcConfig(env: Env): OidcConfig | null {
  const issuer = urlVar(env, 'LOTSE_OIDC_ISSUER');
  if (issuer === null) return null;
  // Plain HTTP only to a provider on this machine (development, the test suite): tokens travel over it.
  if (new URL(issuer).protocol === 'http:' && !LOOPBACK.has(new URL(issuer).hostname)) {
    throw new ConfigError('LOTSE_OIDC_ISSUER', 'must be an https:// URL');
  }
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(name, 'is required when LOTSE_OIDC_ISSUER is set');
    return value;
  };
  const publicUrl = urlVar(env, 'LOTSE_PUBLIC_URL');
  const redirectUrl =
    urlVar(env, 'LOTSE_OIDC_REDIRECT_URL') ??
    (publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback` : null);
  if (redirectUrl === null) {
    throw new ConfigError(
      'LOTSE_OIDC_REDIRECT_URL',
      'or LOTSE_PUBLIC_URL is required when LOTSE_OIDC_ISSUER is set',
    );
  }
  const organisationId = required('LOTSE_OIDC_ORGANISATION');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organisationId)) {
    throw new ConfigError('LOTSE_OIDC_ORGANISATION', "must be the organisation's id (a UUID)");
  }
  const optional = (name: string, fallback: string): string => env[name]?.trim() || fallback;
  return {
    issuer,
    clientId: required('LOTSE_OIDC_CLIENT_ID'),
    clientSecret: env.LOTSE_OIDC_CLIENT_SECRET?.trim() || null,
    redirectUrl,
    usernameClaim: optional('LOTSE_OIDC_USERNAME_CLAIM', 'preferred_username'),
    rolesClaim: optional('LOTSE_OIDC_ROLES_CLAIM', 'roles'),
    roleMap: parseRoleMap(required('LOTSE_OIDC_ROLE_MAP')),
    organisationId: organisationId.toLowerCase(),
    orgUnit: env.LOTSE_OIDC_ORG_UNIT?.trim() || null,
    requiredAmr: (env.LOTSE_OIDC_REQUIRED_AMR ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  };
}

/** The backup key comes from the environment or a file (a secrets mount), never both. */
function backupConfig(env: Env): Config['backup'] {
  const key = env.LOTSE_BACKUP_KEY && env.LOTSE_BACKUP_KEY !== '' ? env.LOTSE_BACKUP_KEY : null;
  const keyFile =
    env.LOTSE_BACKUP_KEY_FILE && env.LOTSE_BACKUP_KEY_FILE !== '' ? env.LOTSE_BACKUP_KEY_FILE : null;
  if (key !== null && keyFile !== null) {
    throw new ConfigError(
      'LOTSE_BACKUP_KEY',
      'set either LOTSE_BACKUP_KEY or LOTSE_BACKUP_KEY_FILE, not both',
    );
  }
  return { key, keyFile, dir: path.resolve(env.LOTSE_BACKUP_DIR || 'backups') };
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = enumVar(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const dataDir = path.resolve(env.LOTSE_DATA_DIR ?? 'data');
  // Demo data only where nobody could mistake it for real data, unless asked for explicitly.
  const demoDefault = nodeEnv !== 'production' && databaseUrl === null;
  const config: Config = {
    env: nodeEnv,
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    workers: intVar(env, 'LOTSE_WORKERS', 1, 1, 64),
    databaseUrl,
    dataDir,
    sqliteFile: path.join(dataDir, 'lotse.db'),
    sqliteSynchronous: enumVar(env, 'LOTSE_SQLITE_SYNCHRONOUS', ['full', 'normal'] as const, 'full'),
    pgPreparedStatements: boolVar(env, 'LOTSE_PG_PREPARED_STATEMENTS', true),
    demo: boolVar(env, 'LOTSE_DEMO', demoDefault),
    logLevel: enumVar(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    trustProxy: boolVar(env, 'LOTSE_TRUST_PROXY', false),
    cookieSecure: enumVar(env, 'LOTSE_COOKIE_SECURE', ['auto', 'always', 'never'] as const, 'auto'),
    session: {
      idleMinutes: intVar(env, 'LOTSE_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      absoluteHours: intVar(env, 'LOTSE_SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    },
    login: {
      maxFailures: intVar(env, 'LOTSE_LOGIN_MAX_FAILURES', 5, 1, 100),
      lockMinutes: intVar(env, 'LOTSE_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      ipWindowMinutes: intVar(env, 'LOTSE_LOGIN_IP_WINDOW_MINUTES', 15, 1, 24 * 60),
      ipMaxFailures: intVar(env, 'LOTSE_LOGIN_IP_MAX_FAILURES', 30, 1, 10000),
    },
    rateLimits: {
      reportsPerMinute: intVar(env, 'LOTSE_RATE_LIMIT_REPORTS_PER_MINUTE', 30, 0, 100000),
    },
    webDist: env.LOTSE_WEB_DIST ?? null,
    encryptionKeys:
      env.LOTSE_ENCRYPTION_KEYS && env.LOTSE_ENCRYPTION_KEYS !== '' ? env.LOTSE_ENCRYPTION_KEYS : null,
    backup: backupConfig(env),
    version: env.npm_package_version ?? '0.1.0',
    oidc: oidcConfig(env),
    ...overrides,
  };
  // SQLite allows one writer: several processes on one file would fail each other's transactions.
  if (config.workers > 1 && config.databaseUrl === null) {
    throw new ConfigError(
      'LOTSE_WORKERS',
      'above 1 needs PostgreSQL (DATABASE_URL); SQLite serves one process',
    );
  }
  return config;
}
