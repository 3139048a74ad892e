/**
 * post-login `custom-claims`: adds our namespaced claims to the ID and access tokens (see `claims.ts`),
 * and denies suspended accounts before any claim is set.
 *
 * Fails open on configuration: a missing or invalid CLAIMS_NAMESPACE sets no claims and logs one line
 * (without the value); the login continues. A suspended account is denied whatever the configuration.
 */
import type { PostLoginHandler } from '@auth0/actions/post-login/v3';
import { tokenClaims } from './claims';
import { claimsNamespace } from './namespace';

export type Secrets = { CLAIMS_NAMESPACE: string };

/** Generic on purpose: the application shows it, so it says no more than needed. */
export const SUSPENDED_REASON = 'account suspended';

export const onExecutePostLogin: PostLoginHandler<Secrets> = async (event, api) => {
  if (event.user.app_metadata.account_status === 'suspended') {
    console.log('custom-claims: login denied: account suspended');
    api.access.deny(SUSPENDED_REASON);
    return;
  }
  const namespace = claimsNamespace(event.secrets.CLAIMS_NAMESPACE);
  if ('problem' in namespace) {
    console.log(`custom-claims: no claims set: ${namespace.problem}`);
    return;
  }
  const claims = tokenClaims(event, namespace.namespace);
  for (const [name, value] of Object.entries(claims.idToken)) api.idToken.setCustomClaim(name, value);
  for (const [name, value] of Object.entries(claims.accessToken)) api.accessToken.setCustomClaim(name, value);
  if (claims.rolesLeftOut > 0) {
    console.log(
      `custom-claims: ${claims.rolesLeftOut} role(s) left out of the roles claim (over the bounds)`,
    );
  }
};
