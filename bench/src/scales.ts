import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The three data scales of the performance work (issue 9) and where each one's generated database lives.
 * The generator (`npm run bench:seed`) writes a database of a scale; the harness (`npm run bench`) runs the
 * journeys against it. Shared here so both agree on sizes, locations and the users' password.
 */
export type ScaleName = 'office' | 'city' | 'federation';
export type BenchDialect = 'sqlite' | 'postgresql';

export interface Scale {
  name: ScaleName;
  organisations: number;
  /** All users over all organisations (case managers, team leads, an org admin each, a planner each). */
  users: number;
  clients: number;
  cases: number;
  journalEntries: number;
  /** Which databases the scale is meant for; the first is the default. */
  dialects: BenchDialect[];
}

export const SCALES: Record<ScaleName, Scale> = {
  office: {
    name: 'office',
    organisations: 1,
    users: 10,
    clients: 5_000,
    cases: 6_000,
    journalEntries: 60_000,
    dialects: ['sqlite', 'postgresql'],
  },
  city: {
    name: 'city',
    organisations: 20,
    users: 300,
    clients: 100_000,
    cases: 120_000,
    journalEntries: 1_500_000,
    dialects: ['postgresql', 'sqlite'],
  },
  federation: {
    name: 'federation',
    organisations: 500,
    users: 2_500,
    clients: 1_000_000,
    cases: 1_200_000,
    journalEntries: 15_000_000,
    dialects: ['postgresql'],
  },
};

export function isScaleName(value: string): value is ScaleName {
  return value in SCALES;
}

/** Every generated user signs in with this password (fictional data only). */
export const BENCH_PASSWORD = 'Bench-Passwort-2026!';

export const BENCH_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The SQLite data directory of a scale (the server's LOTSE_DATA_DIR; the file in it is `lotse.db`). */
export function sqliteDataDir(scale: ScaleName): string {
  return path.join(BENCH_ROOT, 'data', scale);
}

/**
 * The PostgreSQL server to use: BENCH_DATABASE_URL, else DATABASE_URL, else TEST_DATABASE_URL. Each scale gets
 * a database of its own on that server (`lotse_bench_<scale>`), never the one in the URL.
 */
export function pgServerUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.BENCH_DATABASE_URL || env.DATABASE_URL || env.TEST_DATABASE_URL || null;
}

export function pgScaleUrl(serverUrl: string, scale: ScaleName): string {
  const url = new URL(serverUrl);
  url.pathname = `/lotse_bench_${scale}`;
  return url.toString();
}

/** Written by the generator after a complete run, read by the harness (is the data there, and what is it). */
export interface SeedManifest {
  scale: ScaleName;
  dialect: BenchDialect;
  /**
   * The server's environment for this database: DATABASE_URL or LOTSE_DATA_DIR (with DATABASE_URL empty), and
   * LOTSE_ENCRYPTION_KEYS, the key ring the special-category values were encrypted with.
   */
  env: Record<string, string>;
  generatedAt: string;
  /** The generated data's "today" (YYYY-MM-DD): dates lie before it, follow-ups fall due around it. */
  dataToday?: string;
  commit: string;
  seconds: number;
  /** Rows per table after generation. */
  counts: Record<string, number>;
}

export function manifestPath(scale: ScaleName, dialect: BenchDialect): string {
  return path.join(BENCH_ROOT, 'data', `${scale}-${dialect}.manifest.json`);
}
