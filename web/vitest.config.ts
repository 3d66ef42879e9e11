import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Page tests render whole pages with lazy chunks; on a loaded CI machine 5 s is too tight.
    testTimeout: 20_000,
    // One test file per core (Vitest's default leaves one core idle).
    maxWorkers: os.availableParallelism(),
    // The files of a worker share its modules instead of loading the whole app (React, the router, i18n) again
    // for each: the suite takes a third of the time. What a test changes globally is put back after it
    // (src/test/setup.ts); LOTSE_TEST_ISOLATE=true runs every file in a fresh module cache to rule this out.
    isolate: process.env.LOTSE_TEST_ISOLATE === 'true',
  },
});
