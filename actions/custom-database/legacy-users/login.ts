/**
 * Custom-database `login` for the `legacy-users` connection (import mode): checks the credentials against
 * the legacy store once; on success Auth0 keeps the user and the password, and never calls this again for
 * them. See README.md for the legacy API contract.
 *
 * - 2xx with the user -> the profile (`user_id` `legacy|<id>`).
 * - 401 `{"error":"invalid"}` or 404 `{"error":"not_found"}` (the legacy API's own answers) ->
 *   WrongUsernameOrPasswordError (bad credentials or no such user).
 * - anything else (a 401 or 404 without that body, from a proxy or a wrong LEGACY_API_URL; 429, 5xx,
 *   timeout, a malformed or mismatched body, bad configuration) -> plain Error "legacy user store
 *   unavailable: ...", so an outage never reads as a wrong password (nor counts towards a lockout).
 */
import type { AsyncLoginScript } from '@auth0/actions/custom-database';
import { callLegacyApi, isRefusal, MAX_EMAIL_LENGTH, NO_SUCH_USER, WRONG_PASSWORD } from './legacy-api';
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
  if (isRefusal(response, WRONG_PASSWORD) || isRefusal(response, NO_SUCH_USER)) {
    throw new errors.WrongUsernameOrPasswordError(email);
  }
  return profileFromResponse(response, email);
};

export default login;
