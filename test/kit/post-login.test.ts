import { describe, expect, it } from 'vitest';
import type { PostLoginHandler } from '../../actions/types/post-login/v3';
import { ViolationsError } from '../../scripts/action-api/violations';
import { postLogin } from './post-login';

describe('a login that the handler leaves alone', () => {
  it('records nothing', async () => {
    const login = postLogin();

    await login.run(() => {});

    expect(login.denied).toBe(false);
    expect(login.mfa).toBe(false);
    expect(login.redirect).toBe(false);
    expect(login.validationError).toBe(false);
    expect(login.idToken.claims).toEqual({});
    expect(login.appMetadata).toEqual({});
    expect(login.violations).toEqual([]);
  });
});

describe('a login through an organization', () => {
  it("is the kit's organization, with the fields a test gives replacing its own", async () => {
    const plain = postLogin();
    const throughAcme = postLogin({ organization: {} });
    const throughGlobex = postLogin({
      organization: { id: 'org_G10b3xW8kLq2Nm4T', name: 'globex', display_name: 'Globex Corporation' },
    });

    expect(plain.event.organization).toBeUndefined();
    expect(throughAcme.event.organization).toEqual({
      id: 'org_Ac3mE7xQ2pLm9RzV',
      name: 'acme',
      display_name: 'Acme Corporation',
      metadata: {},
    });
    expect(throughGlobex.event.organization).toEqual({
      id: 'org_G10b3xW8kLq2Nm4T',
      name: 'globex',
      display_name: 'Globex Corporation',
      metadata: {},
    });
  });
});

describe('access', () => {
  it('records the deny reason', async () => {
    const login = postLogin({ user: { app_metadata: { account_status: 'suspended' } } });

    await login.run((event, api) => {
      if (event.user.app_metadata.account_status === 'suspended') api.access.deny('account suspended');
    });

    expect(login.denied).toEqual({ reason: 'account suspended' });
  });

  it('flags a second deny and keeps the first reason', async () => {
    const login = postLogin();

    await login.run(
      (_event, api) => {
        api.access.deny('first').access.deny('second');
      },
      { expectViolations: true },
    );

    expect(login.denied).toEqual({ reason: 'first' });
    expect(login.denials).toEqual([{ reason: 'first' }, { reason: 'second' }]);
    expect(login.violations).toEqual([expect.objectContaining({ rule: 'deny-after-deny' })]);
  });
});

describe('multifactor', () => {
  it('records the provider and only the options given', async () => {
    const login = postLogin({ risk: { UntrustedIP: 'found_on_deny_list' } });

    await login.run((_event, api) => {
      api.multifactor.enable('any', { allowRememberBrowser: false });
    });

    expect(login.mfa).toEqual({ provider: 'any', allowRememberBrowser: false });
  });

  it('records challenge and enrolment commands as called', async () => {
    const login = postLogin();

    await login.run((_event, api) => {
      api.authentication.challengeWith(
        { type: 'otp' },
        { additionalFactors: [{ type: 'push-notification' }] },
      );
      api.authentication.enrollWithAny([{ type: 'webauthn-platform' }, { type: 'phone' }]);
    });

    expect(login.challenges).toEqual([
      {
        method: 'challengeWith',
        factor: { type: 'otp' },
        additionalFactors: [{ type: 'push-notification' }],
      },
    ]);
    expect(login.enrollments).toEqual([
      { method: 'enrollWithAny', factors: [{ type: 'webauthn-platform' }, { type: 'phone' }] },
    ]);
  });

  it('allows four challenge/enrol commands in a flow and flags a fifth', async () => {
    const fourCommands: PostLoginHandler = (_event, api) => {
      api.authentication.challengeWith({ type: 'otp' });
      api.authentication.challengeWithAny([{ type: 'email' }]);
      api.authentication.enrollWith({ type: 'phone' });
      api.authentication.enrollWithAny([{ type: 'otp' }]);
    };
    await postLogin().run(fourCommands);

    const login = postLogin({}, { allowViolations: true });
    await login.run(async (event, api) => {
      await fourCommands(event, api);
      api.authentication.challengeWith({ type: 'recovery-code' });
    });

    expect(login.mfaCommands).toHaveLength(5);
    expect(login.violations).toEqual([expect.objectContaining({ rule: 'too-many-mfa-commands' })]);
  });

  it('lets the primary user change once, as Auth0 does', async () => {
    const login = postLogin();

    await expect(
      login.run((_event, api) => {
        api.authentication.setPrimaryUser('auth0|primary');
        api.authentication.setPrimaryUser('auth0|another');
      }),
    ).rejects.toThrow('The primary user can only be altered once per transaction');
    expect(login.primaryUser).toBe('auth0|primary');
  });
});

describe('user metadata', () => {
  it('shows app_metadata after the writes, null deleting a key, and the writes in order', async () => {
    const login = postLogin({ user: { app_metadata: { plan: 'free', legacy_id: 42 } } });

    await login.run((_event, api) => {
      api.user.setAppMetadata('plan', 'pro').user.setAppMetadata('legacy_id', null);
      api.user.setUserMetadata('locale', 'de-DE');
    });

    expect(login.appMetadata).toEqual({ plan: 'pro' });
    expect(login.userMetadata).toEqual({ locale: 'de-DE' });
    expect(login.metadataWrites).toEqual([
      { target: 'app_metadata', key: 'plan', value: 'pro' },
      { target: 'app_metadata', key: 'legacy_id', value: null },
      { target: 'user_metadata', key: 'locale', value: 'de-DE' },
    ]);
    expect(login.event.user.app_metadata).toEqual({ plan: 'free', legacy_id: 42 });
  });

  it('ignores changes the handler makes to the event itself, which Auth0 does not persist', async () => {
    const login = postLogin({ user: { app_metadata: { roles: ['reader'] } } });

    await login.run((event) => {
      event.user.app_metadata.roles = ['admin'];
    });

    expect(login.appMetadata).toEqual({ roles: ['reader'] });
    expect(login.metadataWrites).toEqual([]);
  });

  it('flags writes over the 32 kB Auth0 persists per session', async () => {
    const login = postLogin({}, { allowViolations: true });

    await login.run((_event, api) => {
      api.user.setUserMetadata('notes', 'x'.repeat(33 * 1024));
    });

    expect(login.violations).toEqual([expect.objectContaining({ rule: 'metadata-too-large' })]);
  });
});

describe('running', () => {
  it('rejects with the handler error, keeping what was recorded before it', async () => {
    const login = postLogin();

    await expect(
      login.run((_event, api) => {
        api.multifactor.enable('any');
        throw new Error('upstream down');
      }),
    ).rejects.toThrow('upstream down');
    expect(login.mfa).toEqual({ provider: 'any' });
  });

  it('runs a login once', async () => {
    const login = postLogin();
    await login.run(() => {});

    await expect(login.run(() => {})).rejects.toThrow(/already called/);
  });

  it('reports violations as a ViolationsError carrying them', async () => {
    const login = postLogin();

    const error = await login
      .run((_event, api) => {
        api.idToken.setCustomClaim('iss', 'me');
      })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ViolationsError);
    expect((error as ViolationsError).violations).toEqual(login.violations);
  });
});

describe('secrets', () => {
  type Secrets = { CLAIMS_NAMESPACE: string; API_KEY: string };
  const handler: PostLoginHandler<Secrets> = (event, api) => {
    api.idToken.setCustomClaim(`${event.secrets.CLAIMS_NAMESPACE}plan`, 'pro');
    // @ts-expect-error a misspelt secret name does not type-check
    void event.secrets.CLAIMS_NAMESPCE;
  };

  it('hands the test secrets to the handler', async () => {
    const login = postLogin({ secrets: { CLAIMS_NAMESPACE: 'https://example.com/', API_KEY: 'k' } });

    await login.run(handler);

    expect(login.idToken.claims).toEqual({ 'https://example.com/plan': 'pro' });
  });

  it('makes the test provide every secret the handler declares (a type error otherwise)', () => {
    const _neverCalled = () => {
      // @ts-expect-error the login has no CLAIMS_NAMESPACE/API_KEY secrets
      void postLogin().run(handler);
      // @ts-expect-error API_KEY is missing
      void postLogin({ secrets: { CLAIMS_NAMESPACE: 'https://example.com/' } }).run(handler);
    };
    expect(typeof _neverCalled).toBe('function');
  });

  it('shares secrets and defaults across a test file with postLogin.with', async () => {
    const login = postLogin.with({ secrets: { CLAIMS_NAMESPACE: 'https://example.com/', API_KEY: 'k' } });

    const run = login({ secrets: { CLAIMS_NAMESPACE: 'https://other.example.com/' } });
    await run.run(handler);

    expect(run.event.secrets).toEqual({ CLAIMS_NAMESPACE: 'https://other.example.com/', API_KEY: 'k' });
    expect(run.idToken.claims).toEqual({ 'https://other.example.com/plan': 'pro' });
  });
});
