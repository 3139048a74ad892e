/**
 * The local tenant's /token-exchange-profiles, as the recordings and the Management API's types show
 * Auth0 answering: a checkpoint list under `token_exchange_profiles` (`take`, `from`, `next`), a create
 * answered 201 with the profile and its timestamps, a PATCH that changes only the name and the subject
 * token type (the action and the type are fixed once created), a delete with 204. One profile per
 * subject token type: it is how the Authentication API picks the profile for a request.
 */
import { collectionRoutes } from '../../local-tenant/api/collection';
import { nowIso, scopes } from '../../local-tenant/api/common';
import { closedObject, oneOf, string, updateBody } from '../../local-tenant/api/schemas/json';
import { badRequest } from '../../local-tenant/http/errors';
import { newTokenExchangeProfileId } from '../../local-tenant/ids';
import type { JsonObject, TenantState } from '../../local-tenant/state/types';
import { PROFILE_TYPES } from './schema';

const CREATE = closedObject(
  { name: string, subject_token_type: string, action_id: string, type: oneOf(PROFILE_TYPES) },
  ['name', 'subject_token_type', 'action_id', 'type'],
);
const UPDATE = updateBody(CREATE, { createOnly: ['action_id', 'type'] });

/** The action a profile runs must exist and be one for the custom-token-exchange trigger. */
function checkAction(fields: JsonObject, state: TenantState): void {
  if (fields.action_id === undefined) return;
  const action = state.actions.find((candidate) => candidate.id === fields.action_id);
  const triggers = (action?.supported_triggers ?? []) as JsonObject[];
  if (!triggers.some((trigger) => trigger.id === 'custom-token-exchange')) {
    throw badRequest(
      `The action ${String(fields.action_id)} does not exist or does not support the custom-token-exchange trigger`,
    );
  }
}

function stamped(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  const now = nowIso();
  return { ...fields, ...(existing ? {} : { created_at: now }), updated_at: now };
}

export const tokenExchangeProfileRoutes = collectionRoutes({
  path: '/token-exchange-profiles',
  field: 'tokenExchangeProfiles',
  id: { field: 'id', generate: newTokenExchangeProfileId },
  scopes: scopes('token_exchange_profiles'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'Token exchange profile not found', errorCode: 'inexistent_token_exchange_profile' },
  unique: [
    {
      fields: ['subject_token_type'],
      message: (profile) =>
        `A token exchange profile for subject_token_type "${String(profile.subject_token_type)}" already exists`,
    },
  ],
  list: { key: 'token_exchange_profiles', paging: 'checkpoint' },
  check: checkAction,
  prepare: (fields, _state, existing) => stamped(fields, existing),
});
