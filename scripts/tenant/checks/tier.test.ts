import { describe, expect, it } from 'vitest';
import type { LoadedTenant } from '../load';
import { decideTier, isLoopbackDomain, tierChange } from './tier';

function loaded(env: string, tier: 'production' | 'development' | 'local', domain: string): LoadedTenant {
  const file = `tenant/environments/${env}.yaml`;
  return {
    dir: 'tenant',
    env,
    file: 'tenant/tenant.yaml',
    tenant: {},
    sources: {},
    placeholderPointers: [],
    environment: {
      name: env,
      file,
      tier,
      data: { tier },
      sources: { '/tier': { file, line: 4, column: 7 } },
    },
    keywords: { AUTH0_DOMAIN: domain },
    secrets: {},
    waivers: [],
    problems: [],
  };
}

describe('which tier an environment gets', () => {
  it.each([
    ['127.0.0.1:8443', true],
    ['localhost:3000', true],
    ['[::1]:8443', true],
    ['127.10.0.3', true],
    ['example.eu.auth0.com', false],
    ['127.0.0.1.example.com', false],
    ['login.localhost.example.com', false],
  ])('%s is the local tenant: %s', (domain, loopback) => {
    expect(isLoopbackDomain(domain)).toBe(loopback);
  });

  it('keeps tier local for the local tenant', () => {
    expect(decideTier(loaded('local', 'local', '127.0.0.1:8443'))).toEqual({ tier: 'local', problems: [] });
  });

  it('holds a real tenant that claims tier local to the production policy, and says so at the tier line', () => {
    const decision = decideTier(loaded('prod', 'local', 'example.eu.auth0.com'));

    expect(decision.tier).toBe('production');
    expect(decision.problems).toEqual([
      expect.objectContaining({ rule: 'environments/local-tier', line: 4, column: 7, severity: 'error' }),
    ]);
  });
});

const place = (env: string, tier: string) => ({ env, file: `tenant/environments/${env}.yaml`, tier });

describe('a tier change on a production environment', () => {
  it('is announced when prod moves from production to local', () => {
    expect(tierChange(place('prod', 'local'), 'tier: production\n', 'origin/main')).toBe(
      'TIER CHANGE: environment prod was tier production on origin/main and is now local in tenant/environments/prod.yaml: the production policy no longer decides what this environment may do',
    );
  });

  it('is announced for any environment that was production, whatever its name', () => {
    expect(tierChange(place('eu', 'development'), 'tier: production\n', 'origin/main')).toMatch(
      /^TIER CHANGE: environment eu was tier production/,
    );
  });

  it('says nothing when the tier is unchanged, or the environment is new', () => {
    expect(tierChange(place('prod', 'production'), 'tier: production\n', 'origin/main')).toBeUndefined();
    expect(tierChange(place('prod', 'production'), undefined, 'origin/main')).toBeUndefined();
    expect(tierChange(place('dev', 'local'), 'tier: development\n', 'origin/main')).toBeUndefined();
  });
});
