import { describe, expect, it } from 'vitest';
import type { ActionTrace, PostLoginOutcome } from './contract';
import { KEPT_LOGINS, LoginTraces } from './login-traces';

const trace = (actionName: string): ActionTrace => ({
  actionName,
  versionId: 'v1',
  logs: [{ level: 'log', message: `${actionName} ran` }],
  calls: ['idToken.setCustomClaim'],
  durationMs: 1,
});
const client = { client_id: 'spa', name: 'Documents SPA', client_secret: 'never-shown' };
const login = (loginId: string, email: string) => ({
  loginId,
  user: { email, user_id: `auth0|${email}` },
  client,
  now: 0,
});

describe('the traces of recent logins', () => {
  it('keep each login once, newest first, with its last outcome and the flow traces so far', () => {
    const traces = new LoginTraces();
    const actions = [trace('risk-based-mfa')];
    const paused: PostLoginOutcome = {
      kind: 'paused',
      flowId: 'f',
      mfa: { kind: 'challenge', factors: ['otp'] },
      actions,
    };
    traces.record(login('a', 'admin@example.com'), 'post-login', paused);
    traces.record(login('b', 'User@Example.com'), 'post-login', {
      kind: 'denied',
      reason: 'no',
      actionName: 'x',
      actions: [],
    });
    // The runtime adds to a paused flow's list as it resumes: what was recorded stays as it was.
    actions.push(trace('custom-claims'));
    expect(traces.list('admin@example.com')[0]?.postLogin?.map((t) => t.actionName)).toEqual([
      'risk-based-mfa',
    ]);
    traces.record(login('a', 'admin@example.com'), 'post-login', {
      kind: 'complete',
      idTokenClaims: {},
      accessTokenClaims: {},
      scopesAdded: [],
      scopesRemoved: [],
      appMetadata: {},
      userMetadata: {},
      actions,
    });
    expect(traces.list().map((entry) => [entry.loginId, entry.outcome])).toEqual([
      ['b', { kind: 'denied', reason: 'no' }],
      ['a', { kind: 'complete' }],
    ]);
    expect(traces.list('user@example.COM')).toHaveLength(1);
    expect(traces.list('admin@example.com')[0]).toMatchObject({
      user: { email: 'admin@example.com', user_id: 'auth0|admin@example.com' },
      client: { client_id: 'spa', name: 'Documents SPA' },
      postLogin: [{ actionName: 'risk-based-mfa' }, { actionName: 'custom-claims' }],
    });
    expect(JSON.stringify(traces.list())).not.toContain('never-shown');
  });

  it(`forget all but the last ${KEPT_LOGINS} logins`, () => {
    const traces = new LoginTraces();
    for (let index = 0; index < KEPT_LOGINS + 5; index++)
      traces.record(login(`l${index}`, 'user@example.com'), 'pre-user-registration', {
        kind: 'allowed',
        appMetadata: {},
        userMetadata: {},
        actions: [],
      });
    const kept = traces.list();
    expect(kept).toHaveLength(KEPT_LOGINS);
    expect(kept[0]?.loginId).toBe(`l${KEPT_LOGINS + 4}`);
    expect(kept.at(-1)?.loginId).toBe('l5');
  });
});
