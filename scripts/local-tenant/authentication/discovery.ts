import type { TenantState } from '../state/types';
import { type PublicSigningJwk, publicJwk } from './signing-key';

/**
 * `/.well-known/openid-configuration`, shaped as Auth0's (issuer `https://<domain>/`, the same endpoint
 * paths: https://auth0.com/docs/get-started/applications/configure-applications-with-oidc-discovery).
 * It advertises what this tenant serves: `/authorize` (the code flow, PKCE S256), the token endpoint,
 * `/userinfo`, `/oauth/revoke` and the JWKS. Left out is what Auth0 lists beyond that (device code, MFA
 * API, dynamic registration, `/oidc/logout` as end_session_endpoint, implicit and hybrid response types,
 * private_key_jwt); `/v2/logout` is served, but Auth0 does not list it either.
 */
export function openidConfiguration(domain: string): Record<string, unknown> {
  const base = `https://${domain}`;
  return {
    issuer: `${base}/`,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth/token`,
    userinfo_endpoint: `${base}/userinfo`,
    revocation_endpoint: `${base}/oauth/revoke`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    scopes_supported: [
      'openid',
      'profile',
      'offline_access',
      'name',
      'given_name',
      'family_name',
      'nickname',
      'email',
      'email_verified',
      'picture',
      'created_at',
      'identities',
      'phone',
      'address',
    ],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    response_modes_supported: ['query'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    claims_supported: [
      'aud',
      'auth_time',
      'created_at',
      'email',
      'email_verified',
      'exp',
      'family_name',
      'given_name',
      'iat',
      'identities',
      'iss',
      'name',
      'nickname',
      'phone_number',
      'picture',
      'sub',
    ],
    request_uri_parameter_supported: false,
    request_parameter_supported: false,
    id_token_signing_alg_values_supported: ['RS256'],
  };
}

/** `/.well-known/jwks.json`: the public half of the tenant's signing key, and nothing else. */
export function jwksDocument(state: TenantState): { keys: PublicSigningJwk[] } {
  return { keys: [publicJwk(state.tokenSigningKey)] };
}
