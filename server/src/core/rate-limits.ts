import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { AppDeps, Executor } from './context.js';
import { Problem } from './errors.js';
import { sha256Hex } from './ids.js';
import { problemResponses } from './schemas.js';

/**
 * Rate limits kept in the database, so two app instances behind a load balancer count into the same number
 * (an in-memory counter would let a client double its allowance by hitting both). Fixed windows: the bucket
 * of a limit, subject and window number is one row whose `hits` the insert-or-increment statement raises
 * atomically on SQLite and PostgreSQL alike. Subjects (a user id, an address) are stored hashed.
 */
export interface RateLimitRule {
  /** Stable name, part of the bucket key, e.g. "report". */
  name: string;
  /** Requests allowed per window; 0 switches the limit off. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  hits: number;
  allowed: boolean;
  /** Seconds until the current window ends (when a refused client may try again). */
  retryAfterSeconds: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is an expensive report or export: limited per user per minute (config.rateLimits.reports). */
    rateLimit?: 'report';
  }
}

function windowOf(rule: RateLimitRule, now: Date): { index: number; endsAt: Date } {
  const windowMs = rule.windowSeconds * 1000;
  const index = Math.floor(now.getTime() / windowMs);
  return { index, endsAt: new Date((index + 1) * windowMs) };
}

function bucketKey(rule: RateLimitRule, subject: string, index: number): string {
  return `${rule.name}:${sha256Hex(subject)}:${index}`;
}

function stateOf(rule: RateLimitRule, hits: number, endsAt: Date, now: Date): RateLimitState {
  return {
    hits,
    allowed: rule.limit === 0 || hits <= rule.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Counts one request of the subject and says whether it is still within the limit. */
export async function countRequest(
  db: Executor,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<RateLimitState> {
  const { index, endsAt } = windowOf(rule, now);
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket: bucketKey(rule, subject, index), hits: 1, expires_at: endsAt.toISOString() })
    .onConflict((oc) => oc.column('bucket').doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return stateOf(rule, Number(row.hits), endsAt, now);
}

/** The subject's count in the current window, without counting. */
export async function currentCount(
  db: Executor,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<RateLimitState> {
  const { index, endsAt } = windowOf(rule, now);
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('bucket', '=', bucketKey(rule, subject, index))
    .executeTakeFirst();
  return stateOf(rule, Number(row?.hits ?? 0), endsAt, now);
}

/** Counts the request and refuses it with 429 (and Retry-After) once the limit is used up. */
export async function enforceRateLimit(
  db: Executor,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<void> {
  if (rule.limit === 0) return;
  const state = await countRequest(db, rule, subject, now);
  if (!state.allowed) {
    throw new Problem('rate-limited', { extra: { retryAfterSeconds: state.retryAfterSeconds } });
  }
}

const ACCOUNT_LOCKS: RateLimitRule = { name: 'account-lock', limit: 0, windowSeconds: 24 * 3600 };
const LONGEST_LOCK_MINUTES = 24 * 60;

/**
 * Back-off for account locks (ASVS 2.2.1): counts this lock and returns how long it lasts — the configured
 * time for the first lock of the day, twice as long for each further one, never more than a day.
 */
export async function nextLockMinutes(
  db: Executor,
  userId: string,
  baseMinutes: number,
  now: Date,
): Promise<number> {
  const { hits } = await countRequest(db, ACCOUNT_LOCKS, userId, now);
  return Math.min(baseMinutes * 2 ** Math.min(hits - 1, 20), LONGEST_LOCK_MINUTES);
}

/** Housekeeping: windows that are over hold nothing worth keeping. */
export async function purgeRateLimits(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<=', now.toISOString()).execute();
}

export function reportRule(deps: AppDeps): RateLimitRule {
  return { name: 'report', limit: deps.config.rateLimits.reportsPerMinute, windowSeconds: 60 };
}

/**
 * Routes marked `config: { rateLimit: 'report' }` (statistics, planning view, exports, chain verification)
 * are limited per signed-in user. Runs after the session hook, before the body is read.
 */
export function registerRateLimits(app: FastifyInstance, deps: AppDeps): void {
  // The OpenAPI document names the 429 of every limited route.
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit !== 'report' || !route.schema) return;
    route.schema = {
      ...route.schema,
      response: { ...(route.schema.response ?? {}), ...problemResponses(429) },
    };
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.rateLimit !== 'report' || !request.session) return;
    await enforceRateLimit(deps.db, reportRule(deps), request.session.userId, deps.clock());
  });
}
