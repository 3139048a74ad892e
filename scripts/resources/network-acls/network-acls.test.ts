import { describe, expect, it } from 'vitest';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';

const RULES = `networkACLs:
  - description: Block known bad networks
    active: true
    priority: 1
    rule:
      action: { block: true }
      scope: tenant
      match:
        asns: [64496]
        ipv4_cidrs: [198.51.100.0/24]
  - description: Log logins from outside the EU
    active: true
    priority: 2
    rule:
      action: { log: true }
      scope: authentication
      not_match:
        geo_country_codes: [DE, FR, NL]
`;

const check = (yaml: string) => checkSections(yaml, ['networkACLs']);

describe('network ACLs in the check', () => {
  it('accepts a block rule and a log rule at their own priorities', async () => {
    expect(await check(RULES)).toEqual([]);
  });

  it('refuses two rules at one priority: deploy-cli matches rules by it', async () => {
    expect(await check(RULES.replace('priority: 2', 'priority: 1'))).toEqual([
      { rule: 'references/duplicate-name', line: 13, column: 15 },
    ]);
  });

  it('refuses an action with two verbs, at the action', async () => {
    expect(await check(RULES.replace('{ block: true }', '{ block: true, allow: true }'))).toEqual([
      { rule: 'schema/value', line: 6, column: 15 },
    ]);
  });

  it('refuses a rule that matches nothing', async () => {
    const bare = RULES.replace(
      '      match:\n        asns: [64496]\n        ipv4_cidrs: [198.51.100.0/24]\n',
      '',
    );
    expect(await check(bare)).toEqual([{ rule: 'schema/required', line: 6, column: 7 }]);
  });

  it('refuses a country written as a name', async () => {
    expect(await check(RULES.replace('[DE, FR, NL]', '[Germany]'))).toEqual([
      { rule: 'schema/value', line: 18, column: 29 },
    ]);
  });
});

describe('network ACLs in the plan', () => {
  const block = {
    description: 'Block known bad networks',
    active: true,
    priority: 1,
    rule: { action: { block: true }, scope: 'tenant', match: { asns: [64496] } },
  };
  const log = {
    description: 'Log logins from outside the EU',
    active: true,
    priority: 2,
    rule: { action: { log: true }, scope: 'authentication', not_match: { geo_country_codes: ['DE'] } },
  };
  const read = (acl: Record<string, unknown>, id: string) => ({
    ...acl,
    id,
    created_at: '2026-01-29T08:17:51.522Z',
    updated_at: '2026-08-10T13:55:03.319Z',
  });
  const tenant = { networkACLs: [read(block, 'acl_1'), read(log, 'acl_2')] };

  it('finds nothing to do when the rules are as read', () => {
    expect(planChanges({ networkACLs: [block, log] }, tenant).changes).toEqual([]);
  });

  it('shows swapped priorities as what each priority now holds, as deploy-cli applies it', () => {
    const swapped = [
      { ...log, priority: 1 },
      { ...block, priority: 2 },
    ];
    const plan = planChanges({ networkACLs: swapped }, tenant);

    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual([
      'update priority 1',
      'update priority 2',
    ]);
    expect(plan.changes[0]?.fields).toContainEqual({
      path: 'description',
      before: 'Block known bad networks',
      after: 'Log logins from outside the EU',
    });
  });

  it('deletes a rule the file no longer lists', () => {
    expect(planChanges({ networkACLs: [block] }, tenant).changes).toEqual([
      { type: 'networkACLs', name: 'priority 2', action: 'delete', fields: [] },
    ]);
  });
});
