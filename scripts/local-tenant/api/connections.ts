import { createHmac } from 'node:crypto';
import { invalidBody, notFound } from '../http/errors';
import { checkpointOf } from '../http/paging';
import { noContent, ok, type RequestContext } from '../http/router';
import { isJsonObject, validateBody } from '../http/validate';
import { newConnectionId } from '../ids';
import type { JsonObject, TenantState } from '../state/types';
import { type CollectionDeclaration, collectionRoutes, findItem } from './collection';
import { copy, listParam, nowIso, type RouteList, scopes } from './common';
import { checkConnectionOptions } from './connection-checks';
import { CONNECTION_CREATE, CONNECTION_UPDATE } from './schemas';

const NAME_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/**
 * Auth0 stores a database connection's `configuration` encrypted and only ever returns the ciphertext; a
 * keyed digest stands in for it (stable while the value is unchanged, never the value).
 */
function encrypted(state: TenantState, key: string, value: unknown): string {
  return `2.0$${createHmac('sha256', state.signingKey)
    .update(`${key}=${String(value)}`)
    .digest('hex')}`;
}

function encryptedConfiguration(state: TenantState, configuration: unknown): unknown {
  if (!isJsonObject(configuration)) return configuration;
  return Object.fromEntries(
    Object.entries(configuration).map(([key, value]) => [key, encrypted(state, key, value)]),
  );
}

/** A value sent back as we returned it (ciphertext) keeps the stored plain value, as Auth0 decrypts its own. */
function keepEncryptedValues(state: TenantState, stored: unknown, incoming: unknown): void {
  if (!isJsonObject(stored) || !isJsonObject(incoming)) return;
  for (const [key, value] of Object.entries(incoming)) {
    if (key in stored && value === encrypted(state, key, stored[key])) incoming[key] = stored[key];
  }
}

/**
 * A SAML connection given `options.metadataXml`: Auth0 reads the identity provider's settings from the
 * document and does not keep the document itself (TestAccConnectionSAML answers without it).
 */
function dropMetadataXml(strategy: unknown, options: unknown): void {
  if (strategy === 'samlp' && isJsonObject(options)) delete options.metadataXml;
}

function render(connection: JsonObject, state: TenantState): JsonObject {
  const rendered = copy(connection);
  if (isJsonObject(rendered.options) && 'configuration' in rendered.options) {
    rendered.options.configuration = encryptedConfiguration(state, rendered.options.configuration);
  }
  return rendered;
}

function checkEnabledClients(state: TenantState, clientIds: unknown): string[] | undefined {
  if (clientIds === undefined || clientIds === null) return undefined;
  const ids = clientIds as string[];
  for (const id of ids) {
    if (!state.clients.some((client) => client.client_id === id)) {
      throw invalidBody(`'Client ${id} does not exist' on property enabled_clients.`);
    }
  }
  return [...new Set(ids)];
}

/** What a create stores: Auth0's options for its strategy, the enabled clients once each, its realm. */
function prepareCreate(fields: JsonObject, state: TenantState): JsonObject {
  const options = isJsonObject(fields.options) ? copy(fields.options) : {};
  if (fields.strategy === 'auth0') {
    options.strategy_version ??= 2;
    options.brute_force_protection ??= true;
  }
  dropMetadataXml(fields.strategy, options);
  return {
    ...fields,
    options,
    enabled_clients: checkEnabledClients(state, fields.enabled_clients) ?? [],
    realms: Array.isArray(fields.realms) ? fields.realms : [fields.name],
  };
}

/** What an update stores. As documented, `options`, when given, replaces the whole options object. */
function prepareUpdate(fields: JsonObject, state: TenantState, connection: JsonObject): JsonObject {
  const prepared = copy(fields);
  const enabledClients = checkEnabledClients(state, fields.enabled_clients);
  if (enabledClients !== undefined) prepared.enabled_clients = enabledClients;
  if (isJsonObject(prepared.options) && isJsonObject(connection.options)) {
    keepEncryptedValues(state, connection.options.configuration, prepared.options.configuration);
  }
  if (fields.options === null) prepared.options = {};
  dropMetadataXml(connection.strategy, prepared.options);
  return prepared;
}

const CONNECTIONS: CollectionDeclaration = {
  path: '/connections',
  field: 'connections',
  id: { field: 'id', generate: newConnectionId },
  scopes: scopes('connections'),
  schemas: { create: CONNECTION_CREATE, update: CONNECTION_UPDATE },
  notFound: { message: 'The connection does not exist', errorCode: 'inexistent_connection' },
  unique: [
    {
      fields: ['name'],
      message: 'A connection with the same name already exists',
      errorCode: 'connection_exists',
    },
  ],
  list: {
    key: 'connections',
    paging: 'offset-or-checkpoint',
    filter: (query) => {
      const strategies = listParam(query, 'strategy');
      const name = query.get('name');
      return (connection) =>
        (strategies.length === 0 || strategies.includes(String(connection.strategy))) &&
        (name === null || connection.name === name);
    },
  },
  defaults: {
    is_domain_connection: false,
    authentication: { active: true },
    connected_accounts: { active: false },
  },
  check: (fields, _state, existing) => {
    const name = String(fields.name);
    if (!existing && (!NAME_PATTERN.test(name) || name.length > 128)) {
      throw invalidBody(
        `'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$' on property name.`,
      );
    }
    checkConnectionOptions(fields, existing);
  },
  prepare: (fields, state, existing) =>
    existing ? prepareUpdate(fields, state, existing) : prepareCreate(fields, state),
  render,
  projection: true,
  // GET /connections/{id}?fields=strategy,name answered these too (TestAccConnection*, Terraform recordings).
  alwaysIncluded: ['id', 'is_domain_connection', 'authentication', 'connected_accounts'],
  deleted: () => ({ status: 202, body: { deleted_at: nowIso() } }),
};

const findConnection = (state: TenantState, id: string) => findItem(CONNECTIONS, state, id);

function listClients({ store, params, query }: RequestContext) {
  const connection = findConnection(store.state, params.id ?? '');
  const ids = Array.isArray(connection.enabled_clients) ? (connection.enabled_clients as string[]) : [];
  return ok(
    checkpointOf(
      ids.map((clientId) => ({ client_id: clientId })),
      'clients',
      query,
    ),
  );
}

const CLIENT_CHANGES = { type: 'array', maxItems: 50 };

/** `[{ client_id, status }]`, at most 50: enables (true) or disables (false) each client. */
function updateClients({ store, params, body }: RequestContext) {
  const connection = findConnection(store.state, params.id ?? '');
  const changes = validateBody<unknown[]>(body, CLIENT_CHANGES).map((item, index) => {
    if (!isJsonObject(item) || typeof item.client_id !== 'string' || typeof item.status !== 'boolean') {
      throw invalidBody(`'Expected { client_id: string, status: boolean }' on item ${index}.`);
    }
    if (!store.state.clients.some((client) => client.client_id === item.client_id)) {
      throw notFound(`Client ${item.client_id} does not exist`, 'inexistent_client');
    }
    return { clientId: item.client_id, enable: item.status };
  });
  const enabled = new Set(
    Array.isArray(connection.enabled_clients) ? (connection.enabled_clients as string[]) : [],
  );
  for (const change of changes) {
    if (change.enable) enabled.add(change.clientId);
    else enabled.delete(change.clientId);
  }
  connection.enabled_clients = [...enabled];
  return noContent();
}

const connectionScopes = CONNECTIONS.scopes;

export const connectionRoutes: RouteList = [
  ...collectionRoutes(CONNECTIONS),
  { method: 'GET', template: '/connections/:id/clients', scope: connectionScopes.read, handler: listClients },
  {
    method: 'PATCH',
    template: '/connections/:id/clients',
    scope: connectionScopes.update,
    handler: updateClients,
  },
];
