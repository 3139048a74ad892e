/**
 * Auth0's rules for custom claim names (docs: "Create Custom Claims", current since the July 2022 custom
 * claims migration), and the token state the kit records.
 *
 * - `scope` cannot be set as a claim: Auth0's runtime throws (use addScope/removeScope).
 * - Restricted claims (below) are silently left out of the token.
 * - A namespace is an http(s) URL; Auth0 domains (auth0.com, webtask.io, webtask.run and their
 *   subdomains) and the `urn:auth0` URN cannot be namespaces: such claims are left out.
 * - Non-namespaced ("private") claims are allowed on ID and access tokens, except on access tokens for an
 *   Auth0 API audience (Management API, MFA API, My Account API; `/userinfo` excepted): left out.
 * - The custom claims of one token must not exceed 100 KB, or the login fails.
 */
import type { Violation } from './violations';

export type TokenKind = 'idToken' | 'accessToken';

/** Claims Auth0 will not let an Action set or modify. */
// biome-ignore format: one list, as in the docs
export const RESTRICTED_CLAIMS: ReadonlySet<string> = new Set([
  'acr', 'act', 'active', 'amr', 'at_hash', 'ath', 'attest', 'aud', 'auth_time', 'authorization_details',
  'azp', 'c_hash', 'client_id', 'cnf', 'cty', 'dest', 'entitlements', 'events', 'exp', 'groups', 'gty',
  'htm', 'htu', 'iat', 'internalService', 'iss', 'jcard', 'jku', 'jti', 'jwe', 'jwk', 'kid', 'may_act',
  'mky', 'nbf', 'nonce', 'object_id', 'org_id', 'org_name', 'orig', 'origid', 'permissions', 'roles', 'rph',
  's_hash', 'sid', 'sip_callid', 'sip_cseq_num', 'sip_date', 'sip_from_tag', 'sip_via_branch', 'sub',
  'sub_jwk', 'toe', 'txn', 'typ', 'uuid', 'vot', 'vtm', 'x5t#S256',
]);

/** OIDC profile claims Auth0 lets an Action set without a namespace ("non-restricted claims"). */
// biome-ignore format: one list, as in the docs
export const PROFILE_CLAIMS: ReadonlySet<string> = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale',
  'middle_name', 'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username',
  'profile', 'updated_at', 'website', 'zoneinfo',
]);

export const RESERVED_NAMESPACE_DOMAINS: readonly string[] = ['auth0.com', 'webtask.io', 'webtask.run'];

/** Auth0's limit on the custom claims of one token. */
export const MAX_CUSTOM_CLAIMS_BYTES = 100 * 1024;

export interface ClaimRuleContext {
  /** `event.resource_server.identifier`, the access token's audience. */
  audience?: string;
  /** Hostnames of this tenant (`event.request.hostname`, the custom domain), to recognise Auth0 APIs. */
  tenantHostnames: readonly string[];
  /** Project policy, stricter than Auth0: every claim but the OIDC profile ones must be namespaced. */
  requireNamespacedClaims: boolean;
}

export interface ClaimProblem extends Violation {
  /** Auth0 leaves the claim out of the token. */
  dropped: boolean;
}

/** Auth0 throws for this claim name (`scope`), exactly as its runtime does. */
export function assertSettableClaim(name: string): void {
  if (name === 'scope') throw new Error('The "scope" claim cannot be set.');
}

/** Why Auth0 would leave out (or our policy refuses) claim `name` on `token`, if it would. */
export function claimNameProblem(
  token: TokenKind,
  name: string,
  context: ClaimRuleContext,
): ClaimProblem | undefined {
  const where = `${token} claim "${name}"`;
  if (RESTRICTED_CLAIMS.has(name)) {
    return {
      rule: 'restricted-claim',
      dropped: true,
      message: `${where} is restricted; Auth0 leaves it out`,
    };
  }
  if (name.toLowerCase().startsWith('urn:auth0')) {
    return { rule: 'reserved-namespace', dropped: true, message: `${where}: urn:auth0 is reserved by Auth0` };
  }
  const namespaceHost = namespaceHostOf(name);
  if (namespaceHost !== undefined) {
    const reserved = RESERVED_NAMESPACE_DOMAINS.find(
      (d) => namespaceHost === d || namespaceHost.endsWith(`.${d}`),
    );
    if (reserved === undefined) return undefined;
    return {
      rule: 'reserved-namespace',
      dropped: true,
      message: `${where} uses an Auth0 domain (${reserved}) as namespace; Auth0 leaves it out`,
    };
  }
  if (
    token === 'accessToken' &&
    context.audience &&
    isAuth0ApiAudience(context.audience, context.tenantHostnames)
  ) {
    return {
      rule: 'non-namespaced-claim',
      dropped: true,
      message: `${where} is not namespaced, and access tokens for an Auth0 API (${context.audience}) cannot carry private claims`,
    };
  }
  if (context.requireNamespacedClaims && !PROFILE_CLAIMS.has(name)) {
    return {
      rule: 'non-namespaced-claim',
      dropped: false,
      message: `${where} is not namespaced (project policy: namespace custom claims with an https URL)`,
    };
  }
  return undefined;
}

/** The host of an http(s) namespace, or undefined when `name` is not namespaced. */
function namespaceHostOf(name: string): string | undefined {
  if (!/^https?:\/\//i.test(name)) return undefined;
  try {
    return new URL(name).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Management API (`/api/v2/`), MFA API (`/mfa/`) or My Account API (`/me/`) of an Auth0 tenant. */
export function isAuth0ApiAudience(audience: string, tenantHostnames: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(audience);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  const isTenantHost = host.endsWith('.auth0.com') || tenantHostnames.some((h) => h.toLowerCase() === host);
  return isTenantHost && /^\/(api\/v2|mfa|me)(\/|$)/.test(url.pathname);
}

export interface DroppedClaim {
  name: string;
  value: unknown;
  rule: Violation['rule'];
}

/** What the kit records for one token. */
export interface TokenState {
  /** The custom claims Auth0 would put in the token (dropped ones excluded). */
  claims: Record<string, unknown>;
  /** Claims Auth0 would leave out, and why. */
  dropped: DroppedClaim[];
}

export interface AccessTokenState extends TokenState {
  scopesAdded: string[];
  scopesRemoved: string[];
}

/** Records `setCustomClaim` on `state` under Auth0's rules; returns the violation, if any. */
export function recordClaim(
  state: TokenState,
  token: TokenKind,
  name: string,
  value: unknown,
  context: ClaimRuleContext,
): Violation | undefined {
  assertSettableClaim(name);
  const problem = claimNameProblem(token, name, context);
  if (problem?.dropped) {
    state.dropped.push({ name, value, rule: problem.rule });
    return { rule: problem.rule, message: problem.message };
  }
  state.claims[name] = value;
  return problem ? { rule: problem.rule, message: problem.message } : undefined;
}

/** The 100 KB rule, checked once the handler is done. */
export function claimsSizeViolation(token: TokenKind, state: TokenState): Violation | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(state.claims), 'utf8');
  if (bytes <= MAX_CUSTOM_CLAIMS_BYTES) return undefined;
  return {
    rule: 'claims-too-large',
    message: `${token} custom claims are ${bytes} bytes; over Auth0's ${MAX_CUSTOM_CLAIMS_BYTES} bytes the login fails`,
  };
}

// Auth0's runtime validation of scopes (its addScope/removeScope throw these).
const MAX_SCOPE_LENGTH = 280;

/** The trimmed scope, or throws as Auth0 does for an invalid one. */
export function validScope(scope: unknown): string {
  if (typeof scope !== 'string') throw new TypeError('The value for the scope must be a string.');
  const trimmed = scope.trim();
  if (trimmed.length === 0) throw new Error('The value for the scope is required.');
  if (trimmed.length > MAX_SCOPE_LENGTH) {
    throw new Error(`The value for the scope exceeds the allowed maximum of ${MAX_SCOPE_LENGTH} characters.`);
  }
  if (/\s/.test(trimmed)) throw new Error('The value for the scope must not have whitespace.');
  return trimmed;
}
