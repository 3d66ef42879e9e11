import path from 'node:path';

/**
 * Configuration is read once from the environment and validated here, so a wrong value stops the start
 * with a message naming the variable instead of failing later in a request.
 */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** PostgreSQL connection string; absent → embedded SQLite. */
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile: string;
  /** SQLite's commit durability: full (survives a power loss) or normal (survives a killed process). */
  sqliteSynchronous: 'full' | 'normal';
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
    databaseUrl,
    dataDir,
    sqliteFile: path.join(dataDir, 'lotse.db'),
    sqliteSynchronous: enumVar(env, 'LOTSE_SQLITE_SYNCHRONOUS', ['full', 'normal'] as const, 'full'),
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
    ...overrides,
  };
  return config;
}
