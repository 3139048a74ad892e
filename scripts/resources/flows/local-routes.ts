/**
 * The local tenant's /flows, as the recordings show Auth0 answering the list (offset paging, the items
 * under `flows`) and as the Management API documents the rest: list items are summaries (`id`, `name`,
 * timestamps), a flow is read whole by id, a create answered 201, a PATCH with 200 and the flow, a
 * delete with 204. Both deploy-cli's flows and forms handlers list it (forms to turn flow ids into names).
 */
import { collectionRoutes } from '../../local-tenant/api/collection';
import { defined, scopes, withTimestamps } from '../../local-tenant/api/common';
import { array, closedObject, string, updateBody } from '../../local-tenant/api/schemas/json';
import { newFlowId } from '../../local-tenant/ids';

const CREATE = closedObject({ name: string, actions: array }, ['name']);
const UPDATE = updateBody(CREATE, { clearable: ['actions'] });

export const flowRoutes = collectionRoutes({
  path: '/flows',
  field: 'flows',
  id: { field: 'id', generate: newFlowId },
  scopes: scopes('flows'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'The flow does not exist', errorCode: 'inexistent_flow' },
  list: {
    key: 'flows',
    paging: 'offset',
    summary: ({ id, name, created_at, updated_at, executed_at }) =>
      defined({ id, name, created_at, updated_at, executed_at }),
  },
  nullClears: true,
  prepare: (fields, _state, existing) => withTimestamps(fields, existing),
});
