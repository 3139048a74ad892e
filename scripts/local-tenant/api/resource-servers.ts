import { ApiError, badRequest } from '../http/errors';
import { pageOf } from '../http/paging';
import { created, noContent, ok, type RequestContext } from '../http/router';
import { validateBody } from '../http/validate';
import { newResourceServerId } from '../ids';
import type { JsonObject, TenantState } from '../state/types';
import { copy, found, listParam, type RouteList, scopes } from './common';
import { RESOURCE_SERVER_CREATE, RESOURCE_SERVER_UPDATE } from './schemas';

/** By id, or by identifier (Auth0 accepts the URL-encoded identifier in place of the id). */
export function findResourceServer(state: TenantState, idOrIdentifier: string): JsonObject {
  return found(
    state.resourceServers.find(
      (server) => server.id === idOrIdentifier || server.identifier === idOrIdentifier,
    ),
    'The resource server does not exist',
    'inexistent_resource_server',
  );
}

function list({ store, query }: RequestContext) {
  const identifiers = listParam(query, 'identifiers');
  const matching = store.state.resourceServers.filter(
    (server) => identifiers.length === 0 || identifiers.includes(String(server.identifier)),
  );
  return ok(pageOf(copy(matching), 'resource_servers', query));
}

function create({ store, body }: RequestContext) {
  const fields = validateBody(body, RESOURCE_SERVER_CREATE);
  const identifier = String(fields.identifier);
  if (store.state.resourceServers.some((server) => server.identifier === identifier)) {
    throw new ApiError(409, 'A resource server with the same identifier already exists', 'conflict');
  }
  const server: JsonObject = {
    id: newResourceServerId(),
    name: fields.name ?? identifier,
    identifier,
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: false,
    token_lifetime: 86400,
    token_lifetime_for_web: 7200,
    signing_alg: 'RS256',
    scopes: [],
    enforce_policies: false,
    token_dialect: 'access_token',
    ...copy(fields),
  };
  if (fields.token_lifetime !== undefined && fields.token_lifetime_for_web === undefined) {
    server.token_lifetime_for_web = Math.min(Number(fields.token_lifetime), 7200);
  }
  store.state.resourceServers.push(server);
  return created(copy(server));
}

function update({ store, params, body }: RequestContext) {
  const server = findResourceServer(store.state, params.id ?? '');
  const fields = validateBody(body, RESOURCE_SERVER_UPDATE);
  if (server.is_system === true && (fields.name !== undefined || fields.scopes !== undefined)) {
    throw badRequest('You cannot update the name or scopes of a system API', 'operation_not_supported');
  }
  Object.assign(server, copy(fields));
  return ok(copy(server));
}

function remove({ store, params }: RequestContext) {
  const state = store.state;
  const server = findResourceServer(state, params.id ?? '');
  if (server.is_system === true)
    throw badRequest('You cannot delete a system API', 'operation_not_supported');
  state.resourceServers = state.resourceServers.filter((candidate) => candidate !== server);
  // Its grants and the role permissions on it go with it.
  state.clientGrants = state.clientGrants.filter((grant) => grant.audience !== server.identifier);
  for (const [roleId, permissions] of Object.entries(state.rolePermissions)) {
    state.rolePermissions[roleId] = permissions.filter(
      (permission) => permission.resource_server_identifier !== server.identifier,
    );
  }
  return noContent();
}

const serverScopes = scopes('resource_servers');

export const resourceServerRoutes: RouteList = [
  { method: 'GET', template: '/resource-servers', scope: serverScopes.read, handler: list },
  { method: 'POST', template: '/resource-servers', scope: serverScopes.create, handler: create },
  {
    method: 'GET',
    template: '/resource-servers/:id',
    scope: serverScopes.read,
    handler: ({ store, params }) => ok(copy(findResourceServer(store.state, params.id ?? ''))),
  },
  { method: 'PATCH', template: '/resource-servers/:id', scope: serverScopes.update, handler: update },
  { method: 'DELETE', template: '/resource-servers/:id', scope: serverScopes.delete, handler: remove },
];
