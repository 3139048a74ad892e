/**
 * A client's private-key JWT and mTLS credentials (`clients[].client_authentication_methods`): written by
 * deploy-cli's clientAuthCredentials handlers after the clients step, read back by its clients handler as
 * `{ name, credential_type }` per credential (Auth0 never returns `pem`). Not a section of tenant.yaml of
 * its own, so not an entry of RESOURCE_TYPES: the clients type reads every fact about it from here (its
 * schema, secret path, scopes, the deploy-cli handler that writes it, its local routes).
 *
 * deploy-cli matches credentials by name: a new key under a name Auth0 already has is not sent (the plan
 * shows the pem's fingerprint changed, the deploy records it, Auth0 keeps the old key). Rotate a key by
 * adding it under a new name (two per method are allowed), then removing the old one. A removed
 * credential is unlinked from the client; deploy-cli deletes it only with AUTH0_ALLOW_DELETE, which our
 * writes never set, so it stays listed under /clients/{id}/credentials, unused.
 */
import type { RouteList } from '../../local-tenant/api/common';
import { isRecord, type Rec, type SecretPath } from '../define';
import { clientCredentialRoutes } from './local-routes';
import { CREDENTIALS_HANDLER, clientAuthenticationMethodsSchema } from './schema';

export { checkClientAuthCredentials } from './check';

/**
 * A client's credentials as the plan compares them: without `pem`, which Auth0 never answers (deploy-cli
 * reads each credential back as its name and type). The pem is compared by the fingerprint the deploy
 * recorded, and so is never printed either.
 */
function withoutKeyMaterial(client: Rec): Rec {
  const methods = client.client_authentication_methods;
  if (!isRecord(methods)) return client;
  const compared = Object.fromEntries(
    Object.entries(methods).map(([method, settings]) => {
      if (!isRecord(settings) || !Array.isArray(settings.credentials)) return [method, settings];
      const credentials = settings.credentials.map((credential) => {
        if (!isRecord(credential)) return credential;
        const { pem: _pem, ...rest } = credential;
        return rest;
      });
      return [method, { ...settings, credentials }];
    }),
  );
  return { ...client, client_authentication_methods: compared };
}

export const clientAuthCredentials = {
  field: 'client_authentication_methods',
  handler: CREDENTIALS_HANDLER,
  schema: clientAuthenticationMethodsSchema,
  calls: '`GET`/`POST /clients/{id}/credentials`, `DELETE /clients/{id}/credentials/{credential_id}`',
  scopes: {
    read: ['read:client_credentials'],
    write: ['create:client_credentials'],
    remove: ['delete:client_credentials'],
  },
  // Key material: public, yet what a client signs in with, and Auth0 does not answer it back.
  secrets: [
    {
      path: 'client_authentication_methods.*.credentials.*.pem',
      returned: false,
      sensitive: 'always',
      label: 'credential',
    },
  ] satisfies SecretPath[],
  normalize: withoutKeyMaterial,
  localRoutes: (): RouteList => clientCredentialRoutes,
};
