import { DEPLOYED_TENANT_FLAGS } from '../schema/tenant-settings';
import { childPointer } from '../source-map';
import { asRecord } from './read';
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
  return ignoredFlags;
}
