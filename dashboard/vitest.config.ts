import { defineConfig } from 'vitest/config';

// Unit tests of plain TypeScript modules: no SvelteKit plugin, no DOM.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'dashboard',
    globalSetup: ['vitest.global-setup.js'],
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
