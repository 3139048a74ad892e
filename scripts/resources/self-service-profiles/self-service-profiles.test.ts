import { describe, expect, it } from 'vitest';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';

const PROFILES = `selfServiceProfiles:
  - name: enterprise-customers
    description: Connect your identity provider
    allowed_strategies:
      - okta
      - waad
    branding:
      logo_url: https://assets.example.com/logo.png
      colors:
        primary: "#19aecc"
    user_attributes:
      - name: email
        description: Email of the user
        is_optional: false
    customText:
      en:
        get-started:
          introduction: Connect your company's identity provider.
`;

const check = (yaml: string) => checkSections(yaml, ['selfServiceProfiles']);

describe('self-service profiles in the check', () => {
  it('accepts a profile with its strategies, branding, attributes and get-started text', async () => {
    expect(await check(PROFILES)).toEqual([]);
  });

  it('refuses a strategy Auth0 does not offer for self-service SSO, at the value', async () => {
    expect(await check(PROFILES.replace('- waad', '- github'))).toEqual([
      { rule: 'schema/enum', line: 6, column: 9 },
    ]);
  });

  it('refuses a colour that is not a hex colour', async () => {
    expect(await check(PROFILES.replace('"#19aecc"', 'teal'))).toEqual([
      { rule: 'schema/value', line: 10, column: 18 },
    ]);
  });

  it('refuses an attribute without saying whether it is optional', async () => {
    expect(await check(PROFILES.replace('        is_optional: false\n', ''))).toEqual([
      { rule: 'schema/required', line: 12, column: 9 },
    ]);
  });

  it('refuses custom text for a page Auth0 has none for', async () => {
    expect(await check(PROFILES.replace('get-started:', 'sign-up:'))).toEqual([
      { rule: 'schema/unknown-key', line: 17, column: 9 },
    ]);
  });

  it('refuses a user attribute profile, which this repository does not manage', async () => {
    const linked = PROFILES.replace(
      '    user_attributes:',
      '    user_attribute_profile_id: staff\n    user_attributes:',
    );
    expect(await check(linked)).toEqual([{ rule: 'schema/unknown-key', line: 11, column: 5 }]);
  });

  it('refuses two profiles with one name: deploy-cli would match both to one', async () => {
    const twice = `${PROFILES}  - name: enterprise-customers\n`;
    expect(await check(twice)).toEqual([{ rule: 'references/duplicate-name', line: 19, column: 11 }]);
  });
});

describe('self-service profiles in the plan', () => {
  const profile = {
    name: 'enterprise-customers',
    allowed_strategies: ['okta', 'waad'],
    branding: { colors: { primary: '#19aecc' } },
    user_attributes: [
      { name: 'email', description: 'Email of the user', is_optional: false },
      { name: 'name', description: 'Name of the user', is_optional: true },
    ],
  };
  const read = {
    ...profile,
    id: 'ssp_f6qt3syGauLKbSgt6GRLim',
    created_at: '2024-11-26T11:58:18.962Z',
    updated_at: '2026-08-10T13:55:18.245Z',
  };
  const tenant = { selfServiceProfiles: [read] };

  it('finds nothing to do when the profile is as read, timestamps aside', () => {
    expect(planChanges({ selfServiceProfiles: [profile] }, tenant).changes).toEqual([]);
  });

  it('sees reordered attributes as an update: the admin is asked for them in that order', () => {
    const reordered = { ...profile, user_attributes: [...profile.user_attributes].reverse() };
    const plan = planChanges({ selfServiceProfiles: [reordered] }, tenant);
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual([
      'update enterprise-customers',
    ]);
  });

  it('sees the strategies as a set', () => {
    const swapped = { ...profile, allowed_strategies: ['waad', 'okta'] };
    expect(planChanges({ selfServiceProfiles: [swapped] }, tenant).changes).toEqual([]);
  });

  it('plans the custom text the file adds as an update of the profile', () => {
    const withText = { ...profile, customText: { en: { 'get-started': { introduction: 'Hello' } } } };
    const plan = planChanges({ selfServiceProfiles: [withText] }, tenant);
    expect(plan.changes[0]?.action).toBe('update');
  });

  it('deletes a profile the file no longer lists', () => {
    expect(planChanges({ selfServiceProfiles: [] }, tenant).changes).toEqual([
      { type: 'selfServiceProfiles', name: 'enterprise-customers', action: 'delete', fields: [] },
    ]);
  });
});
