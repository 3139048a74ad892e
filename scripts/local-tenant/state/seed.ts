import { GUARDIAN_FACTORS } from '../../tenant/schema/guardian';
import { newSigningKey, type SigningKeyRecord } from '../authentication/signing-key';
import { newClientGrantId, newClientId, newClientSecret, newResourceServerId, newSecretKey } from '../ids';
import { globalClient, newClientDefaults } from './client-defaults';
import { withDeclaredFields } from './declared-fields';
import type { JsonObject, TenantState } from './types';

export const MANAGEMENT_API_NAME = 'Auth0 Management API';

export function managementAudience(domain: string): string {
  return `https://${domain}/api/v2/`;
}

/**
 * A real tenant's Management API audience names the tenant (`https://example-dev.eu.auth0.com/api/v2/`),
 * and the local tenant stands in for whichever tenant a build was made for (dev, prod), so it takes any
 * such audience as its own Management API: `dist/dev/tenant.yaml` then deploys here unchanged, and exports
 * back with the audience it was given.
 */
export function isManagementAudience(audience: unknown): boolean {
  if (typeof audience !== 'string') return false;
  try {
    const url = new URL(audience);
    return url.protocol === 'https:' && url.pathname === '/api/v2/' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** Scopes of the Management API beyond those our routes check, so grants like `read:users` are meaningful. */
const EXTRA_MANAGEMENT_SCOPES = [
  'read:users',
  'update:users',
  'delete:users',
  'create:users',
  'read:users_app_metadata',
  'update:users_app_metadata',
  'read:user_idp_tokens',
  'read:logs',
];

function scopeDescription(scope: string): string {
  const [verb = '', resource = ''] = scope.split(':');
  const words = resource.replace(/_/g, ' ');
  return `${verb.charAt(0).toUpperCase()}${verb.slice(1)} ${words.replace(/\b\w/g, (c) => c.toUpperCase())}`;
}

export function defaultTenantSettings(tenantName: string): JsonObject {
  return {
    friendly_name: tenantName,
    enabled_locales: ['en'],
    session_lifetime: 72,
    idle_session_lifetime: 72,
    sandbox_version: '22',
    flags: {
      allow_legacy_delegation_grant_types: false,
      allow_legacy_ro_grant_types: false,
      disable_clickjack_protection_headers: false,
      enable_public_signup_user_exists_error: false,
      enable_sso: true,
      new_universal_login_experience_enabled: true,
      universal_login: true,
      revoke_refresh_token_grant: false,
    },
    universal_login: {},
    session_cookie: { mode: 'persistent' },
    resource_parameter_profile: 'audience',
  };
}

/**
 * A fresh tenant as Auth0 creates one, trimmed to what deploys touch: the global client, the Management
 * API with a machine-to-machine client (the deploy engine's) granted `deployScopes`, default attack
 * protection and Guardian settings. Nothing else: the deploy creates the rest.
 */
export function seedState(options: {
  domain: string;
  deployScopes: readonly string[];
  signingKey?: SigningKeyRecord;
}): TenantState {
  const audience = managementAudience(options.domain);
  const tenantName = 'local';
  const deployClientId = newClientId();
  const scopes = [...new Set([...options.deployScopes, ...EXTRA_MANAGEMENT_SCOPES])].sort();
  return withDeclaredFields({
    format: 'local-tenant/1',
    tenantName,
    signingKey: newSecretKey(),
    tokenSigningKey: options.signingKey ?? newSigningKey(),
    deployClientId,
    managementAudience: audience,
    settings: defaultTenantSettings('Local tenant'),
    clients: [
      globalClient(tenantName, { client_id: newClientId(), client_secret: newClientSecret() }),
      {
        ...newClientDefaults(tenantName),
        name: 'Deploy CLI',
        app_type: 'non_interactive',
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'client_secret_post',
        client_id: deployClientId,
        client_secret: newClientSecret(),
      },
    ],
    clientCredentials: {},
    clientGrants: [
      { id: newClientGrantId(), client_id: deployClientId, audience, scope: scopes, subject_type: 'client' },
    ],
    resourceServers: [
      {
        id: newResourceServerId(),
        name: MANAGEMENT_API_NAME,
        identifier: audience,
        allow_offline_access: false,
        skip_consent_for_verifiable_first_party_clients: false,
        subject_type_authorization: {
          client: { policy: 'require_client_grant' },
          user: { policy: 'allow_all' },
        },
        token_lifetime: 86400,
        token_lifetime_for_web: 7200,
        signing_alg: 'RS256',
        scopes: scopes.map((value) => ({ value, description: scopeDescription(value) })),
        is_system: true,
      },
    ],
    connections: [],
    actions: [],
    bindings: {},
    roles: [],
    rolePermissions: {},
    attackProtection: {
      'brute-force-protection': {
        enabled: true,
        shields: ['block', 'user_notification'],
        mode: 'count_per_identifier_and_ip',
        allowlist: [],
        max_attempts: 10,
      },
      'breached-password-detection': {
        enabled: false,
        shields: [],
        admin_notification_frequency: [],
        method: 'standard',
        stage: { 'pre-user-registration': { shields: [] }, 'pre-change-password': { shields: [] } },
      },
      'suspicious-ip-throttling': {
        enabled: true,
        shields: ['admin_notification', 'block'],
        allowlist: [],
        stage: {
          'pre-login': { max_attempts: 100, rate: 864000 },
          'pre-user-registration': { max_attempts: 50, rate: 1200 },
        },
      },
      'bot-detection': {
        challenge_password_policy: 'never',
        challenge_passwordless_policy: 'never',
        challenge_password_reset_policy: 'never',
        allowlist: [],
        bot_detection_level: 'medium',
        monitoring_mode_enabled: false,
      },
      captcha: {
        active_provider_id: 'auth_challenge',
        simple_captcha: {},
        auth_challenge: { fail_open: false },
        recaptcha_v2: { site_key: '' },
        recaptcha_enterprise: { site_key: '', project_id: '' },
        hcaptcha: { site_key: '' },
        friendly_captcha: { site_key: '' },
        arkose: {
          site_key: '',
          client_subdomain: 'client-api',
          verify_subdomain: 'verify-api',
          fail_open: false,
        },
      },
    },
    guardian: {
      factors: Object.fromEntries(GUARDIAN_FACTORS.map((name) => [name, false])),
      policies: [],
      phoneSelectedProvider: { provider: 'auth0' },
      phoneMessageTypes: { message_types: [] },
      templates: {},
      providers: {},
    },
  });
}
