/**
 * What follows a login: `/userinfo` (the profile behind an access token for `<issuer>userinfo`),
 * `/v2/logout` (back only to a URL the client allows) and `/oauth/revoke` (RFC 7009).
 */
import { type PublicReply, type PublicRequest, redirectTo } from '../http/public-routes';
import { isJsonObject } from '../http/validate';
import type { LoginServices } from './contract';
import { errorPage } from './pages/forms';
import { branding, findClient, texts } from './tenant-lookup';
import { authenticateClient } from './token-endpoint';
import { verifiedClaims } from './tokens';
import { findUserById } from './users';

const unauthorized = (description: string): PublicReply => ({
  status: 401,
  headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
  json: { error: 'invalid_token', error_description: description },
});

/** `GET /userinfo`: OIDC Core 5.3, the claims the token's scopes release. */
export function answerUserinfo(request: PublicRequest): PublicReply {
  const { state } = request.store;
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const claims = token ? verifiedClaims(token, state.tokenSigningKey) : undefined;
  const userinfoAudience = `https://${request.domain}/userinfo`;
  const audiences = claims ? (Array.isArray(claims.aud) ? claims.aud : [claims.aud]) : [];
  if (!claims || claims.iss !== `https://${request.domain}/` || !audiences.includes(userinfoAudience)) {
    return unauthorized('The access token is not one for /userinfo of this tenant');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now())
    return unauthorized('The access token expired');
  const user = findUserById(state, String(claims.sub));
  if (!user) return unauthorized('The user of this access token no longer exists');
  const scopes = String(claims.scope ?? '').split(' ');
  return {
    status: 200,
    json: {
      sub: user.user_id,
      ...(scopes.includes('profile')
        ? { name: user.name, nickname: user.nickname, picture: user.picture, updated_at: user.updated_at }
        : {}),
      ...(scopes.includes('email') ? { email: user.email, email_verified: user.email_verified } : {}),
    },
  };
}

/**
 * `GET /v2/logout?client_id=...&returnTo=...`: `returnTo` must be in the client's `allowed_logout_urls`
 * (or the tenant's, without a client). There is no login session to end here (none is kept), so the
 * logout is the redirect and its `slo` event.
 * https://auth0.com/docs/authenticate/login/logout/redirect-users-after-logout
 */
export function answerLogout(request: PublicRequest, services: LoginServices): PublicReply {
  const { state } = request.store;
  const clientId = request.url.searchParams.get('client_id') ?? undefined;
  const returnTo = request.url.searchParams.get('returnTo') ?? undefined;
  const client = findClient(state, clientId);
  if (clientId !== undefined && !client)
    return errorPage(branding(state), 'invalid_request', `Unknown client: ${clientId}`);
  const allowed = texts(client ? client.allowed_logout_urls : state.settings.allowed_logout_urls);
  if (returnTo !== undefined && !allowed.includes(returnTo)) {
    return errorPage(
      branding(state),
      'invalid_request',
      `The "returnTo" URL is not in the allowed logout URLs: ${returnTo}`,
    );
  }
  services.logs.emit({
    type: 'slo',
    description: 'User successfully logged out',
    now: Date.now(),
    request: {
      ip: request.remoteAddress,
      userAgent: request.headers['user-agent'] ?? '',
      hostname: request.domain,
    },
    ...(client ? { client } : {}),
  });
  if (returnTo !== undefined) return redirectTo(returnTo);
  return { status: 200, text: 'You are logged out.' };
}

/** `POST /oauth/revoke`: RFC 7009 answers 200 whether or not the token was known. */
export function answerRevoke(request: PublicRequest, services: LoginServices): PublicReply {
  const { state } = request.store;
  const body = isJsonObject(request.body) ? request.body : {};
  const authenticated = authenticateClient(state, body, request.headers.authorization, {
    publicAllowed: true,
  });
  if ('refused' in authenticated)
    return { status: authenticated.refused.status, json: authenticated.refused.body };
  if (typeof body.token !== 'string' || body.token === '') {
    return {
      status: 400,
      json: { error: 'invalid_request', error_description: 'Missing required parameter: token' },
    };
  }
  services.refreshTokens.revoke(authenticated.client, body.token);
  return { status: 200, json: {} };
}
