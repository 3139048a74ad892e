/**
 * What each Action did in the recent logins, for whoever drives them (`npm run login`, a test): the
 * traces of every post-login and pre-user-registration run with the login's user, client and outcome.
 * Only the last 50 logins, in memory: a debugging aid, not a log (the log streams are that). The traces
 * carry no secret value: the runtime redacts the Actions' secrets from their logs and errors
 * (actions-runtime/runtime.ts), and `calls` are api method names only.
 */
import type { PublicRoute } from '../http/public-routes';
import type { JsonObject } from '../state/types';
import type { ActionTrace, PostLoginOutcome, PreUserRegistrationOutcome } from './contract';

export const KEPT_LOGINS = 50;

export interface LoginTraceRecord {
  /** The login's transaction id: the `state` its pages carry. */
  loginId: string;
  /** When its first Action ran (ISO). */
  at: string;
  user: { email: string; user_id?: string };
  client: { client_id: string; name?: string };
  /** The last run's outcome: `complete`, `denied`, `paused`, `failed`, `allowed` (sign-up). */
  outcome: { kind: string; reason?: string };
  /** The post-login flow's traces so far (a resumed flow's include those before its pause). */
  postLogin?: ActionTrace[];
  preUserRegistration?: ActionTrace[];
}

type Outcome = PostLoginOutcome | PreUserRegistrationOutcome;

const reasonOf = (outcome: Outcome): string | undefined =>
  outcome.kind === 'denied' ? outcome.reason : outcome.kind === 'failed' ? outcome.error : undefined;

export class LoginTraces {
  /** Oldest first; a login already here is updated in place. */
  private readonly logins: LoginTraceRecord[] = [];

  record(
    login: { loginId: string; user: { email: string; user_id?: string }; client: JsonObject; now: number },
    trigger: 'post-login' | 'pre-user-registration',
    outcome: Outcome,
  ): void {
    let found = this.logins.find((entry) => entry.loginId === login.loginId);
    if (!found) {
      found = {
        loginId: login.loginId,
        at: new Date(login.now).toISOString(),
        user: { email: login.user.email },
        client: {
          client_id: String(login.client.client_id),
          ...(typeof login.client.name === 'string' ? { name: login.client.name } : {}),
        },
        outcome: { kind: outcome.kind },
      };
      this.logins.push(found);
      if (this.logins.length > KEPT_LOGINS) this.logins.shift();
    }
    if (login.user.user_id !== undefined) found.user.user_id = login.user.user_id;
    const reason = reasonOf(outcome);
    found.outcome = { kind: outcome.kind, ...(reason !== undefined ? { reason } : {}) };
    // A copy: the runtime keeps adding to a paused flow's list.
    const actions = structuredClone(outcome.actions);
    if (trigger === 'post-login') found.postLogin = actions;
    else found.preUserRegistration = actions;
  }

  /** Newest first; only `email`'s logins when given (emails compare case-insensitively). */
  list(email?: string): LoginTraceRecord[] {
    const wanted = email?.toLowerCase();
    return this.logins
      .filter((entry) => wanted === undefined || entry.user.email.toLowerCase() === wanted)
      .reverse();
  }
}

/** `GET /__local/logins[?user=<email>]`, behind the control token. */
export function loginTraceRoutes(traces: LoginTraces): PublicRoute[] {
  return [
    {
      method: 'GET',
      path: '/__local/logins',
      handle: ({ url }) => ({
        status: 200,
        json: traces.list(url.searchParams.get('user') ?? undefined),
      }),
    },
  ];
}
