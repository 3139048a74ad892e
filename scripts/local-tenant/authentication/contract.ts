/**
 * The seams of the local tenant's login (issue 14), written down once so that each part can be built and
 * tested on its own: the login flow (authorize, pages, users, code grant) calls the Actions runtime, the
 * custom-database runner, the refresh-token store and the login log events through these shapes only.
 * Plain data in and out; what a part keeps between calls (a paused flow, a batch of events) it keeps itself.
 */
import type { JsonObject } from '../state/types';

/** A person's account in the local tenant: signed up, seeded, migrated from a custom database, or social. */
export interface LocalUser {
  /** `auth0|<24 hex>` for a database user; `<strategy>|<id>` for a social one. */
  user_id: string;
  /** The connection's name (`Username-Password-Authentication`, `legacy-users`, `google-oauth2`). */
  connection: string;
  email: string;
  email_verified: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  nickname?: string;
  picture?: string;
  /**
   * scrypt of the password, never answered anywhere; absent for social users. `scrypt` is the cost it was
   * made with; a hash stored before the cost was stored has none (`users.ts` knows which it was).
   */
  password?: { salt: string; hash: string; scrypt?: { N: number; r: number; p: number } };
  /** A suspended (blocked) user cannot log in. */
  blocked?: boolean;
  app_metadata: JsonObject;
  user_metadata: JsonObject;
  /** Auth0's identities: `[{ provider, user_id, connection, isSocial }]`. */
  identities: JsonObject[];
  /** Names of the roles assigned on the user itself (tenant roles). */
  roles: string[];
  /** Organization memberships: the organization's name and the roles of that membership. */
  organizations: { name: string; roles: string[] }[];
  logins_count: number;
  last_login?: string;
  last_ip?: string;
  created_at: string;
  updated_at: string;
  /** An enrolled TOTP authenticator (base32 secret); `confirmed` once a first code was accepted. */
  totp?: { secret: string; confirmed: boolean };
}

/** The HTTP request a login step came in on, as the Actions' `event.request` is built from. */
export interface LoginRequest {
  /** The client's address: `X-Forwarded-For` from a loopback caller, else the socket's. */
  ip: string;
  userAgent: string;
  hostname: string;
  method: string;
  query: Record<string, string>;
  language?: string;
}

/** What the authorization request asked for, kept for the whole transaction. */
export interface LoginTransaction {
  id: string;
  clientId: string;
  redirectUri: string;
  responseType: 'code';
  responseMode: 'query';
  scopes: string[];
  audience?: string;
  state?: string;
  nonce?: string;
  prompt: string[];
  screenHint?: string;
  /** The organization's id, when the request named one (`organization=org_...` or its name). */
  organizationId?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256';
  /** Connection the request asked for (`connection=`), if any. */
  connection?: string;
  createdAt: number;
  /** `oauth2-refresh-token` when a refresh token is exchanged; a login through `/authorize` otherwise. */
  protocol?: 'oidc-basic-profile' | 'oauth2-refresh-token';
}

/** The refresh token a refresh-token exchange presents, as the Actions' `event.refresh_token` shows it. */
export interface RefreshTokenFacts {
  /** The login's family of tokens: every token rotated from one login shares it. */
  id: string;
  clientId: string;
  userId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  lastExchangedAt?: number;
  expiresAt?: number;
  idleExpiresAt?: number;
  rotating: boolean;
}

/** The real state a post-login flow's event is built from. */
export interface PostLoginInput {
  user: LocalUser;
  client: JsonObject;
  connection: JsonObject;
  organization?: JsonObject;
  /** The resource server of `transaction.audience`, when it names one the tenant declares. */
  resourceServer?: JsonObject;
  request: LoginRequest;
  transaction: LoginTransaction;
  /** `pwd`, `federated`, `mfa`, ... with when each was done (ISO). */
  authenticationMethods: { name: string; timestamp: string }[];
  /** On a refresh-token exchange (`transaction.protocol` `oauth2-refresh-token`): the token presented. */
  refreshToken?: RefreshTokenFacts;
  /** Milliseconds since the epoch. */
  now: number;
}

/** What one Action did in a flow, for `npm run login` and the logs. */
export interface ActionTrace {
  actionName: string;
  versionId: string;
  /** Console output, in order. Secret values are redacted before they land here. */
  logs: { level: string; message: string }[];
  /** The api methods it called, in order (`accessToken.setCustomClaim`, `multifactor.enable`, ...). */
  calls: string[];
  durationMs: number;
  /** The error it threw or its timeout: the login fails as Auth0's does. */
  error?: string;
  /** What it did that Auth0 ignores or drops without failing the login (a restricted claim, ...). */
  violations?: string[];
  /** The Node it ran on: `node22`, or the current one and why (`node20 (tools/node22 missing)`). */
  runtime?: string;
}

/** The MFA a flow asks for before it may finish: from `multifactor.enable` or a challenge/enrol command. */
export interface MfaAsk {
  /** `enable`: after the flow; `challenge`/`enroll`: before the next Action runs. */
  kind: 'enable' | 'challenge' | 'enroll';
  /** The factors offered (`otp`, `any`, ...). */
  factors: string[];
  allowRememberBrowser?: boolean;
}

export type PostLoginOutcome =
  | {
      kind: 'complete';
      idTokenClaims: JsonObject;
      accessTokenClaims: JsonObject;
      scopesAdded: string[];
      scopesRemoved: string[];
      /** app_metadata and user_metadata as they are after the flow: the login flow stores them. */
      appMetadata: JsonObject;
      userMetadata: JsonObject;
      /** MFA to do after the flow (`multifactor.enable`), when asked. */
      mfa?: MfaAsk;
      actions: ActionTrace[];
    }
  | { kind: 'denied'; reason: string; actionName: string; actions: ActionTrace[] }
  /** The flow stopped in the middle: to send the user to a URL (`redirect.sendUserTo`) or to MFA now. */
  | {
      kind: 'paused';
      flowId: string;
      redirect?: { url: string; query: Record<string, string> };
      mfa?: MfaAsk;
      actions: ActionTrace[];
    }
  | { kind: 'failed'; error: string; actions: ActionTrace[] };

export interface PreUserRegistrationInput {
  /** The sign-up as Auth0 hands it to the Action: email, connection, metadata so far. */
  user: Pick<LocalUser, 'email' | 'app_metadata' | 'user_metadata'> & { username?: string };
  client: JsonObject;
  connection: JsonObject;
  request: LoginRequest;
  transaction?: LoginTransaction;
  now: number;
}

export type PreUserRegistrationOutcome =
  | { kind: 'allowed'; appMetadata: JsonObject; userMetadata: JsonObject; actions: ActionTrace[] }
  | { kind: 'denied'; reason: string; userMessage: string; actionName: string; actions: ActionTrace[] }
  | { kind: 'failed'; error: string; actions: ActionTrace[] };

/** What a custom-database script's callback said, in the terms the login flow acts on. */
export type CustomDatabaseOutcome =
  | { kind: 'user'; profile: JsonObject }
  | { kind: 'not-found' }
  | { kind: 'wrong-credentials'; message: string }
  /** The script failed or timed out (the store is down): an outage, never a wrong password. */
  | { kind: 'outage'; message: string };

/** Runs what was deployed: the bound Actions' deployed versions and the connections' custom scripts. */
export interface ActionsRuntime {
  postLogin(input: PostLoginInput): Promise<PostLoginOutcome>;
  /** Continues a paused flow: after `/continue` (its query) or after the MFA it asked for was done. */
  resumePostLogin(
    flowId: string,
    resumed: {
      query?: Record<string, string>;
      authenticationMethods: PostLoginInput['authenticationMethods'];
    },
  ): Promise<PostLoginOutcome>;
  preUserRegistration(input: PreUserRegistrationInput): Promise<PreUserRegistrationOutcome>;
  /** `login(email, password)` or `get_user(email)` of a connection with custom scripts (import mode). */
  customDatabase(
    connection: JsonObject,
    script: 'login' | 'get_user',
    args: readonly string[],
  ): Promise<CustomDatabaseOutcome>;
  close(): Promise<void>;
}

/** Auth0's log event type codes this tenant emits (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes). */
export type LoginLogType =
  | 's'
  | 'f'
  | 'fp'
  | 'fu'
  | 'ss'
  | 'fs'
  | 'limit_wc'
  | 'gd_enrollment_complete'
  | 'gd_otp_rate_limit_exceed'
  | 'gd_auth_succeed'
  | 'gd_auth_failed'
  | 'slo'
  | 'seccft'
  | 'feccft'
  | 'sertft'
  | 'fertft';

export interface LoginLogInput {
  type: LoginLogType;
  description?: string;
  user?: Pick<LocalUser, 'user_id' | 'email'>;
  client?: JsonObject;
  connection?: JsonObject;
  organization?: JsonObject;
  request?: Pick<LoginRequest, 'ip' | 'userAgent' | 'hostname'>;
  /** More fields of Auth0's event `details`. */
  details?: JsonObject;
  /** The API the login or exchange was for, and the scopes asked for (the event's `audience`, `scope`). */
  audience?: string;
  scopes?: string[];
  now: number;
}

/** Sends Auth0 log events to the tenant's active http log streams, in batches. */
export interface LoginLogs {
  emit(event: LoginLogInput): void;
  /** Sends what is queued now; resolves once every stream answered (tests and shutdown). */
  flush(): Promise<void>;
}

/** What a refresh token stands for: the login it continues. */
export interface RefreshGrant {
  userId: string;
  clientId: string;
  scopes: string[];
  audience?: string;
  organizationId?: string;
  /** When the user last authenticated (seconds since the epoch): the ID tokens it mints keep it. */
  authTime: number;
}

export type RefreshExchange =
  /** `rotated`: the new token, when the client's refresh tokens rotate; the old one is then spent. */
  | { kind: 'valid'; grant: RefreshGrant; rotated?: string; token: RefreshTokenFacts }
  | { kind: 'invalid' }
  /** A spent token presented again (after the leeway): its whole family is revoked. */
  | { kind: 'reused' }
  | { kind: 'expired'; which: 'idle' | 'absolute' };

/** The tenant's refresh tokens, as each client's `refresh_token` settings say (rotation, lifetimes, leeway). */
export interface RefreshTokens {
  issue(client: JsonObject, grant: RefreshGrant, now: number): string;
  exchange(client: JsonObject, token: string, now: number): RefreshExchange;
  /** `/oauth/revoke`: the token and every token rotated from the same login. False if it is not the client's. */
  revoke(client: JsonObject, token: string): boolean;
}

/** A social connection's identity provider, played by a stand-in page on the same server. */
export interface SocialIdentityProvider {
  /** Where the browser signs in at the provider for this connection, coming back to `callbackUrl`. */
  authorizeUrl(connection: JsonObject, callbackUrl: string, state: string): string;
  /** The profile behind the code the provider sent back, checked with the connection's client id and secret. */
  redeem(
    connection: JsonObject,
    code: string,
    callbackUrl: string,
  ): Promise<
    | { kind: 'profile'; id: string; email: string; emailVerified: boolean; name?: string; picture?: string }
    | { kind: 'error'; message: string }
  >;
}

/** What the login flow is handed when the local tenant starts. */
export interface LoginServices {
  actions: ActionsRuntime;
  refreshTokens: RefreshTokens;
  logs: LoginLogs;
  social: SocialIdentityProvider;
  /** Stops what the services run (the Actions' worker) and sends what is queued; the tenant calls it on close. */
  close?(): Promise<void>;
}
