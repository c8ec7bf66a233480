import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // The limits are for a hung test, not a slow machine: every stage must pass on 2 cores shared with other work
      // (a suite that fails only under load is a defect). No test asserts on wall-clock durations.
      // Property, bit-flip and CLI (child process + openssl) tests take seconds each on 2 busy cores.
      {
        test: {
          name: 'core',
          include: ['packages/*/src/**/*.test.ts', 'tools/scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      // A hook that boots the whole app (migrations, demo seed, modules) takes ~5 s idle and a minute or more under load.
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // expect.poll waits for background work (job workers, timers) up to 30 s, not vitest's 1 s.
          expect: { poll: { timeout: 30_000 } },
          env: { NODE_ENV: 'test' },
        },
      },
      'apps/web/vitest.config.ts',
      'apps/pda/vitest.config.ts',
    ],
  },
});
