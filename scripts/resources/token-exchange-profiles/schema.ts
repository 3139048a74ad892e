/**
 * A custom token exchange profile as `tenant.yaml` writes it, after the Management API's
 * TokenExchangeProfile types and deploy-cli's schema for the section: which subject token type, sent to
 * `/oauth/token` with the token-exchange grant, runs which Custom Token Exchange action. The action is
 * named, as deploy-cli resolves it to its `action_id` by name.
 */
import {
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  readOnly,
} from '../../tenant/schema/common';

export const PROFILE_TYPES = ['custom_authentication'];

/**
 * Namespaces Auth0 keeps for its own token types: a profile's subject token type may not lie under them.
 * (Auth0's docs for Custom Token Exchange list these.)
 */
export const RESERVED_TOKEN_TYPE_PREFIXES = [
  'http://auth0.com',
  'https://auth0.com',
  'http://okta.com',
  'https://okta.com',
  'urn:ietf',
  'urn:auth0',
  'urn:okta',
];

const profileSchema = closedObject(
  {
    name: { ...nonEmptyText, maxLength: 300, description: 'Friendly name of the profile' },
    subject_token_type: {
      type: 'string',
      // A URI: a scheme, then anything. deploy-cli matches profiles by it.
      pattern: '^[A-Za-z][A-Za-z0-9+.-]*:.+$',
      minLength: 8,
      maxLength: 100,
      description:
        'The URI a token exchange request names as its subject_token_type; deploy-cli matches profiles by it',
    },
    action: {
      ...nonEmptyText,
      description: 'The name of the action (custom-token-exchange trigger) that validates the subject token',
    },
    type: { ...oneOfValues(PROFILE_TYPES), description: 'How the profile runs: through its action' },
    id: readOnly('Auth0 names the profile when it is created; the file names it by its subject token type'),
    action_id: readOnly("deploy-cli resolves `action` (the action's name) to its id; write `action`"),
  },
  ['name', 'subject_token_type', 'action', 'type'],
);

export const tokenExchangeProfilesSchema: JsonSchema = listOf(profileSchema);
