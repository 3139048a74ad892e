import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type LocalTenant, type LocalTenantOptions, startLocalTenant } from '../../scripts/local-tenant';
import { httpClient } from './http-client';

export interface TenantForFile {
  tenant: LocalTenant;
  api: ReturnType<typeof httpClient>;
  /** A Management API token of the deploy client. */
  token: string;
  /** The folder the state lives in, removed after the file's tests. */
  dir: string;
}

/** One local tenant for the tests of a file: started before them, stopped and removed after. */
export function tenantPerFile(name: string, options: LocalTenantOptions = {}): TenantForFile {
  const local = {} as TenantForFile;
  beforeAll(async () => {
    local.dir = await mkdtemp(path.join(tmpdir(), `local-tenant-${name}-`));
    local.tenant = await startLocalTenant({
      port: 0,
      stateFile: path.join(local.dir, 'state.json'),
      ...options,
    });
    local.api = httpClient(local.tenant);
    local.token = await local.api.token();
  });
  afterAll(async () => {
    await local.tenant?.close();
    if (local.dir) await rm(local.dir, { recursive: true, force: true });
  });
  return local;
}
