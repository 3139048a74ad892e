/**
 * A tenant larger than offset paging reaches (issue 15, "Paging"): 3,000 clients and 1,500 organizations,
 * seeded straight into the local tenant's state file (deploying them would take minutes), read back
 * through the engine's read, the one plan, deploy and export use. Auth0 refuses an organizations page
 * past the 1,000th record; deploy-cli's handlers must page clients by offset and organizations by
 * checkpoint to see every one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../../scripts/engine/engine-session';
import type { LocalTenant } from '../../scripts/local-tenant';
import { newClientId, newClientSecret, newOrganizationId } from '../../scripts/local-tenant/ids';
import { newClientDefaults } from '../../scripts/local-tenant/state/client-defaults';
import { startTestTenant } from '../deploy/workspace';
import { httpClient } from './http-client';

const CLIENTS = 3000;
const ORGANIZATIONS = 1500;

let tenant: LocalTenant;
let seedDir: string | undefined;
let api: ReturnType<typeof httpClient>;
let token: string;

/** A fresh tenant's state, with the generated clients and organizations added, as a state file to start from. */
async function seededStateFile(): Promise<string> {
  const empty = await startTestTenant();
  const state = JSON.parse(await readFile(empty.stateFile, 'utf8')) as {
    tenantName: string;
    clients: Record<string, unknown>[];
    organizations?: Record<string, unknown>[];
  };
  await empty.close();
  for (let index = 0; index < CLIENTS; index++) {
    state.clients.push({
      ...newClientDefaults(state.tenantName),
      name: `app-${index}`,
      app_type: 'regular_web',
      client_id: newClientId(),
      client_secret: newClientSecret(),
    });
  }
  state.organizations = Array.from({ length: ORGANIZATIONS }, (_, index) => ({
    id: newOrganizationId(),
    name: `org-${index}`,
    display_name: `Customer ${index}`,
    third_party_client_access: 'block',
    is_app_entitlement_active: false,
  }));
  seedDir = await mkdtemp(path.join(os.tmpdir(), 'paging-seed-'));
  const file = path.join(seedDir, 'state.json');
  await writeFile(file, JSON.stringify(state));
  return file;
}

beforeAll(async () => {
  tenant = await startTestTenant({ from: await seededStateFile() });
  api = httpClient(tenant);
  token = await api.token();
});

const get = (route: string) => api.send('GET', `/api/v2${route}`, undefined, { token });
afterAll(async () => {
  await tenant?.close();
  if (seedDir) await rm(seedDir, { recursive: true, force: true });
});

describe('a tenant beyond 1,000 items of a type', () => {
  it('refuses an organizations offset page past the 1,000th record, and pages on by checkpoint', async () => {
    expect((await get('/organizations?page=9&per_page=100')).status).toBe(200);
    const beyond = await get('/organizations?page=10&per_page=100');
    expect({ status: beyond.status, body: beyond.body }).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message:
          'Requesting page 10 exceeds the allowed maximum of 1000 records. To fetch results beyond 1000, use the checkpoint pagination method.',
      },
    });
    const names: string[] = [];
    let from = '';
    do {
      const page = await get(`/organizations?take=100${from ? `&from=${from}` : ''}`);
      names.push(...(page.body.organizations as { name: string }[]).map((organization) => organization.name));
      from = (page.body.next as string | undefined) ?? '';
    } while (from);
    expect(new Set(names).size).toBe(ORGANIZATIONS);
  });

  it('is read back whole by the engine: every client by offset, every organization by checkpoint', async () => {
    const engine = await startEngine({
      target: {
        label: `local tenant ${tenant.domain}`,
        credentials: { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret },
        caFile: tenant.caFile,
        close: async () => {},
      },
      onProgress: () => {},
    });
    try {
      const { state } = await engine.read(['clients', 'organizations']);
      const clients = (state.clients ?? []) as { name: string }[];
      const organizations = (state.organizations ?? []) as { name: string }[];
      // Ours, the deploy client (which the engine leaves out) and the tenant's global client aside.
      expect(clients.filter((client) => client.name.startsWith('app-'))).toHaveLength(CLIENTS);
      expect(new Set(organizations.map((organization) => organization.name)).size).toBe(ORGANIZATIONS);
    } finally {
      await engine.close();
    }
    // deploy-cli reads each organization's connections, grants, domains and clients one request at a
    // time after the list: 6,000 sequential requests, most of this test's time.
  }, 120_000);
});
