import { badRequest, notFound } from '../http/errors';
import { booleanParam, pageOf, projectFields } from '../http/paging';
import { created, noContent, ok, type RequestContext } from '../http/router';
import { validateBody } from '../http/validate';
import { newClientId, newClientSecret, newCredentialId } from '../ids';
import { newClientDefaults } from '../state/client-defaults';
import type { JsonObject, TenantState } from '../state/types';
import { copy, found, listParam, nowIso, type RouteList, scopes } from './common';
import { CLIENT_CREATE, CLIENT_UPDATE } from './schemas';
import { boolean, closedObject, oneOf, string } from './schemas/json';

const clientNotFound = () => notFound('The client does not exist', 'inexistent_client');

export function findClient(state: TenantState, clientId: string): JsonObject {
  const client = state.clients.find((candidate) => candidate.client_id === clientId);
  if (!client) throw clientNotFound();
  return client;
}

function render(client: JsonObject, query?: URLSearchParams): JsonObject {
  const copyOf = copy(client);
  // A client that authenticates with credentials (private_key_jwt, mTLS) has no usable secret to show.
  if (client.client_authentication_methods !== undefined) delete copyOf.client_secret;
  return query ? projectFields(copyOf, query) : copyOf;
}

function list({ store, query }: RequestContext) {
  const isGlobal = booleanParam(query, 'is_global');
  const isFirstParty = booleanParam(query, 'is_first_party');
  const appTypes = listParam(query, 'app_type');
  const matching = store.state.clients.filter(
    (client) =>
      (isGlobal === undefined || (client.global === true) === isGlobal) &&
      (isFirstParty === undefined || (client.is_first_party === true) === isFirstParty) &&
      (appTypes.length === 0 || appTypes.includes(String(client.app_type))),
  );
  return ok(
    pageOf(
      matching.map((client) => render(client, query)),
      'clients',
      query,
    ),
  );
}

function create({ store, body }: RequestContext) {
  const fields = validateBody(body, CLIENT_CREATE);
  if (typeof fields.name !== 'string' || fields.name.trim() === '') {
    throw badRequest(
      "Payload validation error: 'String is too short (0 chars), minimum 1' on property name.",
    );
  }
  // Client names are not unique in Auth0: two clients may share one; only client_id identifies.
  const client: JsonObject = {
    ...newClientDefaults(store.state.tenantName),
    ...copy(fields),
    client_id: newClientId(),
    client_secret: newClientSecret(),
  };
  store.state.clients.push(client);
  // Only the create answer says the stored secret is encrypted at rest.
  return created({ ...render(client), encrypted: true });
}

function get({ store, params, query }: RequestContext) {
  return ok(render(findClient(store.state, params.id ?? ''), query));
}

function update({ store, params, body }: RequestContext) {
  const client = findClient(store.state, params.id ?? '');
  const fields = validateBody(body, CLIENT_UPDATE);
  // null clears a field (e.g. `token_endpoint_auth_method` when moving to client_authentication_methods).
  for (const [key, value] of Object.entries(copy(fields))) {
    if (value === null) delete client[key];
    else client[key] = value;
  }
  return ok(render(client));
}

function remove({ store, params }: RequestContext) {
  const id = params.id ?? '';
  findClient(store.state, id);
  const state = store.state;
  state.clients = state.clients.filter((client) => client.client_id !== id);
  state.clientGrants = state.clientGrants.filter((grant) => grant.client_id !== id);
  delete state.clientCredentials[id];
  for (const connection of state.connections) {
    if (Array.isArray(connection.enabled_clients)) {
      connection.enabled_clients = connection.enabled_clients.filter((clientId) => clientId !== id);
    }
  }
  return noContent();
}

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

const clientScopes = scopes('clients');
const credentialScopes = scopes('client_credentials');

export const clientRoutes: RouteList = [
  { method: 'GET', template: '/clients', scope: clientScopes.read, handler: list },
  { method: 'POST', template: '/clients', scope: clientScopes.create, handler: create },
  { method: 'GET', template: '/clients/:id', scope: clientScopes.read, handler: get },
  { method: 'PATCH', template: '/clients/:id', scope: clientScopes.update, handler: update },
  { method: 'DELETE', template: '/clients/:id', scope: clientScopes.delete, handler: remove },
];

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
