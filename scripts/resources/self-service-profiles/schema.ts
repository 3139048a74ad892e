/**
 * A self-service SSO profile as `tenant.yaml` writes it, after the Management API's SelfServiceProfile
 * types and deploy-cli's schema for the section: what a customer's admin sees when they set up their own
 * enterprise connection (the identity providers offered, the branding, the attributes asked for) and the
 * custom text of its get-started page, the one page and language Auth0 offers custom text for.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  readOnly,
  text,
  url,
} from '../../tenant/schema/common';

/** The identity providers a profile may offer (SelfServiceProfileAllowedStrategyEnum). */
export const SELF_SERVICE_STRATEGIES = [
  'oidc',
  'samlp',
  'waad',
  'google-apps',
  'adfs',
  'okta',
  'auth0-samlp',
  'okta-samlp',
  'keycloak-samlp',
  'pingfederate',
] as const;

/** Auth0 takes a colour as a CSS hex colour (`#19aecc`). */
export const HEX_COLOUR = '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$';

/** The language and page of the custom text (SelfServiceProfileCustomText{Language,Page}Enum). */
export const CUSTOM_TEXT_LANGUAGE = 'en';
export const CUSTOM_TEXT_PAGE = 'get-started';

const userAttribute = closedObject(
  {
    name: { ...nonEmptyText, description: 'the attribute the connection maps (email, name, ...)' },
    description: { ...nonEmptyText, description: 'what the admin is told the attribute is' },
    is_optional: boolean,
  },
  ['name', 'description', 'is_optional'],
);

const branding = closedObject({
  logo_url: url,
  colors: closedObject(
    { primary: { type: 'string', pattern: HEX_COLOUR, description: 'a hex colour: #19aecc' } },
    ['primary'],
  ),
});

/** The page's texts by key (`introduction`), as the SDK types it: strings only. */
const pageText: JsonSchema = { type: 'object', additionalProperties: text, minProperties: 1 };

// Nothing required inside: a misspelt page is reported as the unknown key it is, not also as a missing one.
const customText = closedObject({
  [CUSTOM_TEXT_LANGUAGE]: closedObject({ [CUSTOM_TEXT_PAGE]: pageText }),
});

const profile = closedObject(
  {
    name: { ...nonEmptyText, maxLength: 100 },
    description: { ...text, maxLength: 140 },
    allowed_strategies: listOf(oneOfValues(SELF_SERVICE_STRATEGIES), { uniqueItems: true }),
    branding,
    user_attributes: listOf(userAttribute),
    customText: {
      ...customText,
      description: 'the get-started page text; deploy-cli sets it when given and never clears it',
    },
    id: readOnly('Auth0 issues the id; deploy-cli matches a profile by its name'),
    created_at: readOnly('Auth0 sets this'),
    updated_at: readOnly('Auth0 sets this'),
  },
  ['name'],
);

export const selfServiceProfilesSchema: JsonSchema = listOf(profile);
