/**
 * After the user proved who they are: the organization membership check, the post-login Actions (through
 * the runtime), what their outcome means (metadata stored, MFA, a denial back to the app, a redirect out
 * and `/continue`), and the code the login ends with.
 */
import { type PublicReply, redirectTo } from '../http/public-routes';
import type { JsonObject } from '../state/types';
import { errorRedirect } from './authorize';
import type { LocalUser, PostLoginOutcome } from './contract';
import {
  brandingPage,
  clientOf,
  field,
  type LoginStep,
  logEvent,
  loginRequestOf,
  sessionOf,
} from './login-context';
import { mfaChallengePage, mfaEnrollPage } from './pages/forms';
import type { CompletedFlow, LoginSession } from './sessions';
import { branding, findApi, findConnection, findOrganization } from './tenant-lookup';
import { newTotpSecret, otpauthUri } from './totp';
import { findUserById, recordLogin } from './users';

/** Back to the app's callback with an OAuth error; the login is over. */
function refuseToApp(
  step: LoginStep,
  session: LoginSession,
  error: string,
  description: string,
): PublicReply {
  step.flow.sessions.end(session);
  const { redirectUri, state } = session.transaction;
  return redirectTo(errorRedirect(redirectUri, error, description, state));
}

const methodStamp = (step: LoginStep, name: string) => ({
  name,
  timestamp: new Date(step.flow.sessions.now()).toISOString(),
});

/** The user proved who they are with `method` (`pwd`, `federated`): on to the organization check and the Actions. */
export async function afterAuthentication(
  step: LoginStep,
  session: LoginSession,
  user: LocalUser,
  connection: JsonObject,
  method: string,
): Promise<PublicReply> {
  if (user.blocked) {
    logEvent(step, 'f', { user, connection, session, description: 'user is blocked' });
    return refuseToApp(step, session, 'access_denied', 'user is blocked');
  }
  const organization = findOrganization(step.state, session.transaction.organizationId);
  if (organization && !user.organizations.some((membership) => membership.name === organization.name)) {
    // Local wording: Auth0 refuses a login through an organization the user is not a member of.
    const description = `user is not a member of the organization ${String(organization.name)}`;
    logEvent(step, 'f', { user, connection, session, description });
    return refuseToApp(step, session, 'access_denied', description);
  }
  step.flow.sessions.renew(session);
  session.userId = user.user_id;
  session.connection = String(connection.name);
  session.methods.push(methodStamp(step, method));
  const resourceServer = findApi(
    step.state,
    session.transaction.audience ?? step.state.settings.default_audience,
  );
  const outcome = await step.flow.services.actions.postLogin({
    user,
    client: clientOf(step, session),
    connection,
    request: loginRequestOf(step.request),
    transaction: session.transaction,
    authenticationMethods: [...session.methods],
    now: step.flow.sessions.now(),
    ...(organization ? { organization } : {}),
    ...(resourceServer ? { resourceServer } : {}),
  });
  return handleOutcome(step, session, user, outcome);
}

async function handleOutcome(
  step: LoginStep,
  session: LoginSession,
  user: LocalUser,
  outcome: PostLoginOutcome,
): Promise<PublicReply> {
  step.flow.traces.record(
    { loginId: session.transaction.id, user, client: clientOf(step, session), now: step.flow.sessions.now() },
    'post-login',
    outcome,
  );
  const connection = findConnection(step.state, session.connection);
  switch (outcome.kind) {
    case 'complete': {
      user.app_metadata = outcome.appMetadata;
      user.user_metadata = outcome.userMetadata;
      step.request.store.save();
      if (outcome.mfa && !session.methods.some((method) => method.name === 'mfa')) {
        session.completed = outcome;
        session.mfa = { ask: outcome.mfa, resumesFlow: false };
        return mfaPage(step, session, user);
      }
      return finish(step, session, user, outcome);
    }
    case 'denied':
      logEvent(step, 'f', {
        user,
        session,
        description: outcome.reason,
        details: { actionName: outcome.actionName },
        ...(connection ? { connection } : {}),
      });
      return refuseToApp(step, session, 'access_denied', outcome.reason);
    case 'paused': {
      session.pausedFlowId = outcome.flowId;
      if (outcome.redirect) {
        const target = new URL(outcome.redirect.url);
        for (const [name, value] of Object.entries(outcome.redirect.query))
          target.searchParams.set(name, value);
        target.searchParams.set('state', session.transaction.id);
        return redirectTo(target.href);
      }
      if (outcome.mfa) {
        session.mfa = { ask: outcome.mfa, resumesFlow: true };
        return mfaPage(step, session, user);
      }
      return brandingPage(step, 'server_error', 'The login flow paused without saying what for.', 500);
    }
    case 'failed':
      logEvent(step, 'f', {
        user,
        session,
        description: outcome.error,
        ...(connection ? { connection } : {}),
      });
      step.flow.sessions.end(session);
      return brandingPage(step, 'Login failed', `An Action failed: ${outcome.error}`, 500);
  }
}

/** The login succeeded: a code for the app, bound to its client and redirect_uri. */
function finish(step: LoginStep, session: LoginSession, user: LocalUser, flow: CompletedFlow): PublicReply {
  const { transaction } = session;
  const authMethod = session.methods.find((method) => method.name !== 'mfa') ?? session.methods[0];
  const authTime = Math.floor(
    Date.parse(authMethod?.timestamp ?? new Date(step.flow.sessions.now()).toISOString()) / 1000,
  );
  const code = step.flow.sessions.issueCode({
    clientId: transaction.clientId,
    redirectUri: transaction.redirectUri,
    userId: user.user_id,
    transaction,
    authTime,
    flow,
    ...(session.methods.some((method) => method.name === 'mfa') ? { amr: ['mfa'] } : {}),
  });
  recordLogin(user, loginRequestOf(step.request).ip, new Date(step.flow.sessions.now()));
  step.request.store.save();
  const connection = findConnection(step.state, session.connection);
  logEvent(step, 's', { user, session, ...(connection ? { connection } : {}) });
  step.flow.sessions.end(session);
  const callback = new URL(transaction.redirectUri);
  callback.searchParams.set('code', code);
  if (transaction.state !== undefined) callback.searchParams.set('state', transaction.state);
  return redirectTo(callback.href);
}

/**
 * Wrong codes one login may send before it ends: a local choice (Auth0 rate-limits its one-time codes
 * too, logging `gd_otp_rate_limit_exceed`), so that six digits cannot be walked through.
 */
const MAX_ONE_TIME_CODE_FAILURES = 5;

/** The one-time-code page: a challenge for a confirmed authenticator, else the enrollment. */
function mfaPage(step: LoginStep, session: LoginSession, user: LocalUser, error?: string): PublicReply {
  const look = branding(step.state);
  if (user.totp?.confirmed) return mfaChallengePage(look, session, error);
  session.enrollingSecret ??= newTotpSecret();
  const uri = otpauthUri(step.state.tenantName, user.email, session.enrollingSecret);
  return mfaEnrollPage(look, session, session.enrollingSecret, uri, error);
}

/** `POST /u/mfa-otp`: the code checked (once only), then the flow resumes or the login finishes. */
export async function submitOneTimeCode(step: LoginStep): Promise<PublicReply> {
  const found = sessionOf(step);
  if ('refused' in found) return found.refused;
  const { session } = found;
  const user = session.userId ? findUserById(step.state, session.userId) : undefined;
  if (!user || !session.mfa)
    return brandingPage(step, 'invalid_request', 'No one-time code was asked for in this login.');
  const enrolling = !user.totp?.confirmed;
  const secret = enrolling ? session.enrollingSecret : user.totp?.secret;
  const code = (field(step.request, 'code') ?? '').trim();
  const nowSeconds = Math.floor(step.flow.sessions.now() / 1000);
  if (!secret || !step.flow.sessions.totp.verify(user.user_id, secret, code, nowSeconds)) {
    logEvent(step, 'gd_auth_failed', { user, session, description: 'Wrong one-time code' });
    session.oneTimeCodeFailures = (session.oneTimeCodeFailures ?? 0) + 1;
    if (session.oneTimeCodeFailures >= MAX_ONE_TIME_CODE_FAILURES) {
      logEvent(step, 'gd_otp_rate_limit_exceed', {
        user,
        session,
        description: 'Too many wrong one-time codes',
      });
      step.flow.sessions.end(session);
      return brandingPage(step, 'too_many_attempts', 'Too many wrong codes: start the login again.', 429);
    }
    return mfaPage(step, session, user, 'That code is not right, or was already used. Try the next one.');
  }
  if (enrolling) {
    user.totp = { secret, confirmed: true };
    delete session.enrollingSecret;
    logEvent(step, 'gd_enrollment_complete', { user, session, details: { authenticator: 'otp' } });
  } else {
    logEvent(step, 'gd_auth_succeed', { user, session, details: { authenticator: 'otp' } });
  }
  step.request.store.save();
  session.methods.push(methodStamp(step, 'mfa'));
  const { resumesFlow } = session.mfa;
  delete session.mfa;
  if (resumesFlow && session.pausedFlowId) {
    const flowId = session.pausedFlowId;
    delete session.pausedFlowId;
    const outcome = await step.flow.services.actions.resumePostLogin(flowId, {
      authenticationMethods: [...session.methods],
    });
    return handleOutcome(step, session, user, outcome);
  }
  if (!session.completed)
    return brandingPage(step, 'server_error', 'The login lost its flow before MFA finished.', 500);
  return finish(step, session, user, session.completed);
}

/** `GET /continue?state=...`: back from where an Action sent the user; the paused flow resumes. */
export async function continueFlow(step: LoginStep): Promise<PublicReply> {
  const found = sessionOf(step);
  if ('refused' in found) return found.refused;
  const { session } = found;
  const user = session.userId ? findUserById(step.state, session.userId) : undefined;
  if (!user || !session.pausedFlowId)
    return brandingPage(step, 'invalid_request', 'This login is not waiting to continue.');
  const flowId = session.pausedFlowId;
  delete session.pausedFlowId;
  const outcome = await step.flow.services.actions.resumePostLogin(flowId, {
    query: Object.fromEntries(step.request.url.searchParams),
    authenticationMethods: [...session.methods],
  });
  return handleOutcome(step, session, user, outcome);
}
