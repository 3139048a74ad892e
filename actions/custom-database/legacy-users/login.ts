/**
 * Custom-database `login` for the `legacy-users` connection (import mode): checks the credentials against
 * the legacy store once; on success Auth0 keeps the user and the password, and never calls this again for
 * them. See README.md for the legacy API contract.
 *
 * - 2xx with the user -> the profile (`user_id` `legacy|<id>`).
 * - 401 or 404 -> WrongUsernameOrPasswordError (bad credentials or no such user).
 * - anything else (429, 5xx, timeout, a malformed or mismatched body, bad configuration) -> plain Error
 *   "legacy user store unavailable: ...", so an outage never reads as a wrong password.
 */
import type { AsyncLoginScript } from '@auth0/actions/custom-database';
import { callLegacyApi, MAX_EMAIL_LENGTH } from './legacy-api';
import { profileFromResponse } from './profile';

const login: AsyncLoginScript = async (email, password, { configuration, errors }) => {
  // Nothing to ask the store: no one has an empty password or an email longer than an email can be.
  if (!email || !password || email.length > MAX_EMAIL_LENGTH) {
    throw new errors.WrongUsernameOrPasswordError(email);
  }
  const response = await callLegacyApi(configuration, {
    method: 'POST',
    path: 'authenticate',
    body: { email, password },
  });
  if (response.status === 401 || response.status === 404)
    throw new errors.WrongUsernameOrPasswordError(email);
  return profileFromResponse(response, email);
};

export default login;
