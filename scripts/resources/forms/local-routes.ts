/**
 * The local tenant's /forms, as the recordings show Auth0 answering: a list with offset paging whose items
 * are summaries (`id`, `name`, `flow_count`, timestamps), a form read whole by id, a create answered 201, a
 * PATCH with 200 and the form, a delete with 204. deploy-cli's forms handler also lists /flows (to turn flow
 * ids into names): the flows type serves it.
 */
import { collectionRoutes } from '../../local-tenant/api/collection';
import { defined, scopes, withTimestamps } from '../../local-tenant/api/common';
import { array, closedObject, object, string, updateBody } from '../../local-tenant/api/schemas/json';
import { newFormId } from '../../local-tenant/ids';
import type { JsonObject } from '../../local-tenant/state/types';

const BODY_PARTS = ['messages', 'languages', 'translations', 'nodes', 'start', 'ending', 'style'];
const CREATE = closedObject(
  {
    name: string,
    messages: object,
    languages: object,
    translations: object,
    nodes: array,
    start: object,
    ending: object,
    style: object,
  },
  ['name'],
);
// The SDK's update types are nullable: null clears a part.
const UPDATE = updateBody(CREATE, { clearable: BODY_PARTS });

/** A form as the list shows it: who it is and when it changed; its body is read by id. */
function summary(form: JsonObject): JsonObject {
  const { id, name, created_at, updated_at, embedded_at, submitted_at } = form;
  return defined({ id, name, flow_count: 0, created_at, updated_at, embedded_at, submitted_at });
}

export const formRoutes = collectionRoutes({
  path: '/forms',
  field: 'forms',
  id: { field: 'id', generate: newFormId },
  scopes: scopes('forms'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'The form does not exist', errorCode: 'inexistent_form' },
  list: { key: 'forms', paging: 'offset', summary },
  nullClears: true,
  prepare: (fields, _state, existing) => withTimestamps(fields, existing),
});
