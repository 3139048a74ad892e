/**
 * The Action test kit. `import { postLogin, preUserRegistration, runAsyncScript } from '../../test/kit';`
 *
 * - `postLogin(overrides?, options?)` / `postLogin.with(base)`: post-login event + recording api; `run(handler)`.
 *   `{ organization: {} }` logs in through the kit's organization (`defaultOrganization()`).
 * - `preUserRegistration(overrides?, options?)` / `.with(base)`: the same for pre-user-registration.
 * - `runAsyncScript(script, args, options)` / `runCallbackScript(fnOrSource, args, options)`: custom-database
 *   scripts held to Auth0's callback contract.
 * Auth0's rules for the api object (claims, cache limits, MFA commands, deny after deny) are not the kit's:
 * they live once in scripts/action-api/, which the kit records with; code that applies the commands reads
 * them there too.
 */
export {
  ActionsCache,
  CACHE_LIMITS,
  type CacheOperation,
  DEFAULT_CACHE_LIFETIME_MS,
} from '../../scripts/action-api/cache';
export {
  customDatabaseErrors,
  UnauthorizedError,
  ValidationError,
  WrongUsernameOrPasswordError,
} from '../../scripts/action-api/custom-database-errors';
export {
  MAX_MFA_COMMANDS,
  type MetadataWrite,
  type MfaCommand,
  type MfaRequirement,
} from '../../scripts/action-api/post-login-api';
export type { RedirectRecord } from '../../scripts/action-api/post-login-redirect';
export { CODE_CONFIDENCE, type RiskShorthand, riskAssessment } from '../../scripts/action-api/risk';
export { signSessionToken, verifySessionTokenSignature } from '../../scripts/action-api/session-token';
export {
  type AccessTokenState,
  claimNameProblem,
  type DroppedClaim,
  PROFILE_CLAIMS,
  RESTRICTED_CLAIMS,
  type TokenState,
} from '../../scripts/action-api/token-claims';
export {
  type RunOptions,
  type Violation,
  type ViolationRule,
  ViolationsError,
} from '../../scripts/action-api/violations';
export { captureConsole, type LogEntry, type LogLevel } from './console-capture';
export {
  type AsyncScriptFunction,
  CallbackContractError,
  type CallbackOutcome,
  type CallbackScriptFunction,
  type CustomDatabaseRunOptions,
  compileScript,
  runAsyncScript,
  runCallbackScript,
  type ScriptSource,
  toCallbackScript,
} from './custom-database';
export { type DeepPartial, deepMerge } from './deep-merge';
export {
  buildPostLoginEvent,
  type PostLoginOptions,
  type PostLoginOverrides,
  PostLoginTest,
  postLogin,
} from './post-login';
export { defaultOrganization, defaultPostLoginEvent, KIT_NOW } from './post-login-event';
export {
  buildPreUserRegistrationEvent,
  type PreUserRegistrationOptions,
  type PreUserRegistrationOverrides,
  PreUserRegistrationTest,
  preUserRegistration,
} from './pre-user-registration';
export { defaultPreUserRegistrationEvent } from './pre-user-registration-event';
