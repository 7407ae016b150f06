import { defineProject } from 'vitest/config';

/** The gateway's own tests, beside its code (the whole system is tested from tests/). */
export default defineProject({
  test: { name: 'gateway', include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 120_000 },
});
