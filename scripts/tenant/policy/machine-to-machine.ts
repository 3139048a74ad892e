import { asString, asStrings, entriesOf, isManagementApiAudience, nameOf } from '../checks/read';
import { EVERYWHERE, type PolicyFinding, type PolicyRule, PRODUCTION_ONLY } from './rule';

/**
 * The Management API can do anything to the tenant. A client grant to it may only carry scopes from this
 * list; widening the list is a code change, reviewed as one.
 */
export const MANAGEMENT_API_SCOPE_ALLOW_LIST: readonly string[] = [
  'read:users',
  'update:users',
  'read:user_idp_tokens',
  'read:users_app_metadata',
  'update:users_app_metadata',
  'read:roles',
  'read:role_members',
];

export const managementApiScopes: PolicyRule = {
  id: 'm2m/management-api-scopes',
  summary: 'client grants to the Management API carry only allow-listed scopes',
  hint: `keep to: ${MANAGEMENT_API_SCOPE_ALLOW_LIST.join(', ')} (the list is MANAGEMENT_API_SCOPE_ALLOW_LIST in scripts/tenant/policy/machine-to-machine.ts)`,
  severity: EVERYWHERE,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const grant of entriesOf(tenant, 'clientGrants')) {
      const audience = asString(grant.item.audience);
      if (audience === undefined || !isManagementApiAudience(audience)) continue;
      const client = asString(grant.item.client_id) ?? 'a client';
      if (grant.item.allow_all_scopes === true) {
        findings.push({
          pointer: `${grant.pointer}/allow_all_scopes`,
          message: `client "${client}" is granted every Management API scope`,
          hint: 'remove allow_all_scopes and list the scopes it needs',
        });
      }
      for (const { value, index } of asStrings(grant.item.scope)) {
        if (MANAGEMENT_API_SCOPE_ALLOW_LIST.includes(value)) continue;
        findings.push({
          pointer: `${grant.pointer}/scope/${index}`,
          message: `client "${client}" is granted Management API scope "${value}", which is not allow-listed`,
          expected: 'an allow-listed scope',
          found: value,
        });
      }
    }
    return findings;
  },
};

/** Grants that act for a user: a machine-to-machine client has no user, only its own credentials. */
const USER_GRANTS = new Set(['password', 'implicit', 'http://auth0.com/oauth/grant-type/password-realm']);

export const machineToMachineGrants: PolicyRule = {
  id: 'm2m/no-user-grants',
  summary: 'machine-to-machine clients do not have the password or implicit grant',
  hint: 'keep grant_types: [client_credentials] on a non_interactive client',
  severity: PRODUCTION_ONLY,
  check(tenant) {
    return entriesOf(tenant, 'clients')
      .filter((client) => client.item.app_type === 'non_interactive')
      .flatMap((client) =>
        asStrings(client.item.grant_types)
          .filter(({ value }) => USER_GRANTS.has(value))
          .map(({ value, index }) => ({
            pointer: `${client.pointer}/grant_types/${index}`,
            message: `machine-to-machine client "${nameOf(client)}" has the ${value} grant`,
            found: value,
          })),
      );
  },
};
