import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIT_NOW, postLogin } from '../../test/kit';
import { DENY_MESSAGE, onExecutePostLogin, type Secrets } from './index';

const login = postLogin.with<Secrets>({ secrets: { MFA_REQUIRED_ROLES: 'admin' } });

/** A session that completed MFA seconds ago. */
const MFA_DONE = {
  methods: [
    { name: 'pwd', timestamp: '2024-05-14T09:29:58.000Z' },
    { name: 'mfa', timestamp: '2024-05-14T09:30:05.000Z' },
  ],
};

// The handler reads the real clock (Date.now) for the age of a completed MFA: set it to the kit's.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(KIT_NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('risk-based-mfa: the handler', () => {
  it('lets a low-risk login through without MFA and without a log line', async () => {
    const run = login();

    await run.run(onExecutePostLogin);

    expect(run.mfa).toBe(false);
    expect(run.denied).toBe(false);
    expect(run.logs).toEqual([]);
  });

  it('asks for MFA, without remembering the browser, when the IP is on a deny list', async () => {
    const run = login({ risk: { UntrustedIP: 'found_on_deny_list' } });

    await run.run(onExecutePostLogin);

    expect(run.mfa).toEqual({ provider: 'any', allowRememberBrowser: false });
    expect(run.denied).toBe(false);
    expect(run.logs.map((entry) => entry.message)).toEqual(['risk-based-mfa: mfa (score 0.5; untrusted_ip)']);
  });

  it('asks an admin for MFA and lets the browser be remembered when only policy asks', async () => {
    const run = login({ authorization: { roles: ['admin'] } });

    await run.run(onExecutePostLogin);

    expect(run.mfa).toEqual({ provider: 'any', allowRememberBrowser: true });
  });

  it('denies a high-risk login with a generic message that names no signal', async () => {
    const run = login({ risk: { UntrustedIP: 'found_on_deny_list', ImpossibleTravel: 'anonymous_proxy' } });

    await run.run(onExecutePostLogin);

    expect(run.denied).toEqual({ reason: DENY_MESSAGE });
    expect(DENY_MESSAGE).not.toMatch(/ip|travel|device|proxy|risk|score/i);
    expect(run.mfa).toBe(false);
  });

  it('leaves a session that already did MFA alone', async () => {
    const run = login({
      authorization: { roles: ['admin'] },
      authentication: MFA_DONE,
    });

    await run.run(onExecutePostLogin);

    expect(run.mfa).toBe(false);
    expect(run.denied).toBe(false);
  });

  it('denies an untrusted IP with impossible travel even though the session did MFA in 2020', async () => {
    const run = login({
      risk: { UntrustedIP: 'found_on_deny_list', ImpossibleTravel: 'impossible_travel_from_last_login' },
      authentication: {
        methods: [{ name: 'mfa', timestamp: '2020-03-02T08:00:00.000Z' }, ...MFA_DONE.methods],
      },
    });

    await run.run(onExecutePostLogin);

    expect(run.denied).toEqual({ reason: DENY_MESSAGE });
    expect(run.mfa).toBe(false);
  });

  it('challenges an untrusted IP again when the session did MFA in 2020 only', async () => {
    const run = login({
      risk: { UntrustedIP: 'found_on_deny_list' },
      authentication: { methods: [{ name: 'mfa', timestamp: '2020-03-02T08:00:00.000Z' }] },
    });

    await run.run(onExecutePostLogin);

    expect(run.mfa).toEqual({ provider: 'any', allowRememberBrowser: false });
    expect(run.logs.map((entry) => entry.message)).toEqual([
      'risk-based-mfa: mfa (score 0.5; untrusted_ip, mfa_too_old)',
    ]);
  });

  it('logs the reasons but not the value of MFA_REQUIRED_ROLES', async () => {
    const run = login({
      secrets: { MFA_REQUIRED_ROLES: 'security-officers' },
      authorization: { roles: ['security-officers'] },
    });

    await run.run(onExecutePostLogin);

    expect(run.mfa).toEqual({ provider: 'any', allowRememberBrowser: true });
    expect(run.logs.map((entry) => entry.message)).toEqual(['risk-based-mfa: mfa (score 0; required_role)']);
  });
});

describe('risk-based-mfa: when evaluation throws', () => {
  it.each([
    [
      'authentication methods missing',
      (event: { authentication?: unknown }) => {
        (event.authentication as { methods: unknown }).methods = null;
      },
    ],
    [
      'assessments missing',
      (event: { authentication?: unknown }) => {
        (event.authentication as { riskAssessment: { assessments: unknown } }).riskAssessment.assessments =
          null;
      },
    ],
  ])(
    'requires MFA without remembering the browser (%s), never allows silently',
    async (_case, breakEvent) => {
      const run = login();
      breakEvent(run.event);

      await run.run(onExecutePostLogin);

      expect(run.mfa).toEqual({ provider: 'any', allowRememberBrowser: false });
      expect(run.denied).toBe(false);
      expect(run.logs).toHaveLength(1);
      expect(run.logs[0]?.message).toMatch(
        /^risk-based-mfa: evaluation failed \(TypeError: .*\); requiring MFA$/,
      );
    },
  );
});

describe('risk-based-mfa: MFA_REQUIRED_ROLES it cannot use', () => {
  it.each([
    ['missing', undefined, 'MFA_REQUIRED_ROLES is not set'],
    ['blank', ' , ', 'MFA_REQUIRED_ROLES lists no role'],
  ])('asks an admin for MFA and logs why when the setting is %s', async (_case, roles, why) => {
    const run = login({ secrets: { MFA_REQUIRED_ROLES: roles }, authorization: { roles: ['admin'] } });

    await run.run(onExecutePostLogin);

    expect(run.mfa).toEqual({ provider: 'any', allowRememberBrowser: true });
    expect(run.denied).toBe(false);
    expect(run.logs.map((entry) => entry.message)).toEqual([
      `risk-based-mfa: ${why}; requiring MFA of every user until it is fixed`,
      'risk-based-mfa: mfa (score 0; roles_unconfigured)',
    ]);
  });

  it('still logs the broken setting when the session already did MFA', async () => {
    const run = login({
      secrets: { MFA_REQUIRED_ROLES: '' },
      authentication: MFA_DONE,
    });

    await run.run(onExecutePostLogin);

    expect(run.mfa).toBe(false);
    expect(run.logs.map((entry) => entry.message)).toEqual([
      'risk-based-mfa: MFA_REQUIRED_ROLES lists no role; requiring MFA of every user until it is fixed',
    ]);
  });
});
