import { describe, expect, it } from 'vitest';
import type { Event, PostLoginAPI } from '../../../actions/types/post-login/v3';
import { buildPostLoginEvent } from '../../../test/kit/post-login';
import { ActionsCache } from '../../action-api/cache';
import { createPostLoginApi, emptyPostLoginRecord } from '../../action-api/post-login-api';
import type { PreUserRegistrationRecord } from '../../action-api/pre-user-registration-api';
import type { ActionTrace } from '../authentication/contract';
import { applyPostLoginRun, completeOutcome, type FlowState } from './post-login-flow';
import type { PostLoginRun } from './protocol';
import { registrationStep, scriptOutcome } from './registration-and-scripts';

const newState = (): FlowState => ({
  event: buildPostLoginEvent({ user: { app_metadata: { plan: 'free' } } }) as Event,
  idTokenClaims: {},
  accessTokenClaims: {},
  scopesAdded: [],
  scopesRemoved: [],
  actions: [],
});

/** What the worker sends back for a handler that does `act(api)` (the same recording api, in-process). */
function runOf(state: FlowState, act: (api: PostLoginAPI) => void, error?: string): PostLoginRun {
  const event = structuredClone(state.event);
  const record = emptyPostLoginRecord(event);
  const api = createPostLoginApi(event, record, {
    claimRules: {
      audience: 'https://documents.example.com/',
      tenantHostnames: [],
      requireNamespacedClaims: false,
    },
    cache: new ActionsCache({ defaultLifetimeMs: 1000, now: () => 0 }),
    rulesExecuted: [],
    now: () => 0,
  });
  act(api);
  return {
    record,
    logs: [],
    calls: [],
    durationMs: 1,
    transactionMetadata: event.transaction?.metadata ?? {},
    ...(error ? { error } : {}),
  };
}

const trace = (actionName: string): ActionTrace => ({
  actionName,
  versionId: 'v',
  logs: [],
  calls: [],
  durationMs: 1,
});

describe("applying an Action's record with Auth0's semantics", () => {
  it('puts claims on the tokens, leaves out the ones Auth0 drops and notes them in the trace', () => {
    const state = newState();
    const step = applyPostLoginRun(
      state,
      trace('claims'),
      runOf(state, (api) => {
        api.idToken.setCustomClaim('https://example.com/roles', ['admin']);
        api.idToken.setCustomClaim('sub', 'someone-else');
        api.accessToken.setCustomClaim('https://example.com/plan', 'pro');
        api.accessToken.addScope('read:documents');
      }),
    );
    expect(step).toEqual({ kind: 'next' });
    const outcome = completeOutcome(state);
    expect(outcome).toMatchObject({
      kind: 'complete',
      idTokenClaims: { 'https://example.com/roles': ['admin'] },
      accessTokenClaims: { 'https://example.com/plan': 'pro' },
      scopesAdded: ['read:documents'],
    });
    expect(state.actions[0]?.violations?.join()).toMatch(/restricted-claim.*sub/);
  });

  it('ends with the first denial and the name of the Action that denied', () => {
    const state = newState();
    const step = applyPostLoginRun(
      state,
      trace('guard'),
      runOf(state, (api) => {
        api.access.deny('first');
        api.access.deny('second');
      }),
    );
    expect(step).toMatchObject({
      kind: 'end',
      outcome: { kind: 'denied', reason: 'first', actionName: 'guard' },
    });
  });

  it('keeps multifactor.enable for after the flow, and pauses for a challenge or a redirect', () => {
    const state = newState();
    applyPostLoginRun(
      state,
      trace('mfa'),
      runOf(state, (api) => api.multifactor.enable('any', { allowRememberBrowser: false })),
    );
    expect(completeOutcome(state)).toMatchObject({
      mfa: { kind: 'enable', factors: ['any'], allowRememberBrowser: false },
    });
    const challenge = applyPostLoginRun(
      state,
      trace('otp'),
      runOf(state, (api) => api.authentication.challengeWith({ type: 'otp' })),
    );
    expect(challenge).toEqual({ kind: 'pause', mfa: { kind: 'challenge', factors: ['otp'] } });
    const redirect = applyPostLoginRun(
      state,
      trace('r'),
      runOf(state, (api) => api.redirect.sendUserTo('https://x.example/p', { query: { a: '1' } })),
    );
    expect(redirect).toEqual({
      kind: 'pause',
      redirect: { url: 'https://x.example/p?a=1', query: { a: '1' } },
    });
  });

  it('applies metadata and transaction metadata for the next Action and the outcome', () => {
    const state = newState();
    applyPostLoginRun(
      state,
      trace('meta'),
      runOf(state, (api) => {
        api.user.setAppMetadata('plan', null);
        api.user.setAppMetadata('synced', true);
        api.user.setUserMetadata('theme', 'dark');
        api.transaction.setMetadata('seen', 1);
      }),
    );
    expect(state.event.transaction?.metadata).toEqual({ seen: 1 });
    expect(completeOutcome(state)).toMatchObject({
      appMetadata: { synced: true },
      userMetadata: { theme: 'dark' },
    });
  });

  it('fails the login for an error, and for a violation Auth0 fails it for', () => {
    const state = newState();
    expect(
      applyPostLoginRun(
        state,
        trace('boom'),
        runOf(state, () => {}, 'TypeError: x'),
      ),
    ).toMatchObject({
      kind: 'end',
      outcome: { kind: 'failed', error: 'boom: TypeError: x' },
    });
    const fifth = runOf(state, (api) => {
      for (let i = 0; i < 5; i++) api.authentication.challengeWith({ type: 'otp' });
    });
    expect(applyPostLoginRun(newState(), trace('many'), fifth)).toMatchObject({
      kind: 'end',
      outcome: { kind: 'failed' },
    });
  });
});

describe('registration and script outcomes', () => {
  const record = (overrides: Partial<PreUserRegistrationRecord>): PreUserRegistrationRecord => ({
    denials: [],
    validationErrors: [],
    metadataWrites: [],
    violationsFound: [],
    ...overrides,
  });
  const metadata = { appMetadata: {}, userMetadata: { locale: 'en' } };

  it('denies with the user message, and applies the metadata set', () => {
    expect(
      registrationStep(
        record({ denials: [{ reason: 'r', userMessage: 'Use another address' }] }),
        'guard',
        metadata,
      ),
    ).toEqual({
      kind: 'denied',
      reason: 'r',
      userMessage: 'Use another address',
      actionName: 'guard',
    });
    expect(
      registrationStep(
        record({ metadataWrites: [{ target: 'app_metadata', key: 'roles', value: ['user'] }] }),
        'g',
        metadata,
      ),
    ).toEqual({
      kind: 'next',
      appMetadata: { roles: ['user'] },
      userMetadata: { locale: 'en' },
    });
  });

  it("maps a script's callback to user, not found, wrong credentials or outage", () => {
    expect(scriptOutcome({ error: null, results: [{ user_id: 'legacy|1' }] })).toEqual({
      kind: 'user',
      profile: { user_id: 'legacy|1' },
    });
    expect(scriptOutcome({ error: null, results: [] })).toEqual({ kind: 'not-found' });
    expect(
      scriptOutcome({ error: { name: 'WrongUsernameOrPasswordError', message: 'Wrong' }, results: [] }),
    ).toEqual({
      kind: 'wrong-credentials',
      message: 'Wrong',
    });
    expect(scriptOutcome({ error: { name: 'Error', message: 'store down' }, results: [] })).toEqual({
      kind: 'outage',
      message: 'Error: store down',
    });
  });
});
