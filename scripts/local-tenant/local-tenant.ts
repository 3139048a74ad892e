import https from 'node:https';
import path from 'node:path';
import { createRouter } from './api';
import { createTlsMaterial } from './cert';
import { type Faults, faultRandom } from './faults';
import { newSecretKey } from './ids';
import { type RequestCounts, RequestLog } from './request-log';
import { createListener } from './server';
import { lockStateFile, type StateLock } from './state/lock';
import { TenantStore } from './state/store';

export const DEFAULT_PORT = 8443;
export const DEFAULT_STATE_FILE = '.local-tenant/state.json';

export interface LocalTenantOptions {
  /** Port on 127.0.0.1; 0 picks a free one. Default 8443. */
  port?: number;
  /** Where the state lives (default `.local-tenant/state.json`); the CA is written beside it. */
  stateFile?: string;
  /** Start with an empty tenant (new deploy client id and secret) instead of the saved state. */
  reset?: boolean;
  faults?: Faults;
  /** How long an action's build takes before it can be deployed (default 200 ms; Auth0 takes about 1 s). */
  actionBuildMs?: number;
}

export interface LocalTenantEnv {
  AUTH0_DOMAIN: string;
  AUTH0_CLIENT_ID: string;
  AUTH0_CLIENT_SECRET: string;
  NODE_EXTRA_CA_CERTS: string;
}

export interface LocalTenant {
  /** `127.0.0.1:<port>`, what AUTH0_DOMAIN is set to. */
  domain: string;
  port: number;
  /** The deploy engine's machine-to-machine client. */
  clientId: string;
  clientSecret: string;
  /** Absolute path of the CA certificate to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  /** The bearer token `/__local/requests` and `/__local/faults` ask for; new on every start. */
  controlToken: string;
  /** Absolute path of the state file, which this server alone serves until it closes (`<file>.lock`). */
  stateFile: string;
  env(): LocalTenantEnv;
  requests(): RequestCounts;
  resetRequests(): void;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}

/**
 * Starts the offline stand-in for the Auth0 Management API on 127.0.0.1 (HTTPS, self-signed CA) and
 * resolves once it listens.
 */
export async function startLocalTenant(options: LocalTenantOptions = {}): Promise<LocalTenant> {
  const stateFile = path.resolve(options.stateFile ?? DEFAULT_STATE_FILE);
  const tls = createTlsMaterial(path.dirname(stateFile));
  const router = createRouter({ actionBuildMs: options.actionBuildMs ?? 200 });
  const deployScopes = [...new Set(router.list().map((route) => route.scope))];
  const log = new RequestLog();
  const controlToken = newSecretKey();
  const faults = { current: { ...options.faults }, random: faultRandom({ ...options.faults }) };
  const server = https.createServer({ cert: tls.cert, key: tls.key });
  // Node closes an idle connection after 5 s, just as a client reuses it after a pause (a deploy between
  // its plan and its writes): seen as a dropped connection. Auth0 keeps them open far longer.
  server.keepAliveTimeout = 60_000;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  const domain = `127.0.0.1:${port}`;
  let lock: StateLock | undefined;
  let store: TenantStore;
  try {
    // Only once listening: a command that finds the port taken may use the server holding it instead.
    lock = lockStateFile(stateFile, port);
    store = TenantStore.open({ file: stateFile, reset: options.reset ?? false, domain, deployScopes });
  } catch (error) {
    lock?.release();
    server.close();
    throw error;
  }
  const heldLock = lock;
  // Attached in the same tick as the store opens: no request can arrive before there is a tenant.
  const listener = createListener({ router, log, faults, domain, store, controlToken });
  server.on('request', (request, response) => {
    void listener(request, response);
  });
  const deployClient = store.state.clients.find((client) => client.client_id === store.state.deployClientId);
  const clientId = String(deployClient?.client_id);
  const clientSecret = String(deployClient?.client_secret);
  return {
    domain,
    port,
    clientId,
    clientSecret,
    caFile: tls.caFile,
    controlToken,
    stateFile,
    env: () => ({
      AUTH0_DOMAIN: domain,
      AUTH0_CLIENT_ID: clientId,
      AUTH0_CLIENT_SECRET: clientSecret,
      NODE_EXTRA_CA_CERTS: tls.caFile,
    }),
    requests: () => log.snapshot(),
    resetRequests: () => log.reset(),
    setFaults: (next) => {
      faults.current = { ...next };
      faults.random = faultRandom(faults.current);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          heldLock.release();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
