import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Server tests: unit tests of pure rules and integration tests through app.inject().
 * LOTSE_TEST_DB=postgresql (with TEST_DATABASE_URL) runs the same suite on PostgreSQL; see src/test/harness.ts.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    // One test file per core (Vitest's default leaves one core idle): files wait on their databases and the
    // servers they start as much as they compute.
    maxWorkers: os.availableParallelism(),
    // The files of a worker share its modules instead of loading the app's module graph again for each (that
    // load was a third of the suite's time). The tests hold no state in modules: each builds its own app and
    // database (src/test/harness.ts) and restores what it spies on. LOTSE_TEST_ISOLATE=true runs every file in a
    // fresh module cache, to rule a leak between files out.
    isolate: process.env.LOTSE_TEST_ISOLATE === 'true',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
