import { resourceServerRoutes } from '../local-tenant/api/resource-servers';
import { resourceServersSchema } from '../tenant/schema/resource-servers';
import { defineResource } from './define';

export const resourceServers = defineResource({
  key: 'resourceServers',
  shape: 'list',
  noun: 'API',
  identityField: 'identifier',
  calls: '`GET`/`POST /resource-servers`, `PATCH`/`DELETE /resource-servers/{id}`',
  scopes: {
    read: ['read:resource_servers'],
    write: ['create:resource_servers', 'update:resource_servers'],
    remove: ['delete:resource_servers'],
  },
  schema: resourceServersSchema,
  identity: (server) => String(server.identifier ?? server.name ?? ''),
  // An HS256 API's signing secret: the Management API returns it with read:resource_servers.
  secrets: [{ path: 'signing_secret', returned: true, sensitive: 'always' }],
  compare: {
    ignore: (server) => server.is_system === true || server.name === 'Auth0 Management API',
    deletable: true,
  },
  localState: [{ field: 'resourceServers', shape: 'list' }],
  localRoutes: () => resourceServerRoutes,
});
