import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Cross-package tests: the whole system through the gateway, and the dashboard's server. */
export default defineProject({
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    name: 'system',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Pages are polled until they show what is expected: give a busy 2-core machine time.
    expect: { poll: { timeout: 15_000 } },
  },
});
