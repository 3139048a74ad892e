import { badRequest } from '../http/errors';
import { newResourceServerId } from '../ids';
import { type CollectionDeclaration, collectionRoutes } from './collection';
import { listParam, type RouteList, scopes } from './common';
import { RESOURCE_SERVER_CREATE, RESOURCE_SERVER_UPDATE } from './schemas';

const RESOURCE_SERVERS: CollectionDeclaration = {
  path: '/resource-servers',
  field: 'resourceServers',
  id: { field: 'id', generate: newResourceServerId },
  // Auth0 takes the URL-encoded identifier in place of the id.
  alsoFoundBy: ['identifier'],
  scopes: scopes('resource_servers'),
  schemas: { create: RESOURCE_SERVER_CREATE, update: RESOURCE_SERVER_UPDATE },
  notFound: { message: 'The resource server does not exist', errorCode: 'inexistent_resource_server' },
  unique: [{ fields: ['identifier'], message: 'A resource server with the same identifier already exists' }],
  list: {
    key: 'resource_servers',
    paging: 'offset',
    filter: (query) => {
      const identifiers = listParam(query, 'identifiers');
      return (server) => identifiers.length === 0 || identifiers.includes(String(server.identifier));
    },
  },
  defaults: (fields) => ({
    name: fields.identifier,
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: false,
    token_lifetime: 86400,
    // A web token lives no longer than the API's tokens, and two hours at most.
    token_lifetime_for_web: Math.min(Number(fields.token_lifetime ?? 7200), 7200),
    signing_alg: 'RS256',
    scopes: [],
    enforce_policies: false,
    token_dialect: 'access_token',
  }),
  check: (fields, _state, server) => {
    if (server?.is_system === true && (fields.name !== undefined || fields.scopes !== undefined)) {
      throw badRequest('You cannot update the name or scopes of a system API', 'operation_not_supported');
    }
  },
  onDelete: (server, state) => {
    if (server.is_system === true)
      throw badRequest('You cannot delete a system API', 'operation_not_supported');
    // Its grants and the role permissions on it go with it.
    state.clientGrants = state.clientGrants.filter((grant) => grant.audience !== server.identifier);
    for (const [roleId, permissions] of Object.entries(state.rolePermissions)) {
      state.rolePermissions[roleId] = permissions.filter(
        (permission) => permission.resource_server_identifier !== server.identifier,
      );
    }
  },
};

export const resourceServerRoutes: RouteList = collectionRoutes(RESOURCE_SERVERS);
