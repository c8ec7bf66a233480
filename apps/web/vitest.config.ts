import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Resolve `include` and `setupFiles` from this folder whether run from the root or from here.
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    // jsdom renders antd pages slowly on 2 busy cores: the limits are for a hung test, not a slow machine.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
