/**
 * The local tenant's /self-service-profiles, as the recordings show Auth0 answering: a list with offset
 * paging (`{ self_service_profiles, start, limit, total }` with totals), a PATCH answering the profile with
 * its timestamps, a create answered with 201. The get-started custom text is kept on the profile (a field
 * its answers never show) and read as `{}` until one is set; a PUT replaces it whole.
 */
import { type CollectionDeclaration, collectionRoutes, findItem } from '../../local-tenant/api/collection';
import { copy, nowIso, type RouteList, scopes } from '../../local-tenant/api/common';
import { array, boolean, closedObject, oneOf, string, updateBody } from '../../local-tenant/api/schemas/json';
import { badRequest } from '../../local-tenant/http/errors';
import { ok, type RequestContext } from '../../local-tenant/http/router';
import { type BodySchema, validateBody } from '../../local-tenant/http/validate';
import { newSelfServiceProfileId } from '../../local-tenant/ids';
import type { JsonObject } from '../../local-tenant/state/types';
import { CUSTOM_TEXT_LANGUAGE, CUSTOM_TEXT_PAGE, HEX_COLOUR, SELF_SERVICE_STRATEGIES } from './schema';

/** The field of a stored profile that holds its custom text. */
const CUSTOM_TEXT = 'custom_text';

const USER_ATTRIBUTE = closedObject({ name: string, description: string, is_optional: boolean }, [
  'name',
  'description',
  'is_optional',
]);
const BRANDING = closedObject({
  logo_url: string,
  colors: closedObject({ primary: { ...string, pattern: HEX_COLOUR } }, ['primary']),
});

const CREATE = closedObject(
  {
    name: { ...string, minLength: 1, maxLength: 100 },
    description: { ...string, maxLength: 140 },
    user_attributes: { ...array, items: USER_ATTRIBUTE },
    branding: BRANDING,
    allowed_strategies: { ...array, items: oneOf(SELF_SERVICE_STRATEGIES) },
    user_attribute_profile_id: string,
  },
  ['name'],
);
const UPDATE = updateBody(CREATE, { clearable: ['description', 'branding', 'user_attributes'] });
const PAGE_TEXT: BodySchema = { type: 'object', properties: {}, additionalProperties: string };

const PROFILES: CollectionDeclaration = {
  path: '/self-service-profiles',
  field: 'selfServiceProfiles',
  id: { field: 'id', generate: newSelfServiceProfileId },
  scopes: scopes('self_service_profiles'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'Self-service profile not found', errorCode: 'inexistent_self_service_profile' },
  list: { key: 'self_service_profiles', paging: 'offset' },
  defaults: () => ({ created_at: nowIso() }),
  prepare: (fields) => ({ ...fields, updated_at: nowIso() }),
  nullClears: true,
  render: ({ [CUSTOM_TEXT]: _text, ...profile }) => copy(profile),
};

/** The profile a custom-text path names, refusing a language or page Auth0 has no custom text for. */
function profileOf(ctx: RequestContext): JsonObject {
  if (ctx.params.language !== CUSTOM_TEXT_LANGUAGE) {
    throw badRequest(`Path validation error: 'Invalid language: ${ctx.params.language}'`, 'invalid_uri');
  }
  if (ctx.params.page !== CUSTOM_TEXT_PAGE) {
    throw badRequest(`Path validation error: 'Invalid page: ${ctx.params.page}'`, 'invalid_uri');
  }
  return findItem(PROFILES, ctx.store.state, ctx.params.id ?? '');
}

const CUSTOM_TEXT_PATH = '/self-service-profiles/:id/custom-text/:language/:page';

const customTextRoutes: RouteList = [
  {
    method: 'GET',
    template: CUSTOM_TEXT_PATH,
    scope: 'read:self_service_profile_custom_texts',
    handler: (ctx) => ok(copy(profileOf(ctx)[CUSTOM_TEXT] ?? {})),
  },
  {
    method: 'PUT',
    template: CUSTOM_TEXT_PATH,
    scope: 'update:self_service_profile_custom_texts',
    handler: (ctx) => {
      const profile = profileOf(ctx);
      const text = validateBody(ctx.body, PAGE_TEXT);
      profile[CUSTOM_TEXT] = copy(text);
      return ok(copy(text));
    },
  },
];

export const selfServiceProfileRoutes: RouteList = [...collectionRoutes(PROFILES), ...customTextRoutes];
