/**
 * Our tenant (env local) deployed by `npm run deploy` into a fresh local tenant of its own, with the
 * documented test users seeded: what a login test or the login benchmark signs in through.
 */
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import { type LocalDeployment, openLocalDeployment, pointServicesAt, runCli, targetEnv } from './workspace';

export async function deployOurTenant(): Promise<LocalDeployment> {
  const deployment = await openLocalDeployment({ seedUsers: TEST_USERS });
  try {
    const { tenant, workspace } = deployment;
    await pointServicesAt(workspace, tenant);
    const deploy = await runCli('deploy', deployment.flags, targetEnv(tenant));
    if (deploy.code !== 0) {
      throw new Error(`npm run deploy -- --env local failed (exit ${deploy.code}):\n${deploy.stderr}`);
    }
    return deployment;
  } catch (error) {
    await deployment.close();
    throw error;
  }
}
