import { describe, expect, it } from 'vitest';
import { defaultPreUserRegistrationEvent } from '../../test/kit';
import { localeOf, registrationDecision, type SignupFacts, USER_MESSAGES } from './decision';
import { DISPOSABLE_EMAIL_DOMAINS } from './disposable-domains';
import { type RegistrationGuardSecretValues, readPolicy } from './policy';

const SECRETS: RegistrationGuardSecretValues = {
  BLOCKED_EMAIL_DOMAINS: 'competitor.example, @spam.example, *.throwaway.example',
  BLOCKED_COUNTRIES: 'kp, IR ,SY',
};

function decide(
  { email = 'new.user@example.com', country = 'NL', language = 'en-GB' }: Partial<Record<string, string>>,
  secrets: RegistrationGuardSecretValues = SECRETS,
) {
  const event = defaultPreUserRegistrationEvent();
  const signup: SignupFacts = {
    user: { ...event.user, email },
    request: { ...event.request, language, geoip: { ...event.request.geoip, countryCode: country } },
  };
  return registrationDecision(signup, readPolicy(secrets));
}

describe('registrationDecision: denials', () => {
  it.each([
    [
      'a disposable domain',
      'x@mailinator.com',
      'disposable email domain mailinator.com (listed: mailinator.com)',
      USER_MESSAGES.disposableDomain,
    ],
    [
      'a subdomain of a disposable domain',
      'x@inbox.Mailinator.com',
      'disposable email domain inbox.mailinator.com (listed: mailinator.com)',
      USER_MESSAGES.disposableDomain,
    ],
    [
      'a disposable domain in upper case with spaces',
      '  X@YOPMAIL.FR ',
      'disposable email domain yopmail.fr (listed: yopmail.fr)',
      USER_MESSAGES.disposableDomain,
    ],
    [
      'a domain in BLOCKED_EMAIL_DOMAINS',
      'x@competitor.example',
      'blocked email domain competitor.example (BLOCKED_EMAIL_DOMAINS: competitor.example)',
      USER_MESSAGES.blockedDomain,
    ],
    [
      'a subdomain of a BLOCKED_EMAIL_DOMAINS entry',
      'x@eu.competitor.example',
      'blocked email domain eu.competitor.example (BLOCKED_EMAIL_DOMAINS: competitor.example)',
      USER_MESSAGES.blockedDomain,
    ],
    [
      'an entry written as @domain',
      'x@spam.example',
      'blocked email domain spam.example (BLOCKED_EMAIL_DOMAINS: spam.example)',
      USER_MESSAGES.blockedDomain,
    ],
    [
      'an entry written as *.domain',
      'x@a.throwaway.example',
      'blocked email domain a.throwaway.example (BLOCKED_EMAIL_DOMAINS: throwaway.example)',
      USER_MESSAGES.blockedDomain,
    ],
  ])('denies %s', (_story, email, reason, userMessage) => {
    expect(decide({ email })).toEqual({ action: 'deny', reason, userMessage });
  });

  it.each([['KP'], ['kp'], ['IR'], ['SY']])('denies a sign-up from blocked country %s', (country) => {
    expect(decide({ country })).toEqual({
      action: 'deny',
      reason: `sign-up from blocked country ${country.toUpperCase()} (BLOCKED_COUNTRIES)`,
      userMessage: USER_MESSAGES.blockedCountry,
    });
  });

  it('checks the email before the country, so the log names the domain', () => {
    expect(decide({ email: 'x@mailinator.com', country: 'KP' })).toMatchObject({
      reason: expect.stringContaining('disposable'),
    });
  });

  it('does not block a domain that merely ends with a blocked name', () => {
    expect(decide({ email: 'x@notcompetitor.example' })).toMatchObject({ action: 'allow' });
    expect(decide({ email: 'x@mymailinator.com' })).toMatchObject({ action: 'allow' });
  });

  it('lets through a sign-up whose country is unknown', () => {
    expect(decide({ country: '' })).toMatchObject({ action: 'allow' });
  });

  it('blocks an internationalised domain listed in Unicode, however the email spells it', () => {
    const secrets = { ...SECRETS, BLOCKED_EMAIL_DOMAINS: 'bücher.example' };

    for (const email of ['x@bücher.example', 'x@xn--bcher-kva.example', 'x@eu.BÜCHER.example']) {
      expect(decide({ email }, secrets)).toMatchObject({
        action: 'deny',
        userMessage: USER_MESSAGES.blockedDomain,
      });
    }
  });

  it('lets everything not blocked through when the secrets are empty', () => {
    expect(decide({ email: 'x@competitor.example', country: 'KP' }, {})).toMatchObject({ action: 'allow' });
  });
});

describe('registrationDecision: ALLOWED_EMAIL_DOMAINS', () => {
  const allowList = { ...SECRETS, ALLOWED_EMAIL_DOMAINS: 'Example.com, partner.example' };

  it.each([['x@example.com'], ['X@EXAMPLE.COM'], ['x@partner.example']])('allows %s', (email) => {
    expect(decide({ email }, allowList)).toMatchObject({ action: 'allow' });
  });

  it.each([['x@other.example'], ['x@eu.example.com']])(
    'denies %s: only the exact domains are allowed',
    (email) => {
      expect(decide({ email }, allowList)).toEqual({
        action: 'deny',
        reason: `email domain ${email.slice(2)} is not in ALLOWED_EMAIL_DOMAINS`,
        userMessage: USER_MESSAGES.domainNotAllowed,
      });
    },
  );

  it('allows an internationalised domain listed in Unicode', () => {
    expect(decide({ email: 'x@bücher.example' }, { ALLOWED_EMAIL_DOMAINS: 'bücher.example' })).toMatchObject({
      action: 'allow',
    });
  });

  it('still denies a blocked domain that is also allowed: a block wins', () => {
    const both = { ...allowList, ALLOWED_EMAIL_DOMAINS: 'competitor.example' };

    expect(decide({ email: 'x@competitor.example' }, both)).toMatchObject({
      reason: expect.stringContaining('blocked'),
    });
  });

  it('treats a secret with no domain in it as no allow-list', () => {
    expect(
      decide({ email: 'x@anything.example' }, { ...SECRETS, ALLOWED_EMAIL_DOMAINS: ' , ' }),
    ).toMatchObject({
      action: 'allow',
    });
  });

  it('denies a sign-up without an email when there is an allow-list, and allows it without one', () => {
    const event = defaultPreUserRegistrationEvent();
    const phoneSignup: SignupFacts = { user: { phone_number: '+31600000000' }, request: event.request };

    expect(registrationDecision(phoneSignup, readPolicy(allowList))).toMatchObject({
      action: 'deny',
      reason: 'no email address to check against ALLOWED_EMAIL_DOMAINS',
    });
    expect(registrationDecision(phoneSignup, readPolicy(SECRETS))).toMatchObject({ action: 'allow' });
  });
});

describe('registrationDecision: malformed emails', () => {
  it.each([[''], ['jane'], ['jane@localhost'], ['jane@@example.com']])('asks to correct %j', (email) => {
    expect(decide({ email })).toEqual({
      action: 'invalid',
      code: 'invalid_email',
      message: USER_MESSAGES.invalidEmail,
    });
  });
});

describe('registrationDecision: defaults', () => {
  it('gives a new user the user role and the locale of the browser', () => {
    expect(decide({})).toEqual({
      action: 'allow',
      appMetadata: { roles: ['user'] },
      userMetadata: { locale: 'en-GB' },
    });
  });

  it('keeps roles and a locale the sign-up already has', () => {
    const event = defaultPreUserRegistrationEvent();
    const signup: SignupFacts = {
      ...event,
      user: { ...event.user, app_metadata: { roles: ['admin'] }, user_metadata: { locale: 'nl' } },
    };

    expect(registrationDecision(signup, readPolicy(SECRETS))).toEqual({
      action: 'allow',
      appMetadata: {},
      userMetadata: {},
    });
  });

  it('sets no locale when the request has no usable language', () => {
    expect(decide({ language: '' })).toMatchObject({ userMetadata: {} });
    expect(decide({ language: 'not a language!' })).toMatchObject({ userMetadata: {} });
  });
});

describe('localeOf', () => {
  it.each([
    ['en-GB', 'en-GB'],
    ['en-gb', 'en-GB'],
    ['fr', 'fr'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de-DE'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['*', undefined],
    ['', undefined],
    [undefined, undefined],
    ['<script>', undefined],
  ])('%j -> %j', (language, locale) => {
    expect(localeOf(language)).toBe(locale);
  });
});

describe('the bundled disposable list', () => {
  it('holds a few hundred lower-case domain names and no widely used mail provider', () => {
    expect(DISPOSABLE_EMAIL_DOMAINS.size).toBeGreaterThan(300);
    for (const domain of DISPOSABLE_EMAIL_DOMAINS) expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    for (const provider of [
      'gmail.com',
      'outlook.com',
      'hotmail.com',
      'yahoo.com',
      'icloud.com',
      'proton.me',
      'gmx.de',
      'qq.com',
    ]) {
      expect(DISPOSABLE_EMAIL_DOMAINS.has(provider)).toBe(false);
    }
  });
});
