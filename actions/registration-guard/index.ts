/**
 * pre-user-registration `registration-guard`: refuses sign-ups with malformed emails, from disposable or
 * blocked email domains, from outside ALLOWED_EMAIL_DOMAINS (when set), and from blocked countries; gives
 * every other new user `app_metadata.roles = ["user"]` and a `user_metadata.locale` from the browser's
 * language, unless the sign-up already has them.
 *
 * Fails closed: the decision is pure and does not throw on any input; if it ever did, Auth0 refuses the
 * sign-up rather than creating an unchecked user.
 */
import type { PreUserRegistrationHandler } from '@auth0/actions/pre-user-registration/v2';
import { registrationDecision } from './decision';
import { readPolicy } from './policy';

export type Secrets = {
  /** Comma-separated domains refused with all their subdomains, on top of the bundled disposable list. */
  BLOCKED_EMAIL_DOMAINS: string;
  /** Comma-separated ISO 3166-1 alpha-2 country codes (`request.geoip.countryCode`). */
  BLOCKED_COUNTRIES: string;
  /** Optional. Comma-separated domains; when set, only these exact domains may sign up. */
  ALLOWED_EMAIL_DOMAINS?: string;
};

export const onExecutePreUserRegistration: PreUserRegistrationHandler<Secrets> = async (event, api) => {
  const decision = registrationDecision(event, readPolicy(event.secrets));
  switch (decision.action) {
    case 'invalid':
      api.validation.error(decision.code, decision.message);
      return;
    case 'deny':
      api.access.deny(decision.reason, decision.userMessage);
      return;
    case 'allow':
      for (const [key, value] of Object.entries(decision.appMetadata)) api.user.setAppMetadata(key, value);
      for (const [key, value] of Object.entries(decision.userMetadata)) api.user.setUserMetadata(key, value);
  }
};
