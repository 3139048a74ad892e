/**
 * `npm run local-tenant` may already be serving the local tenant's port (to watch its request log, say).
 * Rather than fail, a command then works against that server, provided it proves to be the local tenant
 * of this state file: its certificate is signed by the CA beside the state, and it takes the deploy
 * client's secret kept in that state.
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import path from 'node:path';
import { DEFAULT_PORT, DEFAULT_STATE_FILE } from '../local-tenant/local-tenant';
import type { Credentials } from './choose';

export interface RunningLocalTenant {
  credentials: Credentials;
  caFile: string;
  stateFile: string;
}

interface SavedState {
  deployClientId?: unknown;
  clients?: Array<{ client_id?: unknown; client_secret?: unknown }>;
}

export async function findRunningLocalTenant(
  options: { port?: number; stateFile?: string } = {},
): Promise<RunningLocalTenant | undefined> {
  const stateFile = path.resolve(options.stateFile ?? DEFAULT_STATE_FILE);
  const caFile = path.join(path.dirname(stateFile), 'ca.pem');
  let state: SavedState;
  let ca: string;
  try {
    state = JSON.parse(await readFile(stateFile, 'utf8')) as SavedState;
    ca = await readFile(caFile, 'utf8');
  } catch {
    return undefined;
  }
  const client = state.clients?.find((candidate) => candidate.client_id === state.deployClientId);
  if (typeof client?.client_id !== 'string' || typeof client.client_secret !== 'string') return undefined;
  const credentials = {
    domain: `127.0.0.1:${options.port ?? DEFAULT_PORT}`,
    clientId: client.client_id,
    clientSecret: client.client_secret,
  };
  return (await takesCredentials(credentials, ca)) ? { credentials, caFile, stateFile } : undefined;
}

/** Whether the server at the domain, trusted through `ca` only, issues a Management API token. */
function takesCredentials(credentials: Credentials, ca: string): Promise<boolean> {
  const body = JSON.stringify({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    audience: `https://${credentials.domain}/api/v2/`,
  });
  const [host, port] = credentials.domain.split(':');
  return new Promise((resolve) => {
    const asking = request(
      {
        host,
        port: Number(port),
        path: '/oauth/token',
        method: 'POST',
        ca,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 3000,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    asking.on('timeout', () => asking.destroy());
    asking.on('error', () => resolve(false));
    asking.end(body);
  });
}
