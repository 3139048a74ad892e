/**
 * The local tenant `npm run login` signs in to, opened as `npm run deploy` opens it: one started in this
 * process for the command (the documented test users seeded, as `npm run local-tenant` does), or the one
 * already serving the port, proven to be the tenant of the state file (engine/running-local-tenant.ts).
 * A tenant this process did not start lends its control token through the file it writes beside its state.
 */
import type { Credentials } from '../engine/choose';
import { findRunningLocalTenant } from '../engine/running-local-tenant';
import { TEST_USERS } from '../local-tenant/authentication/seed-users';
import { controlTokenFile, readControlToken } from '../local-tenant/control-token';
import { DEFAULT_PORT, DEFAULT_STATE_FILE, startLocalTenant } from '../local-tenant/local-tenant';
import { UserError } from '../user-error';
import { fetchTrusting, type LoginFetch } from './trusting-fetch';

export interface LocalTenantAccess {
  issuer: URL;
  /** The deploy client's: what reads the clients and APIs through the Management API. */
  credentials: Credentials;
  fetch: LoginFetch;
  /** The bearer token of `/__local/...`, when known. */
  controlToken?: string;
  /** How the report names it: `local tenant 127.0.0.1:8443 (already running)`. */
  label: string;
  close(): Promise<void>;
}

export class LocalTenantAccessError extends UserError {}

export async function openLocalTenant(
  options: { port?: number; stateFile?: string } = {},
): Promise<LocalTenantAccess> {
  const port = options.port ?? DEFAULT_PORT;
  const stateFile = options.stateFile ?? DEFAULT_STATE_FILE;
  try {
    const tenant = await startLocalTenant({ port, stateFile, seedUsers: TEST_USERS });
    return {
      issuer: new URL(`https://${tenant.domain}/`),
      credentials: { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret },
      fetch: fetchTrusting(tenant.caFile),
      controlToken: tenant.controlToken,
      label: `local tenant ${tenant.domain} (started for this command)`,
      close: () => tenant.close(),
    };
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
  }
  const running = await findRunningLocalTenant({ port, stateFile });
  if (!running) {
    throw new LocalTenantAccessError(
      `port ${port} is in use by something that is not the local tenant of ${stateFile}: stop it, or pass the --port and --state it runs with`,
    );
  }
  const controlToken = readControlToken(running.stateFile);
  return {
    issuer: new URL(`https://${running.credentials.domain}/`),
    credentials: running.credentials,
    fetch: fetchTrusting(running.caFile),
    ...(controlToken !== undefined ? { controlToken } : {}),
    label: `local tenant ${running.credentials.domain} (already running)`,
    // Not ours to stop: it was running before this command.
    close: async () => {},
  };
}

/** Why the Actions' traces are missing, for the report. */
export const noControlToken = (stateFile = DEFAULT_STATE_FILE): string =>
  `no control token in ${controlTokenFile(stateFile)}: the Actions' traces are not shown`;
