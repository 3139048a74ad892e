/**
 * The post-login `api`. Mirrors Auth0's "post-login API object" reference and the official `@auth0/actions`
 * types, including which methods return the `api` for chaining (those typed `PostLoginAPI`) and which return
 * nothing. Early-access namespaces (`groups`, `roles`) are left out.
 */
import type { CacheAPI } from '../cache';

/** Factors for `challengeWith` / `challengeWithAny`. */
export type FactorSelector =
  | {
      type: 'otp' | 'email' | 'webauthn-platform' | 'webauthn-roaming' | 'recovery-code';
      options?: Record<string, unknown>;
    }
  | { type: 'phone'; options?: { preferredMethod?: 'sms' | 'voice' | 'both' } }
  /** `otpFallback: false` hides the OTP fallback of a push challenge. */
  | { type: 'push' | 'push-notification'; options?: { otpFallback?: boolean } };

/** Factors for `enrollWith` / `enrollWithAny` (no `email`: it cannot be enrolled this way). */
export type EnrollmentFactorSelector =
  | {
      type: 'otp' | 'webauthn-platform' | 'webauthn-roaming' | 'push' | 'push-notification' | 'recovery-code';
      options?: Record<string, unknown>;
    }
  | { type: 'phone'; options?: { preferredMethod?: 'sms' | 'voice' | 'both' } };

export type MultifactorProvider = 'any' | 'duo' | 'google-authenticator' | 'guardian' | 'none';

export interface DuoProviderOptions {
  host: string;
  ikey: string;
  skey: string;
  username?: string;
}

export interface EnableMultifactorOptions<Provider extends MultifactorProvider = MultifactorProvider> {
  /** Offer "remember this browser" (30 days for google-authenticator/duo). Auth0's default is `false`. */
  allowRememberBrowser?: boolean;
  /** Only for the `duo` provider. */
  providerOptions?: Provider extends 'duo' ? DuoProviderOptions : never;
}

export interface ChallengeWithOptions {
  additionalFactors?: FactorSelector[];
}

export interface EnrollWithOptions {
  additionalFactors?: EnrollmentFactorSelector[];
}

export interface AccessAPI {
  /**
   * Deny this login; `reason` reaches the application as `error_description`. Other side effects already
   * requested (metadata writes) still happen; no later Action runs.
   */
  deny(reason: string): PostLoginAPI;
}

export interface AccessTokenAPI {
  /** Set a claim on the access token. `scope` cannot be set (Auth0 throws); use `addScope`/`removeScope`. */
  setCustomClaim(name: string, value: unknown): PostLoginAPI;
  /** Add a scope (non-empty, no whitespace, at most 280 characters; Auth0 throws otherwise). */
  addScope(scope: string): void;
  removeScope(scope: string): void;
}

export interface IdTokenAPI {
  setCustomClaim(name: string, value: unknown): PostLoginAPI;
}

export interface AuthenticationAPI {
  /** Challenge with `factor`, letting the user pick one of `additionalFactors` instead. */
  challengeWith(factor: FactorSelector, options?: ChallengeWithOptions): void;
  /** Challenge with any of `factors` (a picker when more than one applies). */
  challengeWithAny(factors: FactorSelector[]): void;
  enrollWith(factor: EnrollmentFactorSelector, options?: EnrollWithOptions): void;
  enrollWithAny(factors: EnrollmentFactorSelector[]): void;
  /** Only in `onContinuePostLogin`: record a custom method (an http(s) URL) as completed. */
  recordMethod(providerUrl: string): PostLoginAPI;
  /** Issue tokens for another user (account linking); once per transaction, id at most 128 characters. */
  setPrimaryUser(primaryUserId: string): void;
}

export interface MultifactorAPI {
  /** Require MFA at the end of the login flow with `provider` (`any` = any enabled factor). */
  enable<Provider extends MultifactorProvider>(
    provider: Provider,
    options?: EnableMultifactorOptions<Provider>,
  ): PostLoginAPI;
}

export interface SendUserToOptions {
  /** Extra query parameters appended to the URL. */
  query?: Record<string, string>;
}

export interface EncodeTokenOptions {
  /** Default 900 (15 minutes). */
  expiresInSeconds?: number;
  payload: Record<string, unknown>;
  /** Signing secret (HS256); keep it in `event.secrets`. */
  secret: string;
}

export interface ValidateTokenOptions {
  secret: string;
  /** Query or body parameter holding the token on `/continue`. Default `session_token`. */
  tokenParameterName?: string;
}

export interface RedirectAPI {
  /** A signed JWT carrying `payload` (plus iat, iss, sub, exp, ip) for the redirect target. */
  encodeToken(options: EncodeTokenOptions): string;
  /** Redirect the browser to `url` once this Action completes; resume at `/continue`. */
  sendUserTo(url: string, options?: SendUserToOptions): PostLoginAPI;
  /** @deprecated Auth0 advises handling `interaction_required` instead. */
  canRedirect(): boolean;
  /** The verified payload of the token posted back to `/continue`; throws when invalid. */
  validateToken(options: ValidateTokenOptions): Record<string, unknown>;
}

export interface UserAPI {
  /** Queue a write to `app_metadata[key]`; `null` deletes the key. Applied when the flow completes. */
  setAppMetadata(key: string, value: unknown): PostLoginAPI;
  /** Queue a write to `user_metadata[key]`; `null` deletes the key. */
  setUserMetadata(key: string, value: unknown): PostLoginAPI;
}

export interface ValidationAPI {
  /** Fail the login with a custom error code and message. */
  error(errorCode: string, errorMessage: string): PostLoginAPI;
}

export interface RulesAPI {
  wasExecuted(ruleId: string): boolean;
}

export interface PromptAPI {
  /** Render a custom prompt (Forms); not allowed together with a redirect in the same Action. */
  render(
    promptId: string,
    options?: { fields?: Record<string, unknown>; vars?: Record<string, unknown> },
  ): void;
}

export interface SessionRevocationOptions {
  /** Keep the session's refresh tokens. Default `false`. */
  preserveRefreshTokens?: boolean;
}

/** [Enterprise] The current session. */
export interface SessionAPI {
  /** Revoke the session and deny this login. */
  revoke(reason: string, options?: SessionRevocationOptions): void;
  /** Absolute expiry, milliseconds since the epoch; the earliest of several calls wins. */
  setExpiresAt(absolute: number): void;
  setIdleExpiresAt(inactivity: number): void;
  setCookieMode(mode: 'persistent' | 'non-persistent'): void;
  /** At most 25 keys (letters, digits, `_`, `-`), string values of at most 255 characters; `null` deletes. */
  setMetadata(key: string, value: string | null): void;
  deleteMetadata(key: string): void;
  evictMetadata(): void;
}

/** [Enterprise] The refresh token being exchanged. */
export interface RefreshTokenAPI {
  /** Revoke the token and deny the exchange; only when `transaction.protocol === 'oauth2-refresh-token'`. */
  revoke(reason: string): void;
  setExpiresAt(absolute: number): void;
  setIdleExpiresAt(inactivity: number): void;
  setMetadata(key: string, value: string | null): void;
  deleteMetadata(key: string): void;
  evictMetadata(): void;
}

export interface TransactionAPI {
  /** Share a value with later Actions through `event.transaction.metadata`; `null` deletes. */
  setMetadata(key: string, value: string | number | boolean | null): void;
}

export type SamlAttributeValue = string | number | boolean | null | (string | number | boolean)[];

export interface SAMLResponseAPI {
  setAttribute(attribute: string, value: SamlAttributeValue): void;
  setAudience(audience: string): void;
  setRecipient(recipient: string): void;
  setCreateUpnClaim(createUpnClaim: boolean): void;
  setPassthroughClaimsWithNoMapping(passthrough: boolean): void;
  setMapUnknownClaimsAsIs(mapUnknownClaimsAsIs: boolean): void;
  setMapIdentities(mapIdentities: boolean): void;
  setSignatureAlgorithm(algorithm: 'rsa-sha256' | 'rsa-sha1'): void;
  setDigestAlgorithm(algorithm: 'sha256' | 'sha1'): void;
  setDestination(destination: string): void;
  setLifetimeInSeconds(lifetimeInSeconds: number): void;
  setSignResponse(signResponse: boolean): void;
  setNameIdentifierFormat(format: string): void;
  setNameIdentifierProbes(probes: string[]): void;
  setAuthnContextClassRef(classRef: string): void;
  setSigningCert(cert: string): void;
  setIncludeAttributeNameFormat(include: boolean): void;
  setTypedAttributes(typed: boolean): void;
  setEncryptionCert(cert: string): void;
  setEncryptionPublicKey(publicKey: string): void;
  setCert(cert: string): void;
  setKey(key: string): void;
  setRelayState(relayState: string): void;
  setIssuer(issuer: string): void;
  setEncryptionAlgorithm(algorithm: 'aes256-gcm' | 'aes256-cbc'): void;
}

export interface PostLoginAPI {
  readonly access: AccessAPI;
  readonly accessToken: AccessTokenAPI;
  readonly authentication: AuthenticationAPI;
  readonly cache: CacheAPI;
  readonly idToken: IdTokenAPI;
  readonly multifactor: MultifactorAPI;
  readonly prompt: PromptAPI;
  readonly redirect: RedirectAPI;
  readonly refreshToken: RefreshTokenAPI;
  readonly rules: RulesAPI;
  readonly samlResponse: SAMLResponseAPI;
  readonly session: SessionAPI;
  readonly transaction: TransactionAPI;
  readonly user: UserAPI;
  readonly validation: ValidationAPI;
}
