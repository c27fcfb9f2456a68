import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Integration tests start real servers and child processes; keep the 2-core CI machine usable.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // The run ends with a line naming every optional part (Debian extras, ../shared data) whose tests were
    // skipped, and how to get it.
    reporters: ['default', './test/support/optional-reporter.ts'],
    hookTimeout: 120_000,
  },
});
