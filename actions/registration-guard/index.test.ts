import { describe, expect, it } from 'vitest';
import { preUserRegistration } from '../../test/kit';
import { USER_MESSAGES } from './decision';
import { onExecutePreUserRegistration, type Secrets } from './index';

const signup = preUserRegistration.with<Secrets>({
  secrets: { BLOCKED_EMAIL_DOMAINS: 'competitor.example', BLOCKED_COUNTRIES: 'KP,IR' },
});

describe('registration-guard', () => {
  it('creates an ordinary sign-up with the user role and the browser language as locale', async () => {
    const newUser = signup({ user: { email: 'New.User@Example.com' }, request: { language: 'nl-NL' } });

    await newUser.run(onExecutePreUserRegistration);

    expect(newUser.denied).toBe(false);
    expect(newUser.validationError).toBe(false);
    expect(newUser.appMetadata).toEqual({ roles: ['user'] });
    expect(newUser.userMetadata).toEqual({ locale: 'nl-NL' });
  });

  it('asks for a valid address when the email is malformed, and writes nothing', async () => {
    const typo = signup({ user: { email: 'jane@example' } });

    await typo.run(onExecutePreUserRegistration);

    expect(typo.validationError).toEqual({ code: 'invalid_email', message: USER_MESSAGES.invalidEmail });
    expect(typo.denied).toBe(false);
    expect(typo.metadataWrites).toEqual([]);
  });

  it('refuses a disposable address with a friendly message and the domain in the log reason', async () => {
    const throwaway = signup({ user: { email: 'someone@guerrillamail.com' } });

    await throwaway.run(onExecutePreUserRegistration);

    expect(throwaway.denied).toEqual({
      reason: 'disposable email domain guerrillamail.com (listed: guerrillamail.com)',
      userMessage: USER_MESSAGES.disposableDomain,
    });
    expect(throwaway.metadataWrites).toEqual([]);
  });

  it('refuses a domain from BLOCKED_EMAIL_DOMAINS', async () => {
    const blocked = signup({ user: { email: 'spy@eu.competitor.example' } });

    await blocked.run(onExecutePreUserRegistration);

    expect(blocked.denied).toMatchObject({ userMessage: USER_MESSAGES.blockedDomain });
  });

  it('refuses a domain outside ALLOWED_EMAIL_DOMAINS when that secret is set', async () => {
    const outsider = signup({
      user: { email: 'someone@gmail.com' },
      secrets: { ALLOWED_EMAIL_DOMAINS: 'example.com' },
    });

    await outsider.run(onExecutePreUserRegistration);

    expect(outsider.denied).toEqual({
      reason: 'email domain gmail.com is not in ALLOWED_EMAIL_DOMAINS',
      userMessage: USER_MESSAGES.domainNotAllowed,
    });
  });

  it('refuses a sign-up from a blocked country', async () => {
    const blockedCountry = signup({ request: { geoip: { countryCode: 'KP' } } });

    await blockedCountry.run(onExecutePreUserRegistration);

    expect(blockedCountry.denied).toEqual({
      reason: 'sign-up from blocked country KP (BLOCKED_COUNTRIES)',
      userMessage: USER_MESSAGES.blockedCountry,
    });
  });

  it('leaves roles and locale the sign-up already carries alone', async () => {
    const invited = signup({
      user: { app_metadata: { roles: ['editor'] }, user_metadata: { locale: 'fr' } },
    });

    await invited.run(onExecutePreUserRegistration);

    expect(invited.metadataWrites).toEqual([]);
    expect(invited.appMetadata).toEqual({ roles: ['editor'] });
    expect(invited.userMetadata).toEqual({ locale: 'fr' });
  });

  it('logs nothing, so no secret value can reach the execution log', async () => {
    const newUser = signup({ secrets: { ALLOWED_EMAIL_DOMAINS: 'example.com' } });

    await newUser.run(onExecutePreUserRegistration);

    expect(newUser.logs).toEqual([]);
  });
});
