/**
 * Recording `api.redirect` with Auth0's behaviour: `sendUserTo` builds the URL (an invalid one throws),
 * `canRedirect` is false for `prompt=none` and for protocols without a browser, tokens are HS256 JWTs with
 * iat/iss/sub/exp/ip, and `validateToken` checks the token posted back to `/continue`.
 */
import type { Event, RedirectAPI } from '../../actions/types/post-login/v3';
import { signSessionToken, validateSessionToken } from './session-token';
import type { Violation } from './violations';

export interface RedirectRecord {
  /** The full URL, query included. */
  url: string;
  /** Every query parameter of `url`. */
  query: Record<string, string>;
}

/** Protocols for which Auth0 cannot redirect the user (no browser in the flow). */
const NO_REDIRECT_PROTOCOLS: readonly string[] = [
  'oauth2-resource-owner',
  'oauth2-refresh-token',
  'oauth2-password',
  'oauth2-webauthn',
];

const DEFAULT_TOKEN_LIFETIME_SECONDS = 15 * 60;

export interface RedirectHooks {
  redirects: RedirectRecord[];
  hasRenderedPrompt(): boolean;
  violation(violation: Violation): void;
  now(): number;
}

export function canRedirect(event: Event): boolean {
  if (event.request.query.prompt === 'none') return false;
  return !NO_REDIRECT_PROTOCOLS.includes(event.transaction?.protocol ?? 'unknown-protocol');
}

export function createRedirectApi(event: Event, hooks: RedirectHooks, self: () => unknown): RedirectAPI {
  const api: RedirectAPI = {
    encodeToken({ payload, secret, expiresInSeconds }) {
      const issuedAt = Math.floor(hooks.now() / 1000);
      return signSessionToken(
        {
          iat: issuedAt,
          iss: event.request.hostname,
          sub: event.user.user_id,
          exp: issuedAt + (expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
          ip: event.request.ip,
          ...payload,
        },
        secret,
      );
    },
    sendUserTo(url, options) {
      const target = new URL(url);
      for (const [name, value] of Object.entries(options?.query ?? {})) target.searchParams.set(name, value);
      if (hooks.hasRenderedPrompt()) {
        hooks.violation({
          rule: 'redirect-and-render',
          message: 'redirect.sendUserTo() and prompt.render() in the same Action: Auth0 aborts the Action',
        });
      }
      if (!canRedirect(event)) {
        hooks.violation({
          rule: 'redirect-not-possible',
          message: `redirect to ${target.origin}${target.pathname} in a flow that cannot redirect (prompt=none or protocol ${event.transaction?.protocol}); Auth0 fails it with interaction_required`,
        });
      }
      hooks.redirects.push({ url: target.href, query: Object.fromEntries(target.searchParams) });
      return self() as ReturnType<RedirectAPI['sendUserTo']>;
    },
    canRedirect() {
      return canRedirect(event);
    },
    validateToken({ secret, tokenParameterName = 'session_token' }) {
      const params: Record<string, unknown> = { ...event.request.query, ...event.request.body };
      const token = params[tokenParameterName];
      if (typeof token !== 'string' || token.length === 0) {
        throw new Error(
          `There is no parameter called '${tokenParameterName}' available in either the POST body or query string.`,
        );
      }
      try {
        return validateSessionToken(token, secret, {
          issuer: event.request.hostname,
          subject: event.user.user_id,
          state: params.state,
          nowSeconds: Math.floor(hooks.now() / 1000),
        });
      } catch (error) {
        throw new Error(`The session token is invalid: ${(error as Error).message}`);
      }
    },
  };
  return api;
}
