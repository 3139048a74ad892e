/**
 * Our tenant (tenant/, env local) deployed by the real deploy command into a fresh local tenant that
 * seeds the documented test users, and what the proof reads back from it: the Management API (as the
 * deploy client), the stand-ins' request logs and the log stream receiver.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createRemoteJWKSet, customFetch } from 'jose';
import * as oidc from 'openid-client';
import type { LocalTenant } from '../../scripts/local-tenant';
import type { TenantState } from '../../scripts/local-tenant/state/types';
import {
  type HeadlessLoginOptions,
  type HeadlessLoginResult,
  headlessLogin,
} from '../../scripts/login/headless-login';
import { fetchTrusting } from '../../scripts/login/trusting-fetch';
import { deployOurTenant } from '../deploy/deployed-tenant';
import type { Workspace } from '../deploy/workspace';
import { httpClient } from '../local-tenant/http-client';

type TrustingFetch = ReturnType<typeof fetchTrusting>;

export interface DeployedTenant {
  tenant: LocalTenant;
  workspace: Workspace;
  issuer: URL;
  trustingFetch: TrustingFetch;
  /** How long `npm run deploy` took, in milliseconds. */
  deployMs: number;
  /** A Management API call as the deploy client; fails on a status of 300 or more. */
  manage(method: string, route: string, body?: unknown): Promise<unknown>;
  /** A `/__local/...` control route's JSON answer, with the tenant's control token. */
  control(method: string, route: string): Promise<unknown>;
  /** An openid-client configuration for one of our deployed clients, by name. */
  client(name: string): Promise<oidc.Configuration>;
  /**
   * A headless login through the pages as one of our deployed clients, to its first callback; its time
   * is printed, and a token endpoint's refusal is thrown with what the endpoint said.
   */
  login(clientName: string, options: LoginOptions): Promise<HeadlessLoginResult>;
  /** What the log stream receiver got from our tenant's stream: Auth0's `{ log_id, data }`, by stream. */
  streamedEvents(): StreamedEvent[];
  /** The served JWKS, for jose. */
  jwks(): ReturnType<typeof createRemoteJWKSet>;
  /** The tenant's state as saved now (users included). */
  state(): Promise<TenantState>;
  close(): Promise<void>;
}

export interface StreamedEvent {
  stream: string;
  log_id: string;
  data: Record<string, unknown>;
}

export type Tokens = Extract<HeadlessLoginResult, { kind: 'tokens' }>;

export function tokensOf(result: HeadlessLoginResult): Tokens {
  if (result.kind !== 'tokens') throw new Error(`expected tokens, got ${JSON.stringify(result)}`);
  return result;
}

export type LoginOptions = Omit<
  HeadlessLoginOptions,
  'issuer' | 'fetch' | 'clientId' | 'clientSecret' | 'redirectUri'
>;

/** Our tenant deployed (`deployOurTenant`), and what the proof reads back from it. */
export async function deployForLogins(): Promise<DeployedTenant> {
  const started = performance.now();
  const deployment = await deployOurTenant();
  const deployMs = performance.now() - started;
  const { tenant, workspace } = deployment;
  try {
    const api = httpClient(tenant);
    const token = await api.token();
    const manage = async (method: string, route: string, body?: unknown) => {
      const answer = await api.send(method, `/api/v2${route}`, body, { token });
      if (answer.status >= 300)
        throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as unknown;
    };
    const control = async (method: string, route: string) => {
      const answer = await api.send(method, route, undefined, { token: tenant.controlToken });
      if (answer.status >= 300) throw new Error(`${method} ${route}: ${answer.status}`);
      return answer.body as unknown;
    };
    const issuer = new URL(`https://${tenant.domain}/`);
    const trustingFetch = fetchTrusting(tenant.caFile);
    /** A deployed client's id, its secret when it authenticates with one, and its first callback. */
    const clientNamed = async (name: string) => {
      const clients = (await manage('GET', '/clients?per_page=100')) as Record<string, unknown>[];
      const found = clients.find((candidate) => candidate.name === name);
      if (!found) throw new Error(`no client named ${name} was deployed`);
      // Auth0 gives a public client (`none`) a secret too; it must not present it.
      const secret =
        found.token_endpoint_auth_method !== 'none' && typeof found.client_secret === 'string'
          ? found.client_secret
          : undefined;
      const callbacks = Array.isArray(found.callbacks) ? found.callbacks.map(String) : [];
      return { clientId: String(found.client_id), secret, callback: callbacks[0] ?? '' };
    };
    const client = async (name: string) => {
      const { clientId, secret } = await clientNamed(name);
      return oidc.discovery(
        issuer,
        clientId,
        secret,
        secret === undefined ? oidc.None() : oidc.ClientSecretPost(secret),
        { [oidc.customFetch]: trustingFetch },
      );
    };
    const login = async (clientName: string, options: LoginOptions) => {
      const { clientId, secret, callback } = await clientNamed(clientName);
      const started = performance.now();
      const result = await headlessLogin({
        ...options,
        issuer,
        fetch: trustingFetch,
        clientId,
        ...(secret === undefined ? {} : { clientSecret: secret }),
        redirectUri: callback,
      }).catch((error: unknown) => {
        if (error instanceof oidc.ResponseBodyError)
          throw new Error(
            `the token endpoint answered ${error.status} ${error.error}: ${error.error_description}`,
          );
        throw error;
      });
      const ms = Math.round(performance.now() - started);
      console.log(`login ${options.email} (${clientName}): ${result.kind} in ${ms} ms`);
      return result;
    };
    const streamedEvents = () =>
      tenant.logStream.events().map((received) => ({
        stream: received.stream,
        ...(received.event as Omit<StreamedEvent, 'stream'>),
      }));
    const jwks = () =>
      createRemoteJWKSet(new URL('.well-known/jwks.json', issuer), { [customFetch]: trustingFetch });
    const state = async () => {
      tenant.saveState();
      return JSON.parse(await readFile(tenant.stateFile, 'utf8')) as TenantState;
    };
    return {
      tenant,
      workspace,
      issuer,
      trustingFetch,
      deployMs,
      manage,
      control,
      client,
      login,
      jwks,
      streamedEvents,
      state,
      close: deployment.close,
    };
  } catch (error) {
    await deployment.close();
    throw error;
  }
}
