/**
 * Settings of the property-based tests (fast-check): a fixed seed so a run is repeatable and CI is never
 * flaky; LOTSE_PROPERTY_SEED=<n> explores other inputs, LOTSE_PROPERTY_RUNS=<n> more of them. A failing
 * property prints its seed and the shrunk counter-example.
 */
export const PROPERTY_OPTIONS = {
  seed: Number(process.env.LOTSE_PROPERTY_SEED ?? 20261205),
  numRuns: Number(process.env.LOTSE_PROPERTY_RUNS ?? 200),
};
