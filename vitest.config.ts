import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node. Playwright end-to-end specs
// (tests/e2e/*.e2e.ts) run under node:test instead, so they stay out of here.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
