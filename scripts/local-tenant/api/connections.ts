import { createHmac } from 'node:crypto';
import { ApiError, invalidBody, notFound } from '../http/errors';
import { checkpointOf, pagedList, projectFields } from '../http/paging';
import { noContent, ok, type RequestContext } from '../http/router';
import { isJsonObject, validateBody } from '../http/validate';
import { newConnectionId } from '../ids';
import type { JsonObject, TenantState } from '../state/types';
import { copy, found, listParam, nowIso, type RouteList, scopes } from './common';
import { CONNECTION_CREATE, CONNECTION_UPDATE } from './schemas';

const NAME_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

function findConnection(state: TenantState, id: string): JsonObject {
  return found(
    state.connections.find((connection) => connection.id === id),
    'The connection does not exist',
    'inexistent_connection',
  );
}

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

function render(state: TenantState, connection: JsonObject): JsonObject {
  const rendered = copy(connection);
  if (isJsonObject(rendered.options) && 'configuration' in rendered.options) {
    rendered.options.configuration = encryptedConfiguration(state, rendered.options.configuration);
  }
  return rendered;
}

function list({ store, query }: RequestContext) {
  const strategies = listParam(query, 'strategy');
  const name = query.get('name');
  const matching = store.state.connections.filter(
    (connection) =>
      (strategies.length === 0 || strategies.includes(String(connection.strategy))) &&
      (name === null || connection.name === name),
  );
  const rendered = matching.map((connection) => projectFields(render(store.state, connection), query));
  return ok(pagedList(rendered, 'connections', query, 'offset-or-checkpoint'));
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

function create({ store, body }: RequestContext) {
  const state = store.state;
  const fields = validateBody(body, CONNECTION_CREATE);
  const name = String(fields.name);
  if (!NAME_PATTERN.test(name) || name.length > 128) {
    throw invalidBody(
      `'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$' on property name.`,
    );
  }
  if (state.connections.some((connection) => connection.name === name)) {
    throw new ApiError(409, 'A connection with the same name already exists', 'connection_exists');
  }
  const options = isJsonObject(fields.options) ? copy(fields.options) : {};
  if (fields.strategy === 'auth0') {
    options.strategy_version ??= 2;
    options.brute_force_protection ??= true;
  }
  const connection: JsonObject = {
    id: newConnectionId(),
    options,
    strategy: fields.strategy,
    name,
    is_domain_connection: false,
    authentication: { active: true },
    connected_accounts: { active: false },
    ...copy(fields),
    enabled_clients: checkEnabledClients(state, fields.enabled_clients) ?? [],
    realms: Array.isArray(fields.realms) ? fields.realms : [name],
  };
  connection.options = options;
  state.connections.push(connection);
  return { status: 201, body: render(state, connection) };
}

function update({ store, params, body }: RequestContext) {
  const state = store.state;
  const connection = findConnection(state, params.id ?? '');
  const fields = validateBody(body, CONNECTION_UPDATE);
  const enabledClients = checkEnabledClients(state, fields.enabled_clients);
  if (isJsonObject(fields.options) && isJsonObject(connection.options)) {
    keepEncryptedValues(state, connection.options.configuration, fields.options.configuration);
  }
  // As documented: `options`, when given, replaces the whole options object.
  Object.assign(connection, copy(fields));
  if (fields.options === null) connection.options = {};
  if (enabledClients !== undefined) connection.enabled_clients = enabledClients;
  return ok(render(state, connection));
}

function remove({ store, params }: RequestContext) {
  const connection = findConnection(store.state, params.id ?? '');
  store.state.connections = store.state.connections.filter((candidate) => candidate !== connection);
  return { status: 202, body: { deleted_at: nowIso() } };
}

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

const connectionScopes = scopes('connections');

export const connectionRoutes: RouteList = [
  { method: 'GET', template: '/connections', scope: connectionScopes.read, handler: list },
  { method: 'POST', template: '/connections', scope: connectionScopes.create, handler: create },
  {
    method: 'GET',
    template: '/connections/:id',
    scope: connectionScopes.read,
    handler: ({ store, params, query }) =>
      ok(projectFields(render(store.state, findConnection(store.state, params.id ?? '')), query)),
  },
  { method: 'PATCH', template: '/connections/:id', scope: connectionScopes.update, handler: update },
  { method: 'DELETE', template: '/connections/:id', scope: connectionScopes.delete, handler: remove },
  { method: 'GET', template: '/connections/:id/clients', scope: connectionScopes.read, handler: listClients },
  {
    method: 'PATCH',
    template: '/connections/:id/clients',
    scope: connectionScopes.update,
    handler: updateClients,
  },
];
