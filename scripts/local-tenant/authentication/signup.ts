/**
 * `POST /u/signup`: a new database user, where the connection allows sign-up. The password policy first,
 * then the bound pre-user-registration Actions (a denial shows their message; metadata they set is
 * stored), then the login goes on into post-login as for a password login.
 */
import type { PublicReply } from '../http/public-routes';
import { isJsonObject } from '../http/validate';
import {
  brandingPage,
  clientOf,
  field,
  type LoginStep,
  logEvent,
  loginRequestOf,
  sessionOf,
  storeOutage,
} from './login-context';
import { chosenDatabase, customized, showLoginPage } from './password-login';
import { passwordProblems } from './password-policy';
import { afterAuthentication } from './post-login';
import { createUser, findUser } from './users';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export async function submitSignup(step: LoginStep): Promise<PublicReply> {
  const found = sessionOf(step);
  if ('refused' in found) return found.refused;
  const { session } = found;
  const connection = chosenDatabase(step, session);
  const options = connection && isJsonObject(connection.options) ? connection.options : {};
  if (!connection || options.disable_signup === true) {
    return brandingPage(step, 'invalid_request', 'Sign-up is not allowed for this connection.', 403);
  }
  const email = (field(step.request, 'email') ?? '').trim();
  const password = field(step.request, 'password') ?? '';
  const refuse = (description: string, shown = description, status = 400) => {
    logEvent(step, 'fs', { connection, session, description, details: { email } });
    return showLoginPage(step, 'signup', { error: shown, email, status });
  };
  if (!EMAIL.test(email)) return refuse('Invalid email address', 'Enter a valid email address.');
  if (findUser(step.state, String(connection.name), email)) return refuse('The user already exists.');
  if (customized(connection) && options.import_mode === true) {
    // Not yet migrated is not absent: with automatic migration Auth0 runs get_user on sign-up
    // (https://auth0.com/docs/database/custom-db/templates/get-user), else anyone could sign up as a
    // legacy user with a password of their own, and that user's legacy password would stop working.
    const legacy = await step.flow.services.actions.customDatabase(connection, 'get_user', [email]);
    if (legacy.kind === 'user') return refuse('The user already exists.');
    if (legacy.kind === 'outage') {
      return storeOutage(
        step,
        'fs',
        { connection, session, message: legacy.message },
        {
          title: 'Sign-up unavailable',
          text: 'The user store behind this connection is not answering: try again later.',
        },
      );
    }
  }
  const problems = passwordProblems(connection, password, { email });
  if (problems.length > 0) {
    return refuse(
      'PasswordStrengthError: Password is too weak',
      `Your password does not meet the policy: ${problems.join('; ')}.`,
    );
  }
  const registration = await step.flow.services.actions.preUserRegistration({
    user: { email, app_metadata: {}, user_metadata: {} },
    client: clientOf(step, session),
    connection,
    request: loginRequestOf(step.request),
    transaction: session.transaction,
    now: step.flow.sessions.now(),
  });
  step.flow.traces.record(
    {
      loginId: session.loginId,
      user: { email },
      client: clientOf(step, session),
      now: step.flow.sessions.now(),
    },
    'pre-user-registration',
    registration,
  );
  if (registration.kind === 'denied') return refuse(registration.reason, registration.userMessage, 403);
  if (registration.kind === 'failed') {
    logEvent(step, 'fs', { connection, session, description: registration.error, details: { email } });
    return brandingPage(step, 'Sign-up failed', `An Action failed: ${registration.error}`, 500);
  }
  const user = createUser(
    step.state,
    {
      connection: String(connection.name),
      email,
      password,
      appMetadata: registration.appMetadata,
      userMetadata: registration.userMetadata,
    },
    new Date(step.flow.sessions.now()),
  );
  step.request.store.save();
  logEvent(step, 'ss', { user, connection, session });
  return afterAuthentication(step, session, user, connection, 'pwd');
}
