import { defineProject } from 'vitest/config';

export default defineProject({
  root: new URL('.', import.meta.url).pathname,
  test: {
    name: 'pda',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
