/**
 * What `npm run adopt` refuses, before it reads or writes anything: a repository with uncommitted changes
 * where it writes, credentials that can write to the tenant, and options that cannot work.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../scripts/local-tenant/local-tenant';
import { startTestTenant } from '../deploy/workspace';
import { type AdoptRepository, adoptEnv, makeAdoptRepository, readOnlyClient } from './adopt-workspace';

let tenant: LocalTenant;
let repo: AdoptRepository;

beforeAll(async () => {
  tenant = await startTestTenant();
  repo = await makeAdoptRepository();
});

afterAll(async () => {
  await repo?.remove();
  await tenant?.close();
});

describe('npm run adopt refuses', () => {
  it('credentials that can write, naming the scopes that write and the ones it needs', async () => {
    const env = await adoptEnv({
      dev: { tenant, clientId: tenant.clientId, clientSecret: tenant.clientSecret },
    });
    const run = await repo.adopt(['--env', 'dev'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: the 127\.0\.0\.1:\d+ credentials can write \(create:actions, /m);
    expect(run.stderr).toContain('read scopes only: read:actions');
    expect(run.stderr).not.toContain(tenant.clientSecret);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(repo.status()).toBe('');
  });

  it('a repository with uncommitted changes in tenant/, before reading any tenant', async () => {
    await mkdir(path.join(repo.root, 'tenant'), { recursive: true });
    await writeFile(path.join(repo.root, 'tenant', 'tenant.yaml'), 'tenant: {}\n');
    try {
      const env = await adoptEnv({ dev: { tenant, ...(await readOnlyClient(tenant)) } });
      tenant.resetRequests();
      const run = await repo.adopt(['--env', 'dev'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'error: uncommitted changes in tenant, actions or .github/workflows/deploy.yml (tenant/tenant.yaml): commit or stash them first, since adopt writes over these\n',
      );
      expect(tenant.requests().total).toBe(0);
    } finally {
      await writeFile(path.join(repo.root, 'tenant', 'tenant.yaml'), '');
      repo.commit('a tenant file');
    }
  });

  it('two environments from the local tenant, and --from for an environment not given', async () => {
    const both = await repo.adopt(['--env', 'dev', '--env', 'prod'], {});
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(
      'dev and prod have no credentials and no --from: only one environment can be the local tenant',
    );
    const stray = await repo.adopt(['--env', 'dev', '--from', 'prod=/tmp/export'], {});
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain('--from prod=/tmp/export: prod is not one of the --env given');
  });
});
