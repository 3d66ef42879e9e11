import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { openSqlite, type Database } from '../../../server/src/db/database.js';
import { caseListQueries, delegatedCaseIds } from '../../../server/src/modules/cases/service.js';
import type { SeedManifest } from '../scales.js';
import { contextOf, type Cast } from './actors.js';
import { manifestConfig } from './data.js';
import { caseListQueryOf } from './journeys.js';
import { summarise, type LatencySummary } from './stats.js';

/**
 * The database's floor: the SQL the case list runs for its total and its page (caseListQueries in
 * server/src/modules/cases/service.ts, compiled by Kysely for the same users and filters the case-list journey
 * sends), run straight on the driver — pg with one pooled connection per concurrent user, better-sqlite3 one
 * query after the other (it is synchronous: in one process there is no concurrency to have).
 */
export interface BareSqlFigures {
  connections: number;
  /** better-sqlite3 runs one query at a time: the sequential figures stand for every level. */
  sequentialOnly: boolean;
  seconds: number;
  listsPerSecond: number;
  /** Total and page together, as one list costs. */
  latency: LatencySummary;
  count: LatencySummary;
  page: LatencySummary;
}

interface CompiledList {
  count: CompiledQuery;
  page: CompiledQuery;
}

/** Per connection slot (the same case manager as the journey's connection k), its lists in turn. */
async function compileLists(
  database: Database,
  cast: Cast,
  slots: number,
  perSlot: number,
): Promise<CompiledList[][]> {
  const now = new Date();
  const out: CompiledList[][] = [];
  for (let k = 0; k < slots; k += 1) {
    const cm = cast.caseManagers[k % cast.caseManagers.length];
    if (!cm) break;
    const lists: CompiledList[] = [];
    const ctx = contextOf(cm.session.user, now);
    const delegated = await delegatedCaseIds(database.db, ctx);
    for (let i = k; i < k + perSlot; i += 1) {
      const q = caseListQueries(database.db, ctx, caseListQueryOf(cm, i), delegated);
      lists.push({ count: q.count.compile(), page: q.page.compile() });
    }
    out.push(lists);
  }
  return out;
}

const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function figures(
  connections: number,
  sequentialOnly: boolean,
  seconds: number,
  total: number[],
  count: number[],
  page: number[],
): BareSqlFigures {
  return {
    connections,
    sequentialOnly,
    seconds,
    listsPerSecond: total.length / seconds,
    latency: summarise(total),
    count: summarise(count),
    page: summarise(page),
  };
}

async function pgLevel(url: string, lists: CompiledList[][], connections: number, seconds: number) {
  const pool = new pg.Pool({ connectionString: url, max: connections, options: '-c TimeZone=UTC' });
  const total: number[] = [];
  const count: number[] = [];
  const page: number[] = [];
  try {
    // Connect every client first, so connection set-up is not timed.
    const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
    for (const c of clients) c.release();
    const started = process.hrtime.bigint();
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async (_, w) => {
        const own = lists[w % lists.length] ?? [];
        for (let i = 0; Date.now() < until; i += 1) {
          const list = own[i % own.length];
          if (!list) return;
          const t0 = process.hrtime.bigint();
          await pool.query(list.count.sql, [...list.count.parameters]);
          const t1 = process.hrtime.bigint();
          await pool.query(list.page.sql, [...list.page.parameters]);
          count.push(Number(t1 - t0) / 1e6);
          page.push(elapsedMs(t1));
          total.push(elapsedMs(t0));
        }
      }),
    );
    return figures(connections, false, elapsedMs(started) / 1000, total, count, page);
  } finally {
    await pool.end();
  }
}

function sqliteParam(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function sqliteSequential(file: string, lists: CompiledList[][], seconds: number): BareSqlFigures {
  const raw = openSqlite(file);
  const total: number[] = [];
  const count: number[] = [];
  const page: number[] = [];
  try {
    const flat = lists.flat();
    const prepared = flat.map((l) => ({
      count: raw.prepare(l.count.sql),
      countParams: l.count.parameters.map(sqliteParam),
      page: raw.prepare(l.page.sql),
      pageParams: l.page.parameters.map(sqliteParam),
    }));
    const started = process.hrtime.bigint();
    const until = Date.now() + seconds * 1000;
    for (let i = 0; Date.now() < until; i += 1) {
      const list = prepared[i % prepared.length];
      if (!list) break;
      const t0 = process.hrtime.bigint();
      list.count.all(...list.countParams);
      const t1 = process.hrtime.bigint();
      list.page.all(...list.pageParams);
      count.push(Number(t1 - t0) / 1e6);
      page.push(elapsedMs(t1));
      total.push(elapsedMs(t0));
    }
    return figures(1, true, elapsedMs(started) / 1000, total, count, page);
  } finally {
    raw.close();
  }
}

/** The bare case-list SQL at each level (after a short warm-up of its own); SQLite: sequential only. */
export async function bareCaseListSql(
  manifest: SeedManifest,
  database: Database,
  cast: Cast,
  levels: number[],
  seconds: number,
  warmup: number,
): Promise<Map<number, BareSqlFigures>> {
  const config = manifestConfig(manifest);
  const lists = await compileLists(database, cast, Math.max(...levels), 40);
  const out = new Map<number, BareSqlFigures>();
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    for (const level of levels) {
      await pgLevel(url, lists, level, warmup);
      out.set(level, await pgLevel(url, lists, level, seconds));
    }
  } else {
    sqliteSequential(config.sqliteFile, lists, warmup);
    const sequential = sqliteSequential(config.sqliteFile, lists, seconds);
    for (const level of levels) out.set(level, { ...sequential, connections: level });
  }
  return out;
}
