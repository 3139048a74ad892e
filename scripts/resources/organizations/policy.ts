/**
 * What a client's organization settings mean in Auth0, checked against each other and against the
 * organizations the tenant file declares. `organization_usage` (deny, the default; allow; require) governs
 * the logins of users to the application; `organization_require_behavior` says how Auth0 asks for the
 * organization, and only when usage is `require`. A machine-to-machine application uses organizations
 * through its client grants' own `organization_usage`, not this one.
 */
import { asArray, asRecord, asString, type Entry, entriesOf, nameOf } from '../../tenant/checks/read';
import { EVERYWHERE, type PolicyFinding, type PolicyRule } from '../../tenant/policy/rule';
import { RESOURCE_TYPES } from '../index';

const requiresOrganization = (client: Entry) => client.item.organization_usage === 'require';

export const requireBehavior: PolicyRule = {
  id: 'organizations/require-behavior',
  summary:
    '`organization_require_behavior` is set only with `organization_usage: require`; `post_login_prompt` needs `oidc_conformant: true`',
  hint: 'set organization_usage: require, or remove organization_require_behavior',
  severity: EVERYWHERE,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const client of entriesOf(tenant, 'clients')) {
      const behavior = asString(client.item.organization_require_behavior);
      if (behavior === undefined) continue;
      const pointer = `${client.pointer}/organization_require_behavior`;
      if (!requiresOrganization(client)) {
        const usage = asString(client.item.organization_usage) ?? 'deny (the default)';
        findings.push({
          pointer,
          message: `client "${nameOf(client)}" sets organization_require_behavior: ${behavior}, which Auth0 uses only when organization_usage is require; it is ${usage}`,
          expected: 'organization_usage: require',
          found: `organization_usage: ${usage}`,
        });
      } else if (behavior === 'post_login_prompt' && client.item.oidc_conformant !== true) {
        findings.push({
          pointer,
          message: `client "${nameOf(client)}" asks for the organization after login (post_login_prompt), which Auth0 allows only for an OIDC-conformant client`,
          hint: 'set oidc_conformant: true, or use pre_login_prompt',
        });
      }
    }
    return findings;
  },
};

export const requireInteractive: PolicyRule = {
  id: 'organizations/require-interactive',
  summary: 'a client with `organization_usage: require` has users: it is not `non_interactive`',
  hint: "a machine-to-machine application uses organizations through its client grant's organization_usage: set it there and remove it from the client",
  severity: EVERYWHERE,
  check(tenant) {
    return entriesOf(tenant, 'clients')
      .filter((client) => requiresOrganization(client) && client.item.app_type === 'non_interactive')
      .map((client) => ({
        pointer: `${client.pointer}/organization_usage`,
        message: `machine-to-machine client "${nameOf(client)}" requires an organization for user logins, which it has none of`,
        found: 'app_type: non_interactive',
      }));
  },
};

/** The names of the connections (of every connection type) that enable each client, by client name. */
function connectionsByClient(tenant: Record<string, unknown>): Map<string, Set<string>> {
  const byClient = new Map<string, Set<string>>();
  for (const type of RESOURCE_TYPES.filter((candidate) => candidate.collection === 'connections')) {
    for (const connection of entriesOf(tenant, type.key)) {
      const name = asString(connection.item.name);
      if (name === undefined) continue;
      for (const client of asArray(connection.item.enabled_clients)) {
        if (typeof client !== 'string') continue;
        const names = byClient.get(client) ?? new Set<string>();
        names.add(name);
        byClient.set(client, names);
      }
    }
  }
  return byClient;
}

export const requireMemberConnection: PolicyRule = {
  id: 'organizations/require-member-connection',
  summary:
    'a client with `organization_usage: require` has a connection that an organization in the file enables',
  hint: 'enable one of its connections in an organization (organizations[].connections), or add the client to the enabled_clients of a connection an organization enables',
  severity: EVERYWHERE,
  check(tenant) {
    const enabledInOrganizations = new Set(
      entriesOf(tenant, 'organizations').flatMap((organization) =>
        asArray(organization.item.connections).flatMap((entry) => asString(asRecord(entry)?.name) ?? []),
      ),
    );
    const byClient = connectionsByClient(tenant);
    return entriesOf(tenant, 'clients')
      .filter((client) => requiresOrganization(client) && client.item.app_type !== 'non_interactive')
      .filter((client) => {
        const own = byClient.get(nameOf(client)) ?? new Set<string>();
        return ![...own].some((connection) => enabledInOrganizations.has(connection));
      })
      .map((client) => ({
        pointer: `${client.pointer}/organization_usage`,
        message: `client "${nameOf(client)}" requires an organization, but no organization in the file enables any of its connections: no user could sign in to it`,
      }));
  },
};

export const organizationPolicy: readonly PolicyRule[] = [
  requireBehavior,
  requireInteractive,
  requireMemberConnection,
];
