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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
