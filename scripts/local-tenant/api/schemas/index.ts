// Request bodies the Management API accepts, after the SDK's request types (auth0 6.x): unknown properties,
// wrong types and bad enum values are refused with 400 as Auth0 refuses them.

import {
  array,
  boolean,
  closedObject,
  nullable,
  number,
  object,
  oneOf,
  string,
  stringList,
  updateBody,
} from './json';
import { LOCAL_TENANT_FLAGS } from './tenant-flags';

export { CLIENT_CREATE, CLIENT_UPDATE } from './client';

export const RESOURCE_SERVER_CREATE = closedObject(
  {
    name: string,
    identifier: string,
    scopes: array,
    signing_alg: oneOf(['HS256', 'RS256', 'RS512', 'PS256']),
    signing_secret: string,
    allow_offline_access: boolean,
    allow_online_access: boolean,
    allow_online_access_with_ephemeral_sessions: boolean,
    token_lifetime: number,
    // Not in the SDK's types, but in the API's and accepted (deploy-cli exports send it).
    token_lifetime_for_web: number,
    token_dialect: oneOf(['access_token', 'access_token_authz', 'rfc9068_profile', 'rfc9068_profile_authz']),
    skip_consent_for_verifiable_first_party_clients: boolean,
    enforce_policies: boolean,
    token_encryption: nullable(object),
    consent_policy: nullable(oneOf(['transactional-authorization-with-mfa'])),
    authorization_details: nullable(array),
    proof_of_possession: nullable(object),
    subject_type_authorization: object,
    authorization_policy: nullable(object),
  },
  ['identifier'],
);

export const RESOURCE_SERVER_UPDATE = updateBody(RESOURCE_SERVER_CREATE, { createOnly: ['identifier'] });

export const CONNECTION_CREATE = closedObject(
  {
    name: string,
    display_name: string,
    strategy: oneOf([
      'ad',
      'adfs',
      'amazon',
      'apple',
      'dropbox',
      'bitbucket',
      'auth0-oidc',
      'auth0',
      'baidu',
      'bitly',
      'box',
      'custom',
      'daccount',
      'dwolla',
      'email',
      'evernote-sandbox',
      'evernote',
      'exact',
      'facebook',
      'fitbit',
      'github',
      'google-apps',
      'google-oauth2',
      'instagram',
      'ip',
      'line',
      'linkedin',
      'oauth1',
      'oauth2',
      'office365',
      'oidc',
      'okta',
      'paypal',
      'paypal-sandbox',
      'pingfederate',
      'planningcenter',
      'salesforce-community',
      'salesforce-sandbox',
      'salesforce',
      'samlp',
      'sharepoint',
      'shopify',
      'shop',
      'sms',
      'soundcloud',
      'thirtysevensignals',
      'twitter',
      'untappd',
      'vkontakte',
      'waad',
      'weibo',
      'windowslive',
      'wordpress',
      'yahoo',
      'yandex',
      'notion-mcp',
      'asana-mcp',
      'atlassian-mcp',
      'cloudflare-mcp',
      'docusign-mcp',
      'figma-mcp',
      'gitlab-mcp',
      'gusto-mcp',
      'heroku-mcp',
      'hubspot-mcp',
      'intercom-mcp',
      'linear-mcp',
      'pagerduty-mcp',
      'sentry-mcp',
      'slack-mcp',
      'supabase-mcp',
      'vercel-mcp',
      'xero-mcp',
    ]),
    options: object,
    enabled_clients: stringList,
    is_domain_connection: boolean,
    show_as_button: boolean,
    realms: stringList,
    metadata: object,
    authentication: object,
    connected_accounts: object,
    cross_app_access_requesting_app: object,
    cross_app_access_resource_app: object,
  },
  ['name', 'strategy'],
);

export const CONNECTION_UPDATE = updateBody(CONNECTION_CREATE, {
  createOnly: ['name', 'strategy'],
  clearable: ['options', 'enabled_clients', 'cross_app_access_resource_app'],
});

export const CLIENT_GRANT_CREATE = closedObject(
  {
    client_id: string,
    audience: string,
    default_for: oneOf(['third_party_clients']),
    organization_usage: oneOf(['deny', 'allow', 'require']),
    allow_any_organization: boolean,
    scope: stringList,
    subject_type: oneOf(['client', 'user', 'anonymous_user']),
    authorization_details_types: stringList,
    allow_all_scopes: boolean,
  },
  ['audience'],
);

export const CLIENT_GRANT_UPDATE = updateBody(CLIENT_GRANT_CREATE, {
  createOnly: ['client_id', 'audience', 'default_for', 'subject_type'],
  clearable: ['scope', 'organization_usage', 'allow_any_organization', 'allow_all_scopes'],
});

/** The Node versions an Action may name. */
const RUNTIMES = ['node12', 'node16', 'node18', 'node18-actions', 'node22'];

export const ACTION_CREATE = closedObject(
  {
    name: string,
    supported_triggers: array,
    code: string,
    dependencies: array,
    runtime: oneOf(RUNTIMES),
    secrets: array,
    modules: array,
    deploy: boolean,
  },
  ['name', 'supported_triggers'],
);

export const ACTION_UPDATE = updateBody(ACTION_CREATE, { createOnly: ['deploy'] });

export const ROLE_CREATE = closedObject(
  {
    name: string,
    description: string,
    type: oneOf(['tenant', 'organization']),
    owner_id: string,
  },
  ['name'],
);

export const ROLE_UPDATE = updateBody(ROLE_CREATE, { createOnly: ['type', 'owner_id'] });

export const TENANT_SETTINGS_UPDATE = closedObject({
  // Not in the SDK's types, but accepted (deploy-cli exports carry it).
  universal_login: object,
  change_password: nullable(closedObject({ enabled: boolean, html: string })),
  device_flow: nullable(object),
  guardian_mfa_page: nullable(closedObject({ enabled: boolean, html: string })),
  default_audience: string,
  default_directory: string,
  error_page: nullable(closedObject({ html: string, show_log_link: boolean, url: string })),
  default_token_quota: nullable(object),
  flags: closedObject(Object.fromEntries(LOCAL_TENANT_FLAGS.map((flag) => [flag, boolean]))),
  friendly_name: string,
  picture_url: string,
  support_email: string,
  support_url: string,
  allowed_logout_urls: stringList,
  session_lifetime: number,
  session_lifetime_in_minutes: number,
  idle_session_lifetime: number,
  idle_session_lifetime_in_minutes: number,
  ephemeral_session_lifetime: number,
  idle_ephemeral_session_lifetime: number,
  ephemeral_session_lifetime_in_minutes: number,
  idle_ephemeral_session_lifetime_in_minutes: number,
  sandbox_version: string,
  legacy_sandbox_version: string,
  default_redirection_uri: string,
  enabled_locales: array,
  security_headers: nullable(object),
  session_cookie: nullable(object),
  sessions: nullable(object),
  oidc_logout: object,
  customize_mfa_in_postlogin_action: nullable(boolean),
  allow_organization_name_in_authentication_api: nullable(boolean),
  acr_values_supported: nullable(stringList),
  mtls: nullable(object),
  pushed_authorization_requests_supported: nullable(boolean),
  authorization_response_iss_parameter_supported: nullable(boolean),
  skip_non_verifiable_callback_uri_confirmation_prompt: nullable(boolean),
  resource_parameter_profile: oneOf(['audience', 'compatibility']),
  client_id_metadata_document_supported: boolean,
  enable_ai_guide: boolean,
  phone_consolidated_experience: boolean,
  include_session_metadata_in_tenant_logs: boolean,
  dynamic_client_registration_security_mode: string,
  country_codes: nullable(object),
});
