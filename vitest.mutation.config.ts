import { defineConfig } from 'vitest/config';

// Stryker runs the unit suite only: the mutated files (rules, planner, lockouts, schedule) are
// pure logic that the unit tests own, and the loopback integration suites would multiply the run time.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    env: { RW_LOG_LEVEL: 'silent' },
  },
});
