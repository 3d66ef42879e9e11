import fs from 'node:fs';
import path from 'node:path';
import { BENCH_ROOT, type BenchDialect, type ScaleName } from '../scales.js';
import type { BareSqlFigures } from './floor.js';
import type { LoadFigures } from './load.js';
import type { JourneyKey } from './options.js';

export interface JourneyLevel {
  journey: Exclude<JourneyKey, 'retention'>;
  title: string;
  actors: string;
  connections: number;
  figures: LoadFigures;
  /** Peak resident memory of the server process during the measured seconds (MiB). */
  peakMemoryMiB: number | null;
  ratios: {
    /** The journey's requests per second over the ping route's at the same concurrency. */
    throughputToFloor: number | null;
    /** The journey's p50 (p95) latency over the bare case-list SQL's at the same concurrency. */
    p50ToBareSql: number | null;
    p95ToBareSql: number | null;
  };
}

export interface FloorLevel {
  connections: number;
  ping: LoadFigures;
  pingPeakMemoryMiB: number | null;
  bareSql: BareSqlFigures | null;
}

export interface RetentionFigures {
  casesNotAnonymised: number;
  dryRunSeconds: number;
  seconds: number;
  reviewDue: number;
  awaitingConfirmation: number;
  closed: number;
  anonymised: number;
  plannedByDryRun: { closed: number; anonymised: number };
  skipped: string | null;
  peakMemoryMiB: number;
}

export interface TargetResult {
  target: string;
  measured: number | null;
  limit: number;
  unit: string;
  pass: boolean;
  note?: string;
}

export interface RunResult {
  scale: ScaleName;
  dialect: BenchDialect;
  date: string;
  startedAt: string;
  commit: { sha: string; dirty: boolean };
  /** Rows per table from the generator's manifest. */
  counts: Record<string, number>;
  dataGeneratedInThisRun: boolean;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    node: string;
    os: string;
    database: string;
    note: string;
  };
  settings: {
    quick: boolean;
    users: number[];
    durationSeconds: number;
    warmupSeconds: number;
    only: string[];
    /** The server settings passed through from the shell (e.g. LOTSE_SQLITE_SYNCHRONOUS). */
    server: Record<string, string>;
  };
  /** Who the journeys ran as (null when no journey ran). */
  actors: {
    caseManagers: number;
    organisations: number;
    workableCases: number;
    teamLeads: number;
    orgAdmins: number;
    planners: number;
  } | null;
  memoryPeakReset: boolean;
  floor: FloorLevel[];
  journeys: JourneyLevel[];
  retention: RetentionFigures | null;
  targets: TargetResult[];
  errors: number;
  totalSeconds: number;
}

export const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a !== null && a !== undefined && b && Number.isFinite(a) && Number.isFinite(b) ? a / b : null;

const ms = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '–'
    : v < 10
      ? v.toFixed(1)
      : Math.round(v).toString();
const num = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
const times = (v: number | null) => (v === null ? '–' : `${v < 10 ? v.toFixed(1) : Math.round(v)}×`);
const share = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function floorTable(floor: FloorLevel[]): string {
  return table(
    ['users', 'ping req/s', 'p50 ms', 'p95 ms', 'errors', 'peak MiB', 'SQL lists/s', 'SQL p50', 'SQL p95'],
    floor.map((f) => [
      String(f.connections),
      num(f.ping.requestsPerSecond),
      ms(f.ping.latency.p50),
      ms(f.ping.latency.p95),
      String(f.ping.errors.total),
      num(f.pingPeakMemoryMiB),
      f.bareSql ? `${num(f.bareSql.listsPerSecond)}${f.bareSql.sequentialOnly ? '*' : ''}` : '–',
      ms(f.bareSql?.latency.p50),
      ms(f.bareSql?.latency.p95),
    ]),
  );
}

export function journeyTable(levels: JourneyLevel[]): string {
  return table(
    ['users', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak MiB', 'of floor', 'p50×SQL', 'p95×SQL'],
    levels.map((l) => [
      String(l.connections),
      num(l.figures.requestsPerSecond, 1),
      ms(l.figures.latency.p50),
      ms(l.figures.latency.p95),
      ms(l.figures.latency.p99),
      String(l.figures.errors.total),
      num(l.peakMemoryMiB),
      share(l.ratios.throughputToFloor),
      times(l.ratios.p50ToBareSql),
      times(l.ratios.p95ToBareSql),
    ]),
  );
}

/** A multi-request journey: the whole sequence, and each route's latency at each level. */
export function sequenceTables(levels: JourneyLevel[]): string {
  const seq = table(
    ['users', 'sequences/s', 'requests', 'seq p50 ms', 'seq p95 ms', 'seq p99 ms'],
    levels.map((l) => [
      String(l.connections),
      num(l.figures.sequences?.perSecond, 2),
      String(l.figures.sequences?.length ?? '–'),
      ms(l.figures.sequences?.p50),
      ms(l.figures.sequences?.p95),
      ms(l.figures.sequences?.p99),
    ]),
  );
  const labels = levels[0]?.figures.byLabel.map((b) => b.label) ?? [];
  const perRoute = table(
    ['route', ...levels.flatMap((l) => [`p50@${l.connections}`, `p95@${l.connections}`])],
    labels.map((label) => [
      label,
      ...levels.flatMap((l) => {
        const b = l.figures.byLabel.find((x) => x.label === label);
        return [ms(b?.p50), ms(b?.p95)];
      }),
    ]),
  );
  return `${seq}\n\n${perRoute}`;
}

export function errorLines(levels: JourneyLevel[]): string[] {
  return levels
    .filter((l) => l.figures.errors.total > 0)
    .map((l) => {
      const e = l.figures.errors;
      const statuses = Object.entries(e.byStatus)
        .filter(([s]) => !s.startsWith('2'))
        .map(([s, n]) => `${n}× ${s}`)
        .join(', ');
      const problems = Object.entries(e.firstProblem)
        .map(([label, p]) => `${label}: ${p}`)
        .join('; ');
      return (
        `  ! ${l.connections} users: ${e.non2xx} non-2xx (${statuses || 'none'}), ${e.socket} socket errors ` +
        `(${e.timeouts} timeouts)${problems ? ` — first refusals: ${problems}` : ''}`
      );
    });
}

export function targetLines(targets: TargetResult[]): string {
  return targets
    .map(
      (t) =>
        `${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.measured === null ? '–' : num(t.measured, t.unit === 's' ? 2 : 0)} ${t.unit}` +
        ` (limit ${t.limit} ${t.unit})${t.note ? ` — ${t.note}` : ''}`,
    )
    .join('\n');
}

/** `bench/results/<date>-<scale>.json`: one run per dialect; a run on the other dialect the same day is kept. */
export function writeResult(result: RunResult): string {
  const dir = path.join(BENCH_ROOT, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.date}-${result.scale}.json`);
  let runs: Partial<Record<BenchDialect, RunResult>> = {};
  if (fs.existsSync(file)) {
    try {
      const existing = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        runs?: Partial<Record<BenchDialect, RunResult>>;
      };
      runs = existing.runs ?? {};
    } catch {
      runs = {};
    }
  }
  runs[result.dialect] = result;
  fs.writeFileSync(file, JSON.stringify({ scale: result.scale, date: result.date, runs }, null, 2) + '\n');
  return file;
}
