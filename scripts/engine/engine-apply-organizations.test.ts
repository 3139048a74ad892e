/**
 * The organizations step as engine-apply.ts runs it: deploy-cli's real handlers, with the engine's
 * patches, on an in-memory tenant (test/engine/organizations-sdk-tenant.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  engineOn,
  existingOrganizations,
  type OrganizationsSdkTenant,
  organizationsSdkTenant,
  REPORTS_GRANT,
  statusError,
  storedOrganization,
} from '../../test/engine/organizations-sdk-tenant';
import type { TenantState } from '../plan/types';
import { writeThroughDeployCli } from './engine-apply';
import { logger } from './engine-modules';
import type { EngineCounts } from './protocol';

/** An organization as the tenant file holds it: its own fields and its enabled connections. */
const fileOrganization = (name: string, fields: Record<string, unknown> = {}) => ({
  name,
  display_name: name,
  connections: [{ name: 'google', show_as_button: true }],
  ...fields,
});

async function deploy(tenant: OrganizationsSdkTenant, assets: Record<string, unknown>) {
  const counts: Record<string, EngineCounts> = {};
  await writeThroughDeployCli(engineOn(tenant), assets as TenantState, {}, counts);
  return counts;
}

const connectionReads = (tenant: OrganizationsSdkTenant) =>
  tenant.calls.filter((call) => /^GET \/organizations\/org_\w+\/connections$/.test(call));

describe('an organization updated through deploy-cli, with parts the file does not hold', () => {
  it('keeps the client grants associated with it', async () => {
    const acme = storedOrganization('acme', { client_grants: [REPORTS_GRANT] });
    const tenant = organizationsSdkTenant({ organizations: [acme] });

    const counts = await deploy(tenant, {
      organizations: [fileOrganization('acme', { display_name: 'Acme Inc' })],
    });

    expect(tenant.organizations).toEqual([
      { ...acme, display_name: 'Acme Inc', connections: [expect.objectContaining({ show_as_button: true })] },
    ]);
    expect(tenant.calls.filter((call) => call.startsWith('DELETE'))).toEqual([]);
    expect(counts.organizations).toEqual({ created: 0, updated: 1, deleted: 0 });
  });

  it('succeeds without the scope to remove an association, since it asks for no removal', async () => {
    const tenant = organizationsSdkTenant({
      organizations: [storedOrganization('acme', { client_grants: [REPORTS_GRANT] })],
      refuse: {
        'DELETE /organizations/org_acme/client-grants/cgr_reports': statusError(403, 'Insufficient scope'),
      },
    });

    const counts = await deploy(tenant, {
      organizations: [fileOrganization('acme', { display_name: 'Acme Inc' })],
    });

    expect(counts.organizations?.updated).toBe(1);
    expect(tenant.organizations[0]?.client_grants).toEqual([REPORTS_GRANT]);
  });

  it('keeps its application associations, and warns of no removal', async () => {
    const reports = { client_id: 'cli_reports', use_for_member_access: true };
    const tenant = organizationsSdkTenant({
      organizations: [storedOrganization('acme', { clients: [reports] })],
    });
    const warn = vi.spyOn(logger as unknown as { warn(line: unknown): void }, 'warn');

    await deploy(tenant, { organizations: [fileOrganization('acme', { display_name: 'Acme Inc' })] });

    expect(tenant.organizations[0]?.clients).toEqual([reports]);
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([]);
  });
});

describe('new organizations, created ahead of their step', () => {
  it("reads the tenant's organizations once, and creates and counts the new one once", async () => {
    const tenant = organizationsSdkTenant({ organizations: existingOrganizations(20) });

    const counts = await deploy(tenant, { organizations: [fileOrganization('acme')] });

    expect(tenant.calls.filter((call) => call.startsWith('POST /organizations '))).toEqual([
      'POST /organizations acme',
    ]);
    expect(connectionReads(tenant).filter((call) => call.includes('org_e0'))).toHaveLength(1);
    expect(tenant.organizations.at(-1)).toMatchObject({
      name: 'acme',
      connections: [{ show_as_button: true }],
    });
    expect(counts.organizations).toEqual({ created: 1, updated: 0, deleted: 0 });
  });

  it('creates the new one once when the read of the organizations is slow', async () => {
    const tenant = organizationsSdkTenant({
      organizations: existingOrganizations(4),
      slow: (label) => (label.endsWith('/connections') && label.startsWith('GET') ? 40 : 0),
    });

    const counts = await deploy(tenant, { organizations: [fileOrganization('acme')] });

    expect(tenant.calls.filter((call) => call.startsWith('POST /organizations '))).toHaveLength(1);
    expect(counts.organizations?.created).toBe(1);
  });
});

describe('new organizations, when another step of the apply fails', () => {
  const refusedRole = () => ({ refuse: { 'POST /roles Auditor': statusError(403, 'Insufficient scope') } });
  const withARole = (organizations: string[]) => ({
    roles: [{ name: 'Auditor', description: 'Reads the audit log' }],
    organizations: organizations.map((name) => fileOrganization(name)),
  });

  it('reports the organizations it created before the failure as created', async () => {
    // The roles list takes long enough for the creates ahead to be made.
    const tenant = organizationsSdkTenant({
      ...refusedRole(),
      slow: (label) => (label === 'GET /roles' ? 30 : 0),
    });
    const counts: Record<string, EngineCounts> = {};

    await expect(
      writeThroughDeployCli(engineOn(tenant), withARole(['a', 'b', 'c', 'd']) as TenantState, {}, counts),
    ).rejects.toThrow(/Problem creating roles/);

    expect(tenant.organizations.map((organization) => organization.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(counts.organizations?.created).toBe(4);
  });

  it("reports the failure without reading the rest of the tenant's organizations", async () => {
    const tenant = organizationsSdkTenant({
      ...refusedRole(),
      organizations: existingOrganizations(40),
      slow: (label) => (label.startsWith('GET /organizations/') ? 20 : 0),
    });

    await expect(deploy(tenant, withARole(['acme']))).rejects.toThrow(/Problem creating roles/);
    const atFailure = tenant.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(connectionReads(tenant).length).toBeLessThan(40);
    expect(tenant.calls.slice(atFailure)).toEqual([]);
    expect(tenant.organizations.map((organization) => organization.name)).not.toContain('acme');
  });

  it('converges when run again: no organization created twice, and their connections added', async () => {
    const tenant = organizationsSdkTenant({
      ...refusedRole(),
      slow: (label) => (label === 'GET /roles' ? 30 : 0),
    });
    await deploy(tenant, withARole(['a', 'b'])).catch(() => undefined);
    const afterFailure = tenant.organizations.map((organization) => organization.connections.length);
    tenant.calls.length = 0;

    const counts = await deploy(tenant, { organizations: withARole(['a', 'b']).organizations });

    expect(afterFailure).toEqual([0, 0]);
    expect(tenant.calls.filter((call) => call.startsWith('POST /organizations '))).toEqual([]);
    expect(tenant.organizations.map((organization) => organization.connections.length)).toEqual([1, 1]);
    expect(counts.organizations).toEqual({ created: 0, updated: 2, deleted: 0 });
  });
});
