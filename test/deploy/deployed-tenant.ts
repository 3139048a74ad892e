/**
 * Our tenant (env local) deployed by `npm run deploy` into a fresh local tenant of its own, with the
 * documented test users seeded: what a login test or the login benchmark signs in through.
 */
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import { type LocalDeployment, openLocalDeployment, runCli, targetEnv } from './workspace';

/** The port the local environment names for the tenant and the services it serves (legacy store, user sync). */
const DEFAULT_DOMAIN = '127.0.0.1:8443';

export async function deployOurTenant(): Promise<LocalDeployment> {
  const deployment = await openLocalDeployment({ seedUsers: TEST_USERS });
  try {
    const { tenant, workspace } = deployment;
    // The environment's legacy store, user-sync backend and log receiver are the default tenant's; this one
    // listens elsewhere and serves its own, so the deployed Actions and scripts must call these instead.
    await workspace.edit('environments/local.yaml', (text) =>
      text
        .replaceAll(DEFAULT_DOMAIN, tenant.domain)
        .replace(/LOG_STREAM_URL: .*/, `LOG_STREAM_URL: ${tenant.logStream.url}`),
    );
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
