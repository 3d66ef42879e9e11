import { defineConfig } from 'vitest/config';

/** Browser journeys: one server (built app, fresh demo database) for the run, one browser per file. */
export default defineConfig({
  test: {
    include: ['*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
