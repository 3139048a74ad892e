import { clientRoutes } from '../local-tenant/api/clients';
import { clientsSchema } from '../tenant/schema/clients';
import { clientAuthCredentials as credentials } from './client-auth-credentials/index';
import { byName, defineResource, type Rec } from './define';

/**
 * `cross_origin_auth` is the deprecated name of `cross_origin_authentication`: deploy-cli sends it under
 * the new name (unless the new one is written too) and never sends the old one, and Auth0 reports both.
 * Compared under the new name only, as deploy-cli writes it.
 */
function withCrossOriginAuthentication(client: Rec): Rec {
  if (!('cross_origin_auth' in client)) return client;
  const { cross_origin_auth: deprecated, ...rest } = client;
  return 'cross_origin_authentication' in rest ? rest : { ...rest, cross_origin_authentication: deprecated };
}

export const clients = defineResource({
  key: 'clients',
  shape: 'list',
  noun: 'client',
  identityField: 'name',
  calls: `\`GET\`/\`POST /clients\`, \`PATCH\`/\`DELETE /clients/{id}\`; ${credentials.calls}`,
  scopes: {
    read: ['read:clients', ...credentials.scopes.read],
    write: ['create:clients', 'update:clients', ...credentials.scopes.write],
    remove: ['delete:clients', ...credentials.scopes.remove],
  },
  schema: clientsSchema,
  identity: byName,
  // Auth0 returns a client's secret only with read:client_keys or read:client_credentials; the second is
  // the deploy's now (to read credentials back), so the secret is still compared by fingerprint, as if unread.
  secrets: [{ path: 'client_secret', returned: false, sensitive: 'always' }, ...credentials.secrets],
  carrier: { kind: 'metadata', field: 'client_metadata' },
  codeFields: ['custom_login_page', 'custom_login_page_preview', 'form_template'],
  compare: {
    normalize: (client) => credentials.normalize(withCrossOriginAuthentication(client)),
    ignore: (client, refs) =>
      (refs.deployClientId !== undefined && client.client_id === refs.deployClientId) ||
      client.global === true ||
      client.name === 'All Applications',
    deletable: true,
  },
  localState: [
    { field: 'clients', shape: 'list' },
    { field: 'clientCredentials', shape: 'object' },
  ],
  localRoutes: () => [...clientRoutes, ...credentials.localRoutes()],
});
