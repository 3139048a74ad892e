/**
 * `GET /authorize`: the checks Auth0 makes before it shows a login page, in its order. What cannot go back
 * to the app (an unknown client, a redirect_uri not in its callbacks) is shown as the error page and never
 * redirected; the rest goes to the redirect_uri as `error`, `error_description` and `state`.
 * https://auth0.com/docs/api/authentication#authorization-code-flow-with-pkce
 */
import type { JsonObject, TenantState } from '../state/types';
import type { LoginTransaction } from './contract';
import {
  connectionsEnabledFor,
  enabledFor,
  findApi,
  findClient,
  findConnection,
  findOrganization,
  texts,
} from './tenant-lookup';

export type AuthorizeDecision =
  | { kind: 'error-page'; title: string; message: string }
  | { kind: 'error-redirect'; location: string }
  | { kind: 'login'; transaction: Omit<LoginTransaction, 'id' | 'createdAt'>; client: JsonObject };

/** The redirect_uri with Auth0's error parameters (and the request's state). */
export function errorRedirect(
  redirectUri: string,
  error: string,
  description: string,
  state?: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== undefined) url.searchParams.set('state', state);
  return url.href;
}

const one = (query: URLSearchParams, name: string): string | undefined => query.get(name) ?? undefined;

export function decideAuthorize(state: TenantState, query: URLSearchParams): AuthorizeDecision {
  const clientId = one(query, 'client_id');
  const client = findClient(state, clientId);
  if (!client || clientId === undefined) {
    return {
      kind: 'error-page',
      title: 'invalid_request',
      message: `Unknown client: ${clientId ?? '(none)'}`,
    };
  }
  const callbacks = texts(client.callbacks);
  const redirectUri = one(query, 'redirect_uri');
  if (redirectUri === undefined || !callbacks.includes(redirectUri)) {
    // Only URLs on the client's allow list (https://auth0.com/docs/users/redirecting-users); Auth0's page
    // for any other is titled "Callback URL mismatch" (as reported in auth0/nextjs-auth0#1942).
    return {
      kind: 'error-page',
      title: 'Callback URL mismatch',
      message: `The provided redirect_uri is not in the list of allowed callback URLs: ${redirectUri ?? '(none)'}`,
    };
  }
  const appState = one(query, 'state');
  const refuse = (error: string, description: string): AuthorizeDecision => ({
    kind: 'error-redirect',
    location: errorRedirect(redirectUri, error, description, appState),
  });
  const responseType = one(query, 'response_type');
  if (responseType !== 'code') {
    return refuse('unsupported_response_type', `Unsupported response_type: ${responseType ?? '(none)'}`);
  }
  const responseMode = one(query, 'response_mode');
  if (responseMode !== undefined && responseMode !== 'query') {
    return refuse('invalid_request', `Unsupported response_mode: ${responseMode}`);
  }
  const codeChallenge = one(query, 'code_challenge');
  const challengeMethod = one(query, 'code_challenge_method');
  if (codeChallenge !== undefined && challengeMethod !== 'S256') {
    // Only S256: `plain` gives no protection once the challenge is seen (RFC 7636 section 7.2).
    return refuse('invalid_request', 'code_challenge_method must be S256');
  }
  if (codeChallenge !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return refuse('invalid_request', 'code_challenge must be the base64url SHA-256 of the code_verifier');
  }
  if (client.token_endpoint_auth_method === 'none' && codeChallenge === undefined) {
    return refuse('invalid_request', 'Parameter "code_challenge" is required for a public client (PKCE)');
  }
  const audience = one(query, 'audience');
  if (audience !== undefined && !findApi(state, audience)) {
    return refuse('access_denied', `Service not found: ${audience}`);
  }
  const usage = typeof client.organization_usage === 'string' ? client.organization_usage : 'deny';
  const organizationParam = one(query, 'organization');
  let organizationId: string | undefined;
  if (organizationParam !== undefined) {
    if (usage === 'deny')
      return refuse('invalid_request', 'parameter organization is not allowed for this client');
    const organization = findOrganization(state, organizationParam);
    if (!organization) return refuse('invalid_request', `no organization found: ${organizationParam}`);
    organizationId = String(organization.id);
  } else if (usage === 'require') {
    return refuse('invalid_request', 'parameter organization is required for this client');
  }
  const connectionName = one(query, 'connection');
  if (connectionName !== undefined) {
    const connection = findConnection(state, connectionName);
    // Auth0's answer to a connection the app may not use, whether it exists or not.
    if (!connection || !enabledFor(connection, clientId))
      return refuse('invalid_request', 'the connection is not enabled');
  } else if (connectionsEnabledFor(state, clientId).length === 0) {
    return refuse('invalid_request', 'no connections enabled for the client');
  }
  const scope = one(query, 'scope') ?? 'openid';
  const nonce = one(query, 'nonce');
  const screenHint = one(query, 'screen_hint');
  const transaction: Omit<LoginTransaction, 'id' | 'createdAt'> = {
    clientId,
    redirectUri,
    responseType: 'code',
    responseMode: 'query',
    scopes: scope.split(' ').filter((item) => item !== ''),
    prompt: (one(query, 'prompt') ?? '').split(' ').filter((item) => item !== ''),
    ...(audience !== undefined ? { audience } : {}),
    ...(appState !== undefined ? { state: appState } : {}),
    ...(nonce !== undefined ? { nonce } : {}),
    ...(screenHint !== undefined ? { screenHint } : {}),
    ...(organizationId !== undefined ? { organizationId } : {}),
    ...(codeChallenge !== undefined ? { codeChallenge, codeChallengeMethod: 'S256' as const } : {}),
    ...(connectionName !== undefined ? { connection: connectionName } : {}),
  };
  return { kind: 'login', transaction, client };
}
