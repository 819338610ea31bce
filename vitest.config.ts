import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code and in-process fakes; no Redis, no build, seconds), `integration` (the real
 * Bolt app, a real redis-server, the sandbox) and `e2e` (the built bot as a child process). `npm test` runs all
 * three; `npm run test:unit` is the fast loop.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Tests start servers and child processes; two cores, so keep the fan-out modest.
    maxWorkers: 4,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
