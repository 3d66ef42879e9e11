import type { JourneyLevel, RetentionFigures, TargetResult } from './report.js';

/**
 * The targets (issue 9, "Targets"), evaluated on this run. Latency and share of the floor at 32
 * concurrent users (the highest level measured when 32 was not); the annual report is timed for one user (a
 * report on its own — 32 reports at once say how the server copes, not how long one takes); the retention
 * run once over all cases; no errors in any measured run.
 */
export function evaluateTargets(
  journeys: JourneyLevel[],
  levels: number[],
  retention: RetentionFigures | null,
  errors: number,
): TargetResult[] {
  const top = levels.includes(32) ? 32 : Math.max(...levels);
  const note = top === 32 ? undefined : `at ${top} users (32 not measured)`;
  const at = (key: JourneyLevel['journey'], users: number) =>
    journeys.find((j) => j.journey === key && j.connections === users);
  const out: TargetResult[] = [];
  const latency = (key: JourneyLevel['journey'], name: string, limit: number) => {
    const level = at(key, top);
    if (!level) return;
    const p95 = level.figures.latency.p95;
    out.push({
      target: `${name} p95 at ${top} users`,
      measured: Number.isFinite(p95) ? p95 : null,
      limit,
      unit: 'ms',
      pass: Number.isFinite(p95) && p95 < limit,
      ...(note ? { note } : {}),
    });
  };
  const floorShare = (key: JourneyLevel['journey'], name: string) => {
    const level = at(key, top);
    if (!level) return;
    const share = level.ratios.throughputToFloor;
    out.push({
      target: `${name} throughput as a share of the floor route's at ${top} users`,
      measured: share === null ? null : share * 100,
      limit: 25,
      unit: '%',
      pass: share !== null && share >= 0.25,
      ...(note ? { note } : {}),
    });
  };
  latency('dashboard', 'Dashboard', 100);
  floorShare('dashboard', 'Dashboard');
  latency('caseList', 'Case list', 100);
  floorShare('caseList', 'Case list');
  latency('openCase', 'Open case (each request)', 100);
  floorShare('openCase', 'Open case');
  latency('journalAppend', 'Journal append', 50);
  const annual = at('annualStatistics', 1) ?? journeys.find((j) => j.journey === 'annualStatistics');
  if (annual) {
    const p95 = annual.figures.latency.p95;
    out.push({
      target: `Annual statistics p95 at ${annual.connections} user(s)`,
      measured: Number.isFinite(p95) ? p95 / 1000 : null,
      limit: 2,
      unit: 's',
      pass: Number.isFinite(p95) && p95 < 2000,
    });
  }
  if (retention) {
    out.push({
      target: 'Retention run over all cases',
      measured: retention.seconds,
      limit: 60,
      unit: 's',
      pass: retention.seconds < 60,
      note: `${retention.casesNotAnonymised} cases, ${retention.closed} closed, ${retention.anonymised} anonymised`,
    });
  }
  out.push({
    target: 'Errors in all measured runs',
    measured: errors,
    limit: 0,
    unit: '',
    pass: errors === 0,
  });
  return out;
}
