/**
 * The tokens a login got, checked the way an API and an app check them: signature against the JWKS the
 * tenant serves (RS256 only), issuer, and audience (the client for an ID token, the API for an access
 * token). openid-client already checked the ID token's nonce; this is the independent check with jose.
 */
import { createRemoteJWKSet, customFetch, type JWTPayload, jwtVerify } from 'jose';
import type { LoginFetch } from './trusting-fetch';

export interface VerifiedClaims {
  /** Empty when a refresh answered without an ID token. */
  idTokenClaims: JWTPayload;
  /** Undefined when the access token is not a JWT (none issued for an audience-less login, say). */
  accessTokenClaims?: JWTPayload;
}

export async function verifyTokens(
  issuer: URL,
  fetch: LoginFetch,
  tokens: { id_token?: string; access_token: string },
  expected: { clientId: string; audience?: string },
): Promise<VerifiedClaims> {
  const jwks = createRemoteJWKSet(new URL('.well-known/jwks.json', issuer), { [customFetch]: fetch });
  const checks = { issuer: issuer.href, algorithms: ['RS256'] };
  // A refresh may answer without an ID token (a login always has one: openid-client insists on it).
  const idTokenClaims =
    tokens.id_token === undefined
      ? {}
      : (await jwtVerify(tokens.id_token, jwks, { ...checks, audience: expected.clientId })).payload;
  if (tokens.access_token.split('.').length !== 3) return { idTokenClaims };
  const access = await jwtVerify(tokens.access_token, jwks, {
    ...checks,
    ...(expected.audience !== undefined ? { audience: expected.audience } : {}),
  });
  return { idTokenClaims, accessTokenClaims: access.payload };
}
