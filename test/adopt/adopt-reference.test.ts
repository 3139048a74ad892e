/**
 * `npm run adopt` on tenants no one tuned for it: each real deploy-cli export of ../shared/reference, made
 * deployable by reference-tenants.test.ts's answers, is loaded into a fresh local tenant (dev: deployed,
 * deployed again with no writes, exported with no drift), and again with a few values changed and an item
 * removed (prod).
 * Both are adopted into an empty repository; then the plan against each shows no change, a second adopt
 * (of the richest) changes nothing, and the adopted repository deployed into a third, empty tenant exports back with no
 * drift.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';
import { isMap, isSeq } from 'yaml';
import type { LocalTenant } from '../../scripts/local-tenant/local-tenant';
import { parseYamlFile } from '../../scripts/tenant/yaml-file';
import {
  byHand,
  openLocalDeployment,
  repoRoot,
  runCli,
  startTestTenant,
  targetEnv,
  writeCalls,
} from '../deploy/workspace';
import {
  answerProblems,
  checkCopy,
  copyReference,
  editTenant,
  findTenantFiles,
  type TenantCopy,
} from '../resources/reference-tenant-copy';
import { adoptEnv, makeAdoptRepository, readOnlyClient } from './adopt-workspace';

const testdata = path.resolve(repoRoot, '../shared/reference/auth0-deploy-cli/testdata');
const files = existsSync(testdata) ? await findTenantFiles(testdata) : [];
/** The reference tenant with every type: the one a second adopt runs on. */
const RICHEST = 'lots-of-configuration/tenant.yaml';

/** The prod variant: the tenant's name changed, a client's description changed, the last role (or client) gone. */
async function makeProdVariant(copy: TenantCopy): Promise<string[]> {
  const tenant = await editTenant(copy);
  const changes: string[] = [];
  const document = tenant.document;
  if (isMap(document.get('tenant'))) {
    document.setIn(['tenant', 'friendly_name'], 'Production of the reference');
    changes.push('tenant.friendly_name');
  }
  const clients = document.get('clients');
  if (isSeq(clients) && clients.items.length > 0) {
    document.setIn(['clients', 0, 'description'], 'Changed for production');
    changes.push('clients[0].description');
  }
  const roles = document.get('roles');
  if (isSeq(roles) && roles.items.length > 0) {
    roles.items.pop();
    changes.push('the last role removed');
  }
  await tenant.save();
  return changes;
}

async function deployable(file: string, dir: string): Promise<TenantCopy> {
  const copy = await copyReference(path.join(testdata, file), dir);
  await answerProblems(
    copy,
    (await checkCopy(copy)).filter((problem) => problem.severity === 'error'),
  );
  return copy;
}

/** Throwaway values for every secret an environment file names (a deploy needs them all). */
async function secretValues(environmentFile: string): Promise<Record<string, string>> {
  const parsed = parseYamlFile(await readFile(environmentFile, 'utf8'), environmentFile).data as {
    secrets?: Record<string, { env: string }>;
  };
  return Object.fromEntries(
    Object.values(parsed.secrets ?? {}).map(({ env }) => [env, `local-${env.toLowerCase()}-not-a-secret`]),
  );
}

async function removeReaders(readers: Record<string, { tenant: LocalTenant; clientId: string }>) {
  for (const { tenant, clientId } of Object.values(readers)) {
    await byHand(tenant, 'DELETE', `/api/v2/clients/${clientId}`);
  }
}

describe.skipIf(!existsSync(testdata))(
  'npm run adopt, from real deploy-cli exports (../shared/reference)',
  () => {
    it.concurrent.for(files)(
      '%s: deployed and redeployed with no writes, adopted from dev and prod, plans no change against either, and round-trips through a third tenant',
      { timeout: 600_000 },
      async (file, { expect }) => {
        const started = Date.now();
        const work = await mkdtemp(path.join(tmpdir(), 'adopt-reference-'));
        const opened: { close(): Promise<void> }[] = [];
        try {
          const dev = await deployable(file, path.join(work, 'dev'));
          await cp(dev.dir, path.join(work, 'prod'), { recursive: true });
          const prod: TenantCopy = { ...dev, dir: path.join(work, 'prod') };
          const changes = await makeProdVariant(prod);

          // Each copy deployed into a local tenant of its own, both at once.
          // Each copy deployed into a local tenant of its own, both at once; dev is then deployed again with
          // nothing to write and exported with no drift (reference-tenants.test.ts checks the copies; this deploys them).
          const [devTenant, prodTenant] = (await Promise.all(
            [dev, prod].map(async (copy) => {
              const local = await openLocalDeployment({ tenantDir: copy.dir });
              opened.push(local);
              const env = targetEnv(local.tenant);
              const deployed = await runCli('deploy', local.flags, env);
              expect(deployed.stderr).not.toMatch(/error/i);
              expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
              expect(deployed.stdout + deployed.stderr).not.toMatch(/not-a-secret/);
              if (copy === dev) {
                local.tenant.resetRequests();
                const again = await runCli('deploy', local.flags, env);
                expect(again.code, again.stdout + again.stderr).toBe(0);
                expect(again.stdout).toMatch(/: no changes\n/);
                expect(writeCalls(local.tenant.requests().byRoute)).toEqual({});
                const exported = await runCli('export', local.flags, env);
                expect(exported.code, exported.stdout).toBe(0);
                expect(exported.stdout).toMatch(/no changes|no drift/);
              }
              return local.tenant;
            }),
          )) as [LocalTenant, LocalTenant];
          const readers = {
            dev: { tenant: devTenant, ...(await readOnlyClient(devTenant)) },
            prod: { tenant: prodTenant, ...(await readOnlyClient(prodTenant)) },
          };

          // Adopt both into an empty repository.
          const repo = await makeAdoptRepository();
          opened.push({ close: repo.remove });
          const adopted = await repo.adopt(['--env', 'dev', '--env', 'prod'], await adoptEnv(readers));
          expect(adopted.code, adopted.stdout + adopted.stderr).toBe(0);
          expect(adopted.stdout + adopted.stderr).not.toMatch(/not-a-secret/);
          repo.commit('adopted');
          // As the report says: the client adopt read with is not adopted; delete it once done.
          await removeReaders(readers);

          // The plan against each source tenant shows no change, and a second adopt of the same tenants
          // writes the same files (the plans write only into dist/, which git ignores).
          const tenantDir = path.join(repo.root, 'tenant');
          const plan = async (env: string, tenant: LocalTenant) => {
            const run = await runCli(
              'plan',
              ['--env', env, '--dir', tenantDir, '--out', path.join(repo.root, 'dist', env)],
              targetEnv(tenant),
            );
            expect(run.code, `${env}: ${run.stdout}${run.stderr}`).toBe(0);
            expect(run.stdout).toMatch(/no changes/);
            return run.stdout.split('\n')[0];
          };
          const adoptAgain = async () => {
            const rereaders = {
              dev: { tenant: devTenant, ...(await readOnlyClient(devTenant)) },
              prod: { tenant: prodTenant, ...(await readOnlyClient(prodTenant)) },
            };
            const again = await repo.adopt(['--env', 'dev', '--env', 'prod'], await adoptEnv(rereaders));
            expect(again.code, again.stdout + again.stderr).toBe(0);
            expect(repo.status()).toBe('');
            await removeReaders(rereaders);
          };
          const [devPlan, prodPlan] = await Promise.all([plan('dev', devTenant), plan('prod', prodTenant)]);
          // After the plans: its read-only clients would be in the tenants they read. Writing the same bytes
          // again is the code's property, not the data's (the unit tests hold it too): the richest tenant shows it.
          if (file === RICHEST) await adoptAgain();

          // Deployed into a third, empty tenant as dev, the repository exports back with no drift: the
          // third tenant holds what the repository holds, which the dev tenant holds (its plan is empty).
          const third = await startTestTenant();
          opened.push(third);
          const devFile = path.join(tenantDir, 'environments', 'dev.yaml');
          await writeFile(
            path.join(tenantDir, 'environments', 'third.yaml'),
            (await readFile(devFile, 'utf8')).replace(/AUTH0_DOMAIN: .*/, `AUTH0_DOMAIN: ${third.domain}`),
          );
          const thirdFlags = [
            '--env',
            'third',
            '--dir',
            tenantDir,
            '--out',
            path.join(repo.root, 'dist', 'third'),
          ];
          const thirdEnv = targetEnv(third, await secretValues(devFile));
          const deployed = await runCli('deploy', thirdFlags, thirdEnv);
          expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
          const exported = await runCli('export', thirdFlags, thirdEnv);
          expect(exported.code, exported.stdout + exported.stderr).toBe(0);
          expect(exported.stdout).toMatch(/no changes|no drift/);

          console.log(
            `${file}: adopted in ${((Date.now() - started) / 1000).toFixed(1)} s; prod differs by ${changes.join(', ')}\n` +
              `${devPlan}\n${prodPlan}\n${exported.stdout.split('\n')[0]}\n${adopted.stdout}`,
          );
        } finally {
          for (const item of opened.reverse()) await item.close();
          await rm(work, { recursive: true, force: true });
        }
      },
    );
  },
);
