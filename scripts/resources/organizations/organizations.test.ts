import { describe, expect, it } from 'vitest';
import { writeTenantFiles } from '../../../test/tenant/fixture';
import { planChanges } from '../../plan/plan';
import { checkTenant } from '../../tenant/check';
import { loadTenant } from '../../tenant/load';

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
`;

/** A B2B portal whose users all sign in through their company's organization. */
const PORTAL = `clients:
  - name: Partner Portal
    app_type: regular_web
    oidc_conformant: true
    organization_usage: require
    organization_require_behavior: pre_login_prompt
databases:
  - name: acme-users
    strategy: auth0
    enabled_clients: [Partner Portal]
connections:
  - name: acme-sso
    strategy: samlp
    enabled_clients: [Partner Portal]
organizations:
  - name: acme
    display_name: Acme Corporation
    connections:
      - name: acme-users
        assign_membership_on_login: true
`;

/** The errors the check finds in organizations and in the clients' organization settings (prod rules). */
async function problems(tenantYaml: string) {
  const files = writeTenantFiles({ 'tenant.yaml': tenantYaml, 'environments/prod.yaml': ENVIRONMENT });
  try {
    return checkTenant(await loadTenant({ dir: files.tenantDir, env: 'prod' })).filter(
      (problem) =>
        problem.severity === 'error' &&
        (problem.path.startsWith('organizations') || problem.rule.startsWith('organizations/')),
    );
  } finally {
    files.remove();
  }
}

async function check(tenantYaml: string) {
  return (await problems(tenantYaml)).map(({ rule, line, column }) => ({ rule, line, column }));
}

describe('organizations in the check', () => {
  it('accepts a portal that requires an organization, and an organization that enables its database', async () => {
    expect(await check(PORTAL)).toEqual([]);
  });

  it('accepts an enabled connection declared under connections: rather than databases:', async () => {
    expect(await check(PORTAL.replace('      - name: acme-users\n', '      - name: acme-sso\n'))).toEqual([]);
  });

  it('refuses an enabled connection the tenant file does not have, which deploy-cli would drop silently', async () => {
    const typo = PORTAL.replace('      - name: acme-users\n', '      - name: acme-user\n');

    expect(await check(typo)).toEqual([
      { rule: 'organizations/require-member-connection', line: 5, column: 25 },
      { rule: 'references/unknown-connection', line: 19, column: 15 },
    ]);
    const unknown = (await problems(typo)).find(
      (problem) => problem.rule === 'references/unknown-connection',
    );
    expect(unknown?.message).toBe(
      'organization "acme" names connection "acme-user", which is not in databases: or connections:',
    );
    expect(unknown?.hint).toMatch(/acme-users/);
  });

  it("refuses a name users could not type in the organization prompt (Auth0's lowercase rule)", async () => {
    expect(await check(PORTAL.replace('  - name: acme\n', '  - name: Acme Corp\n'))).toEqual([
      { rule: 'schema/value', line: 16, column: 11 },
    ]);
  });

  it('refuses a field organizations do not have', async () => {
    expect(
      await check(PORTAL.replace('    display_name:', '    members: [alice]\n    display_name:')),
    ).toEqual([{ rule: 'schema/unknown-key', line: 17, column: 5 }]);
  });

  it('refuses two organizations with one name: deploy-cli would match both to one', async () => {
    const twice = `${PORTAL}  - name: acme\n`;
    expect(await check(twice)).toEqual([{ rule: 'references/duplicate-name', line: 21, column: 11 }]);
  });
});

describe("clients' organization settings", () => {
  it('refuses a require behavior on a client that does not require an organization', async () => {
    expect(await check(PORTAL.replace('organization_usage: require', 'organization_usage: allow'))).toEqual([
      { rule: 'organizations/require-behavior', line: 6, column: 36 },
    ]);
  });

  it('refuses the post-login prompt on a client that is not OIDC conformant', async () => {
    const legacy = PORTAL.replace('oidc_conformant: true', 'oidc_conformant: false').replace(
      'pre_login_prompt',
      'post_login_prompt',
    );
    expect(await check(legacy)).toEqual([{ rule: 'organizations/require-behavior', line: 6, column: 36 }]);
  });

  it('refuses requiring an organization on a machine-to-machine client, which has no user logins', async () => {
    expect(await check(PORTAL.replace('app_type: regular_web', 'app_type: non_interactive'))).toEqual([
      { rule: 'organizations/require-interactive', line: 5, column: 25 },
    ]);
  });

  it('refuses requiring an organization when no organization enables any of its connections', async () => {
    const alone = PORTAL.replace('    enabled_clients: [Partner Portal]\n', '');
    expect(await check(alone)).toEqual([
      { rule: 'organizations/require-member-connection', line: 5, column: 25 },
    ]);
  });
});

describe('organizations in the plan', () => {
  const desired = {
    organizations: [
      {
        name: 'acme',
        display_name: 'Acme Corporation',
        connections: [
          { name: 'acme-users', assign_membership_on_login: true },
          { name: 'acme-sso', show_as_button: false },
        ],
      },
    ],
  };
  /** As deploy-cli reads it: ids, each connection with its id and name, every setting, the grants list. */
  const asRead = (assign: boolean) => ({
    organizations: [
      {
        id: 'org_heCvrp0Pkxw4ilGg',
        name: 'acme',
        display_name: 'Acme Corporation',
        third_party_client_access: 'block',
        is_app_entitlement_active: false,
        client_grants: [],
        connections: [
          {
            connection_id: 'con_1',
            assign_membership_on_login: assign,
            show_as_button: true,
            is_signup_enabled: false,
            is_enabled: true,
            connection: { name: 'acme-users', strategy: 'auth0' },
          },
          {
            connection_id: 'con_2',
            assign_membership_on_login: false,
            show_as_button: false,
            is_signup_enabled: false,
            is_enabled: true,
            connection: { name: 'acme-sso', strategy: 'samlp' },
          },
        ],
      },
    ],
  });

  it('finds nothing to do when the connections read back as the file names them, with defaults', () => {
    expect(planChanges(desired, asRead(true)).changes).toEqual([]);
  });

  it("shows a change of a connection's membership setting", () => {
    const plan = planChanges(desired, asRead(false));

    expect(plan.changes.map(({ action, name }) => ({ action, name }))).toEqual([
      { action: 'update', name: 'acme' },
    ]);
    expect(plan.changes[0]?.fields.map((field) => field.path)).toEqual(['connections']);
  });

  it('deletes an organization the file no longer lists', () => {
    const plan = planChanges({ organizations: [] }, asRead(true));

    expect(plan.changes.map(({ action, name }) => ({ action, name }))).toEqual([
      { action: 'delete', name: 'acme' },
    ]);
  });
});
