import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // `*.build.test.ts` files may run real `astro build`s, which take tens of seconds on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Forks isolate process-global state (cwd, env, Astro/Vite singletons) between test files.
    pool: 'forks',
    reporters: ['default'],
  },
});
