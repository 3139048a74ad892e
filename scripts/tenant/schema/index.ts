import { actionsSchema, triggersSchema } from './actions';
import { attackProtectionSchema } from './attack-protection';
import { clientGrantsSchema } from './client-grants';
import { clientsSchema } from './clients';
import type { JsonSchema } from './common';
import { connectionsSchema } from './connections';
import { databasesSchema } from './databases';
import { guardianFactorsSchema, guardianPoliciesSchema } from './guardian';
import { resourceServersSchema } from './resource-servers';
import { rolesSchema } from './roles';
import { tenantSettingsSchema } from './tenant-settings';
import { POLICY_WAIVERS_KEY, waiversSchema } from './waivers';

/**
 * The tenant.yaml sections this repository supports, one schema module per resource type. A section
 * deploy-cli knows but we do not (emailTemplates, pages, ...) is an unknown key until someone adds its
 * module here, with the review that deserves.
 */
export const TENANT_SECTIONS: Record<string, { schema: JsonSchema; module: string }> = {
  tenant: { schema: tenantSettingsSchema, module: 'tenant-settings.ts' },
  clients: { schema: clientsSchema, module: 'clients.ts' },
  clientGrants: { schema: clientGrantsSchema, module: 'client-grants.ts' },
  resourceServers: { schema: resourceServersSchema, module: 'resource-servers.ts' },
  roles: { schema: rolesSchema, module: 'roles.ts' },
  databases: { schema: databasesSchema, module: 'databases.ts' },
  connections: { schema: connectionsSchema, module: 'connections.ts' },
  actions: { schema: actionsSchema, module: 'actions.ts' },
  triggers: { schema: triggersSchema, module: 'actions.ts' },
  attackProtection: { schema: attackProtectionSchema, module: 'attack-protection.ts' },
  guardianFactors: { schema: guardianFactorsSchema, module: 'guardian.ts' },
  guardianPolicies: { schema: guardianPoliciesSchema, module: 'guardian.ts' },
};

export const tenantSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(Object.entries(TENANT_SECTIONS).map(([name, section]) => [name, section.schema])),
    [POLICY_WAIVERS_KEY]: waiversSchema,
  },
};
