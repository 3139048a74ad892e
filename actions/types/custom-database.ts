/**
 * Custom-database action scripts (Auth0 "Custom Database Action Script Templates" and "Troubleshoot Custom
 * Databases").
 *
 * What Auth0 runs: one plain function per script, called with its arguments and a Node-style `callback`,
 * with `configuration` (the connection's settings, string values) and the error classes
 * `WrongUsernameOrPasswordError`, `ValidationError`, `UnauthorizedError` as globals. The callback must be
 * called exactly once.
 *
 * What we write: an async function per script taking the same arguments and a `context` in place of the
 * callback (`AsyncLoginScript` and friends below). The build wraps it mechanically into the callback form,
 * with the wrapper in `scripts/bundle/custom-db-wrapper.ts` (the test kit runs the same one), which builds
 * `context` from those globals and calls back exactly once.
 *
 * So: resolving with a value is `callback(null, value)`; resolving with nothing (`null`/`undefined`) is
 * `callback(null)` (get_user: "not found"; create/delete: success); throwing is `callback(error)`, and a
 * thrown value that is not an Error arrives as one. Scripts throw the error classes from `context.errors`,
 * never from an import, so at runtime they are Auth0's own classes (Auth0 recognises them) and in tests the
 * kit's.
 */

/** The connection's configuration values (Dashboard: "Settings" of the custom database), all strings. */
export type CustomDatabaseConfiguration = Readonly<Record<string, string>>;

/** The profile a script returns for a user. Set a permanent `user_id` to avoid duplicate users. */
export interface CustomDatabaseProfile {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  username?: string;
  phone_number?: string;
  phone_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  nickname?: string;
  picture?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
}

/** What `create` receives. */
export interface NewCustomDatabaseUser {
  /** The Auth0 tenant name. */
  tenant: string;
  /** The signing-up application's client id (or the API key when created through the API/Dashboard). */
  client_id: string;
  /** The connection's name. */
  connection: string;
  email: string;
  /** Plain text: hash it, never log it. */
  password: string;
  username?: string;
  phone_number?: string;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
}

/** `change_password` succeeds with `true`, or an object whose `last_password_reset` updates the profile. */
export type ChangePasswordResult = boolean | { last_password_reset: string };

// ---- Error classes (globals in Auth0's sandbox) --------------------------------------------------------

/** Bad credentials. A truthy first argument logs `fp` (user exists, wrong password), else `fu`. */
export interface WrongUsernameOrPasswordError extends Error {
  readonly name: 'WrongUsernameOrPasswordError';
}
export interface WrongUsernameOrPasswordErrorConstructor {
  new (emailOrUserId?: string, message?: string): WrongUsernameOrPasswordError;
}

/** `create`: the user already exists (`new ValidationError('user_exists', message)`). */
export interface ValidationError extends Error {
  readonly name: 'ValidationError';
  readonly code: string;
}
export interface ValidationErrorConstructor {
  new (code: string, message?: string): ValidationError;
}

/** Any script: a message meant for the user (Universal Login shows it). */
export interface UnauthorizedError extends Error {
  readonly name: 'UnauthorizedError';
}
export interface UnauthorizedErrorConstructor {
  new (message?: string): UnauthorizedError;
}

export interface CustomDatabaseErrors {
  WrongUsernameOrPasswordError: WrongUsernameOrPasswordErrorConstructor;
  ValidationError: ValidationErrorConstructor;
  UnauthorizedError: UnauthorizedErrorConstructor;
}

// ---- Callback form: what Auth0 calls --------------------------------------------------------------------

/** `callback(null, profile)` authenticated; `callback(new WrongUsernameOrPasswordError(...))`; `callback(error)`. */
export interface LoginCallback {
  (error: null, profile: CustomDatabaseProfile): void;
  (error: Error): void;
}
/** `callback(null, profile)` found; `callback(null)` not found; `callback(error)` could not tell. */
export interface GetUserCallback {
  (error: null, profile?: CustomDatabaseProfile): void;
  (error: Error): void;
}
/** `callback(null)` created; `callback(new ValidationError('user_exists', ...))`; `callback(error)`. */
export type CreateCallback = (error: Error | null) => void;
/** `callback(null, true)` marked verified; `callback(error)` failed. */
export interface VerifyCallback {
  (error: null, verified: boolean): void;
  (error: Error): void;
}
/** `callback(null, true | { last_password_reset })` changed; `callback(null, false)` not changed; `callback(error)`. */
export interface ChangePasswordCallback {
  (error: null, result: ChangePasswordResult): void;
  (error: Error): void;
}
/** `callback(null)` deleted; `callback(error)` failed. */
export type DeleteCallback = (error: Error | null) => void;
/** `callback(null, true)` changed; `callback(null, false)` not changed; `callback(error)`. */
export interface ChangeEmailCallback {
  (error: null, changed: boolean): void;
  (error: Error): void;
}

export type LoginScript = (userNameOrEmail: string, password: string, callback: LoginCallback) => void;
export type GetUserScript = (email: string, callback: GetUserCallback) => void;
export type CreateScript = (user: NewCustomDatabaseUser, callback: CreateCallback) => void;
export type VerifyScript = (email: string, callback: VerifyCallback) => void;
export type ChangePasswordScript = (
  email: string,
  newPassword: string,
  callback: ChangePasswordCallback,
) => void;
/** `id` is the user's id without the `auth0|` prefix. */
export type DeleteScript = (id: string, callback: DeleteCallback) => void;
export type ChangeEmailScript = (
  email: string,
  newEmail: string,
  verified: boolean,
  callback: ChangeEmailCallback,
) => void;

/** Auth0's names for the scripts, as in a connection's `options.customScripts`. */
export type CustomDatabaseScriptName =
  | 'login'
  | 'get_user'
  | 'create'
  | 'verify'
  | 'change_password'
  | 'delete'
  | 'change_email';

// ---- Async form: what we write --------------------------------------------------------------------------

/** Passed where Auth0 passes the callback. */
export interface CustomDatabaseContext {
  configuration: CustomDatabaseConfiguration;
  errors: CustomDatabaseErrors;
}

/** Resolve with the profile; throw `WrongUsernameOrPasswordError` for bad credentials. */
export type AsyncLoginScript = (
  userNameOrEmail: string,
  password: string,
  context: CustomDatabaseContext,
) => Promise<CustomDatabaseProfile>;
/** Resolve with the profile, or `null` when there is no such user; throw when it cannot tell. */
export type AsyncGetUserScript = (
  email: string,
  context: CustomDatabaseContext,
) => Promise<CustomDatabaseProfile | null>;
/** Resolve when created; throw `ValidationError('user_exists', ...)` when the user exists. */
export type AsyncCreateScript = (
  user: NewCustomDatabaseUser,
  context: CustomDatabaseContext,
) => Promise<void>;
export type AsyncVerifyScript = (email: string, context: CustomDatabaseContext) => Promise<boolean>;
export type AsyncChangePasswordScript = (
  email: string,
  newPassword: string,
  context: CustomDatabaseContext,
) => Promise<ChangePasswordResult>;
export type AsyncDeleteScript = (id: string, context: CustomDatabaseContext) => Promise<void>;
export type AsyncChangeEmailScript = (
  email: string,
  newEmail: string,
  verified: boolean,
  context: CustomDatabaseContext,
) => Promise<boolean>;
