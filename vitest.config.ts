import { defineConfig } from 'vitest/config';

/**
 * Two suites. `unit` (`pnpm test`) is the fast loop: everything that runs in-process or spawns the CLI,
 * meant to stay around a minute on a 2-core machine (the slow part is tests that spawn the CLI).
 * `e2e` (`pnpm test:e2e`) runs real `astro build`s, `astro dev` and Chromium: test/build/ and
 * test/browser/ hold only such tests. `pnpm test:ci` (what `.ci/run` calls) runs
 * both in one vitest run, so one JSON report counts every test.
 */
const e2e = ['test/build/**', 'test/browser/**'];

export default defineConfig({
  test: {
    environment: 'node',
    // Forks isolate process-global state (cwd, env, Astro/Vite singletons) between test files.
    pool: 'forks',
    // No test run leaves a check server behind (bin/check-server.mjs): every `contract-docs check` a test
    // spawns checks in its own process. The server's own tests turn it on for the processes they start, in
    // a temporary folder of their own, and stop what they started.
    env: { CONTRACT_DOCS_SERVER: '0' },
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: e2e, testTimeout: 30_000 },
      },
      {
        extends: true,
        // Real builds take tens of seconds each on a 2-core machine.
        test: {
          name: 'e2e',
          include: e2e.map((dir) => `${dir}/*.test.ts`),
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
