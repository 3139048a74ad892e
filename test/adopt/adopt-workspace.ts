/**
 * End-to-end helpers for `npm run adopt`: a fresh git repository to adopt into, a read-only client on a
 * local tenant (what adopt asks for), and the command run in that repository as a user runs it.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ADOPT_READ_SCOPES } from '../../scripts/adopt/read-tenant';
import type { LocalTenant } from '../../scripts/local-tenant/local-tenant';
import { byHand, type CliRun, repoRoot, runCli } from '../deploy/workspace';

const scratchDir = path.join(repoRoot, 'dist', '.test-adopt');

export interface AdoptRepository {
  root: string;
  /** Runs `npm run adopt -- <args>` in the repository. */
  adopt(args: string[], env: Record<string, string>): Promise<CliRun>;
  /** `git status --porcelain`: what is not committed. */
  status(): string;
  commit(message: string): void;
  remove(): Promise<void>;
}

const git = (root: string, args: string[]) =>
  execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });

/** An empty repository of our shape: the lockfile and node_modules of this one, nothing else, committed. */
export async function makeAdoptRepository(): Promise<AdoptRepository> {
  const root = path.join(scratchDir, randomUUID());
  await mkdir(root, { recursive: true });
  await copyFile(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  await copyFile(path.join(repoRoot, 'package-lock.json'), path.join(root, 'package-lock.json'));
  await symlink(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  await writeFile(path.join(root, '.gitignore'), 'node_modules\ndist\n');
  git(root, ['init', '-q']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'empty repository']);
  return {
    root,
    adopt: (args, env) => runCli('adopt', args, env, root),
    status: () => git(root, ['status', '--porcelain', '--untracked-files=all']),
    commit: (message) => {
      git(root, ['add', '-A']);
      git(root, ['commit', '-qm', message]);
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** A machine client with a Management API grant of `scopes` (adopt's read scopes by default). */
export async function readOnlyClient(
  tenant: LocalTenant,
  scopes: readonly string[] = ADOPT_READ_SCOPES,
): Promise<{ clientId: string; clientSecret: string }> {
  const client = (await byHand(tenant, 'POST', '/api/v2/clients', {
    name: `Adopt reader ${randomUUID().slice(0, 8)}`,
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
  })) as { client_id: string; client_secret: string };
  await byHand(tenant, 'POST', '/api/v2/client-grants', {
    client_id: client.client_id,
    audience: `https://${tenant.domain}/api/v2/`,
    scope: [...scopes],
  });
  return { clientId: client.client_id, clientSecret: client.client_secret };
}

/** The variables adopt reads one environment's tenant with, the CA files of all tenants in one. */
export async function adoptEnv(
  sources: Record<string, { tenant: LocalTenant; clientId: string; clientSecret: string }>,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  const cas: string[] = [];
  for (const [name, source] of Object.entries(sources)) {
    const suffix = name.toUpperCase().replaceAll('-', '_');
    env[`AUTH0_DOMAIN_${suffix}`] = source.tenant.domain;
    env[`AUTH0_CLIENT_ID_${suffix}`] = source.clientId;
    env[`AUTH0_CLIENT_SECRET_${suffix}`] = source.clientSecret;
    cas.push(await readFile(source.tenant.caFile, 'utf8'));
  }
  const caFile = path.join(scratchDir, `ca-${randomUUID()}.pem`);
  await mkdir(scratchDir, { recursive: true });
  await writeFile(caFile, cas.join('\n'));
  env.NODE_EXTRA_CA_CERTS = caFile;
  return env;
}
