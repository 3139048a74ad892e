/**
 * A tenant read for adoption: deploy-cli's own export of it (the engine's dump, into a temporary folder
 * removed afterwards), after making sure the credentials cannot write: adopt only reads, and a client
 * that could change the tenant should not be handed to a command that does not need it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { formatTraffic } from '../deploy/traffic-report';
import type { Credentials } from '../engine/choose';
import { startEngine } from '../engine/engine-session';
import type { Target } from '../engine/open';
import { RESOURCE_TYPES } from '../resources/index';
import { UserError } from '../user-error';
import { readExportFolder, type TenantExport } from './tenant-export';

export class AdoptCredentialsError extends UserError {}

/** The Management API scopes adopt reads with: each managed type's read scopes. */
export const ADOPT_READ_SCOPES: readonly string[] = [
  ...new Set(RESOURCE_TYPES.flatMap((type) => type.scopes.read)),
].sort();

const WRITE_SCOPE = /^(create|update|delete):/;

/** Signs in and refuses a token that carries any scope that writes. */
export async function refuseWritingCredentials(credentials: Credentials): Promise<void> {
  const base = `https://${credentials.domain}`;
  let answer: { status: number; text: string };
  try {
    answer = await post(`${base}/oauth/token`, {
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      audience: `${base}/api/v2/`,
    });
  } catch (error) {
    throw new AdoptCredentialsError(
      `could not reach ${credentials.domain} to sign in: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let body: { scope?: unknown; error_description?: unknown } = {};
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {}
  if (answer.status !== 200) {
    throw new AdoptCredentialsError(
      `${credentials.domain} refused the credentials (${answer.status}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}): use a machine client with a grant on the Management API`,
    );
  }
  const scopes = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [];
  const writing = scopes.filter((scope) => WRITE_SCOPE.test(scope));
  if (writing.length > 0) {
    const shown =
      writing.slice(0, 6).join(', ') + (writing.length > 6 ? ` and ${writing.length - 6} more` : '');
    throw new AdoptCredentialsError(
      `the ${credentials.domain} credentials can write (${shown}): adopt only reads, so give it a client whose ` +
        `Management API grant has read scopes only: ${ADOPT_READ_SCOPES.join(' ')}`,
    );
  }
}

/** A JSON POST through node:https, which trusts NODE_EXTRA_CA_CERTS (the local tenant's CA) as deploy-cli does. */
function post(url: string, payload: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 30_000 },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer in 30 s')));
    request.on('error', reject);
    request.end(JSON.stringify(payload));
  });
}

/** deploy-cli's export of the target, read back as adopt's input. */
export async function readTenant(
  env: string,
  target: Target,
  options: { local: boolean; onProgress: (line: string) => void; rateShare?: number },
): Promise<TenantExport> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'auth0-adopt-export-'));
  const engine = await startEngine({
    target,
    onProgress: options.onProgress,
    ...(options.rateShare === undefined ? {} : { rateShare: options.rateShare }),
  });
  try {
    const types = [...new Set(RESOURCE_TYPES.map((type) => type.handler))];
    const { traffic } = await engine.dump(folder, types);
    options.onProgress(`${env}: ${formatTraffic(traffic)}`);
    return readExportFolder(folder, env, {
      domain: target.credentials.domain,
      label: target.label,
      deployClientId: target.credentials.clientId,
      local: options.local,
    });
  } finally {
    await engine.close();
    await rm(folder, { recursive: true, force: true });
  }
}
