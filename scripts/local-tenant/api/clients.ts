import { badRequest } from '../http/errors';
import { booleanParam } from '../http/paging';
import { created, noContent, ok, type RequestContext } from '../http/router';
import { validateBody } from '../http/validate';
import { newClientId, newClientSecret, newCredentialId } from '../ids';
import { newClientDefaults } from '../state/client-defaults';
import type { JsonObject, TenantState } from '../state/types';
import { type CollectionDeclaration, collectionRoutes, findItem, type RenderContext } from './collection';
import { copy, found, listParam, nowIso, type RouteList, scopes } from './common';
import { CLIENT_CREATE, CLIENT_UPDATE } from './schemas';
import { boolean, closedObject, oneOf, string } from './schemas/json';

/** What Auth0 answers only with one of KEY_SCOPES (its clients `list`/`get` documentation). */
const KEY_FIELDS = [
  'client_secret',
  'encryption_key',
  'client_authentication_methods',
  'signing_keys',
  'signing_key',
];
const KEY_SCOPES = ['read:client_keys', 'read:client_credentials'];

/**
 * A client as Auth0 answers it: its keys only to a caller that may read them, or in the answer to the
 * create that made them (the one time the new secret is shown). A client that authenticates with
 * credentials (private_key_jwt, mTLS) has no usable secret to show at all.
 */
function render(client: JsonObject, _state: TenantState, { purpose, scopes }: RenderContext): JsonObject {
  const answer = copy(client);
  if (client.client_authentication_methods !== undefined) delete answer.client_secret;
  const mayReadKeys = purpose === 'create' || KEY_SCOPES.some((scope) => scopes.has(scope));
  if (!mayReadKeys) for (const field of KEY_FIELDS) delete answer[field];
  return answer;
}

const CLIENTS: CollectionDeclaration = {
  path: '/clients',
  field: 'clients',
  id: { field: 'client_id', generate: newClientId },
  scopes: scopes('clients'),
  schemas: { create: CLIENT_CREATE, update: CLIENT_UPDATE },
  notFound: { message: 'The client does not exist', errorCode: 'inexistent_client' },
  // Client names are not unique in Auth0: two clients may share one; only client_id identifies.
  list: {
    key: 'clients',
    paging: 'offset',
    filter: (query) => {
      const isGlobal = booleanParam(query, 'is_global');
      const isFirstParty = booleanParam(query, 'is_first_party');
      const appTypes = listParam(query, 'app_type');
      return (client) =>
        (isGlobal === undefined || (client.global === true) === isGlobal) &&
        (isFirstParty === undefined || (client.is_first_party === true) === isFirstParty) &&
        (appTypes.length === 0 || appTypes.includes(String(client.app_type)));
    },
  },
  defaults: (_fields, state) => ({
    ...newClientDefaults(state.tenantName),
    client_secret: newClientSecret(),
  }),
  check: (fields, _state, existing) => {
    if (!existing && (typeof fields.name !== 'string' || fields.name.trim() === '')) {
      throw badRequest(
        "Payload validation error: 'String is too short (0 chars), minimum 1' on property name.",
      );
    }
  },
  // null clears a field (e.g. `token_endpoint_auth_method` when moving to client_authentication_methods).
  nullClears: true,
  render,
  projection: true,
  // Only the create answer says the stored secret is encrypted at rest.
  created: (client) => created({ ...client, encrypted: true }),
  onDelete: (client, state) => {
    const id = String(client.client_id);
    state.clientGrants = state.clientGrants.filter((grant) => grant.client_id !== id);
    delete state.clientCredentials[id];
    for (const connection of state.connections) {
      if (Array.isArray(connection.enabled_clients)) {
        connection.enabled_clients = connection.enabled_clients.filter((clientId) => clientId !== id);
      }
    }
  },
};

export const findClient = (state: TenantState, clientId: string) => findItem(CLIENTS, state, clientId);

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

export const clientRoutes: RouteList = collectionRoutes(CLIENTS);

/**
 * A client's private-key JWT and mTLS credentials: deploy-cli's clientAuthCredentials handler, not yet a
 * type of the registry, reads them; the local tenant answers them as Auth0 does meanwhile.
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
