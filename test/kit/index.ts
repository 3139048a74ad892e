/**
 * The Action test kit. `import { postLogin, preUserRegistration, runAsyncScript } from '../../test/kit';`
 *
 * - `postLogin(overrides?, options?)` / `postLogin.with(base)`: post-login event + recording api; `run(handler)`.
 *   `{ organization: {} }` logs in through the kit's organization (`defaultOrganization()`).
 * - `preUserRegistration(overrides?, options?)` / `.with(base)`: the same for pre-user-registration.
 * - `runAsyncScript(script, args, options)` / `runCallbackScript(fnOrSource, args, options)`: custom-database
 *   scripts held to Auth0's callback contract.
 * Rules the kit enforces are listed in `token-claims.ts`, `cache.ts`, `post-login-api.ts`, `violations.ts`.
 */
export { ActionsCache, CACHE_LIMITS, type CacheOperation, DEFAULT_CACHE_LIFETIME_MS } from './cache';
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
export {
  customDatabaseErrors,
  UnauthorizedError,
  ValidationError,
  WrongUsernameOrPasswordError,
} from './custom-database-errors';
export { type DeepPartial, deepMerge } from './deep-merge';
export {
  buildPostLoginEvent,
  type PostLoginOptions,
  type PostLoginOverrides,
  PostLoginTest,
  postLogin,
} from './post-login';
export { MAX_MFA_COMMANDS, type MetadataWrite, type MfaCommand, type MfaRequirement } from './post-login-api';
export { defaultOrganization, defaultPostLoginEvent, KIT_NOW } from './post-login-event';
export type { RedirectRecord } from './post-login-redirect';
export {
  buildPreUserRegistrationEvent,
  type PreUserRegistrationOptions,
  type PreUserRegistrationOverrides,
  PreUserRegistrationTest,
  preUserRegistration,
} from './pre-user-registration';
export { defaultPreUserRegistrationEvent } from './pre-user-registration-event';
export { CODE_CONFIDENCE, type RiskShorthand, riskAssessment } from './risk';
export { signSessionToken, verifySessionTokenSignature } from './session-token';
export {
  type AccessTokenState,
  claimNameProblem,
  type DroppedClaim,
  PROFILE_CLAIMS,
  RESTRICTED_CLAIMS,
  type TokenState,
} from './token-claims';
export { type RunOptions, type Violation, type ViolationRule, ViolationsError } from './violations';
