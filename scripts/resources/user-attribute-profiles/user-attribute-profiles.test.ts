import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';
import { USER_ID_DEFAULTS } from './schema';

const PROFILES = `userAttributeProfiles:
  - name: Workforce
    user_id:
      oidc_mapping: sub
    user_attributes:
      email:
        description: Email of the user
        label: Email
        profile_required: true
        auth0_mapping: email
        saml_mapping:
          - http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress
`;

const check = (yaml: string) => checkSections(yaml, ['userAttributeProfiles']);

describe('user attribute profiles in the check', () => {
  it('accepts a profile mapping the email', async () => {
    expect(await check(PROFILES)).toEqual([]);
  });

  // Real tenant files (../shared/reference): CI has them, a clone on its own does not.
  const lotsOfConfiguration = path.resolve(
    '../shared/reference/auth0-deploy-cli/testdata/lots-of-configuration/tenant.yaml',
  );
  it.skipIf(!existsSync(lotsOfConfiguration))(
    'accepts the section of deploy-cli\'s "lots of configuration" export',
    async () => {
      const file = lotsOfConfiguration;
      const section = { userAttributeProfiles: parse(readFileSync(file, 'utf8')).userAttributeProfiles };
      expect(await check(JSON.stringify(section))).toEqual([]);
    },
  );

  it('refuses an attribute setting Auth0 does not have, at its key', async () => {
    expect(
      await check(PROFILES.replace('        label: Email\n', '        label: Email\n        hidden: true\n')),
    ).toEqual([{ rule: 'schema/unknown-key', line: 9, column: 9 }]);
  });

  it('refuses an attribute without its Auth0 mapping, at the attribute', async () => {
    expect(await check(PROFILES.replace('        auth0_mapping: email\n', ''))).toEqual([
      { rule: 'schema/required', line: 7, column: 9 },
    ]);
  });

  it('refuses a user id mapped from a claim other than sub (other claims are per-strategy overrides)', async () => {
    expect(await check(PROFILES.replace('oidc_mapping: sub', 'oidc_mapping: email'))).toEqual([
      { rule: 'schema/enum', line: 4, column: 21 },
    ]);
  });

  it('refuses profile_required written as a string', async () => {
    expect(await check(PROFILES.replace('profile_required: true', 'profile_required: "yes"'))).toEqual([
      { rule: 'schema/type', line: 9, column: 27 },
    ]);
  });
});

describe('user attribute profiles in the plan', () => {
  const email = {
    description: 'Email of the user',
    label: 'Email',
    profile_required: true,
    auth0_mapping: 'email',
  };
  const desired = { name: 'Workforce', user_id: { oidc_mapping: 'sub' }, user_attributes: { email } };
  /** As Auth0 answers it: with an id and the user id's mappings it filled in. */
  const read = { ...desired, id: 'uap_1csDj3sAVu6n5eTzLw6XZg', user_id: { ...USER_ID_DEFAULTS } };

  it('finds nothing to do when the only differences are the user id mappings Auth0 fills in', () => {
    expect(
      planChanges({ userAttributeProfiles: [desired] }, { userAttributeProfiles: [read] }).changes,
    ).toEqual([]);
  });

  it('updates a profile whose user id SAML claims are reordered: Auth0 tries them in order', () => {
    const [first, second, third] = USER_ID_DEFAULTS.saml_mapping;
    const reordered = { ...desired, user_id: { saml_mapping: [third, first, second] } };
    const plan = planChanges({ userAttributeProfiles: [reordered] }, { userAttributeProfiles: [read] });
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual(['update Workforce']);
  });

  it('deletes the profile the file no longer lists and creates the renamed one: a name is its identity', () => {
    const renamed = { ...desired, name: 'Contractors' };
    const plan = planChanges({ userAttributeProfiles: [renamed] }, { userAttributeProfiles: [read] });
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual([
      'delete Workforce',
      'create Contractors',
    ]);
  });
});
