/**
 * A social connection's login: the button sends the browser to the provider (the stand-in page the
 * social service serves), which comes back to `/login/callback` with a code; its profile becomes (or
 * finds) the `<strategy>|<id>` user, and the login goes on into post-login with the `federated` method.
 */
import { type PublicReply, redirectTo } from '../http/public-routes';
import type { LocalUser } from './contract';
import { brandingPage, field, type LoginStep, sessionOf } from './login-context';
import { afterAuthentication } from './post-login';
import { enabledFor, findConnection, isDatabase } from './tenant-lookup';
import { findUserById, usersOf } from './users';

/** Auth0's callback for every social connection: the one redirect URI a provider's app registers. */
export const SOCIAL_CALLBACK_PATH = '/login/callback';

const callbackUrl = (step: LoginStep) => `https://${step.request.domain}${SOCIAL_CALLBACK_PATH}`;

/** `GET /u/social?state=...&connection=...`. */
export function startSocialLogin(step: LoginStep): PublicReply {
  const found = sessionOf(step);
  if ('refused' in found) return found.refused;
  const { session } = found;
  const connection = findConnection(step.state, field(step.request, 'connection'));
  const named = session.transaction.connection;
  if (
    !connection ||
    isDatabase(connection) ||
    !enabledFor(connection, session.transaction.clientId) ||
    (named !== undefined && named !== connection.name)
  ) {
    return brandingPage(step, 'invalid_request', 'the connection is not enabled');
  }
  session.connection = String(connection.name);
  return redirectTo(
    step.flow.services.social.authorizeUrl(connection, callbackUrl(step), session.transaction.id),
  );
}

/** `GET /login/callback?code=...&state=...`: back from the provider. */
export async function finishSocialLogin(step: LoginStep): Promise<PublicReply> {
  const found = sessionOf(step);
  if ('refused' in found) return found.refused;
  const { session } = found;
  const connection = findConnection(step.state, session.connection);
  const code = field(step.request, 'code');
  if (!connection || code === undefined)
    return brandingPage(step, 'invalid_request', 'The identity provider sent no code back.');
  const redeemed = await step.flow.services.social.redeem(connection, code, callbackUrl(step));
  if (redeemed.kind === 'error')
    return brandingPage(step, 'Login failed', `The identity provider refused: ${redeemed.message}`);
  const strategy = String(connection.strategy);
  const userId = `${strategy}|${redeemed.id}`;
  let user = findUserById(step.state, userId);
  if (!user) {
    const now = new Date(step.flow.sessions.now()).toISOString();
    const created: LocalUser = {
      user_id: userId,
      connection: String(connection.name),
      email: redeemed.email,
      email_verified: redeemed.emailVerified,
      name: redeemed.name ?? redeemed.email,
      nickname: redeemed.email.split('@')[0] ?? redeemed.email,
      ...(redeemed.picture ? { picture: redeemed.picture } : {}),
      app_metadata: {},
      user_metadata: {},
      identities: [
        { provider: strategy, user_id: redeemed.id, connection: String(connection.name), isSocial: true },
      ],
      roles: [],
      organizations: [],
      logins_count: 0,
      created_at: now,
      updated_at: now,
    };
    usersOf(step.state).push(created);
    step.request.store.save();
    user = created;
  }
  return afterAuthentication(step, session, user, connection, 'federated');
}
