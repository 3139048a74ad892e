/**
 * `GET /authorize` into the login page, and `POST /u/login`: a database user by password, a custom
 * database's user through its deployed `login` script (import mode: migrated on first success), with
 * brute-force protection counting the failures.
 */
import { type PublicReply, redirectTo } from '../http/public-routes';
import { isJsonObject } from '../http/validate';
import type { JsonObject } from '../state/types';
import { decideAuthorize } from './authorize';
import type { LocalUser } from './contract';
import {
  brandingPage,
  field,
  type LoginStep,
  logEvent,
  loginRequestOf,
  sessionOf,
  storeOutage,
} from './login-context';
import { loginPage, signupPage } from './pages/forms';
import { afterAuthentication } from './post-login';
import type { LoginSession } from './sessions';
import { branding, connectionsEnabledFor, enabledFor, findConnection, isDatabase } from './tenant-lookup';
import { createUser, findUser, passwordMatches } from './users';

export function beginAuthorize(step: LoginStep): PublicReply {
  const decision = decideAuthorize(step.state, step.request.url.searchParams);
  if (decision.kind === 'error-page') return brandingPage(step, decision.title, decision.message);
  if (decision.kind === 'error-redirect') return redirectTo(decision.location);
  const session = step.flow.sessions.begin(decision.transaction);
  const id = encodeURIComponent(session.transaction.id);
  // `connection=` naming a social connection skips the login page, as on Auth0: straight to the provider.
  const named = findConnection(step.state, session.transaction.connection);
  if (named && !isDatabase(named)) {
    return redirectTo(`/u/social?state=${id}&connection=${encodeURIComponent(String(named.name))}`);
  }
  const page = session.transaction.screenHint === 'signup' ? '/u/signup' : '/u/login';
  return redirectTo(`${page}?state=${id}`);
}

/** The connections a login page offers: those the client may use, or only the one `connection=` named. */
export function offeredConnections(step: LoginStep, session: LoginSession) {
  const named = session.transaction.connection;
  const enabled = connectionsEnabledFor(step.state, session.transaction.clientId).filter(
    (connection) => named === undefined || connection.name === named,
  );
  return {
    databases: enabled.filter(isDatabase),
    socials: enabled.filter((connection) => !isDatabase(connection)),
  };
}

export function showLoginPage(
  step: LoginStep,
  kind: 'login' | 'signup',
  extra: { error?: string; email?: string; status?: number } = {},
): PublicReply {
  const found = sessionOf(step);
  if ('refused' in found) return found.refused;
  const render = kind === 'login' ? loginPage : signupPage;
  return render({
    branding: branding(step.state),
    session: found.session,
    ...offeredConnections(step, found.session),
    ...extra,
  });
}

const WRONG_CREDENTIALS = 'Wrong email or password.';

/** The database connection a form chose: one enabled for the client, and named by the transaction if it named one. */
export function chosenDatabase(step: LoginStep, session: LoginSession): JsonObject | undefined {
  const name = field(step.request, 'connection') ?? offeredConnections(step, session).databases[0]?.name;
  const connection = findConnection(step.state, name);
  if (!connection || !isDatabase(connection) || !enabledFor(connection, session.transaction.clientId))
    return undefined;
  if (session.transaction.connection !== undefined && session.transaction.connection !== connection.name)
    return undefined;
  return connection;
}

export const customized = (connection: JsonObject): boolean => {
  const options = isJsonObject(connection.options) ? connection.options : {};
  return options.enabledDatabaseCustomization === true;
};

type Verified =
  | { kind: 'user'; user: LocalUser }
  | { kind: 'unknown' }
  | { kind: 'wrong'; user?: LocalUser }
  | { kind: 'outage'; message: string };

/** Who the email and password are: the local user, or (custom database, not yet migrated) the script's answer. */
async function verify(
  step: LoginStep,
  connection: JsonObject,
  email: string,
  password: string,
): Promise<Verified> {
  const local = findUser(step.state, String(connection.name), email);
  if (local)
    return (await passwordMatches(local, password))
      ? { kind: 'user', user: local }
      : { kind: 'wrong', user: local };
  if (!customized(connection)) return { kind: 'unknown' };
  const options = connection.options as JsonObject;
  if (options.import_mode !== true) {
    return {
      kind: 'outage',
      message: 'a custom database without import mode is not served by the local tenant',
    };
  }
  const answer = await step.flow.services.actions.customDatabase(connection, 'login', [email, password]);
  if (answer.kind === 'not-found') return { kind: 'unknown' };
  if (answer.kind === 'wrong-credentials') return { kind: 'wrong' };
  if (answer.kind === 'outage') return { kind: 'outage', message: answer.message };
  const { profile } = answer;
  // Auth0 prefixes the script's user_id with `auth0|`: a script answering one already prefixed keeps one.
  const scriptId = String(profile.user_id ?? profile.id ?? '').replace(/^auth0\|/, '');
  const migrated = createUser(step.state, {
    connection: String(connection.name),
    email: typeof profile.email === 'string' ? profile.email : email,
    password,
    emailVerified: profile.email_verified === true,
    ...(scriptId !== '' ? { userId: scriptId } : {}),
    ...(typeof profile.name === 'string' ? { name: profile.name } : {}),
    ...(typeof profile.nickname === 'string' ? { nickname: profile.nickname } : {}),
    ...(isJsonObject(profile.app_metadata) ? { appMetadata: profile.app_metadata } : {}),
    ...(isJsonObject(profile.user_metadata) ? { userMetadata: profile.user_metadata } : {}),
  });
  step.request.store.save();
  return { kind: 'user', user: migrated };
}

export async function submitLogin(step: LoginStep): Promise<PublicReply> {
  const found = sessionOf(step);
  if ('refused' in found) return found.refused;
  const { session } = found;
  const connection = chosenDatabase(step, session);
  if (!connection) return brandingPage(step, 'invalid_request', 'the connection is not enabled');
  const email = (field(step.request, 'email') ?? '').trim();
  const password = field(step.request, 'password') ?? '';
  if (email === '' || password === '')
    return showLoginPage(step, 'login', { error: 'Enter your email and password.', email, status: 400 });
  const { ip } = loginRequestOf(step.request);
  const guard = step.flow.bruteForce;
  if (guard.isBlocked(step.state, connection, email, ip)) {
    logEvent(step, 'f', {
      connection,
      session,
      description: 'account blocked by brute-force protection',
      details: { email },
    });
    return showLoginPage(step, 'login', {
      error: 'This account is blocked after too many failed logins from this address.',
      email,
      status: 429,
    });
  }
  const verified = await verify(step, connection, email, password);
  if (verified.kind === 'outage') {
    return storeOutage(
      step,
      'f',
      { connection, session, message: verified.message },
      {
        title: 'Sign-in unavailable',
        text: 'The user store behind this connection is not answering. This is not a wrong password: try again later.',
      },
    );
  }
  if (verified.kind !== 'user') {
    const type = verified.kind === 'unknown' ? 'fu' : 'fp';
    logEvent(step, type, {
      connection,
      session,
      description: WRONG_CREDENTIALS,
      details: { email },
      ...(verified.kind === 'wrong' && verified.user ? { user: verified.user } : {}),
    });
    if (guard.fail(step.state, connection, email, ip)) {
      logEvent(step, 'limit_wc', {
        connection,
        session,
        description: 'Too many failed login attempts: account blocked for this IP',
        details: { email },
      });
    }
    return showLoginPage(step, 'login', { error: WRONG_CREDENTIALS, email, status: 401 });
  }
  guard.succeed(step.state, connection, email, ip);
  return afterAuthentication(step, session, verified.user, connection, 'pwd');
}
