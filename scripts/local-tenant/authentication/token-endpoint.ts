import { sameText } from '../auth';
import { isJsonObject, type JsonObject } from '../http/validate';
import type { TenantState } from '../state/types';
import { accessTokenClaims, signJwt } from './tokens';

/** An OAuth error answer from the Authentication API: `{ error, error_description }`, not the v2 shape. */
export interface OAuthReply {
  status: number;
  body: JsonObject;
}

export const oauthError = (status: number, error: string, description: string): OAuthReply => ({
  status,
  body: { error, error_description: description },
});

/** Auth0's answer to a client it cannot authenticate (unknown id, wrong secret, wrong method). */
const UNAUTHORIZED = oauthError(401, 'access_denied', 'Unauthorized');

const grantTypeNotAllowed = (grantType: string): OAuthReply =>
  oauthError(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`);

interface PresentedCredentials {
  id: unknown;
  secret: unknown;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

/** Client id and secret from an `Authorization: Basic` header (RFC 6749 2.3.1: form-encoded) or the body. */
function presentedCredentials(body: JsonObject, authorization: string | undefined): PresentedCredentials {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      try {
        return {
          id: decodeURIComponent(decoded.slice(0, colon)),
          secret: decodeURIComponent(decoded.slice(colon + 1)),
          method: 'client_secret_basic',
        };
      } catch {
        return { id: undefined, secret: undefined, method: 'client_secret_basic' };
      }
    }
  }
  const method = body.client_secret === undefined ? 'none' : 'client_secret_post';
  return { id: body.client_id, secret: body.client_secret, method };
}

/**
 * The client the request authenticates as, or the answer refusing it. A client authenticates the way its
 * `token_endpoint_auth_method` says (Auth0 fills in `client_secret_post` on a client that names none);
 * a public client (`none`) presents no secret, and is refused here for grants that need one.
 */
export function authenticateClient(
  state: TenantState,
  body: JsonObject,
  authorization: string | undefined,
  options: { publicAllowed: boolean },
): { client: JsonObject } | { refused: OAuthReply } {
  const presented = presentedCredentials(body, authorization);
  if (typeof presented.id !== 'string' || presented.id === '') return { refused: UNAUTHORIZED };
  const client = state.clients.find((candidate) => candidate.client_id === presented.id);
  if (!client) return { refused: UNAUTHORIZED };
  const method = client.token_endpoint_auth_method ?? 'client_secret_post';
  if (method === 'none') {
    return options.publicAllowed && presented.method === 'none' ? { client } : { refused: UNAUTHORIZED };
  }
  if (presented.method !== method) return { refused: UNAUTHORIZED };
  const secret = presented.secret;
  if (typeof secret !== 'string' || typeof client.client_secret !== 'string')
    return { refused: UNAUTHORIZED };
  if (!sameText(secret, client.client_secret)) return { refused: UNAUTHORIZED };
  return { client };
}

/** The scopes of the grant, narrowed to those asked for when the request names a `scope`. */
function grantedScopes(grantScopes: readonly string[], requested: unknown): string[] {
  if (typeof requested !== 'string' || requested.trim() === '') return [...grantScopes];
  const asked = new Set(requested.split(' ').filter((scope) => scope !== ''));
  return grantScopes.filter((scope) => asked.has(scope));
}

/**
 * The client-credentials grant for any API the tenant declares: exactly the scopes of the client's grant
 * for that audience (its `client`-subject grant), in the API's token dialect and lifetime.
 * https://auth0.com/docs/get-started/authentication-and-authorization-flow/client-credentials-flow
 */
function clientCredentialsToken(state: TenantState, domain: string, client: JsonObject, body: JsonObject) {
  const clientId = String(client.client_id);
  const grantTypes = Array.isArray(client.grant_types) ? client.grant_types : [];
  if (!grantTypes.includes('client_credentials')) return grantTypeNotAllowed('client_credentials');
  const defaultAudience = state.settings.default_audience;
  const audience = body.audience ?? (defaultAudience === '' ? undefined : defaultAudience);
  if (typeof audience !== 'string' || audience === '') {
    return oauthError(
      403,
      'access_denied',
      'No audience parameter was provided, and no default audience has been configured',
    );
  }
  const api = state.resourceServers.find((server) => server.identifier === audience);
  if (!api) return oauthError(403, 'access_denied', `Service not enabled within domain: ${audience}`);
  const grant = state.clientGrants.find(
    (candidate) =>
      candidate.client_id === clientId &&
      candidate.audience === audience &&
      (candidate.subject_type ?? 'client') === 'client',
  );
  if (!grant) {
    // Auth0's wording and status, as seen by SDK users: https://github.com/auth0/ruby-auth0/issues/610
    // (this text) and https://github.com/auth0/auth0-python/issues/173 (403, an older wording).
    return oauthError(
      403,
      'access_denied',
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }
  const scopes = grantedScopes(Array.isArray(grant.scope) ? grant.scope.map(String) : [], body.scope);
  const issued = accessTokenClaims({
    issuer: `https://${domain}/`,
    api,
    clientId,
    subject: `${clientId}@clients`,
    scopes,
    // A machine's permissions on an API are the scopes it was granted: that is what Auth0 lists.
    permissions: scopes,
    grantType: 'client-credentials',
    now: Math.floor(Date.now() / 1000),
  });
  return {
    status: 200,
    body: {
      access_token: signJwt(issued.claims, state.tokenSigningKey, issued.typ),
      scope: scopes.join(' '),
      expires_in: issued.expiresIn,
      token_type: 'Bearer',
    },
  };
}

/** `POST /oauth/token`, answering as Auth0's Authentication API does. */
export function answerTokenRequest(
  state: TenantState,
  domain: string,
  body: unknown,
  authorization: string | undefined,
): OAuthReply {
  if (!isJsonObject(body) || body.grant_type === undefined) {
    return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
  }
  // Only the client-credentials grant is served yet, and it needs a confidential client.
  const authenticated = authenticateClient(state, body, authorization, { publicAllowed: false });
  if ('refused' in authenticated) return authenticated.refused;
  if (body.grant_type === 'client_credentials') {
    return clientCredentialsToken(state, domain, authenticated.client, body);
  }
  return grantTypeNotAllowed(String(body.grant_type));
}
