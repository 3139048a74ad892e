import { ApiError, notFound } from '../http/errors';
import { booleanParam, checkpointOf, pageOf } from '../http/paging';
import { created, noContent, ok, type RequestContext } from '../http/router';
import { validateBody } from '../http/validate';
import { newClientGrantId } from '../ids';
import { isManagementAudience } from '../state/seed';
import type { JsonObject, TenantState } from '../state/types';
import { copy, found, type RouteList, scopes } from './common';
import { CLIENT_GRANT_CREATE, CLIENT_GRANT_UPDATE } from './schemas';

function findGrant(state: TenantState, id: string): JsonObject {
  return found(
    state.clientGrants.find((grant) => grant.id === id),
    'The client grant does not exist',
    'inexistent_client_grant',
  );
}

/** Lists with checkpoint paging when `from` or `take` is given, else with `page`/`per_page`. */
export function listPaged(items: readonly unknown[], key: string, query: URLSearchParams) {
  return query.has('from') || query.has('take') ? checkpointOf(items, key, query) : pageOf(items, key, query);
}

function list({ store, query }: RequestContext) {
  const audience = query.get('audience');
  const clientId = query.get('client_id');
  const subjectType = query.get('subject_type');
  const anyOrganization = booleanParam(query, 'allow_any_organization');
  const matching = store.state.clientGrants.filter(
    (grant) =>
      (audience === null || grant.audience === audience) &&
      (clientId === null || grant.client_id === clientId) &&
      (subjectType === null || grant.subject_type === subjectType) &&
      (anyOrganization === undefined || (grant.allow_any_organization === true) === anyOrganization),
  );
  return ok(listPaged(copy(matching), 'client_grants', query));
}

function create({ store, body }: RequestContext) {
  const fields = validateBody(body, CLIENT_GRANT_CREATE);
  const state = store.state;
  if (
    fields.client_id !== undefined &&
    !state.clients.some((client) => client.client_id === fields.client_id)
  ) {
    throw notFound(`Client not found: ${String(fields.client_id)}`, 'inexistent_client');
  }
  const knownAudience =
    state.resourceServers.some((server) => server.identifier === fields.audience) ||
    isManagementAudience(fields.audience);
  if (!knownAudience) {
    throw notFound(
      `No resource server found for audience: ${String(fields.audience)}`,
      'inexistent_resource_server',
    );
  }
  const subjectType = fields.subject_type ?? 'client';
  const duplicate = state.clientGrants.some(
    (grant) =>
      grant.client_id === fields.client_id &&
      grant.audience === fields.audience &&
      (grant.subject_type ?? 'client') === subjectType,
  );
  if (duplicate)
    throw new ApiError(409, 'A client grant for this client and audience already exists.', 'conflict');
  const grant: JsonObject = {
    id: newClientGrantId(),
    ...copy(fields),
    scope: fields.scope ?? [],
    subject_type: subjectType,
  };
  state.clientGrants.push(grant);
  return created(copy(grant));
}

function update({ store, params, body }: RequestContext) {
  const grant = findGrant(store.state, params.id ?? '');
  Object.assign(grant, copy(validateBody(body, CLIENT_GRANT_UPDATE)));
  return ok(copy(grant));
}

function remove({ store, params }: RequestContext) {
  const grant = findGrant(store.state, params.id ?? '');
  store.state.clientGrants = store.state.clientGrants.filter((candidate) => candidate !== grant);
  return noContent();
}

const grantScopes = scopes('client_grants');

export const clientGrantRoutes: RouteList = [
  { method: 'GET', template: '/client-grants', scope: grantScopes.read, handler: list },
  { method: 'POST', template: '/client-grants', scope: grantScopes.create, handler: create },
  {
    method: 'GET',
    template: '/client-grants/:id',
    scope: grantScopes.read,
    handler: ({ store, params }) => ok(copy(findGrant(store.state, params.id ?? ''))),
  },
  { method: 'PATCH', template: '/client-grants/:id', scope: grantScopes.update, handler: update },
  { method: 'DELETE', template: '/client-grants/:id', scope: grantScopes.delete, handler: remove },
];
