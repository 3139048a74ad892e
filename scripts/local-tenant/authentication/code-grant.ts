/**
 * The user grants of `POST /oauth/token`: `authorization_code` (the client authenticated as its
 * `token_endpoint_auth_method` says, the same redirect_uri, PKCE's verifier) and `refresh_token` (the
 * refresh-token store decides validity, rotation and reuse).
 * https://auth0.com/docs/api/authentication#authorization-code-flow-with-pkce
 */
import { createHash } from 'node:crypto';
import { sameText } from '../auth';
import { isJsonObject, type JsonObject } from '../http/validate';
import type { TenantState } from '../state/types';
import type { LoginRequest, LoginServices } from './contract';
import { runRefreshFlow } from './refresh-flow';
import type { LoginSessions } from './sessions';
import { texts } from './tenant-lookup';
import { authenticateClient, type OAuthReply, oauthError } from './token-endpoint';
import { issueUserTokens, type UserTokens } from './user-tokens';
import { findUserById } from './users';

/** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** RFC 7636 section 4.6: BASE64URL(SHA256(verifier)) equals the challenge. */
export function pkceMatches(verifier: unknown, challenge: string): boolean {
  if (typeof verifier !== 'string' || !VERIFIER.test(verifier)) return false;
  return sameText(createHash('sha256').update(verifier).digest('base64url'), challenge);
}

export interface UserGrantContext {
  state: TenantState;
  domain: string;
  sessions: LoginSessions;
  services: LoginServices;
  /** The token request, as the Actions' `event.request` shows it. */
  request: LoginRequest;
}

const grantTypeNotAllowed = (grantType: string): OAuthReply =>
  oauthError(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`);

/** Auth0 answers every refresh token it will not honour (unknown, spent, expired, revoked) alike. */
const INVALID_REFRESH = oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');

function tokenAnswer(tokens: UserTokens, refreshToken: string | undefined): OAuthReply {
  return {
    status: 200,
    body: {
      access_token: tokens.accessToken,
      ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: tokens.scopes.join(' '),
      expires_in: tokens.expiresIn,
      token_type: 'Bearer',
    },
  };
}

/** A refresh token comes with a login that asked `offline_access`, on a client and API that allow it. */
const offlineAllowed = (client: JsonObject, tokens: UserTokens): boolean =>
  tokens.scopes.includes('offline_access') &&
  texts(client.grant_types).includes('refresh_token') &&
  (tokens.api === undefined || tokens.api.allow_offline_access === true);

async function codeGrant(
  context: UserGrantContext,
  client: JsonObject,
  body: JsonObject,
): Promise<OAuthReply> {
  const grant = context.sessions.redeemCode(body.code);
  if (!grant || grant.clientId !== client.client_id) {
    return oauthError(403, 'invalid_grant', 'Invalid authorization code');
  }
  if (body.redirect_uri !== grant.redirectUri) {
    return oauthError(
      403,
      'invalid_grant',
      'Invalid redirect_uri: it must equal the one of the authorization request',
    );
  }
  const { transaction } = grant;
  if (transaction.codeChallenge === undefined && body.code_verifier !== undefined) {
    // A verifier for a code that had no challenge is the PKCE downgrade attack: an attacker who stripped the
    // challenge from the authorization request. RFC 9700 section 4.8.2 asks for this refusal.
    return oauthError(
      403,
      'invalid_grant',
      'A code_verifier was sent, but the authorization had no code_challenge',
    );
  }
  if (
    transaction.codeChallenge !== undefined &&
    !pkceMatches(body.code_verifier, transaction.codeChallenge)
  ) {
    return oauthError(403, 'invalid_grant', 'Failed to verify code verifier');
  }
  const user = findUserById(context.state, grant.userId);
  if (!user) return oauthError(403, 'invalid_grant', 'Invalid authorization code');
  const now = Math.floor(context.sessions.now() / 1000);
  const tokens = await issueUserTokens({
    state: context.state,
    domain: context.domain,
    client,
    user,
    scopes: transaction.scopes,
    authTime: grant.authTime,
    flow: grant.flow,
    now,
    ...(transaction.audience !== undefined ? { audience: transaction.audience } : {}),
    ...(transaction.organizationId !== undefined ? { organizationId: transaction.organizationId } : {}),
    ...(transaction.nonce !== undefined ? { nonce: transaction.nonce } : {}),
    ...(grant.amr ? { amr: grant.amr } : {}),
  });
  const refreshToken = offlineAllowed(client, tokens)
    ? context.services.refreshTokens.issue(
        client,
        {
          userId: user.user_id,
          clientId: String(client.client_id),
          scopes: tokens.scopes,
          authTime: grant.authTime,
          ...(tokens.api ? { audience: String(tokens.api.identifier) } : {}),
          ...(transaction.organizationId !== undefined ? { organizationId: transaction.organizationId } : {}),
        },
        context.sessions.now(),
      )
    : undefined;
  if (refreshToken !== undefined) {
    context.sessions.revokeOnReplay(String(body.code), () =>
      context.services.refreshTokens.revoke(client, refreshToken),
    );
  }
  return tokenAnswer(tokens, refreshToken);
}

/**
 * A refresh: the same scopes (or fewer, when `scope` names fewer), the post-login Actions (refresh-flow.ts),
 * new tokens with what they added, and the rotated refresh token when the client's tokens rotate.
 */
async function refreshGrant(
  context: UserGrantContext,
  client: JsonObject,
  body: JsonObject,
): Promise<OAuthReply> {
  if (typeof body.refresh_token !== 'string') {
    return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
  }
  const exchanged = context.services.refreshTokens.exchange(
    client,
    body.refresh_token,
    context.sessions.now(),
  );
  if (exchanged.kind !== 'valid') return INVALID_REFRESH;
  const { grant } = exchanged;
  const user = findUserById(context.state, grant.userId);
  if (!user || user.blocked) return INVALID_REFRESH;
  const narrowed =
    typeof body.scope === 'string'
      ? body.scope.split(' ').filter((scope) => grant.scopes.includes(scope))
      : grant.scopes;
  const ran = await runRefreshFlow({
    state: context.state,
    services: context.services,
    client,
    user,
    exchange: exchanged,
    scopes: narrowed,
    request: context.request,
    now: context.sessions.now(),
  });
  if ('refused' in ran) return ran.refused;
  const tokens = await issueUserTokens({
    state: context.state,
    domain: context.domain,
    client,
    user,
    scopes: narrowed,
    authTime: grant.authTime,
    grantType: 'refresh_token',
    flow: ran.flow,
    now: Math.floor(context.sessions.now() / 1000),
    ...(grant.audience !== undefined ? { audience: grant.audience } : {}),
    ...(grant.organizationId !== undefined ? { organizationId: grant.organizationId } : {}),
  });
  return tokenAnswer(tokens, exchanged.rotated);
}

/** The answer to a user grant, or undefined for the other grant types (token-endpoint.ts answers those). */
export async function answerUserGrant(
  context: UserGrantContext,
  body: unknown,
  authorization: string | undefined,
): Promise<OAuthReply | undefined> {
  if (!isJsonObject(body)) return undefined;
  const grantType = body.grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') return undefined;
  const authenticated = authenticateClient(context.state, body, authorization, { publicAllowed: true });
  if ('refused' in authenticated) return authenticated.refused;
  const { client } = authenticated;
  if (!texts(client.grant_types).includes(grantType)) return grantTypeNotAllowed(grantType);
  return grantType === 'authorization_code'
    ? codeGrant(context, client, body)
    : refreshGrant(context, client, body);
}
