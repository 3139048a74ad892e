/**
 * The post-login `event`, minus `secrets` and `configuration` (added by `Event` in `v3.ts`). Mirrors Auth0's
 * "post-login event object" reference and the official `@auth0/actions` types, with one deliberate change:
 * open-ended objects are `Record<string, unknown>` instead of `any`, so an Action must check what it reads
 * from `app_metadata`, `request.query` and the like.
 */
import type { CustomDomain, GeoIp, LiteralUnion, SecurityContext, TransactionProtocol } from '../common';
import type { RiskAssessment } from './risk-assessment';

/** First factors Auth0 reports; a custom method recorded with `api.authentication.recordMethod` is its URL. */
export type FirstFactorMethodName = LiteralUnion<
  'federated' | 'pwd' | 'passkey' | 'sms' | 'email' | 'phone_number' | 'mock'
>;

export type AuthenticationMethod =
  | { name: FirstFactorMethodName; timestamp: string }
  /** A completed MFA challenge; `type` is the factor used (same values as `user.enrolledFactors[].type`). */
  | { name: 'mfa'; timestamp: string; type?: string };

export interface PostLoginAuthentication {
  /** Methods completed in this session, first factor first. */
  methods: AuthenticationMethod[];
  riskAssessment?: RiskAssessment;
}

export interface UserIdentity {
  connection?: string;
  isSocial?: boolean;
  profileData?: Record<string, unknown>;
  provider?: string;
  user_id?: string;
}

export interface EnrolledFactor {
  /** e.g. `push-notification`, `phone`, `email`, `otp`, `webauthn-roaming`, `webauthn-platform`. */
  type: string;
  options?: Record<string, unknown>;
}

export interface PostLoginUser {
  user_id: string;
  email?: string;
  email_verified: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  nickname?: string;
  picture?: string;
  username?: string;
  phone_number?: string;
  phone_verified?: boolean;
  created_at: string;
  updated_at: string;
  /** Absent until the user's password is first reset; database connections only. */
  last_password_reset?: string;
  identities: UserIdentity[];
  /** What influences access (roles, plan, account status). */
  app_metadata: Record<string, unknown>;
  /** User preferences; never trust it for access decisions. */
  user_metadata: Record<string, unknown>;
  /** MFA providers the user is enrolled with (legacy field). */
  multifactor?: string[];
  enrolledFactors?: EnrolledFactor[];
}

export interface PostLoginClient {
  client_id: string;
  name: string;
  metadata: Record<string, string>;
  /** [Early Access] Multi-resource refresh token policies. */
  refresh_token?: { policies?: { audience?: string; scope?: string[] }[] };
}

export interface PostLoginConnection {
  id: string;
  name: string;
  /** e.g. `auth0` (database), `google-oauth2`, `waad`, `samlp`. */
  strategy: string;
  metadata?: Record<string, string>;
}

export interface PostLoginRequest {
  ip: string;
  asn?: string;
  hostname?: string;
  user_agent?: string;
  language?: string;
  method: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  geoip: GeoIp;
}

export interface PostLoginOrganization {
  id: string;
  name: string;
  display_name: string;
  metadata: Record<string, string>;
}

export interface PostLoginTransaction {
  id?: string;
  acr_values?: string[];
  linking_id?: string;
  locale?: string;
  login_hint?: string;
  prompt?: string[];
  protocol?: TransactionProtocol;
  redirect_uri?: string;
  requested_authorization_details?: ({ type: string } & Record<string, unknown>)[];
  requested_scopes?: string[];
  response_mode?: 'query' | 'fragment' | 'form_post' | 'web_message';
  response_type?: ('code' | 'token' | 'id_token')[];
  state?: string;
  ui_locales?: string[];
  correlation_id?: string;
  /** Shared between the Actions of one transaction; written with `api.transaction.setMetadata`. */
  metadata: Record<string, string | number | boolean>;
}

interface DeviceHistory {
  initial_asn?: string;
  initial_ip?: string;
  initial_user_agent?: string;
  last_asn?: string;
  last_ip?: string;
  last_user_agent?: string;
}

export interface PostLoginSession {
  id: string;
  authenticated_at?: string;
  clients?: { client_id: string }[];
  cookie?: { mode: 'persistent' | 'non-persistent' };
  created_at?: string;
  device?: DeviceHistory;
  expires_at?: string;
  idle_expires_at?: string;
  last_interacted_at?: string;
  metadata?: Record<string, string>;
  updated_at?: string;
  user_id?: string;
}

/** [Enterprise] The refresh token being exchanged (`transaction.protocol === 'oauth2-refresh-token'`). */
export interface PostLoginRefreshToken {
  id: string;
  client_id?: string;
  created_at: string;
  device?: DeviceHistory;
  expires_at?: string;
  idle_expires_at?: string;
  last_exchanged_at?: string;
  metadata?: Record<string, string>;
  resource_servers?: { audience: string; scopes: string }[];
  rotating?: boolean;
  session_id?: string;
  user_id?: string;
}

/** Data collected by a custom prompt rendered earlier in the flow. */
export interface PostLoginPrompt {
  id: string;
  fields?: Record<string, unknown>;
  vars?: Record<string, unknown>;
}

export interface PostLoginEventData {
  authentication?: PostLoginAuthentication;
  authorization?: { roles: string[] };
  client: PostLoginClient;
  connection: PostLoginConnection;
  custom_domain?: CustomDomain;
  organization?: PostLoginOrganization;
  prompt?: PostLoginPrompt;
  refresh_token?: PostLoginRefreshToken;
  request: PostLoginRequest;
  /** The API (audience) an access token is requested for. */
  resource_server?: { identifier: string };
  security_context?: SecurityContext;
  session?: PostLoginSession;
  stats: { logins_count: number };
  tenant: { id: string };
  transaction?: PostLoginTransaction;
  user: PostLoginUser;
}
