/**
 * A user attribute profile as `tenant.yaml` writes it, after the Management API's UserAttributeProfile
 * types and deploy-cli's schema for the section: which user attributes an enterprise connection set up
 * through Self-Service SSO maps, and from which OIDC claim, SAML attribute or SCIM path, with overrides per
 * connection strategy. Closed at every level, and the bounds are deploy-cli's (its own deploy refuses
 * beyond them).
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  readOnly,
} from '../../tenant/schema/common';
import { OVERRIDE_STRATEGIES } from '../connection-profiles/schema';

const boundedText = (maxLength: number): JsonSchema => ({ ...nonEmptyText, maxLength });

/** One to three SAML attribute names, tried in order. */
const samlMapping: JsonSchema = listOf(boundedText(128), { minItems: 1, maxItems: 3, uniqueItems: true });

const oidcMapping = closedObject(
  {
    mapping: { type: 'string', description: 'The OIDC claim the attribute is read from' },
    display_name: { ...boundedText(50), description: 'Display name for the OIDC mapping' },
  },
  ['mapping'],
);

/** A schema per strategy, each with the same mapping schema. */
const perStrategy = (mapping: JsonSchema): JsonSchema =>
  closedObject(Object.fromEntries(OVERRIDE_STRATEGIES.map((strategy) => [strategy, mapping])));

const attributeSchema = closedObject(
  {
    description: { ...boundedText(128), description: 'Description of this attribute' },
    label: { ...boundedText(128), description: 'Display label for this attribute' },
    profile_required: { ...boolean, description: 'Whether this attribute is required in the profile' },
    auth0_mapping: { ...boundedText(50), description: 'The Auth0 user profile field it fills' },
    oidc_mapping: oidcMapping,
    saml_mapping: samlMapping,
    scim_mapping: boundedText(128),
    strategy_overrides: perStrategy(
      closedObject({ oidc_mapping: oidcMapping, saml_mapping: samlMapping, scim_mapping: boundedText(128) }),
    ),
  },
  ['description', 'label', 'profile_required', 'auth0_mapping'],
);

const userIdSchema = closedObject({
  oidc_mapping: { ...oneOfValues(['sub']), description: 'Auth0 fills in sub' },
  saml_mapping: {
    ...samlMapping,
    description: 'Auth0 fills in the nameidentifier, upn and name claims, in that order',
  },
  scim_mapping: { ...nonEmptyText, description: 'Auth0 fills in externalId' },
  strategy_overrides: perStrategy(
    closedObject({
      oidc_mapping: oneOfValues(['sub', 'oid', 'email']),
      saml_mapping: samlMapping,
      scim_mapping: nonEmptyText,
    }),
  ),
});

const profileSchema = closedObject(
  {
    name: { ...nonEmptyText, description: 'Names the profile, as deploy-cli matches profiles by it' },
    user_id: userIdSchema,
    user_attributes: {
      type: 'object',
      description: 'Attribute name -> how it is mapped',
      minProperties: 1,
      maxProperties: 64,
      additionalProperties: attributeSchema,
    },
    id: readOnly('Auth0 names the profile when it is created; the file names it by its name'),
  },
  ['name', 'user_attributes'],
);

export const userAttributeProfilesSchema: JsonSchema = listOf(profileSchema);

/**
 * What Auth0 fills into a profile's `user_id` for each mapping the request leaves out (the recordings: a
 * PATCH sending only `oidc_mapping` and `scim_mapping` is answered with these three SAML claims).
 */
export const USER_ID_DEFAULTS = {
  oidc_mapping: 'sub',
  saml_mapping: [
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  ],
  scim_mapping: 'externalId',
} as const;
