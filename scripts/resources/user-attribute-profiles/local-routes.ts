/**
 * The local tenant's /user-attribute-profiles, as the recordings show Auth0 answering: a list with
 * checkpoint paging (`{ user_attribute_profiles, next }`, `next` only while more remain), a create answered
 * 201 with the profile, a PATCH with 200 and the profile, a delete with 204. A `user_id` a request sends
 * (or leaves out on a create) is stored with Auth0's defaults for the mappings it does not name; a PATCH's
 * `user_id` replaces the stored one whole, as the recordings show, and null resets it to the defaults.
 */
import { collectionRoutes } from '../../local-tenant/api/collection';
import { copy, scopes } from '../../local-tenant/api/common';
import { closedObject, nullable, object, string, updateBody } from '../../local-tenant/api/schemas/json';
import { newUserAttributeProfileId } from '../../local-tenant/ids';
import type { JsonObject } from '../../local-tenant/state/types';
import { USER_ID_DEFAULTS } from './schema';

const CREATE = closedObject({ name: string, user_id: object, user_attributes: object }, [
  'name',
  'user_attributes',
]);
const UPDATE = updateBody(CREATE, { extra: { user_id: nullable(object) } });

/** The request's fields with `user_id` completed by Auth0's defaults, when the request sets it. */
function completeUserId(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  if (existing && !('user_id' in fields)) return fields;
  const asked = (fields.user_id ?? {}) as JsonObject;
  return { ...fields, user_id: { ...copy<JsonObject>({ ...USER_ID_DEFAULTS }), ...asked } };
}

export const userAttributeProfileRoutes = collectionRoutes({
  path: '/user-attribute-profiles',
  field: 'userAttributeProfiles',
  id: { field: 'id', generate: newUserAttributeProfileId },
  scopes: scopes('user_attribute_profiles'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: {
    message: 'The user attribute profile does not exist',
    errorCode: 'inexistent_user_attribute_profile',
  },
  unique: [
    {
      fields: ['name'],
      message: (profile) => `A user attribute profile named "${String(profile.name)}" already exists`,
    },
  ],
  list: { key: 'user_attribute_profiles', paging: 'checkpoint' },
  prepare: (fields, _state, existing) => completeUserId(fields, existing),
});
