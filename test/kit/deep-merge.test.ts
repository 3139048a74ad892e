import { describe, expect, it } from 'vitest';
import { deepMerge } from './deep-merge';
import { postLogin } from './post-login';

describe('deepMerge', () => {
  const base = {
    user: { name: 'Jane', app_metadata: { plan: 'free', roles: ['reader'] } },
    methods: [{ name: 'pwd' }, { name: 'mfa' }],
    optional: { here: true },
  };

  it('merges objects key by key, keeping what the override does not mention', () => {
    const merged = deepMerge(base, { user: { app_metadata: { plan: 'pro' } } });

    expect(merged.user).toEqual({ name: 'Jane', app_metadata: { plan: 'pro', roles: ['reader'] } });
  });

  it('replaces arrays whole instead of merging them index by index', () => {
    const merged = deepMerge(base, {
      methods: [{ name: 'federated' }],
      user: { app_metadata: { roles: [] } },
    });

    expect(merged.methods).toEqual([{ name: 'federated' }]);
    expect(merged.user.app_metadata.roles).toEqual([]);
  });

  it('removes a key the override sets to undefined', () => {
    const merged = deepMerge(base, { optional: undefined });

    expect(merged).not.toHaveProperty('optional');
  });

  it('modifies neither the base nor the override', () => {
    const override = { user: { app_metadata: { roles: ['admin'] } } };

    const merged = deepMerge(base, override);
    merged.user.app_metadata.roles.push('mutated');

    expect(base.user.app_metadata.roles).toEqual(['reader']);
    expect(override.user.app_metadata.roles).toEqual(['admin']);
  });
});

describe('postLogin overrides', () => {
  it('keep every default the test does not mention', () => {
    const login = postLogin({ user: { app_metadata: { roles: ['admin'] } } });

    expect(login.event.user.app_metadata).toEqual({ roles: ['admin'] });
    expect(login.event.user.email).toBe('jane.doe@example.com');
    expect(login.event.connection.strategy).toBe('auth0');
  });

  it('replace arrays such as the authentication methods', () => {
    const login = postLogin({
      authentication: { methods: [{ name: 'federated', timestamp: '2024-05-14T09:29:00.000Z' }] },
    });

    expect(login.event.authentication?.methods).toEqual([
      { name: 'federated', timestamp: '2024-05-14T09:29:00.000Z' },
    ]);
  });

  it('drop an optional part of the event given as undefined', () => {
    const login = postLogin({ resource_server: undefined, session: undefined });

    expect(login.event.resource_server).toBeUndefined();
    expect(login.event.session).toBeUndefined();
  });

  it('apply over the defaults of postLogin.with, undefined still removing a part', () => {
    const login = postLogin.with({ user: { app_metadata: { plan: 'pro' } }, session: { id: 'sess_base' } });

    const event = login({ user: { app_metadata: { roles: ['admin'] } }, session: undefined }).event;

    expect(event.user.app_metadata).toEqual({ plan: 'pro', roles: ['admin'] });
    expect(event.session).toBeUndefined();
  });

  it('build a fresh event every time, so tests cannot leak into each other', () => {
    const first = postLogin();
    first.event.user.app_metadata.leaked = true;

    expect(postLogin().event.user.app_metadata).toEqual({});
  });
});
