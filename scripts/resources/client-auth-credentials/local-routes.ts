/**
 * The local tenant's /clients/{id}/credentials, as the recordings show Auth0 answering: a create answered
 * 201 with the credential (a public key given its `kid` and `alg`), never its `pem`; a plain list; a
 * delete answered 204. No PATCH (a credential's expiry): deploy-cli never calls it, nothing recorded
 * shows it, and serving it would ask the deploy's application for update:client_credentials too.
 */

import { findClient } from '../../local-tenant/api/clients';
import { copy, found, nowIso, type RouteList, scopes } from '../../local-tenant/api/common';
import { boolean, closedObject, oneOf, string } from '../../local-tenant/api/schemas/json';
import { badRequest } from '../../local-tenant/http/errors';
import { created, noContent, ok, type RequestContext } from '../../local-tenant/http/router';
import { validateBody } from '../../local-tenant/http/validate';
import { newCredentialId } from '../../local-tenant/ids';
import type { JsonObject, TenantState } from '../../local-tenant/state/types';

const CREDENTIAL_CREATE = closedObject(
  {
    credential_type: oneOf(['public_key', 'cert_subject_dn', 'x509_cert']),
    name: { type: 'string', maxLength: 128 },
    subject_dn: string,
    pem: string,
    alg: oneOf(['RS256', 'RS384', 'PS256']),
    parse_expiry_from_cert: boolean,
    expires_at: string,
    kid: string,
  },
  ['credential_type'],
);

function listCredentials({ store, params }: RequestContext) {
  findClient(store.state, params.id ?? '');
  return ok(copy(store.state.clientCredentials[params.id ?? ''] ?? []));
}

function findCredential(state: TenantState, clientId: string, credentialId: string): JsonObject {
  findClient(state, clientId);
  return found(
    state.clientCredentials[clientId]?.find((credential) => credential.id === credentialId),
    'The credential does not exist',
    'inexistent_credential',
  );
}

function createCredential({ store, params, body }: RequestContext) {
  const clientId = params.id ?? '';
  findClient(store.state, clientId);
  const fields = validateBody(body, CREDENTIAL_CREATE);
  if (fields.credential_type !== 'cert_subject_dn' && typeof fields.pem !== 'string') {
    throw badRequest("Payload validation error: 'Missing required property: pem'.");
  }
  const at = nowIso();
  const credential: JsonObject = {
    id: newCredentialId(),
    credential_type: fields.credential_type,
    ...(fields.name !== undefined && { name: fields.name }),
    ...(fields.credential_type === 'public_key' && {
      alg: fields.alg ?? 'RS256',
      kid: fields.kid ?? newCredentialId(),
    }),
    ...(fields.subject_dn !== undefined && { subject_dn: fields.subject_dn }),
    ...(fields.expires_at !== undefined && { expires_at: fields.expires_at }),
    created_at: at,
    updated_at: at,
  };
  const credentials = store.state.clientCredentials[clientId] ?? [];
  credentials.push(credential);
  store.state.clientCredentials[clientId] = credentials;
  return created(copy(credential));
}

function getCredential({ store, params }: RequestContext) {
  return ok(copy(findCredential(store.state, params.id ?? '', params.credentialId ?? '')));
}

function removeCredential({ store, params }: RequestContext) {
  const clientId = params.id ?? '';
  const credential = findCredential(store.state, clientId, params.credentialId ?? '');
  store.state.clientCredentials[clientId] = (store.state.clientCredentials[clientId] ?? []).filter(
    (candidate) => candidate !== credential,
  );
  return noContent();
}

const credentialScopes = scopes('client_credentials');

/**
 * A client's private-key JWT and mTLS credentials, read and written by deploy-cli's clientAuthCredentials
 * handlers.
 */
export const clientCredentialRoutes: RouteList = [
  {
    method: 'GET',
    template: '/clients/:id/credentials',
    scope: credentialScopes.read,
    handler: listCredentials,
  },
  {
    method: 'POST',
    template: '/clients/:id/credentials',
    scope: credentialScopes.create,
    handler: createCredential,
  },
  {
    method: 'GET',
    template: '/clients/:id/credentials/:credentialId',
    scope: credentialScopes.read,
    handler: getCredential,
  },
  {
    method: 'DELETE',
    template: '/clients/:id/credentials/:credentialId',
    scope: credentialScopes.delete,
    handler: removeCredential,
  },
];
