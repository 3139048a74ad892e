import path from 'node:path';
import { type LocalTenant, type LocalTenantOptions, startLocalTenant } from '../local-tenant/local-tenant';
import { type Credentials, type TargetChoice, TargetError } from './choose';
import { findRunningLocalTenant } from './running-local-tenant';

/** An open connection to the tenant a command works on. */
export interface Target {
  /** How headings name it: the domain, or `local tenant 127.0.0.1:8443`. */
  label: string;
  credentials: Credentials;
  /**
   * The certificate authority the local tenant's certificate is from: the engine trusts it alone. A real
   * tenant has none: Node's own authorities, and NODE_EXTRA_CA_CERTS where a proxy needs it.
   */
  caFile?: string;
  /** Stops what the command started (the local tenant); keeps its state for the next run. */
  close(): Promise<void>;
}

/**
 * Opens the chosen target. The local tenant is started in this process for the length of the command
 * (its state is kept in .local-tenant/ between runs); a real tenant needs nothing started.
 */
export async function openTarget(choice: TargetChoice, local: LocalTenantOptions = {}): Promise<Target> {
  if (choice.kind === 'tenant') {
    return { label: choice.credentials.domain, credentials: choice.credentials, close: async () => {} };
  }
  let tenant: LocalTenant;
  try {
    tenant = await startLocalTenant(local);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      const running = await findRunningLocalTenant(local);
      if (running) {
        return {
          label: `local tenant ${running.credentials.domain} (already running), state ${path.relative(process.cwd(), running.stateFile) || running.stateFile}`,
          credentials: running.credentials,
          caFile: running.caFile,
          // Not ours to stop: it was running before this command.
          close: async () => {},
        };
      }
      throw new TargetError(
        `port ${local.port ?? 8443} is in use by something that is not the local tenant of ${local.stateFile ?? '.local-tenant/state.json'}: stop it, or set AUTH0_DOMAIN, ` +
          'AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and NODE_EXTRA_CA_CERTS to the values it printed',
      );
    }
    throw error;
  }
  return localTarget(tenant);
}

export function localTarget(tenant: LocalTenant, close = () => tenant.close()): Target {
  return {
    label: `local tenant ${tenant.domain}, state ${path.relative(process.cwd(), tenant.stateFile) || tenant.stateFile}`,
    credentials: { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret },
    caFile: tenant.caFile,
    close,
  };
}
