import { defineConfig } from 'vitest/config';

/**
 * Server tests: unit tests of pure rules and integration tests through app.inject().
 * LOTSE_TEST_DB=postgresql (with TEST_DATABASE_URL) runs the same suite on PostgreSQL; see src/test/harness.ts.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
