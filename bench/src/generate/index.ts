import type { Kysely } from 'kysely';
import type { KeyRing } from '../../../server/src/core/crypto.js';
import type { DialectName } from '../../../server/src/db/database.js';
import type { DB } from '../../../server/src/db/types.js';
import { SHIPPED_INSTRUMENTS } from '../../../server/src/modules/assessment/shipped-instruments.js';
import type { InstrumentTemplate } from '../../../server/src/modules/assessment/template.js';
import {
  buildCase,
  clientRows,
  newClient,
  planChain,
  type Client,
  type Context,
  type Skeleton,
} from './cases.js';
import { dayOf, isoDate } from './calendar.js';
import { setUpOrganisation, staffPlan, type Organisation } from './organisations.js';
import { Rng } from './random.js';
import { BulkWriter, emptyBuffers } from './writer.js';

/**
 * The benchmark's data generator (issue 9): organisations with their staff and partner directories, then
 * clients and cases day by day over the last years up to today — all organisations side by side, so the
 * time-ordered ids follow the opening day as they do in a real installation. Each case is written with
 * everything that happened in it (cases.ts); chunks of cases go to the database in one transaction each, so
 * memory stays flat at any scale. Sizes come from a scale (scales.ts) or are given directly (tests).
 */

export interface Sizes {
  organisations: number;
  /** All users over all organisations. */
  users: number;
  clients: number;
  cases: number;
  journalEntries: number;
}

export interface GenerateOptions {
  dialect: DialectName;
  /** The key ring special-category values are encrypted with (the server must be started with the same). */
  keys: KeyRing;
  /** The hash of BENCH_PASSWORD, computed once (hashPassword) and given to every user. */
  passwordHash: string;
  /** "Today" of the data; default: now. */
  now?: Date;
  /** How many years the office has worked with Lotse (default 5). */
  years?: number;
  seed?: number;
  /** Cases per transaction. */
  chunkCases?: number;
  /** Chunks written at the same time (default: 2 on PostgreSQL, 1 on SQLite). */
  writers?: number;
  log?: (line: string) => void;
}

export interface GeneratedUser {
  id: string;
  username: string;
  roles: string[];
  orgUnitIds: string[];
}

export interface GeneratedOrganisation {
  id: string;
  name: string;
  shortCode: string;
  users: GeneratedUser[];
}

export interface GenerateResult {
  /** Rows written per table. */
  counts: Record<string, number>;
  organisations: GeneratedOrganisation[];
  /** The generated data's "today". */
  today: string;
  seconds: number;
}

/** Splits a total by weights into whole numbers (largest remainder), each at least `min`. */
export function allocate(total: number, weights: number[], min = 0): number[] {
  const rest = total - min * weights.length;
  if (rest < 0) throw new Error(`cannot give ${weights.length} parts at least ${min} of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let missing = rest - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (missing <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    missing -= 1;
  }
  return parts.map((p) => p + min);
}

/** The state of one organisation while its cases are generated. */
interface OrgRun {
  org: Organisation;
  /** Opening days of the clients' first cases, ascending. */
  firstDays: Int32Array;
  /** Suffix sums of the repeat capacity (days left after each first contact), for the repeat probability. */
  capacity: Float64Array;
  next: number;
  caseTarget: number;
  repeatTarget: number;
  repeatsPlanned: number;
  casesBuilt: number;
  journalTarget: number;
  journalWritten: number;
  /** Recent cases' journal weight (moving average): what the next cases will need, not the all-time mean. */
  recentWeight: number;
  cmShare: number;
}

/** Relative amount of journal work in a case: by kind and by how long it ran. */
function journalWeight(skeleton: Skeleton, today: number): number {
  const span = Math.max(0, (skeleton.quietFrom ?? skeleton.closeDay ?? today) - skeleton.openDay);
  if (skeleton.kind === 'information') return 1.2;
  if (skeleton.kind === 'counselling') return 2 + span / 15;
  return 4 + span / 10;
}

/**
 * Opening days of `count` first contacts between `start` and `today`, slightly more in later years (density
 * growing linearly by `growth` over the period), sorted.
 */
function firstContactDays(rng: Rng, count: number, start: number, today: number, growth = 0.4): Int32Array {
  const days = new Int32Array(count);
  const span = today - start;
  for (let i = 0; i < count; i += 1) {
    const u = rng.float();
    const x = (-1 + Math.sqrt(1 + 2 * growth * (1 + growth / 2) * u)) / growth;
    days[i] = start + Math.min(span, Math.floor(x * (span + 1)));
  }
  return days.sort();
}

export async function generate(
  db: Kysely<DB>,
  sizes: Sizes,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const rng = new Rng(options.seed ?? 20_260_101);
  const today = dayOf(options.now ?? new Date());
  const years = options.years ?? 5;
  const start = today - Math.round(years * 365);
  const totalDays = today - start + 1;
  const chunkCases = options.chunkCases ?? 2_000;
  const writer = new BulkWriter(db, options.dialect);
  if (sizes.cases < sizes.clients) throw new Error('cases must be at least as many as clients');

  // Organisations differ in size (a city's agencies, a federation's offices); shares decide everything else.
  const weights = Array.from({ length: sizes.organisations }, () =>
    sizes.organisations === 1 ? 1 : 0.6 + rng.float() * 0.8,
  );
  const users = allocate(sizes.users, weights, 4);
  const clients = allocate(sizes.clients, weights);
  const repeats = allocate(sizes.cases - sizes.clients, weights);
  const journal = allocate(sizes.journalEntries, weights);
  const definitions = new Map<string, InstrumentTemplate>(SHIPPED_INSTRUMENTS.map((d) => [d.key, d]));

  log(
    `Setting up ${sizes.organisations.toLocaleString('en')} organisation(s) and ${sizes.users.toLocaleString('en')} users …`,
  );
  const runs: OrgRun[] = [];
  for (let o = 0; o < sizes.organisations; o += 1) {
    const org = await setUpOrganisation(db, writer, rng, {
      index: o,
      organisations: sizes.organisations,
      users: users[o] ?? 4,
      passwordHash: options.passwordHash,
      createdDay: start - 30,
      // One coordination office (KIM) reads the aggregates of the organisations that share them.
      coordinationOffice: sizes.organisations > 1 && o === 0,
      sharesAggregates: sizes.organisations > 1 && (o === 0 || rng.chance(0.8)),
      definitions,
    });
    const firstDays = firstContactDays(rng, clients[o] ?? 0, start, today);
    const capacity = new Float64Array(firstDays.length + 1);
    for (let i = firstDays.length - 1; i >= 0; i -= 1)
      capacity[i] = (capacity[i + 1] ?? 0) + Math.max(0, today - (firstDays[i] ?? today) - 60);
    const caseTarget = (clients[o] ?? 0) + (repeats[o] ?? 0);
    const caseManagers = staffPlan(users[o] ?? 4).caseManagers;
    // Case management takes about 36 running cases per case manager (the JMD guide's 30 to 45 per post); the
    // rest is counselling and information.
    const perDay = caseTarget / totalDays;
    runs.push({
      org,
      firstDays,
      capacity,
      next: 0,
      caseTarget,
      repeatTarget: repeats[o] ?? 0,
      repeatsPlanned: 0,
      casesBuilt: 0,
      journalTarget: journal[o] ?? 0,
      journalWritten: 0,
      recentWeight: 0,
      cmShare: Math.max(0.15, Math.min(0.65, (caseManagers * 36) / Math.max(0.01, perDay * 270))),
    });
    if ((o + 1) % 50 === 0) log(`  ${o + 1} organisations (${elapsed().toFixed(1)} s)`);
  }
  log(`  done in ${elapsed().toFixed(1)} s`);

  const ctx: Context = {
    rng,
    keys: options.keys,
    today,
    buffers: emptyBuffers(),
    gaps: new Map(),
    counters: new Map(),
    chunk: 0,
    dependsOn: -1,
  };
  const later = new Map<number, { run: OrgRun; client: Client; skeleton: Skeleton }[]>();
  let chunk = 0;
  let casesBuilt = 0;
  let journalWritten = 0;
  let lastRows = writer.total();
  let lastTime = elapsed();

  const build = (run: OrgRun, client: Client, skeleton: Skeleton, first: boolean) => {
    const weight = journalWeight(skeleton, today);
    const remainingCases = Math.max(1, run.caseTarget - run.casesBuilt);
    run.recentWeight = run.casesBuilt === 0 ? weight : run.recentWeight * 0.98 + weight * 0.02;
    const factor = Math.max(
      0.2,
      Math.min(8, (run.journalTarget - run.journalWritten) / Math.max(1, remainingCases * run.recentWeight)),
    );
    const built = buildCase(ctx, client, skeleton, Math.max(1, rng.round(weight * factor)), first);
    run.casesBuilt += 1;
    run.journalWritten += built.journal;
    casesBuilt += 1;
    journalWritten += built.journal;
    chunk += 1;
  };

  // A chunk is written while the next one is built (the database works on its cores, the generator on its
  // own): the buffers are swapped, and the building yields now and then so the driver can send the next
  // statement. On PostgreSQL two chunks may be written at once — unless the newer one refers to a client or gap
  // report of the older (a foreign key sees only committed rows): then the older is finished first. SQLite has
  // one writer.
  const writers = options.writers ?? (options.dialect === 'postgresql' ? 2 : 1);
  const inFlight: { chunk: number; done: Promise<void> }[] = [];
  let lastYield = 0;
  const flush = async (day: number) => {
    const full = ctx.buffers;
    const number = ctx.chunk;
    const dependsOn = ctx.dependsOn;
    ctx.buffers = emptyBuffers();
    ctx.chunk += 1;
    ctx.dependsOn = -1;
    chunk = 0;
    while (inFlight.length >= writers || (inFlight[0] && inFlight[0].chunk <= dependsOn)) {
      await inFlight.shift()?.done;
    }
    const built = casesBuilt;
    const journalSoFar = journalWritten;
    inFlight.push({
      chunk: number,
      done: writer.flush(full).then(() => {
        const now = elapsed();
        const rows = writer.total();
        log(
          `  ${now.toFixed(1).padStart(7)} s  ${isoDate(day)}  cases ${built.toLocaleString('en')}/${sizes.cases.toLocaleString('en')}` +
            `  journal ${journalSoFar.toLocaleString('en')}  rows ${rows.toLocaleString('en')}` +
            `  (${Math.round((rows - lastRows) / Math.max(0.001, now - lastTime)).toLocaleString('en')} rows/s)`,
        );
        lastRows = rows;
        lastTime = now;
      }),
    });
  };

  for (let day = start; day <= today; day += 1) {
    for (const run of runs) {
      while (run.next < run.firstDays.length && run.firstDays[run.next] === day) {
        const i = run.next;
        run.next += 1;
        // Come-backs are planned with the first case; the probability keeps the organisation on its target.
        const capacity = run.capacity[i] ?? 0;
        const own = Math.max(0, today - day - 60);
        const repeat =
          capacity > 0 ? Math.min(0.9, ((run.repeatTarget - run.repeatsPlanned) * own) / capacity) : 0;
        const chain = planChain(rng, day, today, run.cmShare, Math.max(0, repeat));
        run.repeatsPlanned += chain.length - 1;
        const client = newClient(ctx, run.org, day, chain);
        clientRows(ctx, client, day, client.manager.id, ctx.buffers);
        build(run, client, chain[0] as Skeleton, true);
        for (const skeleton of chain.slice(1)) {
          const list = later.get(skeleton.openDay) ?? [];
          list.push({ run, client, skeleton });
          later.set(skeleton.openDay, list);
        }
      }
    }
    for (const { run, client, skeleton } of later.get(day) ?? []) build(run, client, skeleton, false);
    later.delete(day);
    if (chunk >= chunkCases) await flush(day);
    else if (inFlight.length > 0 && casesBuilt - lastYield >= 32) {
      lastYield = casesBuilt;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await flush(today);
  await Promise.all(inFlight.map((f) => f.done));

  // The yearly case-number sequences as the cases module keeps them: a case opened through the API next gets
  // the following number.
  const counters = [...ctx.counters.entries()].flatMap(([organisationId, years]) =>
    [...years.entries()].map(([year, last]) => ({ organisation_id: organisationId, year, last_value: last })),
  );
  await db.transaction().execute((trx) => writer.insert(trx, 'case_number_counters', counters));

  const seconds = elapsed();
  const counts = Object.fromEntries([...writer.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  log('');
  log(`Generated in ${seconds.toFixed(1)} s:`);
  log(`  ${'table'.padEnd(28)} ${'rows'.padStart(12)} ${'seconds'.padStart(9)} ${'rows/s'.padStart(10)}`);
  for (const [table, rows] of Object.entries(counts)) {
    const ms = writer.millis.get(table);
    log(
      `  ${table.padEnd(28)} ${rows.toLocaleString('en').padStart(12)} ${ms === undefined ? '' : (ms / 1000).toFixed(1).padStart(9)} ${
        ms === undefined || ms === 0
          ? ''
          : Math.round(rows / (ms / 1000))
              .toLocaleString('en')
              .padStart(10)
      }`,
    );
  }
  return {
    counts,
    organisations: runs.map((r) => ({
      id: r.org.id,
      name: r.org.name,
      shortCode: r.org.shortCode,
      users: r.org.staff.map((s) => ({
        id: s.id,
        username: s.username,
        roles: s.roles,
        orgUnitIds: s.unitIds,
      })),
    })),
    today: isoDate(today),
    seconds,
  };
}
