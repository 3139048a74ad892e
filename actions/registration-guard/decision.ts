/**
 * What to do with a sign-up, decided without the `api` and without I/O so every rule is a table row in a
 * test. Order: a malformed email is a validation error (the person can fix a typo); then the denials, email
 * domain first, country last; otherwise the defaults the new user gets.
 */
import type { PreUserRegistrationEventData } from '@auth0/actions/pre-user-registration/v2';
import { DISPOSABLE_EMAIL_DOMAINS } from './disposable-domains';
import { domainAndParents, normaliseEmail } from './email';
import type { RegistrationPolicy } from './policy';

export type RegistrationDecision =
  /** `api.validation.error(code, message)`: the message is shown, the person can correct the input. */
  | { action: 'invalid'; code: string; message: string }
  /** `api.access.deny(reason, userMessage)`: `reason` goes to the tenant logs, `userMessage` to the person. */
  | { action: 'deny'; reason: string; userMessage: string }
  /** Create the user with these metadata keys added (only keys the sign-up did not already have). */
  | { action: 'allow'; appMetadata: Record<string, unknown>; userMetadata: Record<string, unknown> };

export type SignupFacts = Pick<PreUserRegistrationEventData, 'user' | 'request'>;

export const USER_MESSAGES = {
  invalidEmail: 'Please enter a valid email address.',
  disposableDomain:
    'Please sign up with a permanent email address; temporary email services are not accepted.',
  blockedDomain: 'Sign-ups with this email domain are not possible. Please use another email address.',
  domainNotAllowed: 'Sign-ups are limited to approved organisations. Please use your work email address.',
  blockedCountry: 'Sorry, sign-ups are not available in your region.',
} as const;

export const DEFAULT_ROLES: readonly string[] = ['user'];

export function registrationDecision(signup: SignupFacts, policy: RegistrationPolicy): RegistrationDecision {
  const denial = emailDenial(signup.user.email, policy) ?? countryDenial(signup, policy);
  if (denial) return denial;
  return { action: 'allow', ...defaults(signup) };
}

function emailDenial(
  rawEmail: string | undefined,
  policy: RegistrationPolicy,
): Extract<RegistrationDecision, { action: 'invalid' | 'deny' }> | undefined {
  if (rawEmail === undefined) {
    // Phone or username sign-ups carry no email. With an allow-list there is nothing to prove membership.
    if (policy.allowedDomains === undefined) return undefined;
    return deny('no email address to check against ALLOWED_EMAIL_DOMAINS', USER_MESSAGES.domainNotAllowed);
  }
  const email = normaliseEmail(rawEmail);
  if (!email) return { action: 'invalid', code: 'invalid_email', message: USER_MESSAGES.invalidEmail };

  const domains = domainAndParents(email.domain);
  const disposable = domains.find((domain) => DISPOSABLE_EMAIL_DOMAINS.has(domain));
  if (disposable) {
    return deny(
      `disposable email domain ${email.domain} (listed: ${disposable})`,
      USER_MESSAGES.disposableDomain,
    );
  }
  const blocked = domains.find((domain) => policy.blockedDomains.has(domain));
  if (blocked) {
    return deny(
      `blocked email domain ${email.domain} (BLOCKED_EMAIL_DOMAINS: ${blocked})`,
      USER_MESSAGES.blockedDomain,
    );
  }
  if (policy.allowedDomains && !policy.allowedDomains.has(email.domain)) {
    return deny(
      `email domain ${email.domain} is not in ALLOWED_EMAIL_DOMAINS`,
      USER_MESSAGES.domainNotAllowed,
    );
  }
  return undefined;
}

function countryDenial(signup: SignupFacts, policy: RegistrationPolicy) {
  // No country (private or unknown IP): nothing to match, the sign-up goes on. Blocking on "unknown" would
  // shut out every sign-up whose IP Auth0 cannot place.
  const country = signup.request.geoip?.countryCode?.trim().toUpperCase();
  if (!country || !policy.blockedCountries.has(country)) return undefined;
  return deny(`sign-up from blocked country ${country} (BLOCKED_COUNTRIES)`, USER_MESSAGES.blockedCountry);
}

function defaults(
  signup: SignupFacts,
): Pick<Extract<RegistrationDecision, { action: 'allow' }>, 'appMetadata' | 'userMetadata'> {
  const appMetadata: Record<string, unknown> = {};
  const userMetadata: Record<string, unknown> = {};
  if (signup.user.app_metadata?.roles == null) appMetadata.roles = [...DEFAULT_ROLES];
  const locale = signup.user.user_metadata?.locale == null ? localeOf(signup.request.language) : undefined;
  if (locale) userMetadata.locale = locale;
  return { appMetadata, userMetadata };
}

/**
 * The first language of `request.language` as a canonical BCP 47 tag (`en-gb` -> `en-GB`), or undefined
 * when there is none or it is not a valid tag (the header is client-controlled).
 */
export function localeOf(language: string | undefined): string | undefined {
  const first = language?.split(/[,;]/)[0]?.trim();
  if (!first || first === '*') return undefined;
  try {
    return Intl.getCanonicalLocales(first)[0];
  } catch {
    return undefined;
  }
}

function deny(reason: string, userMessage: string) {
  return { action: 'deny', reason, userMessage } as const;
}
