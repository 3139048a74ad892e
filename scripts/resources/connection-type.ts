import { connectionRoutes } from '../local-tenant/api/connections';
import { byName, type ResourceDefinition } from './define';

/** `databases:` and `connections:` are both Auth0 connections, read and written through /connections. */
export const connectionType = {
  shape: 'list',
  noun: 'connection',
  identityField: 'name',
  collection: 'connections',
  calls:
    '`GET`/`POST /connections`, `GET`/`PATCH`/`DELETE /connections/{id}`, `GET`/`PATCH /connections/{id}/clients` (enabled applications)',
  scopes: {
    read: ['read:connections'],
    write: ['create:connections', 'update:connections'],
    remove: ['delete:connections'],
  },
  identity: byName,
  references: [{ path: 'enabled_clients.*', to: 'clients' }],
  carrier: { kind: 'metadata', field: 'metadata' },
  compare: { deletable: true },
  after: ['clients'],
  localState: [{ field: 'connections', shape: 'list' as const }],
  localRoutes: () => connectionRoutes,
} satisfies Partial<ResourceDefinition>;
