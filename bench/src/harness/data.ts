import fs from 'node:fs';
import { loadConfig, type Config } from '../../../server/src/core/config.js';
import { createDatabase, type Database } from '../../../server/src/db/database.js';
import { manifestPath, type SeedManifest } from '../scales.js';
import type { RunOptions } from './options.js';
import { runVisible, tsxArgs } from './processes.js';

function readManifest(file: string): SeedManifest | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedManifest;
}

/**
 * The generated data of the scale and database: the generator's manifest, or — when there is none — a run of
 * the generator (`bench/src/seed.ts`) first, which writes it.
 */
export async function ensureData(
  options: RunOptions,
): Promise<{ manifest: SeedManifest; generated: boolean }> {
  const file = options.manifest ?? manifestPath(options.scale, options.dialect);
  const found = readManifest(file);
  if (found) return { manifest: found, generated: false };
  if (options.manifest) throw new Error(`no manifest at ${options.manifest}`);
  console.log(`No ${options.scale} data on ${options.dialect} yet: generating it (bench/src/seed.ts) …`);
  await runVisible(
    'the data generator',
    process.execPath,
    tsxArgs('bench/src/seed.ts', ['--scale', options.scale, '--db', options.dialect]),
  );
  const written = readManifest(file);
  if (!written) throw new Error(`the data generator finished without writing ${file}`);
  return { manifest: written, generated: true };
}

/**
 * The environment of a production server on this data: the manifest's (DATABASE_URL or LOTSE_DATA_DIR, the
 * encryption keys) over the harness's own, without any database or Lotse setting the shell happens to carry.
 */
/** Server settings a run may vary from the shell (they change how, not which data is served). */
export const PASSED_THROUGH = ['LOTSE_SQLITE_SYNCHRONOUS', 'LOTSE_WORKERS'];

export function serverEnvironment(manifest: SeedManifest, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'DATABASE_URL' || key === 'PORT' || key === 'HOST') continue;
    if (key.startsWith('LOTSE_') && !PASSED_THROUGH.includes(key)) continue;
    env[key] = value;
  }
  // Load runs ask for reports far faster than a person would: the per-user report limit is switched off.
  return { ...env, LOTSE_RATE_LIMIT_REPORTS_PER_MINUTE: '0', ...manifest.env, ...extra };
}

/** The configuration the server derives from the manifest's environment (which database, which file). */
export function manifestConfig(manifest: SeedManifest): Config {
  return loadConfig({ NODE_ENV: 'production', ...manifest.env });
}

/** A connection of the harness's own to the generated database (choosing users, the bare-SQL floor). */
export function openManifestDatabase(manifest: SeedManifest, poolSize = 4): Database {
  const config = manifestConfig(manifest);
  return createDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile, poolSize });
}
