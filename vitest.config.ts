import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Property, bit-flip and CLI (child process + openssl) tests take seconds each on 2 busy cores.
      {
        test: {
          name: 'core',
          include: ['packages/*/src/**/*.test.ts', 'tools/scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { NODE_ENV: 'test' },
        },
      },
      'apps/web/vitest.config.ts',
    ],
  },
});
