/**
 * The local tenant's /clients/{id}/credentials, as the recordings show Auth0 answering: a create answered
 * 201 with the credential (a public key given its `kid` and `alg`), never its `pem`, with `expires_at` as
 * an ISO date with milliseconds (given, or read from the certificate); a plain list; a delete answered 204;
 * a PATCH of `expires_at` (the SDK's PatchClientCredentialRequestContent; nothing recorded calls it)
 * answered 200 with the credential.
 */

import { X509Certificate } from 'node:crypto';
import { findClient } from '../../local-tenant/api/clients';
import { copy, found, nowIso, type RouteList, scopes } from '../../local-tenant/api/common';
import { boolean, closedObject, nullable, oneOf, string } from '../../local-tenant/api/schemas/json';
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

const CREDENTIAL_UPDATE = closedObject({ expires_at: nullable(string) }, []);

/** An ISO 8601 date as Auth0 answers it (`2096-05-13T09:33:13Z` is answered `2096-05-13T09:33:13.000Z`). */
function isoDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw badRequest(`Payload validation error: 'Invalid date: ${value}' on property expires_at.`);
  return date.toISOString();
}

/** The certificate in a `pem`, if it is one (a public key is not). */
function certificateOf(pem: unknown): X509Certificate | undefined {
  if (typeof pem !== 'string' || !pem.includes('BEGIN CERTIFICATE')) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    throw badRequest("Payload validation error: 'Invalid certificate' on property pem.");
  }
}

/**
 * What Auth0 reads from a certificate: an x509_cert credential's SHA-256 thumbprint (base64url) and its
 * expiry, which a public key also takes from its certificate when `parse_expiry_from_cert` is set
 * (TestAccClientAuthenticationMethodsSelfSignedTLSClientAuth answers both).
 */
function fromCertificate(fields: JsonObject): JsonObject {
  const certificate = certificateOf(fields.pem);
  if (!certificate) return {};
  const read: JsonObject = {};
  if (fields.credential_type === 'x509_cert')
    read.thumbprint_sha256 = Buffer.from(certificate.fingerprint256.replaceAll(':', ''), 'hex').toString(
      'base64url',
    );
  if (fields.credential_type === 'x509_cert' || fields.parse_expiry_from_cert === true)
    read.expires_at = isoDate(certificate.validTo);
  return read;
}

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
    ...fromCertificate(fields),
    ...(typeof fields.expires_at === 'string' && { expires_at: isoDate(fields.expires_at) }),
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

/** Sets or (with null) clears a credential's expiry. */
function updateCredential({ store, params, body }: RequestContext) {
  const credential = findCredential(store.state, params.id ?? '', params.credentialId ?? '');
  const fields = validateBody(body, CREDENTIAL_UPDATE);
  if (typeof fields.expires_at === 'string') credential.expires_at = isoDate(fields.expires_at);
  else if (fields.expires_at === null) delete credential.expires_at;
  credential.updated_at = nowIso();
  return ok(copy(credential));
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

/**
 * PATCH of a credential's expiry, served as Auth0 serves it though no deploy calls it: kept out of the
 * type's routes so that the deploy application is not asked for update:client_credentials (see
 * scripts/local-tenant/api/index.ts).
 */
export const credentialExpiryRoute = {
  method: 'PATCH',
  template: '/clients/:id/credentials/:credentialId',
  scope: credentialScopes.update,
  handler: updateCredential,
} as const;
