import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests (headless Chromium against the real server). Not one of the root projects: run by `npm test`
 * (stage e2e, after the console is built) or `npx vitest run --config tests/e2e/vitest.config.ts`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One server and one browser at a time; each step waits on the UI, so the limits are generous (a server start
    // alone may take minutes on a loaded machine).
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll waits for the page (and the server behind it) up to 30 s, not vitest's 1 s.
    expect: { poll: { timeout: 30_000 } },
  },
});
