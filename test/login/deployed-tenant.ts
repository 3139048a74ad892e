/**
 * Our tenant (tenant/, env local) deployed by the real deploy command into a fresh local tenant that
 * seeds the documented test users, and what the proof reads back from it: the Management API (as the
 * deploy client), the stand-ins' request logs and the log stream receiver.
 */
import { performance } from 'node:perf_hooks';
import * as oidc from 'openid-client';
import type { LocalTenant } from '../../scripts/local-tenant';
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import { makeWorkspace, runCli, startTestTenant, targetEnv, type Workspace } from '../deploy/workspace';
import { httpClient } from '../local-tenant/http-client';
import { fetchTrusting } from '../local-tenant/trusting-fetch';

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
  close(): Promise<void>;
}

/**
 * The local environment names the stand-ins and the log receiver at the default ports (8443, 8444);
 * this tenant listens on free ones, so its workspace points them at it, as `npm run local-tenant` would
 * find them at the defaults.
 */
function pointAtTenant(tenant: LocalTenant) {
  return (text: string) =>
    text
      .replace(/LEGACY_API_URL: .*/, `LEGACY_API_URL: https://${tenant.domain}/legacy`)
      .replace(/USER_SYNC_URL: .*/, `USER_SYNC_URL: https://${tenant.domain}/user-sync`)
      .replace(/LOG_STREAM_URL: .*/, `LOG_STREAM_URL: ${tenant.logStream.url}`);
}

export async function deployOurTenant(): Promise<DeployedTenant> {
  const tenant = await startTestTenant({ seedUsers: TEST_USERS });
  const workspace = await makeWorkspace(tenant.domain);
  const close = async () => {
    await tenant.close();
    await workspace.remove();
  };
  try {
    await workspace.edit('environments/local.yaml', pointAtTenant(tenant));
    const started = performance.now();
    const deploy = await runCli(
      'deploy',
      ['--env', 'local', '--dir', workspace.dir, '--out', workspace.out],
      targetEnv(tenant),
    );
    const deployMs = performance.now() - started;
    if (deploy.code !== 0)
      throw new Error(`deploy failed (${deploy.code}):\n${deploy.stdout}\n${deploy.stderr}`);
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
    const client = async (name: string) => {
      const clients = (await manage('GET', '/clients?per_page=100')) as Record<string, unknown>[];
      const found = clients.find((candidate) => candidate.name === name);
      if (!found) throw new Error(`no client named ${name} was deployed`);
      const clientId = String(found.client_id);
      const secret = typeof found.client_secret === 'string' ? found.client_secret : undefined;
      const authentication =
        found.token_endpoint_auth_method === 'none' || secret === undefined
          ? oidc.None()
          : oidc.ClientSecretPost(secret);
      return oidc.discovery(issuer, clientId, secret, authentication, {
        [oidc.customFetch]: trustingFetch,
      });
    };
    return { tenant, workspace, issuer, trustingFetch, deployMs, manage, control, client, close };
  } catch (error) {
    await close();
    throw error;
  }
}
