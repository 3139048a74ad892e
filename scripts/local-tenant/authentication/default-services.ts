/**
 * The login's services when whoever started the tenant gave none: enough for a login with no Actions
 * bound, and a clear refusal for anything that needs a real service. Nothing here pretends: a bound
 * Action is never skipped (the login fails, naming why), a refresh token is never issued that nothing
 * could honour, and log events are not kept (there is no stream delivery without the log service).
 */
import type { TenantState } from '../state/types';
import type {
  ActionsRuntime,
  LoginLogs,
  LoginServices,
  PostLoginOutcome,
  RefreshTokens,
  SocialIdentityProvider,
} from './contract';

/** A service the login needs was not given to the local tenant: answered as a 503 naming it. */
export class MissingLoginService extends Error {}

const bound = (state: TenantState, trigger: string): boolean => (state.bindings[trigger] ?? []).length > 0;

const unavailable = (what: string) =>
  `${what} are bound but the local tenant was started without an Actions runtime (LocalTenantOptions.loginServices)`;

/** Runs no Actions: completes a flow when none are bound, fails it when some are. */
export function noActionsRuntime(state: () => TenantState): ActionsRuntime {
  return {
    postLogin: async (input): Promise<PostLoginOutcome> =>
      bound(state(), 'post-login')
        ? { kind: 'failed', error: unavailable('post-login Actions'), actions: [] }
        : {
            kind: 'complete',
            idTokenClaims: {},
            accessTokenClaims: {},
            scopesAdded: [],
            scopesRemoved: [],
            appMetadata: input.user.app_metadata,
            userMetadata: input.user.user_metadata,
            actions: [],
          },
    resumePostLogin: async () => ({
      kind: 'failed',
      error: 'no post-login flow was paused by this runtime',
      actions: [],
    }),
    preUserRegistration: async (input) =>
      bound(state(), 'pre-user-registration')
        ? { kind: 'failed', error: unavailable('pre-user-registration Actions'), actions: [] }
        : {
            kind: 'allowed',
            appMetadata: input.user.app_metadata,
            userMetadata: input.user.user_metadata,
            actions: [],
          },
    customDatabase: async (connection) => ({
      kind: 'outage',
      message: `the custom database scripts of ${String(connection.name)} cannot run: no Actions runtime was given`,
    }),
    close: async () => {},
  };
}

const noRefreshTokens: RefreshTokens = {
  issue: () => {
    throw new MissingLoginService(
      'refresh tokens cannot be issued: the local tenant was started without a refresh-token store',
    );
  },
  exchange: () => ({ kind: 'invalid' }),
  revoke: () => false,
};

const noLogs: LoginLogs = { emit: () => {}, flush: async () => {} };

const noSocial: SocialIdentityProvider = {
  authorizeUrl: (connection) => {
    throw new MissingLoginService(
      `${String(connection.name)} cannot sign in: the local tenant was started without a social identity provider stand-in`,
    );
  },
  redeem: async () => ({ kind: 'error', message: 'no social identity provider stand-in was given' }),
};

export function defaultLoginServices(state: () => TenantState): LoginServices {
  return { actions: noActionsRuntime(state), refreshTokens: noRefreshTokens, logs: noLogs, social: noSocial };
}
