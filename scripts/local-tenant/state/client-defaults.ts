import { DEFAULT_ID_TOKEN_LIFETIME } from '../authentication/tokens';
import { isJsonObject } from '../http/validate';
import type { JsonObject } from './types';

/** The refresh-token settings Auth0 gives a client that names none (non-rotating, non-expiring). */
export const REFRESH_TOKEN_DEFAULTS = {
  expiration_type: 'non-expiring',
  leeway: 0,
  infinite_token_lifetime: true,
  infinite_idle_token_lifetime: true,
  token_lifetime: 31557600,
  idle_token_lifetime: 2592000,
  rotation_type: 'non-rotating',
};

/**
 * What Auth0 fills in on a new client when the request leaves it out. Fields it returns only once set
 * (`callbacks`, `token_endpoint_auth_method`, `app_type`, `description`, ...) are not invented here.
 */
export function newClientDefaults(tenantName: string): JsonObject {
  return {
    tenant: tenantName,
    global: false,
    is_token_endpoint_ip_header_trusted: false,
    is_first_party: true,
    oidc_conformant: true,
    sso_disabled: false,
    cross_origin_auth: false,
    cross_origin_authentication: false,
    custom_login_page_on: true,
    callback_url_template: false,
    jwt_configuration: {
      alg: 'RS256',
      lifetime_in_seconds: DEFAULT_ID_TOKEN_LIFETIME,
      secret_encoded: false,
    },
    grant_types: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    refresh_token: { ...REFRESH_TOKEN_DEFAULTS },
  };
}

/**
 * The tenant's global client ("All Applications"): a legacy record holding tenant-wide login page settings,
 * with far fewer fields than an application (no OIDC, SSO or JWT settings).
 */
export function globalClient(tenantName: string, ids: { client_id: string; client_secret: string }) {
  return {
    tenant: tenantName,
    global: true,
    callbacks: [],
    is_first_party: true,
    name: 'All Applications',
    refresh_token: { ...REFRESH_TOKEN_DEFAULTS },
    cross_origin_authentication: false,
    ...ids,
  };
}

/** App types whose new client gets a signing algorithm rather than a token lifetime (see below). */
const SIGNING_ONLY_APP_TYPES = ['resource_server', 'express_configuration'];

/**
 * The JWT settings of a new client, as Auth0 answered creates in the Terraform provider's recordings:
 * `secret_encoded: false` added to what the request gives; with none given, a 10-hour lifetime (and no
 * `alg`), except resource-server and express-configuration clients, which get `alg: RS256` instead.
 */
export function newClientJwtConfiguration(fields: JsonObject): JsonObject {
  const given = fields.jwt_configuration;
  if (isJsonObject(given)) return { secret_encoded: false, ...given };
  return SIGNING_ONLY_APP_TYPES.includes(String(fields.app_type))
    ? { secret_encoded: false, alg: 'RS256' }
    : { secret_encoded: false, lifetime_in_seconds: DEFAULT_ID_TOKEN_LIFETIME };
}
