/**
 * Custom-database `get_user` for the `legacy-users` connection (import mode): Auth0 asks whether a user
 * exists in the legacy store before a sign-up, a password reset, or an email/username change. A user found
 * here is migrated with this profile (a reset password becomes their Auth0 password).
 *
 * - 2xx with the user -> the profile (same mapping as login).
 * - 404 `{"error":"not_found"}` (the legacy API's own answer) -> `null`: no such user.
 * - anything else, a 404 without that body (from a proxy or a wrong LEGACY_API_URL) included -> plain
 *   Error "legacy user store unavailable: ...": "cannot tell" must not read as "no such user" (that would
 *   let someone sign up with a legacy user's email).
 */
import type { AsyncGetUserScript } from '@auth0/actions/custom-database';
import { callLegacyApi, isRefusal, MAX_EMAIL_LENGTH, NO_SUCH_USER } from './legacy-api';
import { profileFromResponse } from './profile';

const getUser: AsyncGetUserScript = async (email, { configuration }) => {
  if (!email || email.length > MAX_EMAIL_LENGTH) return null;
  const response = await callLegacyApi(configuration, { method: 'GET', path: 'users', query: { email } });
  if (isRefusal(response, NO_SUCH_USER)) return null;
  return profileFromResponse(response, email);
};

export default getUser;
