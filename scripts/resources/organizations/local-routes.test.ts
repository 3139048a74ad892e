import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { clientGrantRoutes } from '../../local-tenant/api/client-grants';
import { clientRoutes } from '../../local-tenant/api/clients';
import { connectionRoutes } from '../../local-tenant/api/connections';
import { organizationClientGrantAssociations, organizationRoutes } from './local-routes';

let tenant: ReturnType<typeof serveInProcess> | undefined;
afterEach(() => tenant?.close());

/** A local tenant with one database connection, `acme-users`. */
async function tenantWithDatabase() {
  tenant = serveInProcess([...organizationRoutes, ...connectionRoutes]);
  const database = await tenant.call('POST', '/connections', { name: 'acme-users', strategy: 'auth0' });
  return { ...tenant, connectionId: String(database.body.id) };
}

describe("the local tenant's organizations", () => {
  it('creates an organization with what Auth0 fills in, and lists it by checkpoint as deploy-cli asks', async () => {
    const { call } = await tenantWithDatabase();

    const created = await call('POST', '/organizations', { name: 'acme', display_name: 'Acme' });
    const listed = await call('GET', '/organizations?include_totals=true&take=50');

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^org_[A-Za-z0-9]{16}$/),
      name: 'acme',
      display_name: 'Acme',
      third_party_client_access: 'block',
      is_app_entitlement_active: false,
    });
    expect(listed).toEqual({ status: 200, body: { organizations: [created.body] } });
  });

  it('refuses a second organization of the same name with 409, and a name with capitals with 400', async () => {
    const { call } = await tenantWithDatabase();
    await call('POST', '/organizations', { name: 'acme' });

    const again = await call('POST', '/organizations', { name: 'acme' });
    const capitals = await call('POST', '/organizations', { name: 'Acme' });

    expect(again.status).toBe(409);
    expect(again.body.message).toBe('An organization with this name already exists.');
    expect(capitals.status).toBe(400);
    expect(capitals.body.errorCode).toBe('invalid_body');
  });

  it('enables a connection, answers it with its name and strategy, changes and removes it', async () => {
    const { call, connectionId } = await tenantWithDatabase();
    const organization = (await call('POST', '/organizations', { name: 'acme' })).body.id;
    const path = `/organizations/${organization}/connections`;

    const enabled = await call('POST', path, {
      connection_id: connectionId,
      assign_membership_on_login: true,
    });
    const twice = await call('POST', path, { connection_id: connectionId });
    const changed = await call('PATCH', `${path}/${connectionId}`, { is_signup_enabled: true });
    const legacy = await call('GET', `/organizations/${organization}/enabled_connections`);
    const removed = await call('DELETE', `${path}/${connectionId}`);
    const listed = await call('GET', `${path}?page=0&per_page=50&include_totals=true`);

    expect(enabled).toEqual({
      status: 201,
      body: {
        connection_id: connectionId,
        assign_membership_on_login: true,
        show_as_button: true,
        is_signup_enabled: false,
        is_enabled: true,
        connection: { name: 'acme-users', strategy: 'auth0' },
      },
    });
    expect(twice.status).toBe(409);
    expect(changed.body.is_signup_enabled).toBe(true);
    expect(legacy.body).toEqual([
      {
        connection_id: connectionId,
        assign_membership_on_login: true,
        show_as_button: true,
        is_signup_enabled: true,
        connection: { name: 'acme-users', strategy: 'auth0' },
      },
    ]);
    expect(removed.status).toBe(204);
    expect(listed.body).toEqual({ connections: [], start: 0, limit: 50, total: 0 });
  });

  it('refuses a connection the tenant does not have, and forgets one the tenant deletes', async () => {
    const { call, connectionId } = await tenantWithDatabase();
    const organization = (await call('POST', '/organizations', { name: 'acme' })).body.id;
    const path = `/organizations/${organization}/connections`;

    const unknown = await call('POST', path, { connection_id: 'con_0000000000000000' });
    await call('POST', path, { connection_id: connectionId });
    await call('DELETE', `/connections/${connectionId}`);
    const listed = await call('GET', path);

    expect(unknown.status).toBe(404);
    expect(listed.body).toEqual([]);
  });

  it("answers an organization's client grants with an empty page, and 404 for an unknown organization", async () => {
    const { call } = await tenantWithDatabase();
    const organization = (await call('POST', '/organizations', { name: 'acme' })).body.id;

    const grants = await call('GET', `/organizations/${organization}/client-grants?include_totals=true`);
    const missing = await call('GET', '/organizations/org_0000000000000000/client-grants');

    expect(grants.body).toEqual({ client_grants: [], start: 0, limit: 50, total: 0 });
    expect(missing.status).toBe(404);
  });

  it('associates a client grant made elsewhere, lists it, removes it, and forgets one the tenant deletes', async () => {
    const { call, grant } = await tenantWithClientGrant();
    const organization = (await call('POST', '/organizations', { name: 'acme' })).body.id;
    const path = `/organizations/${organization}/client-grants`;

    const associated = await call('POST', path, { grant_id: grant.id });
    const twice = await call('POST', path, { grant_id: grant.id });
    const unknown = await call('POST', path, { grant_id: 'cgr_0000000000000000' });
    const listed = await call('GET', `${path}?page=0&per_page=50&include_totals=true`);
    const shownOrganization = await call('GET', `/organizations/${organization}`);

    expect(associated).toEqual({
      status: 201,
      body: {
        id: grant.id,
        client_id: grant.client_id,
        audience: 'https://127.0.0.1:8443/api/v2/',
        scope: ['read:users'],
      },
    });
    expect([twice.status, unknown.status]).toEqual([409, 404]);
    expect(listed.body).toEqual({ client_grants: [associated.body], start: 0, limit: 50, total: 1 });
    expect(Object.keys(shownOrganization.body)).not.toContain('client_grants');
    expect((await call('DELETE', `${path}/${grant.id}`)).status).toBe(204);
    expect((await call('GET', path)).body).toEqual([]);

    await call('POST', path, { grant_id: grant.id });
    await call('DELETE', `/client-grants/${grant.id}`);
    expect((await call('GET', path)).body).toEqual([]);
  });
});

/** A local tenant with a machine client, `Reports`, granted `read:users` on the Management API. */
async function tenantWithClientGrant() {
  tenant = serveInProcess([
    ...organizationRoutes,
    ...organizationClientGrantAssociations,
    ...clientRoutes,
    ...clientGrantRoutes,
  ]);
  const reports = await tenant.call('POST', '/clients', { name: 'Reports', app_type: 'non_interactive' });
  const grant = await tenant.call('POST', '/client-grants', {
    client_id: reports.body.client_id,
    audience: 'https://127.0.0.1:8443/api/v2/',
    scope: ['read:users'],
  });
  return { ...tenant, grant: grant.body };
}
