import { describe, expect, it } from 'vitest';
import type { TenantState } from '../state/types';
import { decideAuthorize } from './authorize';

const CALLBACK = 'https://app.example.com/callback';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const state = {
  clients: [
    { client_id: 'spa', token_endpoint_auth_method: 'none', callbacks: [CALLBACK] },
    {
      client_id: 'web',
      token_endpoint_auth_method: 'client_secret_post',
      callbacks: [CALLBACK],
      organization_usage: 'require',
    },
    { client_id: 'lonely', callbacks: [CALLBACK] },
  ],
  connections: [
    { name: 'db', strategy: 'auth0', enabled_clients: ['spa', 'web'] },
    { name: 'github', strategy: 'github', enabled_clients: ['web'] },
  ],
  resourceServers: [{ identifier: 'https://api.example.com/' }],
  organizations: [{ id: 'org_1', name: 'acme' }],
} as unknown as TenantState;

const decide = (params: Record<string, string>) =>
  decideAuthorize(
    state,
    new URLSearchParams({ response_type: 'code', redirect_uri: CALLBACK, state: 'xyz', ...params }),
  );

const errorOf = (decision: ReturnType<typeof decide>) => {
  if (decision.kind !== 'error-redirect') throw new Error(`expected a redirect, got ${decision.kind}`);
  const url = new URL(decision.location);
  return {
    origin: url.origin + url.pathname,
    error: url.searchParams.get('error'),
    description: url.searchParams.get('error_description'),
    state: url.searchParams.get('state'),
  };
};

describe('GET /authorize', () => {
  it('starts a login for a public client with an S256 challenge', () => {
    const decision = decide({
      client_id: 'spa',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      scope: 'openid offline_access',
      prompt: 'login',
    });
    expect(decision).toMatchObject({
      kind: 'login',
      transaction: {
        clientId: 'spa',
        scopes: ['openid', 'offline_access'],
        prompt: ['login'],
        codeChallenge: CHALLENGE,
        state: 'xyz',
      },
    });
  });

  it('never redirects to a redirect_uri the client does not list, nor for an unknown client', () => {
    expect(decide({ client_id: 'spa', redirect_uri: 'https://evil.example.com/cb' }).kind).toBe('error-page');
    expect(decide({ client_id: 'spa', redirect_uri: `${CALLBACK}/` }).kind).toBe('error-page');
    expect(decide({ client_id: 'nobody' }).kind).toBe('error-page');
  });

  it('sends the rest back to the app as error parameters with its state', () => {
    expect(errorOf(decide({ client_id: 'spa' }))).toMatchObject({
      origin: CALLBACK,
      error: 'invalid_request',
      state: 'xyz',
    });
    expect(
      errorOf(decide({ client_id: 'spa', code_challenge: CHALLENGE, code_challenge_method: 'plain' }))
        .description,
    ).toBe('code_challenge_method must be S256');
    expect(
      errorOf(
        decide({
          client_id: 'spa',
          response_type: 'token',
          code_challenge: CHALLENGE,
          code_challenge_method: 'S256',
        }),
      ).error,
    ).toBe('unsupported_response_type');
    expect(
      errorOf(decide({ client_id: 'web', organization: 'acme', audience: 'https://other/' })),
    ).toMatchObject({ error: 'access_denied', description: 'Service not found: https://other/' });
  });

  it('checks organizations against the client organization_usage', () => {
    expect(errorOf(decide({ client_id: 'web' })).description).toBe(
      'parameter organization is required for this client',
    );
    expect(decide({ client_id: 'web', organization: 'acme' })).toMatchObject({
      kind: 'login',
      transaction: { organizationId: 'org_1' },
    });
    expect(decide({ client_id: 'web', organization: 'org_1' })).toMatchObject({
      kind: 'login',
      transaction: { organizationId: 'org_1' },
    });
    expect(errorOf(decide({ client_id: 'web', organization: 'initech' })).error).toBe('invalid_request');
    expect(
      errorOf(
        decide({
          client_id: 'spa',
          organization: 'acme',
          code_challenge: CHALLENGE,
          code_challenge_method: 'S256',
        }),
      ).description,
    ).toBe('parameter organization is not allowed for this client');
  });

  it('refuses a connection not enabled for the client, and a client with none', () => {
    const pkce = { code_challenge: CHALLENGE, code_challenge_method: 'S256' };
    expect(errorOf(decide({ client_id: 'spa', connection: 'github', ...pkce })).description).toBe(
      'the connection is not enabled',
    );
    expect(decide({ client_id: 'web', organization: 'acme', connection: 'github' }).kind).toBe('login');
    expect(errorOf(decide({ client_id: 'lonely' })).description).toBe(
      'no connections enabled for the client',
    );
  });
});
