import { DEPLOYED_TENANT_FLAGS } from '../schema/tenant-settings';
import { childPointer } from '../source-map';
import { asRecord, entriesOf, nameOf } from './read';
import type { Finding } from './references';

/**
 * Settings the schema accepts (they are real Auth0 settings, and exports contain them) but deploy-cli
 * 8.44 silently drops, so writing them would look reviewed and change nothing.
 */
export function checkDeployCliCaveats(tenant: Record<string, unknown>): Finding[] {
  const flags = asRecord(asRecord(tenant.tenant)?.flags) ?? {};
  const ignoredFlags = Object.keys(flags)
    .filter((flag) => !DEPLOYED_TENANT_FLAGS.includes(flag))
    .map((flag) => ({
      pointer: childPointer('/tenant/flags', flag),
      rule: 'deploy-cli/ignored-flag',
      severity: 'warning' as const,
      message: `deploy-cli does not deploy the tenant flag ${flag}; this line has no effect`,
      hint: 'remove it, or change the flag in the dashboard and note it in the README',
    }));
  return [...ignoredFlags, ...clientCredentials(tenant)];
}

/**
 * A client's `client_authentication_methods` (private_key_jwt, mTLS credentials) is written by deploy-cli's
 * `clientAuthCredentials` step, which is not a type of our registry, so no deploy of ours runs it: the
 * clients step strips the field, and `token_endpoint_auth_method` with it. The client would be created
 * with neither its credentials nor its authentication method. Nor could a plan compare it: Auth0 shows the
 * field only to a caller holding read:client_keys, which the deploy's application does not.
 */
function clientCredentials(tenant: Record<string, unknown>): Finding[] {
  return entriesOf(tenant, 'clients')
    .filter((client) => client.item.client_authentication_methods !== undefined)
    .map((client) => ({
      pointer: `${client.pointer}/client_authentication_methods`,
      rule: 'deploy-cli/client-credentials',
      message: `client "${nameOf(client)}": its client_authentication_methods would not be deployed (deploy-cli's clientAuthCredentials step is not part of this repository's deploys), nor its token_endpoint_auth_method`,
      hint: 'remove client_authentication_methods and manage the credentials in the dashboard, until the registry has a type for them',
    }));
}
