import { parseArgs } from '../db.js';
import { isScaleName, SCALES, type BenchDialect, type ScaleName } from '../scales.js';

export const JOURNEY_KEYS = [
  'dashboard',
  'caseList',
  'openCase',
  'journalAppend',
  'planSave',
  'teamLead',
  'annualStatistics',
  'gapPlanning',
  'retention',
] as const;
export type JourneyKey = (typeof JOURNEY_KEYS)[number];

export interface RunOptions {
  scale: ScaleName;
  dialect: BenchDialect;
  quick: boolean;
  /** Concurrent connections, one measured run per level. */
  users: number[];
  /** Seconds measured per journey and level. */
  duration: number;
  /** Seconds of warm-up before each measured run (not counted). */
  warmup: number;
  only: JourneyKey[];
  /** Another manifest than the scale's (a database made elsewhere). */
  manifest: string | null;
}

export const USAGE = `usage: npm run bench -- --scale office|city|federation [--db sqlite|postgresql] [--quick]
       [--users 1,8,32] [--duration <s>] [--warmup <s>] [--only <journey,…>] [--manifest <file>]
journeys: ${JOURNEY_KEYS.join(', ')}`;

export class UsageError extends Error {}

function positiveNumber(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number`);
  return value;
}

export function parseRunOptions(argv: string[]): RunOptions {
  const args = parseArgs(argv);
  const known = new Set(['scale', 'db', 'quick', 'users', 'duration', 'warmup', 'only', 'manifest', 'help']);
  const unknown = Object.keys(args).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new UsageError(`unknown option --${unknown.join(', --')}`);
  if (args.help) throw new UsageError('');
  const scaleName = args.scale ?? '';
  if (!isScaleName(scaleName)) throw new UsageError('--scale must be office, city or federation');
  const scale = SCALES[scaleName];
  const dialect = (args.db ?? scale.dialects[0]) as BenchDialect;
  if (!scale.dialects.includes(dialect)) {
    throw new UsageError(`--db for the ${scaleName} scale must be one of ${scale.dialects.join(', ')}`);
  }
  const quick = args.quick === 'true';
  const users = (args.users ?? '1,8,32').split(',').map((u) => positiveNumber(u.trim(), 'users'));
  if (users.some((u) => !Number.isInteger(u)))
    throw new UsageError('--users takes whole numbers, e.g. 1,8,32');
  const only = args.only ? args.only.split(',').map((j) => j.trim()) : [...JOURNEY_KEYS];
  const wrong = only.filter((j) => !(JOURNEY_KEYS as readonly string[]).includes(j));
  if (wrong.length > 0) throw new UsageError(`unknown journey ${wrong.join(', ')}`);
  return {
    scale: scaleName,
    dialect,
    quick,
    users: [...new Set(users)].sort((a, b) => a - b),
    duration: args.duration ? positiveNumber(args.duration, 'duration') : quick ? 3 : 15,
    warmup: args.warmup ? positiveNumber(args.warmup, 'warmup') : quick ? 1 : 3,
    only: JOURNEY_KEYS.filter((j) => only.includes(j)),
    manifest: args.manifest ?? null,
  };
}
