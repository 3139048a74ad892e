/**
 * Our mirror of `@auth0/actions/post-login/v3` (tsconfig maps `@auth0/actions/*` here).
 *
 * Official names: `Event`, `PostLoginAPI`, `PostLoginAction`, `Secrets`, `Configuration`, `SessionAPI`,
 * `RefreshTokenAPI`, `TransactionAPI`, `PromptAPI`. Everything else exported here is ours.
 *
 * Typed secrets: `Event` takes the Action's secrets type, so a misspelt secret name fails the type check.
 * Each Action declares, with `type` (an `interface` has no index signature and is rejected):
 *
 *   export type CustomClaimsSecrets = { CLAIMS_NAMESPACE: string };
 *   export const onExecutePostLogin: PostLoginHandler<CustomClaimsSecrets> = async (event, api) => {
 *     event.secrets.CLAIMS_NAMESPACE; // string
 *     event.secrets.CLAIMS_NAMESPCE;  // type error
 *   };
 *
 * and lists the same names in its tenant.yaml secrets. `Event` without an argument is the official shape
 * (any name, `string | undefined`). Switching to the official package keeps `Event`/`PostLoginAPI` imports
 * compiling; `PostLoginHandler<S>` would then be defined locally as
 * `(event: Event & { secrets: S }, api: PostLoginAPI) => Promise<void> | void`.
 */
import type { Configuration, Secrets, SecretsShape } from '../common';
import type { PostLoginAPI } from './api';
import type { PostLoginEventData } from './event';

export type {
  CacheAPI,
  CacheDeleteResult,
  CacheRecord,
  CacheSetOptions,
  CacheWriteErrorCode,
  CacheWriteResult,
} from '../cache';
export type { Configuration, GeoIp, Secrets, SecretsShape, TransactionProtocol } from '../common';
export type {
  AccessAPI,
  AccessTokenAPI,
  AuthenticationAPI,
  ChallengeWithOptions,
  DuoProviderOptions,
  EnableMultifactorOptions,
  EncodeTokenOptions,
  EnrollmentFactorSelector,
  EnrollWithOptions,
  FactorSelector,
  IdTokenAPI,
  MultifactorAPI,
  MultifactorProvider,
  PostLoginAPI,
  PromptAPI,
  RedirectAPI,
  RefreshTokenAPI,
  SAMLResponseAPI,
  SamlAttributeValue,
  SendUserToOptions,
  SessionAPI,
  SessionRevocationOptions,
  TransactionAPI,
  UserAPI,
  ValidateTokenOptions,
  ValidationAPI,
} from './api';
export type {
  AuthenticationMethod,
  EnrolledFactor,
  FirstFactorMethodName,
  PostLoginAuthentication,
  PostLoginClient,
  PostLoginConnection,
  PostLoginEventData,
  PostLoginOrganization,
  PostLoginRefreshToken,
  PostLoginRequest,
  PostLoginSession,
  PostLoginTransaction,
  PostLoginUser,
  UserIdentity,
} from './event';
export type {
  AgentDetectionAssessment,
  AgentDetectionCode,
  ImpossibleTravelAssessment,
  ImpossibleTravelCode,
  NewDeviceAssessment,
  NewDeviceCode,
  RiskAssessment,
  RiskAssessments,
  RiskConfidence,
  UntrustedIpAssessment,
  UntrustedIpCode,
} from './risk-assessment';

/** The post-login event, with the Action's secrets (see the module comment). */
export interface Event<TSecrets extends SecretsShape = Secrets> extends PostLoginEventData {
  /** @private Reserved by Auth0. */
  readonly configuration: Configuration;
  readonly secrets: TSecrets;
}

/** The official name of a post-login handler's type. */
export type PostLoginAction<TSecrets extends SecretsShape = Secrets> = (
  event: Event<TSecrets>,
  api: PostLoginAPI,
) => Promise<void>;

/** What an Action exports as `onExecutePostLogin` (or `onContinuePostLogin`). */
export type PostLoginHandler<TSecrets extends SecretsShape = Secrets> = (
  event: Event<TSecrets>,
  api: PostLoginAPI,
) => Promise<void> | void;
