/**
 * Broken input is a mistake to fix, not a crash: a damaged state file is refused at start with the file
 * and the entry named, and a token the tenant signed but that claims no usable scope is answered as
 * Auth0 answers it, never with a 500 and a stack trace.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateFileError, startLocalTenant } from '../../scripts/local-tenant';
import type { SigningKeyRecord } from '../../scripts/local-tenant/authentication/signing-key';
import { signJwt } from '../../scripts/local-tenant/authentication/tokens';
import { localTenantCli } from './cli-process';
import { httpClient } from './http-client';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-broken-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type State = Record<string, unknown> & { clients: unknown[]; clientGrants: unknown[] };

/** A state file the tenant wrote, then edited by `edit`. */
async function editedStateFile(name: string, edit: (state: State) => void): Promise<string> {
  const stateFile = path.join(dir, name, 'state.json');
  await (await startLocalTenant({ port: 0, stateFile })).close();
  const state = JSON.parse(await readFile(stateFile, 'utf8')) as State;
  edit(state);
  await writeFile(stateFile, JSON.stringify(state, null, 2));
  return stateFile;
}

describe('a damaged state file', () => {
  it.each<[string, (state: State) => void, string]>([
    ['a null client', (state) => state.clients.unshift(null), '"clients[0]" must be an object, not null'],
    [
      'a null grant',
      (state) => state.clientGrants.push(null),
      '"clientGrants[1]" must be an object, not null',
    ],
    [
      'a grant without its scope list',
      (state) => delete (state.clientGrants[0] as Record<string, unknown>).scope,
      '"clientGrants[0]" has no "scope"',
    ],
    [
      'a client id that is not a string',
      (state) => state.clients.push({ client_id: 42 }),
      '"clients[2].client_id" must be a string, not integer',
    ],
    ['roles that are not a list', (state) => Object.assign(state, { roles: {} }), '"roles" must be an array'],
  ])('with %s is refused, naming the file and the entry', async (story, edit, problem) => {
    const stateFile = await editedStateFile(story.replace(/ /g, '-'), edit);

    const start = startLocalTenant({ port: 0, stateFile });

    await expect(start).rejects.toThrow(StateFileError);
    await expect(start).rejects.toThrow(`${stateFile}: is not a local tenant state file: ${problem}`);
  });

  it('stops npm run local-tenant with one line and exit 1, before it prints any credentials', async () => {
    const stateFile = await editedStateFile('cli', (state) => state.clients.unshift(null));

    const cli = localTenantCli(['--port', '0', '--state', stateFile]);

    expect(await cli.exit).toBe(1);
    expect(cli.stdout()).toBe('');
    expect(cli.stderr().trim().split('\n')).toEqual([
      `error: ${stateFile}: is not a local tenant state file: "clients[0]" must be an object, not null; ` +
        'fix or delete the file, or start with --reset to begin with an empty tenant',
    ]);
  });
});

describe('a token the tenant signed', () => {
  it('without a scope is refused 403 insufficient_scope, and with a scope that is no string 401', async () => {
    const stateFile = path.join(dir, 'tokens', 'state.json');
    const tenant = await startLocalTenant({ port: 0, stateFile });
    const { tokenSigningKey } = JSON.parse(await readFile(stateFile, 'utf8')) as {
      tokenSigningKey: SigningKeyRecord;
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `https://${tenant.domain}/`,
      sub: `${tenant.clientId}@clients`,
      aud: `https://${tenant.domain}/api/v2/`,
      iat: now,
      exp: now + 600,
      gty: 'client-credentials',
      azp: tenant.clientId,
    };
    const api = httpClient(tenant);
    const callWith = (payload: Record<string, unknown>) =>
      api.send('GET', '/api/v2/clients', undefined, { token: signJwt(payload, tokenSigningKey) });

    const withoutScope = await callWith(claims);
    const numberScope = await callWith({ ...claims, scope: 7 });
    await tenant.close();

    expect(withoutScope).toMatchObject({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient scope, expected any of: read:clients',
        errorCode: 'insufficient_scope',
      },
    });
    expect(numberScope).toMatchObject({ status: 401, body: { statusCode: 401, message: 'Invalid token' } });
  });
});
