import { defineConfig } from 'vitest/config';

/**
 * bench tests: the data generator's output goes through the application's own validation (generate.test.ts).
 * LOTSE_TEST_DB=postgresql (with TEST_DATABASE_URL) runs it on PostgreSQL, as the server suite does.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
