import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from './http/errors';
import { isJsonObject, type JsonObject } from './http/validate';
import { managementAudience } from './state/seed';
import type { TenantState } from './state/types';

const TOKEN_LIFETIME_SECONDS = 86400;

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  scope: string;
  gty: 'client-credentials';
  azp: string;
}

/** An OAuth error answer from the Authentication API: `{ error, error_description }`, not the v2 shape. */
export interface OAuthReply {
  status: number;
  body: JsonObject;
}

const oauthError = (status: number, error: string, description: string): OAuthReply => ({
  status,
  body: { error, error_description: description },
});

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function sign(claims: TokenClaims, key: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Compares two secrets in constant time. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Client id and secret from the body (client_secret_post) or an `Authorization: Basic` header. */
function clientCredentials(
  body: JsonObject,
  authorization: string | undefined,
): { id: unknown; secret: unknown } {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return {
        id: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    }
  }
  return { id: body.client_id, secret: body.client_secret };
}

/**
 * `POST /oauth/token` with the client-credentials grant, answering as Auth0's Authentication API does:
 * an access token for the Management API carrying the scopes of the client's grant.
 */
export function issueToken(
  state: TenantState,
  domain: string,
  body: unknown,
  authorization: string | undefined,
): OAuthReply {
  if (!isJsonObject(body))
    return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
  if (body.grant_type === undefined) {
    return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
  }
  const { id, secret } = clientCredentials(body, authorization);
  if (typeof id !== 'string' || id === '') {
    return oauthError(401, 'access_denied', 'Unauthorized');
  }
  const client = state.clients.find((candidate) => candidate.client_id === id);
  if (!client || typeof secret !== 'string' || !sameText(secret, String(client.client_secret))) {
    return oauthError(401, 'access_denied', 'Unauthorized');
  }
  if (body.grant_type !== 'client_credentials') {
    return oauthError(
      403,
      'unauthorized_client',
      `Grant type '${String(body.grant_type)}' not allowed for the client.`,
    );
  }
  const grantTypes = Array.isArray(client.grant_types) ? client.grant_types : [];
  if (!grantTypes.includes('client_credentials')) {
    return oauthError(
      403,
      'unauthorized_client',
      "Grant type 'client_credentials' not allowed for the client.",
    );
  }
  const audience = body.audience;
  if (typeof audience !== 'string' || audience === '') {
    return oauthError(
      403,
      'access_denied',
      'No audience parameter was provided, and no default audience has been configured',
    );
  }
  if (audience !== managementAudience(domain)) {
    return oauthError(403, 'access_denied', `Service not enabled within domain: ${audience}`);
  }
  const grant = state.clientGrants.find(
    (candidate) => candidate.client_id === id && candidate.audience === audience,
  );
  if (!grant) {
    return oauthError(
      403,
      'access_denied',
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }
  const scope = Array.isArray(grant.scope) ? grant.scope.join(' ') : '';
  const now = Math.floor(Date.now() / 1000);
  const claims: TokenClaims = {
    iss: `https://${domain}/`,
    sub: `${id}@clients`,
    aud: audience,
    iat: now,
    exp: now + TOKEN_LIFETIME_SECONDS,
    scope,
    gty: 'client-credentials',
    azp: id,
  };
  return {
    status: 200,
    body: {
      access_token: sign(claims, state.signingKey),
      scope,
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
    },
  };
}

const unauthorized = (message: string): ApiError => new ApiError(401, message, undefined);

/**
 * The claims of a valid bearer token for this tenant's Management API, or the 401 Auth0 answers. A token
 * stays valid across restarts with the same state (same key), and dies with `--reset`.
 */
export function verifyBearer(
  state: TenantState,
  domain: string,
  authorization: string | undefined,
): TokenClaims {
  if (!authorization) throw unauthorized('Missing authentication');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) throw unauthorized('Bad HTTP authentication header format');
  const [header, payload, signature] = match[1].split('.');
  if (!header || !payload || !signature) throw unauthorized('Invalid token');
  const expected = createHmac('sha256', state.signingKey).update(`${header}.${payload}`).digest('base64url');
  if (!sameText(signature, expected)) throw unauthorized('Invalid token');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw unauthorized('Invalid token');
  }
  if (!isJsonObject(claims)) throw unauthorized('Invalid token');
  if (claims.aud !== managementAudience(domain)) throw unauthorized(`Bad audience: ${String(claims.aud)}`);
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) {
    throw unauthorized('Expired token received for JSON Web Token validation');
  }
  const client = state.clients.find((candidate) => `${String(candidate.client_id)}@clients` === claims.sub);
  if (!client) throw unauthorized('Invalid token');
  // A token with no scope claim grants nothing: each route then answers 403 insufficient_scope.
  if (claims.scope !== undefined && typeof claims.scope !== 'string') throw unauthorized('Invalid token');
  return { ...claims, scope: claims.scope ?? '' } as unknown as TokenClaims;
}
