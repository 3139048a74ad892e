import { describe, expect, it } from 'vitest';
import { chooseTarget } from '../../scripts/engine/choose';

const dev = {
  env: 'dev',
  tier: 'development',
  domainKeyword: 'example-dev.eu.auth0.com',
  environmentFile: 'tenant/environments/dev.yaml',
};
const credentials = {
  AUTH0_DOMAIN: 'example-dev.eu.auth0.com',
  AUTH0_CLIENT_ID: 'cid',
  AUTH0_CLIENT_SECRET: 'shh',
};

describe('chooseTarget', () => {
  it("uses the real tenant when all three credentials are set and the domain is the environment's", () => {
    expect(
      chooseTarget({
        ...dev,
        variables: { ...credentials, AUTH0_DOMAIN: 'https://Example-Dev.eu.auth0.com/' },
      }),
    ).toEqual({
      kind: 'tenant',
      credentials: { domain: 'example-dev.eu.auth0.com', clientId: 'cid', clientSecret: 'shh' },
    });
  });

  it('refuses a partial set of credentials, naming what is missing', () => {
    expect(() =>
      chooseTarget({ ...dev, variables: { AUTH0_DOMAIN: 'x', AUTH0_CLIENT_SECRET: 'y' } }),
    ).toThrow(
      'AUTH0_DOMAIN and AUTH0_CLIENT_SECRET are set but AUTH0_CLIENT_ID is not: set all three to use a real tenant, or none to use the local tenant',
    );
  });

  it('treats blank credentials as unset, as GitHub passes a secret that does not exist', () => {
    const blank = { AUTH0_DOMAIN: ' ', AUTH0_CLIENT_ID: '', AUTH0_CLIENT_SECRET: '  ' };
    expect(() => chooseTarget({ ...dev, variables: blank })).toThrow(
      /AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET are not set/,
    );
    expect(() => chooseTarget({ ...dev, variables: { ...blank, AUTH0_CLIENT_ID: 'cid' } })).toThrow(
      'AUTH0_CLIENT_ID is set but AUTH0_DOMAIN and AUTH0_CLIENT_SECRET are not',
    );
  });

  it('refuses to deploy the dev configuration with the prod credentials', () => {
    expect(() =>
      chooseTarget({ ...dev, variables: { ...credentials, AUTH0_DOMAIN: 'example.eu.auth0.com' } }),
    ).toThrow(
      'AUTH0_DOMAIN is example.eu.auth0.com, but tenant/environments/dev.yaml says the dev tenant is example-dev.eu.auth0.com',
    );
  });

  it('uses the local tenant for a local environment without credentials, and suggests it otherwise', () => {
    expect(chooseTarget({ ...dev, env: 'local', tier: 'local', variables: {} })).toEqual({ kind: 'local' });
    expect(() => chooseTarget({ ...dev, variables: {} })).toThrow(
      /use --env local to try the change against the local tenant/,
    );
  });
});
