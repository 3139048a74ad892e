/**
 * The tokens a user's login ends with, from the authorization code or a refresh token: the ID token
 * (OIDC claims, profile claims by scope, the organization, the Actions' claims) and the access token for
 * the audience (scopes the API defines and RBAC allows, `permissions`, the Actions' claims and scope
 * changes), in the API's dialect and lifetimes.
 */
import type { JsonObject, TenantState } from '../state/types';
import type { LocalUser } from './contract';
import type { CompletedFlow } from './sessions';
import { findApi, findOrganization, permissionsOfRoles } from './tenant-lookup';
import { accessTokenClaims, DEFAULT_ACCESS_TOKEN_LIFETIME, idTokenClaims, signJwtOffThread } from './tokens';

/** The scopes OpenID Connect defines: granted whenever asked, whatever the API. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);

/** Claims only the token's protocol sets: an Action's claim of one of these names is not copied. */
const ACCESS_PROTOCOL_CLAIMS = new Set([
  'iss',
  'sub',
  'aud',
  'iat',
  'exp',
  'azp',
  'scope',
  'gty',
  'permissions',
  'jti',
  'client_id',
]);

export interface UserTokenRequest {
  state: TenantState;
  domain: string;
  client: JsonObject;
  user: LocalUser;
  scopes: readonly string[];
  audience?: string;
  organizationId?: string;
  nonce?: string;
  /** Seconds since the epoch. */
  authTime: number;
  /** What the post-login Actions added; none on a refresh. */
  flow?: Pick<CompletedFlow, 'idTokenClaims' | 'accessTokenClaims' | 'scopesAdded' | 'scopesRemoved'>;
  /**
   * The ID token's `amr`: `['mfa']` after a login that passed an MFA challenge. Auth0 sets it only then,
   * never on an ID token from a refresh token:
   * https://auth0.com/docs/secure/multi-factor-authentication/step-up-authentication/configure-step-up-authentication-for-web-apps
   */
  amr?: readonly string[];
  /** Auth0's `gty` for the refresh grant. */
  grantType?: string;
  now: number;
}

export interface UserTokens {
  idToken?: string;
  accessToken: string;
  /** The scopes granted: what the answer's `scope` says and a refresh token keeps. */
  scopes: string[];
  expiresIn: number;
  /** The API of the audience, when there is one (its `allow_offline_access` decides refresh tokens). */
  api?: JsonObject;
}

function profileClaims(user: LocalUser, scopes: readonly string[]): JsonObject {
  const claims: JsonObject = {};
  if (scopes.includes('profile')) {
    Object.assign(claims, {
      name: user.name,
      nickname: user.nickname,
      picture: user.picture,
      updated_at: user.updated_at,
    });
  }
  if (scopes.includes('email'))
    Object.assign(claims, { email: user.email, email_verified: user.email_verified });
  return claims;
}

const withoutProtocolClaims = (claims: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(claims).filter(([name]) => !ACCESS_PROTOCOL_CLAIMS.has(name)));

export async function issueUserTokens(request: UserTokenRequest): Promise<UserTokens> {
  const { state, user, client, flow } = request;
  const issuer = `https://${request.domain}/`;
  const defaultAudience = state.settings.default_audience;
  const audience =
    request.audience ??
    (typeof defaultAudience === 'string' && defaultAudience !== '' ? defaultAudience : undefined);
  const api = findApi(state, audience);
  const organization = findOrganization(state, request.organizationId);
  // An organization login's permissions are that membership's roles alone, not the user's own.
  const roleNames = organization
    ? (user.organizations.find((membership) => membership.name === organization.name)?.roles ?? [])
    : user.roles;
  const permissions = api ? permissionsOfRoles(state, roleNames, String(api.identifier)) : [];
  const defined = new Set(
    Array.isArray(api?.scopes) ? api.scopes.map((scope) => String((scope as JsonObject).value)) : [],
  );
  let scopes = request.scopes.filter(
    (scope) =>
      OIDC_SCOPES.has(scope) ||
      (defined.has(scope) && (api?.enforce_policies !== true || permissions.includes(scope))),
  );
  scopes = [...new Set([...scopes, ...(flow?.scopesAdded ?? [])])].filter(
    (scope) => !(flow?.scopesRemoved ?? []).includes(scope),
  );
  const clientId = String(client.client_id);
  const orgClaims: JsonObject = organization ? { org_id: organization.id, org_name: organization.name } : {};
  let accessClaims: JsonObject;
  let typ: 'JWT' | 'at+jwt' = 'JWT';
  let expiresIn: number;
  if (api) {
    const issued = accessTokenClaims({
      issuer,
      api,
      clientId,
      subject: user.user_id,
      scopes,
      permissions,
      withUserinfo: scopes.includes('openid'),
      ...(request.grantType ? { grantType: request.grantType } : {}),
      now: request.now,
    });
    accessClaims = issued.claims;
    typ = issued.typ;
    expiresIn = issued.expiresIn;
  } else {
    // No API: a token for /userinfo only (Auth0 makes it opaque; a JWT here, so a test can read it).
    expiresIn = DEFAULT_ACCESS_TOKEN_LIFETIME;
    accessClaims = {
      iss: issuer,
      sub: user.user_id,
      aud: `${issuer}userinfo`,
      iat: request.now,
      exp: request.now + expiresIn,
      scope: scopes.join(' '),
      azp: clientId,
    };
  }
  accessClaims = {
    ...withoutProtocolClaims(flow?.accessTokenClaims ?? {}),
    ...(organization ? { org_id: organization.id } : {}),
    ...accessClaims,
  };
  const accessToken = signJwtOffThread(accessClaims, state.tokenSigningKey, typ);
  let idToken: Promise<string> | undefined;
  if (scopes.includes('openid')) {
    const { claims } = idTokenClaims({
      issuer,
      client,
      subject: user.user_id,
      authTime: request.authTime,
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      extra: {
        ...profileClaims(user, scopes),
        ...(flow?.idTokenClaims ?? {}),
        ...orgClaims,
        ...(request.amr ? { amr: [...request.amr] } : {}),
      },
      now: request.now,
    });
    idToken = signJwtOffThread(claims, state.tokenSigningKey);
  }
  // Both signatures at once, on two of the pool's threads.
  const [signedAccess, signedId] = await Promise.all([accessToken, idToken]);
  return {
    accessToken: signedAccess,
    scopes,
    expiresIn,
    ...(signedId ? { idToken: signedId } : {}),
    ...(api ? { api } : {}),
  };
}
