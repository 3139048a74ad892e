import { roleRoutes } from '../local-tenant/api/roles';
import { rolesSchema } from '../tenant/schema/roles';
import { byName, defineResource } from './define';

export const roles = defineResource({
  key: 'roles',
  shape: 'list',
  noun: 'role',
  identityField: 'name',
  calls:
    '`GET`/`POST /roles`, `PATCH`/`DELETE /roles/{id}`, `GET`/`POST`/`DELETE /roles/{id}/permissions` (permissions are an update of the role)',
  scopes: {
    read: ['read:roles'],
    write: ['create:roles', 'update:roles'],
    remove: ['delete:roles'],
  },
  schema: rolesSchema,
  identity: byName,
  references: [{ path: 'permissions.*.resource_server_identifier', to: 'resourceServers' }],
  compare: { deletable: true },
  after: ['resourceServers'],
  localState: [
    { field: 'roles', shape: 'list' },
    { field: 'rolePermissions', shape: 'object' },
  ],
  localRoutes: () => roleRoutes,
});
