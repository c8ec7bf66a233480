import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time even on 2 cores (vitest's default is cores − 1): a server file spends much of its time
    // waiting on PGlite, PostgreSQL, worker threads and timers, so a second file fills the gaps. Every file has its own
    // database and ports, so files never share state.
    maxWorkers: Math.max(2, availableParallelism() - 1),
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
          // The migrated database every file copies (apps/server/test/migrated-template.ts).
          globalSetup: ['apps/server/test/global-setup.ts'],
          // Files of one worker share its loaded modules (the whole app: a third of a file's CPU when each file
          // loaded it anew). Every file boots its own app on its own database, so no state crosses files through
          // the app; module-level state is keyed by app or database instance (WeakMaps). A test that needs to watch a
          // dependency spies on an exported object (vi.spyOn), never vi.mock, which cannot reach an already-loaded module.
          isolate: false,
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
