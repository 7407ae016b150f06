import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm test`: every test of the repo, as projects. The global setup starts one throwaway embedded
 * PostgreSQL for the run, migrated with the real migrations (see src/support/global-setup.ts).
 */
export default defineConfig({
  // Paths below are relative to the repository root, wherever vitest is started from.
  root: resolve(import.meta.dirname, '..'),
  test: {
    globalSetup: ['tests/src/support/global-setup.ts'],
    projects: ['db', 'gateway', 'subgraphs/*', 'dashboard', 'tests/vitest.system.config.ts'],
    // Medium tests talk to a real database and start real servers: keep the machine's 2 cores busy, not swamped.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
