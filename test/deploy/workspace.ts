/**
 * End-to-end test helpers: a private copy of the tenant files pointed at a local tenant on a free port,
 * and the real commands run as a user runs them (`node scripts/cli/launch.mjs <command>`, what `npm run <command>` runs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { commandArgv } from '../../scripts/cli/launch.mjs';
import type { SeedUser } from '../../scripts/local-tenant/authentication/seed-users';
import { newSigningKey, type SigningKeyRecord } from '../../scripts/local-tenant/authentication/signing-key';
import { createTlsMaterial, type TlsMaterial } from '../../scripts/local-tenant/cert';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant/local-tenant';
import type { RateLimitOptions } from '../../scripts/local-tenant/rate-limit';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Where the tests' workspaces and tenant states go (inside dist/, so they are never committed). */
const scratchDir = path.join(repoRoot, 'dist', '.test-deploy');

export interface Workspace {
  /** The copied tenant folder (pass as --dir). */
  dir: string;
  /** Where its build goes (pass as --out). */
  out: string;
  /** Rewrites a file of the copy: `tenant.yaml` or `environments/local.yaml`. */
  edit(file: string, change: (text: string) => string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Copies tenant/ (or another tenant folder: a fixture of the repository, or any absolute path) under dist/ (so the Actions' imports still resolve from the repository's node_modules)
 * and points the local environment's AUTH0_DOMAIN at `domain`. Beside it, links to actions/ and the
 * lockfile make the copy a repository of its own: the build names its sources relative to that, so every
 * copy builds the same code, whatever its folder.
 */
export async function makeWorkspace(domain: string, tenantDir = 'tenant'): Promise<Workspace> {
  const root = path.join(scratchDir, randomUUID());
  const dir = path.join(root, 'tenant');
  await mkdir(root, { recursive: true });
  await cp(path.resolve(repoRoot, tenantDir), dir, { recursive: true });
  await symlink(path.join(repoRoot, 'actions'), path.join(root, 'actions'), 'dir');
  await symlink(path.join(repoRoot, 'package-lock.json'), path.join(root, 'package-lock.json'));
  const edit = async (file: string, change: (text: string) => string) => {
    const name = path.join(dir, file);
    await writeFile(name, change(await readFile(name, 'utf8')));
  };
  await edit('environments/local.yaml', (text) =>
    text.replace(/AUTH0_DOMAIN: .*/, `AUTH0_DOMAIN: ${domain}`),
  );
  return {
    dir,
    out: path.join(root, 'dist'),
    edit,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * The local environment names what the local tenant serves at its default ports: the legacy user store,
 * the user-sync backend and the test app (8443), and the log stream receiver (8444). A test tenant's are
 * free ones, so the workspace points at them.
 */
export function pointServicesAt(
  workspace: Workspace,
  tenant: Pick<LocalTenant, 'domain' | 'logStream'>,
): Promise<void> {
  return workspace.edit('environments/local.yaml', (text) =>
    text
      .replaceAll('https://127.0.0.1:8443/', `https://${tenant.domain}/`)
      .replace(/LOG_STREAM_URL: .*/, `LOG_STREAM_URL: ${tenant.logStream.url}`),
  );
}

let shared: { signingKey: SigningKeyRecord; tls: TlsMaterial } | undefined;
/**
 * One token signing key and one CA and server certificate for the test tenants of a test process, where
 * each would make its own: each is an RSA key (0.1 to 0.8 s of CPU) and the suite starts hundreds of
 * tenants. Tests of the key and the CA themselves start their tenants without this.
 */
function sharedKeys(): { signingKey: SigningKeyRecord; tls: TlsMaterial } {
  shared ??= {
    signingKey: newSigningKey(),
    tls: createTlsMaterial(path.join(scratchDir, `tls-${process.pid}`)),
  };
  return shared;
}

export interface TestTenantOptions {
  /** A state file to start from (copied: the tenant never changes it). */
  from?: string;
  rateLimit?: RateLimitOptions;
  /** Database users the tenant starts with (`TEST_USERS`, the documented ones, for a login test). */
  seedUsers?: readonly SeedUser[];
}

/**
 * A local tenant of its own on a free port: empty, or starting from a copy of the state file `from` (which
 * it never changes). Closing it also removes its state, so runs leave nothing behind.
 */
export async function startTestTenant(options: TestTenantOptions = {}): Promise<LocalTenant> {
  const stateDir = path.join(scratchDir, `state-${randomUUID()}`);
  const stateFile = path.join(stateDir, 'state.json');
  if (options.from) {
    await mkdir(stateDir, { recursive: true });
    await copyFile(options.from, stateFile);
  }
  const tenant = await startLocalTenant({
    port: 0,
    stateFile,
    reset: !options.from,
    actionBuildMs: 50,
    ...sharedKeys(),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.seedUsers ? { seedUsers: options.seedUsers } : {}),
  });
  return {
    ...tenant,
    close: async () => {
      await tenant.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Copies a tenant's state to a file of its own, for other tenants to start from (`startTestTenant`'s `from`). */
export async function copyTenantState(tenant: LocalTenant): Promise<string> {
  const file = path.join(scratchDir, `state-${randomUUID()}.json`);
  tenant.saveState();
  await copyFile(tenant.stateFile, file);
  return file;
}

/** A local tenant of its own (empty, or started from the state file `from`) and a workspace pointed at it. */
export interface LocalDeployment {
  tenant: LocalTenant;
  workspace: Workspace;
  /** What every command against the workspace is given: `--env local --dir <copy> --out <its dist>`. */
  flags: string[];
  /** Stops the tenant and removes its state and the workspace. */
  close(): Promise<void>;
}

export async function openLocalDeployment(
  options: TestTenantOptions & { tenantDir?: string } = {},
): Promise<LocalDeployment> {
  const tenant = await startTestTenant(options);
  try {
    const workspace = await makeWorkspace(tenant.domain, options.tenantDir);
    return {
      tenant,
      workspace,
      flags: ['--env', 'local', '--dir', workspace.dir, '--out', workspace.out],
      close: async () => {
        await tenant.close();
        await workspace.remove();
      },
    };
  } catch (error) {
    await tenant.close();
    throw error;
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Cli {
  child: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  done: Promise<CliRun>;
}

/** The commands the tests run as `npm run <command>` does. */
export type CliCommand = 'check' | 'build' | 'plan' | 'deploy' | 'export' | 'adopt';

/**
 * Starts `npm run <command>` the way npm would (without npm's own start-up time), in `cwd` (this
 * repository unless a test made another). What the test's own shell may hold for a command (credentials,
 * rate share, GitHub's job files, an approved plan) is left out: only `env` reaches it.
 */
export function startCli(
  command: CliCommand,
  args: string[],
  env: Record<string, string>,
  cwd = repoRoot,
): Cli {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) {
    if (/^AUTH0_/.test(name) || ['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'APPROVED_PLAN'].includes(name))
      delete inherited[name];
  }
  const child = spawn(process.execPath, commandArgv(command, args), {
    cwd,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, output: () => stdout + stderr, done };
}

export function runCli(
  command: CliCommand,
  args: string[],
  env: Record<string, string>,
  cwd = repoRoot,
): Promise<CliRun> {
  return startCli(command, args, env, cwd).done;
}

/** The credentials and CA of a local tenant, as a CI job would set them. */
export function targetEnv(tenant: LocalTenant, extra: Record<string, string> = {}): Record<string, string> {
  return { ...tenant.env(), ...extra };
}

/** A tenant's requests by route, without the reads and the sign-in: what a deploy wrote. */
export function writeCalls(byRoute: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(byRoute).filter(([route]) => !/^(GET|HEAD) /.test(route) && !route.includes('/oauth/')),
  );
}

/** A call to the local tenant's Management API as someone clicking in the dashboard would make it. */
export async function byHand(
  tenant: LocalTenant,
  method: string,
  route: string,
  body?: unknown,
): Promise<unknown> {
  const ca = await readFile(tenant.caFile);
  const call = (pathname: string, payload: unknown, token?: string) =>
    new Promise<unknown>((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port: tenant.port,
          path: pathname,
          method: pathname === '/oauth/token' ? 'POST' : method,
          ca,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve(text ? JSON.parse(text) : undefined));
        },
      );
      request.on('error', reject);
      request.end(payload === undefined ? undefined : JSON.stringify(payload));
    });
  const { access_token: token } = (await call('/oauth/token', {
    grant_type: 'client_credentials',
    client_id: tenant.clientId,
    client_secret: tenant.clientSecret,
    audience: `https://${tenant.domain}/api/v2/`,
  })) as { access_token: string };
  return call(route, body, token);
}
