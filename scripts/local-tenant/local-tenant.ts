import https from 'node:https';
import path from 'node:path';
import { UserError } from '../user-error';
import { RiskProfiles, riskControlRoutes } from './actions-runtime/risk-profiles';
import { createRouter } from './api';
import { itemsIn } from './api/collection';
import type { LoginServices, SocialIdentityProvider } from './authentication/contract';
import { LoginTraces, loginTraceRoutes } from './authentication/login-traces';
import { authenticationRoutes } from './authentication/routes';
import { type SeedUser, seedUsers } from './authentication/seed-users';
import { createLoginServices } from './authentication/services';
import type { SigningKeyRecord } from './authentication/signing-key';
import { createTlsMaterial, type TlsMaterial } from './cert';
import { writeControlToken } from './control-token';
import { type Faults, faultRandom } from './faults';
import { newSecretKey } from './ids';
import { type LogReceiver, startLogReceiver } from './log-stream/receiver';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { type RequestCounts, RequestLog } from './request-log';
import { createListener } from './server';
import { legacyStoreStandIn } from './stand-ins/legacy-store';
import { socialIdentityProviderStandIn } from './stand-ins/social-idp/provider';
import { userSyncStandIn } from './stand-ins/user-sync';
import { lockStateFile, type StateLock } from './state/lock';
import { TenantStore } from './state/store';
import { testAppRoutes } from './test-app/routes';

export const DEFAULT_PORT = 8443;
export const DEFAULT_STATE_FILE = '.local-tenant/state.json';

/**
 * The log stream receiver's port: the one after the API's (8444 by default, what our local environment's
 * stream points at), or a free one when the API's is picked freely.
 */
export function logStreamPortFor(port: number): number {
  return port > 0 && port < 65535 ? port + 1 : 0;
}

/** The receiver's port is taken (the API's was free, so it is not another local tenant's). */
export class LogStreamPortError extends UserError {}

export interface LocalTenantOptions {
  /** Port on 127.0.0.1; 0 picks a free one. Default 8443. */
  port?: number;
  /** Where the state lives (default `.local-tenant/state.json`); the CA is written beside it. */
  stateFile?: string;
  /** Start with an empty tenant (new deploy client id and secret) instead of the saved state. */
  reset?: boolean;
  faults?: Faults;
  /**
   * Enforce Auth0's rate limits (scripts/local-tenant/rate-limit.ts). Default: none, so that tests and
   * benchmarks that do not ask are never throttled (their answers then carry no x-ratelimit-* headers).
   */
  rateLimit?: RateLimitOptions;
  /** Port of the HTTP log stream receiver on 127.0.0.1; default `logStreamPortFor(port)`. */
  logStreamPort?: number;
  /** How long an action's build takes before it can be deployed (default 200 ms; Auth0 takes about 1 s). */
  actionBuildMs?: number;
  /**
   * The server's certificate and its CA from an earlier `createTlsMaterial`: a test that starts many
   * tenants one after another makes them once (a new key pair and signature take most of a start).
   */
  tls?: TlsMaterial;
  /**
   * The token signing key a new state gets, from an earlier `newSigningKey`: for the same tests (an RSA
   * key takes 0.1 to 0.8 s to make). Without it every new state makes its own.
   */
  signingKey?: SigningKeyRecord;
  /**
   * The login's Actions runtime, refresh tokens, log events and social stand-in, for a test that plays
   * them; by default the tenant makes its own (authentication/services.ts) and closes them with it.
   */
  loginServices?: LoginServices;
  /** Database users to add at start unless already there (by connection and email): seed-users.ts. */
  seedUsers?: readonly SeedUser[];
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
  /** The HTTP log stream receiver: what it was sent, by the streams of this tenant that point at it. */
  logStream: Pick<LogReceiver, 'url' | 'port' | 'events' | 'clearEvents'>;
  /** The stand-in social identity provider whose pages this server serves: the login flow redeems its codes. */
  social: SocialIdentityProvider;
  /** Absolute path of the state file, which this server alone serves until it closes (`<file>.lock`). */
  stateFile: string;
  env(): LocalTenantEnv;
  requests(): RequestCounts;
  resetRequests(): void;
  /** Writes the changes not yet saved to the state file now (saves are spaced out: TenantStore.save). */
  saveState(): void;
  setFaults(faults: Faults): void;
  /** Gives the tenant a paid feature (see TenantState.entitlements), as Auth0 support would. */
  entitle(feature: string): void;
  close(): Promise<void>;
}

/**
 * Starts the offline stand-in for the Auth0 Management API on 127.0.0.1 (HTTPS, self-signed CA) and
 * resolves once it listens.
 */
export async function startLocalTenant(options: LocalTenantOptions = {}): Promise<LocalTenant> {
  const stateFile = path.resolve(options.stateFile ?? DEFAULT_STATE_FILE);
  const tls = options.tls ?? createTlsMaterial(path.dirname(stateFile));
  const router = createRouter({ actionBuildMs: options.actionBuildMs ?? 200 });
  const deployScopes = [...new Set(router.list().map((route) => route.scope))];
  const log = new RequestLog();
  const controlToken = newSecretKey();
  const faults = { current: { ...options.faults }, random: faultRandom({ ...options.faults }) };
  const perSecond = options.rateLimit?.perSecond;
  if (perSecond !== undefined && !(Number.isInteger(perSecond) && perSecond >= 1)) {
    throw new RangeError(`rateLimit.perSecond must be a whole number of at least 1, not ${perSecond}`);
  }
  const rateLimiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const server = https.createServer({ cert: tls.cert, key: tls.key });
  // Node closes an idle connection after 5 s, just as a client reuses it after a pause (a deploy between
  // its plan and its writes): seen as a dropped connection. Auth0 keeps them open far longer.
  server.keepAliveTimeout = 60_000;
  const requestedPort = options.port ?? DEFAULT_PORT;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, '127.0.0.1', () => {
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
    store = TenantStore.open({
      file: stateFile,
      reset: options.reset ?? false,
      domain,
      deployScopes,
      ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    });
  } catch (error) {
    lock?.release();
    server.close();
    throw error;
  }
  const heldLock = lock;
  writeControlToken(stateFile, controlToken);
  if (options.seedUsers && seedUsers(store.state, options.seedUsers) > 0) store.save();
  const receiverPort = options.logStreamPort ?? logStreamPortFor(requestedPort);
  let receiver: LogReceiver;
  try {
    receiver = await startLogReceiver({
      port: receiverPort,
      streams: () => itemsIn(store.state, 'logStreams'),
    });
  } catch (error) {
    heldLock.release();
    server.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    throw new LogStreamPortError(
      `cannot listen on 127.0.0.1:${receiverPort} for the log stream receiver (${code}); pick another with --log-stream-port`,
    );
  }
  // The services our tenant calls out to, on this same server (the login flow is handed `social.provider`).
  const [legacyStore, userSync] = [legacyStoreStandIn(), userSyncStandIn()];
  const social = socialIdentityProviderStandIn({ domain });
  const riskProfiles = new RiskProfiles();
  const loginTraces = new LoginTraces();
  const loginServices =
    options.loginServices ??
    createLoginServices({
      store,
      caFile: tls.caFile,
      social: social.provider,
      riskProfiles,
      streams: () => itemsIn(store.state, 'logStreams'),
    });
  // Attached once the tenant and its receiver are there: no request can arrive before.
  const listener = createListener({
    router,
    log,
    faults,
    domain,
    store,
    controlToken,
    logReceiver: receiver,
    publicRoutes: [
      ...authenticationRoutes(loginServices, loginTraces),
      ...legacyStore.routes,
      ...userSync.routes,
      ...social.routes,
      ...testAppRoutes(),
    ],
    controlRoutes: [
      ...legacyStore.controlRoutes,
      ...userSync.controlRoutes,
      ...riskControlRoutes(riskProfiles),
      ...loginTraceRoutes(loginTraces),
    ],
    ...(rateLimiter ? { rateLimiter } : {}),
  });
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
    logStream: receiver,
    social: social.provider,
    stateFile,
    env: () => ({
      AUTH0_DOMAIN: domain,
      AUTH0_CLIENT_ID: clientId,
      AUTH0_CLIENT_SECRET: clientSecret,
      NODE_EXTRA_CA_CERTS: tls.caFile,
    }),
    requests: () => log.snapshot(),
    saveState: () => store.flush(),
    resetRequests: () => log.reset(),
    setFaults: (next) => {
      faults.current = { ...next };
      faults.random = faultRandom(faults.current);
    },
    entitle: (feature) => {
      const held = store.state.entitlements ?? [];
      if (!held.includes(feature)) store.state.entitlements = [...held, feature];
      store.save();
    },
    close: async () => {
      // Log events still queued reach the receiver before it closes.
      await loginServices.close?.();
      await receiver.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          // The last changes are on disk before another server may take the file.
          store.flush();
          heldLock.release();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
