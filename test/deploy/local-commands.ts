/**
 * What the end-to-end tests of the commands share: each test gets a local tenant and a workspace of its
 * own (`local`, nothing deployed; `deployed`, the repository's tenant deployed), and runs the commands
 * against them, each run failing the test when it prints a secret value.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { it as base, expect } from 'vitest';
import { parse } from 'yaml';
import type { LocalTenant } from '../../scripts/local-tenant/local-tenant';
import { type CliRun, copyTenantState, type LocalDeployment, openLocalDeployment, runCli } from './workspace';

export const LOCAL_TOKEN = 'local-user-sync-token-not-a-secret';
export const ROTATED_TOKEN = 'rotated-user-sync-token-0042';

export type Command = 'plan' | 'deploy' | 'export';

/** Writes by route, without the reads: what a deploy changed in the tenant. */
export function writes(tenant: LocalTenant): Record<string, number> {
  return Object.fromEntries(
    Object.entries(tenant.requests().byRoute).filter(
      ([route]) => !/^(GET|HEAD) /.test(route) && !route.includes('/oauth/'),
    ),
  );
}

/** The commands of one test, against its own workspace and local tenant. */
export interface Local extends LocalDeployment {
  /** `npm run <command> -- <flags> <args>` with the tenant's credentials and `extraEnv`. */
  run(command: Command, args?: string[], extraEnv?: Record<string, string>): Promise<CliRun>;
  /** `npm run <command> -- <args>` with exactly `env`. */
  runWithEnv(command: Command, args: string[], env: Record<string, string>): Promise<CliRun>;
  /** A deploy that succeeds; the tenant's request log then holds its calls only. */
  deploy(args?: string[]): Promise<CliRun>;
}

/** Every secret value the workspace's local environment holds or held, and the tenant's client secret. */
async function secretValues(local: LocalDeployment): Promise<string[]> {
  const environment = parse(
    await readFile(path.join(local.workspace.dir, 'environments', 'local.yaml'), 'utf8'),
  );
  return [
    ...Object.values(environment.secrets as Record<string, { value?: string }>).flatMap(
      (source) => source.value ?? [],
    ),
    LOCAL_TOKEN,
    ROTATED_TOKEN,
    local.tenant.clientSecret,
  ];
}

/** The commands, each of which fails the test when it prints a secret value. */
function commandsFor(local: LocalDeployment): Local {
  const runWithEnv = async (command: Command, args: string[], env: Record<string, string>) => {
    const result = await runCli(command, args, env);
    const printed = result.stdout + result.stderr;
    for (const secret of await secretValues(local)) expect(printed).not.toContain(secret);
    return result;
  };
  const run = (command: Command, args: string[] = [], extraEnv: Record<string, string> = {}) =>
    runWithEnv(command, [...local.flags, ...args], { ...local.tenant.env(), ...extraEnv });
  return {
    ...local,
    run,
    runWithEnv,
    deploy: async (args = []) => {
      local.tenant.resetRequests();
      const result = await run('deploy', args);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return result;
    },
  };
}

/**
 * `it` with the fixtures `local` and `deployed`. Nothing one test does reaches another, so each runs alone
 * with `-t`, and they run at the same time (they mostly wait on the engine). The one first deploy the
 * `deployed` tenants start from is made once per file and kept as a state file no tenant writes to.
 */
export const it = base
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
  .extend('deployedState', { scope: 'file' }, async ({}, { onCleanup }) => {
    const first = commandsFor(await openLocalDeployment());
    try {
      await first.deploy();
      const state = await copyTenantState(first.tenant);
      onCleanup(() => rm(state, { force: true }));
      return state;
    } finally {
      await first.close();
    }
  })
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
  .extend('local', async ({}, { onCleanup }) => {
    // Auth0's rate limits on (60 requests a second and the organization buckets): every command against
    // this tenant must keep to its share of them, with no 429.
    const local = await openLocalDeployment({ rateLimit: { perSecond: 60 } });
    onCleanup(() => local.close());
    return commandsFor(local);
  })
  .extend('deployed', async ({ deployedState }, { onCleanup }) => {
    const deployed = await openLocalDeployment({ from: deployedState });
    onCleanup(() => deployed.close());
    return commandsFor(deployed);
  });
