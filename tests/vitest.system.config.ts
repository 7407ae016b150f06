import { defineProject } from 'vitest/config';

/** Cross-package tests: the whole system through the gateway, and the dashboard's server. */
export default defineProject({
  test: {
    name: 'system',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
