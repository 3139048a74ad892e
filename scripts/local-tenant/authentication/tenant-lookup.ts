/** Finding what a login names in the tenant's state: clients, connections, organizations, APIs, roles. */
import { isJsonObject } from '../http/validate';
import type { JsonObject, TenantState } from '../state/types';

export const findClient = (state: TenantState, clientId: unknown): JsonObject | undefined =>
  typeof clientId === 'string' ? state.clients.find((client) => client.client_id === clientId) : undefined;

export const findConnection = (state: TenantState, name: unknown): JsonObject | undefined =>
  typeof name === 'string' ? state.connections.find((connection) => connection.name === name) : undefined;

/** Whether the connection lists the client among its `enabled_clients` (client ids). */
export const enabledFor = (connection: JsonObject, clientId: string): boolean =>
  Array.isArray(connection.enabled_clients) && connection.enabled_clients.includes(clientId);

export const connectionsEnabledFor = (state: TenantState, clientId: string): JsonObject[] =>
  state.connections.filter((connection) => enabledFor(connection, clientId));

export const isDatabase = (connection: JsonObject): boolean => connection.strategy === 'auth0';

export function organizationsOf(state: TenantState): JsonObject[] {
  const held: unknown = (state as unknown as JsonObject).organizations;
  return Array.isArray(held) ? held.filter(isJsonObject) : [];
}

/** An organization by its id (`org_...`) or its name, as `/authorize?organization=` accepts either. */
export const findOrganization = (state: TenantState, idOrName: unknown): JsonObject | undefined =>
  typeof idOrName === 'string'
    ? organizationsOf(state).find((org) => org.id === idOrName || org.name === idOrName)
    : undefined;

export const findApi = (state: TenantState, audience: unknown): JsonObject | undefined =>
  typeof audience === 'string' ? state.resourceServers.find((api) => api.identifier === audience) : undefined;

/**
 * The branding settings the login pages use (colours, logo): `PATCH /api/v2/branding` keeps them under
 * the type's state object's `settings` (scripts/resources/branding/local-routes.ts), beside the template.
 */
export function branding(state: TenantState): JsonObject {
  const held: unknown = (state as unknown as JsonObject).branding;
  const settings = isJsonObject(held) ? held.settings : undefined;
  return isJsonObject(settings) ? settings : {};
}

/** The permissions on `audience` that the named roles give, each once, in role order. */
export function permissionsOfRoles(
  state: TenantState,
  roleNames: readonly string[],
  audience: string,
): string[] {
  const permissions = new Set<string>();
  for (const name of roleNames) {
    const role = state.roles.find((candidate) => candidate.name === name);
    if (!role) continue;
    for (const permission of state.rolePermissions[String(role.id)] ?? []) {
      if (permission.resource_server_identifier === audience) permissions.add(permission.permission_name);
    }
  }
  return [...permissions];
}

export const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
