import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['actions/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Tests that start servers or child processes need more than the 5 s default on a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    // The slow tests (deploys through the real engine against the local tenant) spend most of their time
    // waiting on the engine's own sleeps and child processes, not on the CPU: on a 2-core machine vitest's
    // default (one worker per core but one) would run them one after another.
    maxWorkers: 3,
  },
});
