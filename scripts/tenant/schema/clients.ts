import { clientAuthenticationMethodsSchema } from '../../resources/client-auth-credentials/schema';
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  nonNegativeInteger,
  oneOfValues,
  positiveInteger,
  stringMap,
  text,
  textList,
  url,
  urlList,
} from './common';

/** Applications (`clients:`), as deploy-cli sends them to `POST/PATCH /api/v2/clients`. */
export const APP_TYPES = [
  'spa',
  'regular_web',
  'native',
  'non_interactive',
  'resource_server',
  'express_configuration',
  'rms',
  'box',
  'cloud',
  'zendesk',
  'zoom',
  'sso_integration',
] as const;

export const GRANT_TYPES = [
  'authorization_code',
  'implicit',
  'refresh_token',
  'client_credentials',
  'password',
  'http://auth0.com/oauth/grant-type/password-realm',
  'http://auth0.com/oauth/grant-type/mfa-oob',
  'http://auth0.com/oauth/grant-type/mfa-otp',
  'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  'http://auth0.com/oauth/grant-type/passwordless/otp',
  'urn:openid:params:grant-type:ciba',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:token-exchange',
  'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token',
] as const;

const enabledFlag = closedObject({ enabled: boolean });

const refreshToken = closedObject({
  rotation_type: oneOfValues(['rotating', 'non-rotating']),
  expiration_type: oneOfValues(['expiring', 'non-expiring']),
  leeway: nonNegativeInteger,
  token_lifetime: positiveInteger,
  infinite_token_lifetime: boolean,
  idle_token_lifetime: positiveInteger,
  infinite_idle_token_lifetime: boolean,
  policies: listOf(closedObject({ audience: nonEmptyText, scope: textList }, ['audience', 'scope'])),
});

export const clientSchema: JsonSchema = closedObject(
  {
    name: { type: 'string', minLength: 1, pattern: '^[^<>]+$' },
    description: { type: 'string', maxLength: 140 },
    app_type: oneOfValues(APP_TYPES),
    is_first_party: boolean,
    oidc_conformant: boolean,
    callbacks: urlList,
    allowed_origins: urlList,
    web_origins: urlList,
    allowed_logout_urls: urlList,
    client_aliases: textList,
    allowed_clients: textList,
    initiate_login_uri: url,
    logo_uri: url,
    grant_types: listOf(oneOfValues(GRANT_TYPES), { uniqueItems: true }),
    token_endpoint_auth_method: oneOfValues(['none', 'client_secret_post', 'client_secret_basic']),
    /** Only ever a `##SECRET##` placeholder: the check rejects a literal. */
    client_secret: text,
    jwt_configuration: closedObject({
      alg: oneOfValues(['HS256', 'RS256', 'PS256']),
      lifetime_in_seconds: positiveInteger,
      secret_encoded: boolean,
      scopes: { type: 'object' },
    }),
    refresh_token: refreshToken,
    sso: boolean,
    sso_disabled: boolean,
    cross_origin_auth: boolean,
    cross_origin_authentication: boolean,
    cross_origin_loc: url,
    custom_login_page_on: boolean,
    custom_login_page: text,
    custom_login_page_preview: text,
    form_template: text,
    is_token_endpoint_ip_header_trusted: boolean,
    client_metadata: stringMap,
    native_social_login: closedObject({ apple: enabledFlag, facebook: enabledFlag, google: enabledFlag }),
    mobile: closedObject({
      android: closedObject({ app_package_name: text, sha256_cert_fingerprints: textList }),
      ios: closedObject({ team_id: text, app_bundle_identifier: text }),
    }),
    organization_usage: oneOfValues(['deny', 'allow', 'require']),
    organization_require_behavior: oneOfValues(['no_prompt', 'pre_login_prompt', 'post_login_prompt']),
    client_authentication_methods: clientAuthenticationMethodsSchema,
    require_pushed_authorization_requests: boolean,
    require_proof_of_possession: boolean,
    compliance_level: oneOfValues(['none', 'fapi1_adv_pkj_par', 'fapi1_adv_mtls_par', null]),
    oidc_logout: closedObject({
      backchannel_logout_urls: urlList,
      backchannel_logout_initiators: closedObject({
        mode: oneOfValues(['custom', 'all']),
        selected_initiators: textList,
      }),
      backchannel_logout_session_metadata: closedObject({ include: boolean }),
    }),
    /** SSO integrations (SAML, WS-Fed, ...): shapes vary per add-on; Auth0 validates them. */
    addons: { type: 'object' },
  },
  ['name'],
);

export const clientsSchema: JsonSchema = listOf(clientSchema);
