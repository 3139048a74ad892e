import { clientGrantRoutes } from '../local-tenant/api/client-grants';
import { isManagementApiAudience } from '../tenant/checks/read';
import { clientGrantsSchema } from '../tenant/schema/client-grants';
import { defineResource } from './define';

export const clientGrants = defineResource({
  key: 'clientGrants',
  shape: 'list',
  noun: 'client grant',
  calls:
    '`GET`/`POST /client-grants`, `PATCH`/`DELETE /client-grants/{id}` (and `GET /clients` to match names)',
  scopes: {
    read: ['read:client_grants', 'read:clients'],
    write: ['create:client_grants', 'update:client_grants'],
    remove: ['delete:client_grants'],
  },
  schema: clientGrantsSchema,
  identity: (grant, refs) =>
    `${refs.clientName(String(grant.client_id ?? grant.default_for ?? ''))} -> ${grant.audience}`,
  references: [
    { path: 'client_id', to: 'clients' },
    { path: 'audience', to: 'resourceServers', external: isManagementApiAudience },
  ],
  compare: {
    ignore: (grant, refs) =>
      (refs.deployClientId !== undefined && grant.client_id === refs.deployClientId) ||
      grant.is_system === true,
    deletable: true,
  },
  after: ['clients', 'resourceServers'],
  localState: [{ field: 'clientGrants', shape: 'list' }],
  localRoutes: () => clientGrantRoutes,
});
