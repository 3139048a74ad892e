import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  positiveInteger,
  text,
} from './common';

/** APIs (`resourceServers:`), as sent to `/api/v2/resource-servers`. Scopes are `{ value, description }`. */
export const resourceServerSchema: JsonSchema = closedObject(
  {
    name: nonEmptyText,
    identifier: nonEmptyText,
    scopes: listOf(closedObject({ value: nonEmptyText, description: text }, ['value']), {
      uniqueItems: true,
    }),
    signing_alg: oneOfValues(['HS256', 'RS256', 'PS256']),
    /** Only ever a `##SECRET##` placeholder (HS256 APIs); the check rejects a literal. */
    signing_secret: text,
    allow_offline_access: boolean,
    allow_online_access: boolean,
    token_lifetime: positiveInteger,
    token_lifetime_for_web: positiveInteger,
    skip_consent_for_verifiable_first_party_clients: boolean,
    enforce_policies: boolean,
    token_dialect: oneOfValues([
      'access_token',
      'access_token_authz',
      'rfc9068_profile',
      'rfc9068_profile_authz',
    ]),
    consent_policy: oneOfValues(['transactional-authorization-with-mfa', null]),
    proof_of_possession: closedObject(
      {
        mechanism: oneOfValues(['mtls', 'dpop']),
        required: boolean,
        required_for: oneOfValues(['public_clients', 'all_clients']),
      },
      ['mechanism', 'required'],
    ),
    subject_type_authorization: closedObject({
      user: closedObject({ policy: oneOfValues(['allow_all', 'deny_all', 'require_client_grant']) }),
      client: closedObject({ policy: oneOfValues(['deny_all', 'require_client_grant']) }),
    }),
  },
  ['name', 'identifier'],
);

export const resourceServersSchema: JsonSchema = listOf(resourceServerSchema);
