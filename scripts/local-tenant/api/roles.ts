import { ApiError, invalidBody } from '../http/errors';
import { pageOf } from '../http/paging';
import { created, noContent, ok, type RequestContext } from '../http/router';
import { isJsonObject, validateBody } from '../http/validate';
import { newRoleId } from '../ids';
import type { JsonObject, RolePermission, TenantState } from '../state/types';
import { type CollectionDeclaration, collectionRoutes, findItem } from './collection';
import { type RouteList, scopes } from './common';
import { ROLE_CREATE, ROLE_UPDATE } from './schemas';
import { array, closedObject } from './schemas/json';

export const ROLES: CollectionDeclaration = {
  path: '/roles',
  field: 'roles',
  id: { field: 'id', generate: newRoleId },
  scopes: scopes('roles'),
  schemas: { create: ROLE_CREATE, update: ROLE_UPDATE },
  notFound: { message: 'The role does not exist.', errorCode: 'inexistent_role' },
  unique: [{ fields: ['name'], message: 'A role with this name already exists' }],
  list: {
    key: 'roles',
    paging: 'offset',
    filter: (query) => {
      const nameFilter = query.get('name_filter')?.toLowerCase();
      return (role) => nameFilter === undefined || String(role.name).toLowerCase().includes(nameFilter);
    },
  },
  defaults: { type: 'tenant' },
  // A role created without a description is answered without one, and read back with '' ever after
  // (TestAccRole in the Terraform provider's recordings).
  render: (role, _state, { purpose }) =>
    purpose === 'create' || role.description !== undefined ? role : { ...role, description: '' },
  // Auth0 answers a create with 200, not 201, and a delete with an empty object (see the recordings).
  created: (role) => ok(role),
  deleted: () => ok({}),
  onDelete: (role, state) => {
    delete state.rolePermissions[String(role.id)];
  },
};

const findRole = (state: TenantState, id: string) => findItem(ROLES, state, id);

const PERMISSIONS = closedObject({ permissions: array }, ['permissions']);

/** The permissions of a request body, each naming a scope defined on an existing resource server. */
function permissionsOf(state: TenantState, body: unknown): RolePermission[] {
  const fields = validateBody(body, PERMISSIONS);
  return (fields.permissions as unknown[]).map((item, index) => {
    if (
      !isJsonObject(item) ||
      typeof item.permission_name !== 'string' ||
      typeof item.resource_server_identifier !== 'string'
    ) {
      throw invalidBody(
        `'Missing required property: permission_name or resource_server_identifier' on property permissions[${index}].`,
      );
    }
    const server = state.resourceServers.find(
      (candidate) => candidate.identifier === item.resource_server_identifier,
    );
    const defined =
      Array.isArray(server?.scopes) &&
      server.scopes.some((scope) => isJsonObject(scope) && scope.value === item.permission_name);
    if (!defined) {
      throw new ApiError(
        400,
        `Permission ${item.permission_name} not found for resource server ${item.resource_server_identifier}`,
        'invalid_body',
      );
    }
    return {
      permission_name: item.permission_name,
      resource_server_identifier: item.resource_server_identifier,
    };
  });
}

const samePermission = (a: RolePermission, b: RolePermission) =>
  a.permission_name === b.permission_name && a.resource_server_identifier === b.resource_server_identifier;

function listPermissions({ store, params, query }: RequestContext) {
  const role = findRole(store.state, params.id ?? '');
  const rendered = (store.state.rolePermissions[String(role.id)] ?? []).map((permission) => {
    const server = store.state.resourceServers.find(
      (s) => s.identifier === permission.resource_server_identifier,
    );
    const scope = (server?.scopes as JsonObject[] | undefined)?.find(
      (s) => s.value === permission.permission_name,
    );
    return {
      permission_name: permission.permission_name,
      description: scope?.description ?? '',
      resource_server_name: server?.name ?? '',
      resource_server_identifier: permission.resource_server_identifier,
    };
  });
  return ok(pageOf(rendered, 'permissions', query));
}

function addPermissions({ store, params, body }: RequestContext) {
  const role = findRole(store.state, params.id ?? '');
  const current = store.state.rolePermissions[String(role.id)] ?? [];
  for (const permission of permissionsOf(store.state, body)) {
    if (!current.some((existing) => samePermission(existing, permission))) current.push(permission);
  }
  store.state.rolePermissions[String(role.id)] = current;
  // Auth0 answers 201 with an empty object, and a removal 204 (TestAccRolePermission's recordings).
  return created({});
}

function removePermissions({ store, params, body }: RequestContext) {
  const role = findRole(store.state, params.id ?? '');
  const removing = permissionsOf(store.state, body);
  store.state.rolePermissions[String(role.id)] = (store.state.rolePermissions[String(role.id)] ?? []).filter(
    (permission) => !removing.some((other) => samePermission(other, permission)),
  );
  return noContent();
}

const roleScopes = ROLES.scopes;

export const roleRoutes: RouteList = [
  ...collectionRoutes(ROLES),
  { method: 'GET', template: '/roles/:id/permissions', scope: roleScopes.read, handler: listPermissions },
  { method: 'POST', template: '/roles/:id/permissions', scope: roleScopes.update, handler: addPermissions },
  {
    method: 'DELETE',
    template: '/roles/:id/permissions',
    scope: roleScopes.update,
    handler: removePermissions,
  },
];
