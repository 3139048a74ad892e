/**
 * The organizations read as the engine's deploy-cli makes it: deploy-cli's handler with the engine's
 * patches, through deploy-cli's own paged client, on an in-memory tenant.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  existingOrganizations,
  type OrganizationsSdkTenant,
  organizationsSdkTenant,
  statusError,
} from '../../test/engine/organizations-sdk-tenant';
import { readForPlan, stopOrganizationsRead } from './deploy-cli-organizations-read';
import './engine-modules';

const require = createRequire(import.meta.url);
const OrganizationsHandler = (
  require('auth0-deploy-cli/lib/tools/auth0/handlers/organizations') as {
    default: new (options: {
      client: unknown;
      config: (key: string) => unknown;
    }) => {
      getType(): Promise<{ name: string }[]>;
    };
  }
).default;
const pagedClient = (
  require('auth0-deploy-cli/lib/tools/auth0/client') as { default: (client: unknown) => unknown }
).default;

function reader(tenant: OrganizationsSdkTenant, { forPlan = true } = {}) {
  const handler = new OrganizationsHandler({ client: pagedClient(tenant.client), config: () => undefined });
  if (forPlan) readForPlan([handler]);
  return handler;
}

const unavailable = () => statusError(503, 'Service Unavailable');
const later = () => new Promise((resolve) => setTimeout(resolve, 100));
const pagesListed = (tenant: OrganizationsSdkTenant) =>
  tenant.calls.filter((call) => call.startsWith('GET /organizations from'));

describe('the organizations read', () => {
  it('answers a second ask while it runs with the same read, each organization read once', async () => {
    const tenant = organizationsSdkTenant({ organizations: existingOrganizations(60) });
    const handler = reader(tenant, { forPlan: false });

    const [first, second] = await Promise.all([handler.getType(), handler.getType()]);

    expect(second).toBe(first);
    expect(first.map((organization) => organization.name)).toEqual(tenant.organizations.map((o) => o.name));
    expect(pagesListed(tenant)).toEqual(['GET /organizations from 0', 'GET /organizations from 50']);
    expect(tenant.calls.filter((call) => call === 'GET /organizations/org_e0/client-grants')).toHaveLength(1);
  });

  it('reads again when asked after a read that failed', async () => {
    const tenant = organizationsSdkTenant({
      organizations: existingOrganizations(3),
      refuse: { 'GET /organizations/org_e1/connections': unavailable() },
    });
    const handler = reader(tenant);
    await expect(handler.getType()).rejects.toThrow('503');
    tenant.calls.length = 0;

    await expect(handler.getType()).rejects.toThrow('503');
    expect(pagesListed(tenant)).toEqual(['GET /organizations from 0']);
  });
});

describe('the organizations read, when a call fails', () => {
  it('leaves out an organization removed between the list and its own reads, and reads the rest', async () => {
    const tenant = organizationsSdkTenant({
      organizations: existingOrganizations(3),
      refuse: { 'GET /organizations/org_e1/connections': statusError(404, 'Not Found') },
    });

    const read = await reader(tenant, { forPlan: false }).getType();

    expect(read.map((organization) => organization.name)).toEqual(['e0', 'e2']);
    expect(tenant.calls).toContain('GET /organizations/org_e2/client-grants');
  });

  it('makes no call after a page of the list fails', async () => {
    const tenant = organizationsSdkTenant({
      organizations: existingOrganizations(120),
      refuse: { 'GET /organizations from 50': unavailable() },
    });

    await expect(reader(tenant).getType()).rejects.toThrow('503');
    const atFailure = tenant.calls.length;
    await later();

    expect(tenant.calls.slice(atFailure)).toEqual([]);
  });

  it("reports an organization's failed read before the list's last page", async () => {
    const tenant = organizationsSdkTenant({
      organizations: existingOrganizations(150),
      refuse: { 'GET /organizations/org_e0/connections': unavailable() },
      slow: (label) => (label.startsWith('GET /organizations from') ? 20 : 0),
    });

    await expect(reader(tenant).getType()).rejects.toThrow('503');
    const atFailure = tenant.calls.length;
    await later();

    // The second page was asked for with the first one's organizations; the third never is.
    expect(pagesListed(tenant)).toEqual(['GET /organizations from 0', 'GET /organizations from 50']);
    expect(tenant.calls.slice(atFailure)).toEqual([]);
  });

  it('stops when the apply stops it, with the reason given', async () => {
    const tenant = organizationsSdkTenant({
      organizations: existingOrganizations(40),
      slow: (label) => (label.endsWith('/connections') ? 20 : 0),
    });
    const handler = reader(tenant);

    const read = handler.getType();
    await new Promise((resolve) => setTimeout(resolve, 10));
    stopOrganizationsRead(handler, new Error('the apply stopped'));

    await expect(read).rejects.toThrow('the apply stopped');
    await later();
    expect(tenant.calls.filter((call) => call.endsWith('/connections')).length).toBeLessThan(40);
  });
});
