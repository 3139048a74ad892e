import { describe, expect, it } from 'vitest';
import type { PreUserRegistrationHandler } from '../../actions/types/pre-user-registration/v2';
import { preUserRegistration } from './pre-user-registration';

const blockDisposableDomains: PreUserRegistrationHandler<{ BLOCKED_DOMAINS: string }> = (event, api) => {
  const domain = event.user.email?.split('@')[1] ?? '';
  if (event.secrets.BLOCKED_DOMAINS.split(',').includes(domain)) {
    api.access.deny(`blocked domain ${domain}`, 'Sign-ups with this email address are not possible.');
  }
};

describe('preUserRegistration', () => {
  it('builds a realistic signup: no user_id, no request.query', () => {
    const signup = preUserRegistration();

    expect(signup.event.user).toEqual({ email: 'new.user@example.com', app_metadata: {}, user_metadata: {} });
    expect(signup.event.request).not.toHaveProperty('query');
    expect(signup.event.connection.strategy).toBe('auth0');
  });

  it('records a denial with its reason and user message', async () => {
    const signup = preUserRegistration({
      user: { email: 'someone@mailinator.com' },
      secrets: { BLOCKED_DOMAINS: 'mailinator.com,guerrillamail.com' },
    });

    await signup.run(blockDisposableDomains);

    expect(signup.denied).toEqual({
      reason: 'blocked domain mailinator.com',
      userMessage: 'Sign-ups with this email address are not possible.',
    });
  });

  it('lets a signup through untouched', async () => {
    const signup = preUserRegistration({ secrets: { BLOCKED_DOMAINS: 'mailinator.com' } });

    await signup.run(blockDisposableDomains);

    expect(signup.denied).toBe(false);
    expect(signup.validationError).toBe(false);
  });

  it('flags a second deny and keeps the first', async () => {
    const signup = preUserRegistration({}, { allowViolations: true });

    await signup.run((_event, api) => {
      api.access.deny('one', 'First.').access.deny('two', 'Second.');
    });

    expect(signup.denied).toEqual({ reason: 'one', userMessage: 'First.' });
    expect(signup.violations).toEqual([expect.objectContaining({ rule: 'deny-after-deny' })]);
  });

  it('records validation errors and refuses codes or messages over 100 characters, as Auth0 does', async () => {
    const signup = preUserRegistration();
    await signup.run((_event, api) => {
      api.validation.error('invalid_phone', 'Please enter a mobile number.');
    });
    expect(signup.validationError).toEqual({
      code: 'invalid_phone',
      message: 'Please enter a mobile number.',
    });

    await expect(
      preUserRegistration().run((_event, api) => {
        api.validation.error('invalid_phone', 'x'.repeat(101));
      }),
    ).rejects.toThrow('errorMessage must NOT have more than 100 characters');
  });

  it('shows the metadata the user will be created with', async () => {
    const signup = preUserRegistration({ user: { user_metadata: { newsletter: 'yes', referral: 'ad' } } });

    await signup.run((_event, api) => {
      api.user.setAppMetadata('signup_source', 'web').user.setUserMetadata('referral', null);
    });

    expect(signup.appMetadata).toEqual({ signup_source: 'web' });
    expect(signup.userMetadata).toEqual({ newsletter: 'yes' });
  });

  it('captures logs and fails on a secret in them', async () => {
    const signup = preUserRegistration({ secrets: { BLOCKED_DOMAINS: 'mailinator.com,guerrillamail.com' } });

    await expect(
      signup.run((event) => {
        console.log('blocklist', event.secrets.BLOCKED_DOMAINS);
      }),
    ).rejects.toThrow(/secret BLOCKED_DOMAINS/);
    expect(signup.logs).toEqual([{ level: 'log', message: 'blocklist mailinator.com,guerrillamail.com' }]);
  });

  it('shares defaults across a test file with preUserRegistration.with', async () => {
    const signup = preUserRegistration.with({ secrets: { BLOCKED_DOMAINS: 'mailinator.com' } });

    const run = signup({ user: { email: 'a@mailinator.com' } });
    await run.run(blockDisposableDomains);

    expect(run.denied).toMatchObject({ reason: 'blocked domain mailinator.com' });
  });
});
