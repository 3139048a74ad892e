import { configDefaults, defineConfig } from 'vitest/config';

/** Where test files live. Each one is in exactly one project: e2e when E2E_TESTS names it, unit otherwise. */
const TEST_FILES = ['actions/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'];

/**
 * The end-to-end tests: each starts the local tenant, or a child process (a command as a user runs it,
 * the engine, deploy-cli, Node 22). A new test file that does either goes here. Everything else is a unit
 * test, in-process fakes of an Action's HTTP dependencies included, and `npm run test:unit` runs those
 * alone in seconds.
 */
const E2E_TESTS = [
  'test/deploy/deploy.test.ts',
  'test/deploy/guards.test.ts',
  'test/deploy/resilience.test.ts',
  'test/deploy/running-local-tenant.test.ts',
  'test/deploy/engine-process.test.ts',
  'test/local-tenant/**/*.test.ts',
  'test/bundle/cli.test.ts',
  'test/bundle/launch-cwd.test.ts',
  'test/bundle/node22.test.ts',
  'test/tenant/cli.test.ts',
  'test/resources/fixtures.test.ts',
  'test/resources/network-acls-deploy.test.ts',
  'test/resources/log-streams-deploy.test.ts',
  'test/resources/paid-features-deploy.test.ts',
  'test/adopt/**/*.test.ts',
  'test/fleet/**/*.test.ts',
  'test/login/**/*.test.ts',
  'test/browser/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    restoreMocks: true,
    // The slow tests (deploys through the real engine against the local tenant) spend most of their time
    // waiting on the engine's own sleeps and child processes, not on the CPU: on a 2-core machine vitest's
    // default (one worker per core but one) would run them one after another. Both projects share the
    // workers, so the unit tests fill the time the end-to-end tests spend waiting.
    maxWorkers: 3,
    // Tests of a `concurrent` file at once (default 5): each runs the engine, and three files run at once.
    maxConcurrency: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: TEST_FILES,
          exclude: [...configDefaults.exclude, ...E2E_TESTS],
          // Most of a unit file's time is importing (the registry brings the schemas, the local tenant's
          // routes and deploy-cli's modules). Files of one worker thread share their imports instead of
          // importing all again: 10 s for the project on 2 cores, not 30 s. Unit tests keep no state
          // between files (mocks are restored after each test); they pass in shuffled order too.
          pool: 'threads',
          isolate: false,
          // The first check in a worker compiles the schema of every type (33 of them): several seconds
          // while the end-to-end files load the same 2 cores, more than the 5 s default.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E_TESTS,
          // Tests that start servers or child processes need more than the 5 s default on a 2-core CI
          // machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
