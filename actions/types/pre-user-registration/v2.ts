/**
 * Our mirror of `@auth0/actions/pre-user-registration/v2` (see `post-login/v3.ts` for the typed-secrets
 * convention, identical here). Runs before a user is created on a database or passwordless connection;
 * the user has no `user_id` yet and the request has no `query`.
 *
 * Official names: `Event`, `PreUserRegistrationAPI`, `PreUserRegistrationAction`, `Secrets`,
 * `Configuration`. Everything else exported here is ours.
 */
import type { CacheAPI } from '../cache';
import type {
  Configuration,
  CustomDomain,
  GeoIp,
  Secrets,
  SecretsShape,
  SecurityContext,
  TransactionProtocol,
} from '../common';
import type { SupplementalRiskSignals } from '../post-login/risk-assessment';

export type {
  CacheAPI,
  CacheDeleteResult,
  CacheRecord,
  CacheSetOptions,
  CacheWriteErrorCode,
  CacheWriteResult,
} from '../cache';
export type { Configuration, GeoIp, Secrets, SecretsShape, TransactionProtocol } from '../common';

export interface PreUserRegistrationUser {
  email?: string;
  username?: string;
  phone_number?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  nickname?: string;
  picture?: string;
  app_metadata?: Record<string, unknown>;
  /** What the signup form sent as `user_metadata`; user-controlled. */
  user_metadata?: Record<string, unknown>;
}

export interface PreUserRegistrationRequest {
  ip: string;
  hostname?: string;
  user_agent?: string;
  language?: string;
  method: string;
  body: Record<string, unknown>;
  geoip: GeoIp;
}

export interface PreUserRegistrationTransaction {
  acr_values: string[];
  locale: string;
  login_hint?: string;
  prompt?: string[];
  protocol?: TransactionProtocol;
  redirect_uri?: string;
  requested_scopes: string[];
  response_mode?: 'query' | 'fragment' | 'form_post' | 'web_message';
  response_type?: ('code' | 'token' | 'id_token')[];
  state?: string;
  ui_locales: string[];
  correlation_id?: string;
}

export interface PreUserRegistrationEventData {
  authentication?: { riskAssessment?: { supplemental?: SupplementalRiskSignals } };
  /** Absent when the user is created through the Management API. */
  client?: { client_id: string; name: string; metadata: Record<string, string> };
  connection: { id: string; name: string; strategy: string; metadata?: Record<string, string> };
  custom_domain?: CustomDomain;
  request: PreUserRegistrationRequest;
  security_context?: SecurityContext;
  tenant: { id: string };
  transaction?: PreUserRegistrationTransaction;
  user: PreUserRegistrationUser;
}

export interface Event<TSecrets extends SecretsShape = Secrets> extends PreUserRegistrationEventData {
  /** @private Reserved by Auth0. */
  configuration: Configuration;
  secrets: TSecrets;
}

export interface PreUserRegistrationAccessAPI {
  /**
   * Refuse the signup. `reason` goes to tenant logs; `userMessage` may be shown to the user. No later
   * Action runs.
   */
  deny(reason: string, userMessage: string): PreUserRegistrationAPI;
}

export interface PreUserRegistrationValidationAPI {
  /** Refuse the signup with a code (tenant logs) and a message (shown); each at most 100 characters. */
  error(errorCode: string, errorMessage: string): PreUserRegistrationAPI;
}

export interface PreUserRegistrationUserAPI {
  /** Set `app_metadata[key]` on the user to be created; `null` removes the key. */
  setAppMetadata(key: string, value: unknown): PreUserRegistrationAPI;
  setUserMetadata(key: string, value: unknown): PreUserRegistrationAPI;
}

export interface PreUserRegistrationAPI {
  readonly access: PreUserRegistrationAccessAPI;
  readonly cache: CacheAPI;
  readonly user: PreUserRegistrationUserAPI;
  readonly validation: PreUserRegistrationValidationAPI;
}

/** The official name of a pre-user-registration handler's type. */
export type PreUserRegistrationAction<TSecrets extends SecretsShape = Secrets> = (
  event: Event<TSecrets>,
  api: PreUserRegistrationAPI,
) => Promise<void>;

/** What an Action exports as `onExecutePreUserRegistration`. */
export type PreUserRegistrationHandler<TSecrets extends SecretsShape = Secrets> = (
  event: Event<TSecrets>,
  api: PreUserRegistrationAPI,
) => Promise<void> | void;
