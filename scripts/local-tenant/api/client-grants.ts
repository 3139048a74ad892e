import { notFound } from '../http/errors';
import { booleanParam } from '../http/paging';
import { newClientGrantId } from '../ids';
import { isManagementAudience } from '../state/seed';
import type { JsonObject, TenantState } from '../state/types';
import { type CollectionDeclaration, collectionRoutes } from './collection';
import { type RouteList, scopes } from './common';
import { CLIENT_GRANT_CREATE, CLIENT_GRANT_UPDATE } from './schemas';

/** The client and the API a grant names must exist (any tenant's Management API counts as this one's). */
function checkReferences(fields: JsonObject, state: TenantState): void {
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
}

const CLIENT_GRANTS: CollectionDeclaration = {
  path: '/client-grants',
  field: 'clientGrants',
  id: { field: 'id', generate: newClientGrantId },
  scopes: scopes('client_grants'),
  schemas: { create: CLIENT_GRANT_CREATE, update: CLIENT_GRANT_UPDATE },
  notFound: { message: 'The client grant does not exist', errorCode: 'inexistent_client_grant' },
  unique: [
    {
      fields: ['client_id', 'audience', 'subject_type'],
      message: 'A client grant for this client and audience already exists.',
    },
  ],
  list: {
    key: 'client_grants',
    paging: 'offset-or-checkpoint',
    filter: (query) => {
      const audience = query.get('audience');
      const clientId = query.get('client_id');
      const subjectType = query.get('subject_type');
      const anyOrganization = booleanParam(query, 'allow_any_organization');
      return (grant) =>
        (audience === null || grant.audience === audience) &&
        (clientId === null || grant.client_id === clientId) &&
        (subjectType === null || grant.subject_type === subjectType) &&
        (anyOrganization === undefined || (grant.allow_any_organization === true) === anyOrganization);
    },
  },
  defaults: { scope: [], subject_type: 'client' },
  // Auth0 answers 204 to deleting a grant that is already gone (issue 15; no recording deletes one twice),
  // so a delete retried after a dropped connection succeeds.
  deleteIsIdempotent: true,
  check: (fields, state, grant) => {
    if (!grant) checkReferences(fields, state);
  },
};

export const clientGrantRoutes: RouteList = collectionRoutes(CLIENT_GRANTS);
