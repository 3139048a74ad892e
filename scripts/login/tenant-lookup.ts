/**
 * What `npm run login` needs to know of the deployed tenant, read through the Management API with the
 * deploy client's credentials (as the engine signs in): the client by name (its first callback is the
 * redirect URI; a confidential client's secret), the API an `--audience` names, and the traces of
 * recent logins from `/__local/logins`.
 */
import type { Credentials } from '../engine/choose';
import type { LoginTraceRecord } from '../local-tenant/authentication/login-traces';
import { UserError } from '../user-error';
import type { LoginFetch } from './trusting-fetch';

export class LoginLookupError extends UserError {}

export interface LoginClient {
  clientId: string;
  name: string;
  redirectUri: string;
  /** Set for a client that authenticates at the token endpoint (not `none`). */
  clientSecret?: string;
}

type Item = Record<string, unknown>;

export function managementApi(issuer: URL, credentials: Credentials, fetch: LoginFetch) {
  let token: Promise<string> | undefined;
  const signIn = async (): Promise<string> => {
    const answer = await fetch(new URL('oauth/token', issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        audience: new URL('api/v2/', issuer).href,
      }),
    });
    const body = (await answer.json()) as Item;
    if (answer.status !== 200 || typeof body.access_token !== 'string')
      throw new LoginLookupError(`the deploy client could not sign in to ${issuer.host} (${answer.status})`);
    return body.access_token;
  };
  const list = async (route: string): Promise<Item[]> => {
    token ??= signIn();
    const answer = await fetch(new URL(`api/v2/${route}`, issuer).href, {
      headers: { authorization: `Bearer ${await token}` },
    });
    if (answer.status !== 200) throw new LoginLookupError(`GET /api/v2/${route} answered ${answer.status}`);
    const body = (await answer.json()) as unknown;
    return Array.isArray(body) ? (body as Item[]) : [];
  };
  return {
    async client(name: string): Promise<LoginClient> {
      const clients = await list('clients?per_page=100');
      const found = clients.find((client) => client.name === name);
      if (!found) {
        // Not the tenant's own clients: the global one, and the deploy client this command signs in as.
        const names = clients
          .filter((client) => client.global !== true && client.client_id !== credentials.clientId)
          .map((client) => String(client.name));
        throw new LoginLookupError(
          `no client named "${name}" in the local tenant (it has: ${names.join(', ') || 'none'}): deploy first with npm run deploy`,
        );
      }
      const callbacks = Array.isArray(found.callbacks) ? found.callbacks.map(String) : [];
      const [redirectUri] = callbacks;
      if (redirectUri === undefined)
        throw new LoginLookupError(`the client "${name}" has no callback URL to come back to`);
      const confidential = found.token_endpoint_auth_method !== 'none';
      return {
        clientId: String(found.client_id),
        name,
        redirectUri,
        ...(confidential && typeof found.client_secret === 'string'
          ? { clientSecret: found.client_secret }
          : {}),
      };
    },
    /** The identifier of the API whose identifier or name is `given`. */
    async audience(given: string): Promise<string> {
      const apis = await list('resource-servers?per_page=100');
      const found = apis.find((api) => api.identifier === given || api.name === given);
      if (!found) {
        const known = apis.map((api) => `${String(api.name)} (${String(api.identifier)})`);
        throw new LoginLookupError(`no API "${given}" in the local tenant; it has: ${known.join(', ')}`);
      }
      return String(found.identifier);
    },
  };
}

/** The traces of recent logins of `email`, newest first (`GET /__local/logins`). */
export async function recentLogins(
  issuer: URL,
  fetch: LoginFetch,
  controlToken: string,
  email: string,
): Promise<LoginTraceRecord[]> {
  const url = new URL('__local/logins', issuer);
  url.searchParams.set('user', email);
  const answer = await fetch(url.href, { headers: { authorization: `Bearer ${controlToken}` } });
  if (answer.status !== 200) throw new LoginLookupError(`GET /__local/logins answered ${answer.status}`);
  return (await answer.json()) as LoginTraceRecord[];
}
