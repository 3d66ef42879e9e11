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
  },
});
