import { clientSigningKeys } from '../authentication/signing-key';
import { badRequest } from '../http/errors';
import { booleanParam } from '../http/paging';
import { created } from '../http/router';
import { isJsonObject } from '../http/validate';
import { newClientId, newClientSecret } from '../ids';
import { newClientDefaults, newClientJwtConfiguration } from '../state/client-defaults';
import type { JsonObject, TenantState } from '../state/types';
import { type CollectionDeclaration, collectionRoutes, findItem, type RenderContext } from './collection';
import { copy, listParam, type RouteList, scopes } from './common';
import { CLIENT_CREATE, CLIENT_UPDATE } from './schemas';

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
function render(client: JsonObject, state: TenantState, { purpose, scopes }: RenderContext): JsonObject {
  const answer = copy(client);
  if (client.client_authentication_methods !== undefined) delete answer.client_secret;
  const mayReadKeys = purpose === 'create' || KEY_SCOPES.some((scope) => scopes.has(scope));
  if (!mayReadKeys) for (const field of KEY_FIELDS) delete answer[field];
  else answer.signing_keys = clientSigningKeys(state.tokenSigningKey);
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
  // An express_configuration client gets no secret (TestAccClientExpressApp answers none, ever).
  defaults: (fields, state) => ({
    ...newClientDefaults(state.tenantName),
    ...(fields.app_type === 'express_configuration' ? {} : { client_secret: newClientSecret() }),
  }),
  prepare: (fields, _state, existing) =>
    existing ? fields : { ...fields, jwt_configuration: newClientJwtConfiguration(fields) },
  check: (fields, _state, existing) => {
    if (!existing && (typeof fields.name !== 'string' || fields.name.trim() === '')) {
      throw badRequest(
        "Payload validation error: 'String is too short (0 chars), minimum 1' on property name.",
      );
    }
    // A default organization names both the organization and its flows: Auth0 answered 400 to either
    // alone (TestAccClientWithDefaultOrganization, Terraform provider recordings).
    const organization = fields.default_organization;
    if (
      isJsonObject(organization) &&
      (organization.organization_id === undefined || organization.flows === undefined)
    ) {
      const missing = organization.organization_id === undefined ? 'organization_id' : 'flows';
      throw badRequest(
        `Payload validation error: 'Missing required property: ${missing}' on property default_organization.`,
      );
    }
  },
  // null clears a field (e.g. `token_endpoint_auth_method` when moving to client_authentication_methods).
  nullClears: true,
  render,
  projection: true,
  // GET /clients?fields=client_id answered the tenant too (TestAccGlobalClient, Terraform recordings).
  alwaysIncluded: ['tenant'],
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

export const clientRoutes: RouteList = collectionRoutes(CLIENTS);
