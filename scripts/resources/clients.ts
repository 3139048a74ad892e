import { clientRoutes } from '../local-tenant/api/clients';
import { clientsSchema } from '../tenant/schema/clients';
import { byName, defineResource } from './define';

export const clients = defineResource({
  key: 'clients',
  shape: 'list',
  noun: 'client',
  identityField: 'name',
  calls: '`GET`/`POST /clients`, `PATCH`/`DELETE /clients/{id}`',
  scopes: {
    read: ['read:clients'],
    write: ['create:clients', 'update:clients'],
    remove: ['delete:clients'],
  },
  schema: clientsSchema,
  identity: byName,
  // Auth0 returns a client's secret only with read:client_keys, which neither of our applications has.
  secrets: [{ path: 'client_secret', returned: false, sensitive: 'always' }],
  carrier: { kind: 'metadata', field: 'client_metadata' },
  codeFields: ['custom_login_page', 'custom_login_page_preview', 'form_template'],
  compare: {
    ignore: (client, refs) =>
      client.client_id === refs.deployClientId ||
      client.global === true ||
      client.name === 'All Applications',
    deletable: true,
  },
  localState: [
    { field: 'clients', shape: 'list' },
    { field: 'clientCredentials', shape: 'object' },
  ],
  localRoutes: () => clientRoutes,
});
