import { describe, expect, it } from 'vitest';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';

const PROFILES = `connectionProfiles:
  - name: Customer workforce SSO
    organization:
      show_as_button: required
      assign_membership_on_login: optional
    connection_name_prefix_template: sso-{org_name}
    enabled_features:
      - scim
    provisioning:
      scim:
        tokens:
          scopes:
            - get:users
          default_expiry: 2592000
`;

const check = (yaml: string) => checkSections(yaml, ['connectionProfiles']);

describe('connection profiles in the check', () => {
  it('accepts a profile offering SCIM with expiring tokens', async () => {
    expect(await check(PROFILES)).toEqual([]);
  });

  it("accepts deploy-cli's export, where Auth0's nulls for no connection config and no overrides stand", async () => {
    expect(await check(`${PROFILES}    connection_config: null\n    strategy_overrides: null\n`)).toEqual([]);
  });

  it('refuses a membership setting Auth0 does not have, at its value', async () => {
    expect(
      await check(
        PROFILES.replace('assign_membership_on_login: optional', 'assign_membership_on_login: always'),
      ),
    ).toEqual([{ rule: 'schema/enum', line: 5, column: 35 }]);
  });

  it('refuses a SCIM token scope Auth0 does not grant', async () => {
    expect(await check(PROFILES.replace('- get:users', '- read:users'))).toEqual([
      { rule: 'schema/enum', line: 13, column: 15 },
    ]);
  });

  it('refuses an override for a strategy Self-Service SSO does not offer, at its key', async () => {
    expect(await check(`${PROFILES}    strategy_overrides:\n      github: {}\n`)).toEqual([
      { rule: 'schema/unknown-key', line: 16, column: 7 },
    ]);
  });
});

describe('connection profiles in the plan', () => {
  const desired = {
    name: 'Partner SSO',
    organization: { show_as_button: 'optional', assign_membership_on_login: 'none' },
    enabled_features: ['scim', 'universal_logout'],
  };
  /** As Auth0 answers it: with an id, and null for the connection config and overrides it has none of. */
  const read = {
    ...desired,
    id: 'cop_1cB4Qk4jLnc5bCgibcznrD',
    connection_config: null,
    strategy_overrides: null,
  };
  const summary = (plan: ReturnType<typeof planChanges>) =>
    plan.changes.map(({ name, action }) => `${action} ${name}`);

  it("finds nothing to do when the only differences are Auth0's nulls and the order of the features", () => {
    const reordered = { ...desired, enabled_features: ['universal_logout', 'scim'] };
    expect(planChanges({ connectionProfiles: [reordered] }, { connectionProfiles: [read] }).changes).toEqual(
      [],
    );
  });

  it('updates a profile whose organization login button becomes required', () => {
    const required = { ...desired, organization: { ...desired.organization, show_as_button: 'required' } };
    expect(summary(planChanges({ connectionProfiles: [required] }, { connectionProfiles: [read] }))).toEqual([
      'update Partner SSO',
    ]);
  });

  it('deletes the profile the file no longer lists and creates the renamed one: a name is its identity', () => {
    const renamed = { ...desired, name: 'Partner SSO (EU)' };
    expect(summary(planChanges({ connectionProfiles: [renamed] }, { connectionProfiles: [read] }))).toEqual([
      'delete Partner SSO',
      'create Partner SSO (EU)',
    ]);
  });
});
