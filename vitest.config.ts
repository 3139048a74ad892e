import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['actions/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Tests that start servers or child processes need more than the 5 s default on a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
