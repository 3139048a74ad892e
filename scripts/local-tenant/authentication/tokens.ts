import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import { isJsonObject } from '../http/validate';
import type { JsonObject } from '../state/types';
import type { SigningKeyRecord } from './signing-key';

/** What Auth0 gives an API that names no `token_lifetime`, in seconds. */
export const DEFAULT_ACCESS_TOKEN_LIFETIME = 86400;
/** What Auth0 gives a client that names no `jwt_configuration.lifetime_in_seconds` (ID tokens). */
export const DEFAULT_ID_TOKEN_LIFETIME = 36000;

const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

/** Parsing a PEM costs more than signing with it: each key is parsed once per process. */
function keyObjects(key: SigningKeyRecord): { privateKey: KeyObject; publicKey: KeyObject } {
  let privateKey = privateKeys.get(key.kid);
  if (!privateKey) {
    privateKey = createPrivateKey(key.privateKeyPem);
    privateKeys.set(key.kid, privateKey);
  }
  let publicKey = publicKeys.get(key.kid);
  if (!publicKey) {
    publicKey = createPublicKey(privateKey);
    publicKeys.set(key.kid, publicKey);
  }
  return { privateKey, publicKey };
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS, RS256, with the key's kid. `typ` is `at+jwt` for RFC 9068 access tokens. */
export function signJwt(claims: JsonObject, key: SigningKeyRecord, typ = 'JWT'): string {
  const input = `${encode({ alg: 'RS256', typ, kid: key.kid })}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(input), keyObjects(key).privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/**
 * `signJwt` on libuv's thread pool: an RS256 signature is the largest CPU cost of a code exchange after
 * the password check (bench `login`), and off the event loop it no longer holds up other requests.
 */
export function signJwtOffThread(claims: JsonObject, key: SigningKeyRecord, typ = 'JWT'): Promise<string> {
  const input = `${encode({ alg: 'RS256', typ, kid: key.kid })}.${encode(claims)}`;
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(input), keyObjects(key).privateKey, (error, signature) => {
      if (error) reject(error);
      else resolve(`${input}.${signature.toString('base64url')}`);
    });
  });
}

/** The claims of a token this key signed (RS256, its kid), or undefined: expiry and audience are the caller's. */
export function verifiedClaims(token: string, key: SigningKeyRecord): JsonObject | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  try {
    const head: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    if (!isJsonObject(head)) return undefined;
    const { alg, kid } = head;
    if (alg !== 'RS256' || kid !== key.kid) return undefined;
    const valid = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      keyObjects(key).publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) return undefined;
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isJsonObject(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

export type TokenDialect =
  | 'access_token'
  | 'access_token_authz'
  | 'rfc9068_profile'
  | 'rfc9068_profile_authz';

/** The API's dialect; Auth0's default is `access_token`. */
export function dialectOf(api: JsonObject): TokenDialect {
  const dialect = api.token_dialect;
  return dialect === 'access_token_authz' ||
    dialect === 'rfc9068_profile' ||
    dialect === 'rfc9068_profile_authz'
    ? dialect
    : 'access_token';
}

/**
 * Whether the token carries `permissions`: only when the API enforces RBAC (`enforce_policies`) and its
 * dialect is one of the two `_authz` ones ("Add Permissions in the Access Token").
 * https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles
 */
export function carriesPermissions(api: JsonObject): boolean {
  return api.enforce_policies === true && dialectOf(api).endsWith('_authz');
}

export interface AccessTokenRequest {
  /** `https://<domain>/`. */
  issuer: string;
  /** The resource server, as the tenant declares it (identifier, token_lifetime, token_dialect, RBAC). */
  api: JsonObject;
  clientId: string;
  /** A user id, or `<client_id>@clients` for the client-credentials grant. */
  subject: string;
  scopes: readonly string[];
  /** What RBAC grants the subject on this API; used only when the API's settings put it on the token. */
  permissions: readonly string[];
  /** Auth0's `gty` (`client-credentials`, `refresh_token`, `password`); none for an authorization code. */
  grantType?: string;
  /** A user token asked with `openid` also names `<issuer>userinfo` as audience, as Auth0 does. */
  withUserinfo?: boolean;
  /** Seconds since the epoch. */
  now: number;
}

export interface IssuedAccessToken {
  claims: JsonObject;
  /** The JWS `typ`: RFC 9068 asks for `at+jwt`. */
  typ: 'JWT' | 'at+jwt';
  expiresIn: number;
}

/**
 * An access token's claims in the API's dialect. The Auth0 profile names the client `azp`; the RFC 9068
 * profile `client_id`, with a `jti` (https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles).
 */
export function accessTokenClaims(request: AccessTokenRequest): IssuedAccessToken {
  const { api } = request;
  const lifetime =
    typeof api.token_lifetime === 'number' && api.token_lifetime > 0
      ? api.token_lifetime
      : DEFAULT_ACCESS_TOKEN_LIFETIME;
  const identifier = String(api.identifier);
  const rfc9068 = dialectOf(api).startsWith('rfc9068');
  const claims: JsonObject = {
    iss: request.issuer,
    sub: request.subject,
    aud: request.withUserinfo ? [identifier, `${request.issuer}userinfo`] : identifier,
    iat: request.now,
    exp: request.now + lifetime,
    ...(rfc9068 ? { jti: randomBytes(16).toString('base64url'), client_id: request.clientId } : {}),
    scope: request.scopes.join(' '),
    ...(request.grantType && !rfc9068 ? { gty: request.grantType } : {}),
    ...(rfc9068 ? {} : { azp: request.clientId }),
    ...(carriesPermissions(api) ? { permissions: [...request.permissions] } : {}),
  };
  return { claims, typ: rfc9068 ? 'at+jwt' : 'JWT', expiresIn: lifetime };
}

export interface IdTokenRequest {
  issuer: string;
  /** The client, for its id and `jwt_configuration.lifetime_in_seconds`. */
  client: JsonObject;
  /** The user id (`auth0|...`). */
  subject: string;
  /** When the user last authenticated, in seconds since the epoch. */
  authTime: number;
  /** The authorization request's nonce, echoed when it had one. */
  nonce?: string;
  /** The session id. */
  sid?: string;
  /** Profile claims the scopes released (name, email, ...) and what the Actions added. */
  extra?: JsonObject;
  now: number;
}

/** Claims only the protocol sets: an extra one of these names is dropped, not copied. */
const ID_TOKEN_PROTOCOL_CLAIMS = new Set([
  'iss',
  'aud',
  'sub',
  'iat',
  'exp',
  'auth_time',
  'sid',
  'nonce',
  'azp',
]);

/**
 * An ID token's claims per OpenID Connect Core 1.0 section 2: iss, sub, aud (the client), exp, iat,
 * auth_time, nonce when the request carried one; Auth0 adds `sid`. The standard claims always win
 * over `extra`, as Auth0 ignores an Action setting them.
 */
export function idTokenClaims(request: IdTokenRequest): { claims: JsonObject; expiresIn: number } {
  const configured = (request.client.jwt_configuration as JsonObject | undefined)?.lifetime_in_seconds;
  const lifetime = typeof configured === 'number' && configured > 0 ? configured : DEFAULT_ID_TOKEN_LIFETIME;
  const extra = Object.entries(request.extra ?? {}).filter(([name]) => !ID_TOKEN_PROTOCOL_CLAIMS.has(name));
  const claims: JsonObject = {
    ...Object.fromEntries(extra),
    iss: request.issuer,
    aud: String(request.client.client_id),
    sub: request.subject,
    iat: request.now,
    exp: request.now + lifetime,
    auth_time: request.authTime,
    ...(request.sid ? { sid: request.sid } : {}),
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
  };
  return { claims, expiresIn: lifetime };
}
