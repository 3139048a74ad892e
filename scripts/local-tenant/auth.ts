import { timingSafeEqual } from 'node:crypto';
import { verifiedClaims } from './authentication/tokens';
import { ApiError } from './http/errors';
import { managementAudience } from './state/seed';
import type { TenantState } from './state/types';

/** The Management API token's claims, as the routes read them. */
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

/** Compares two secrets in constant time. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const unauthorized = (message: string): ApiError => new ApiError(401, message, undefined);

/**
 * The claims of a valid bearer token for this tenant's Management API, or the 401 Auth0 answers. Tokens
 * are RS256 with the tenant's signing key (authentication/tokens.ts), as Auth0's are: a token stays valid
 * across restarts with the same state (same key), and dies with `--reset`.
 */
export function verifyBearer(
  state: TenantState,
  domain: string,
  authorization: string | undefined,
): TokenClaims {
  if (!authorization) throw unauthorized('Missing authentication');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) throw unauthorized('Bad HTTP authentication header format');
  const claims = verifiedClaims(match[1], state.tokenSigningKey);
  if (!claims) throw unauthorized('Invalid token');
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
