import { describe, expect, it } from 'vitest';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';

const ACTION_CODE = 'export const onExecuteCustomTokenExchange = async () => {};\n';

const TENANT = `actions:
  - name: partner-token
    code: ./partner-token.ts
    runtime: node22
    deployed: true
    dependencies: []
    supported_triggers:
      - id: custom-token-exchange
        version: v1
tokenExchangeProfiles:
  - name: Partner portal
    subject_token_type: urn:example:partner-portal-token
    action: partner-token
    type: custom_authentication
`;

const check = (yaml: string) =>
  checkSections(yaml, ['tokenExchangeProfiles'], { 'partner-token.ts': ACTION_CODE });

describe('token exchange profiles in the check', () => {
  it('accepts a profile running the action that validates the partner token', async () => {
    expect(await check(TENANT)).toEqual([]);
  });

  it('refuses a profile running an action the file does not have, at the action', async () => {
    expect(await check(TENANT.replace('action: partner-token', 'action: partner-tokens'))).toEqual([
      { rule: 'references/unknown-action', line: 13, column: 13 },
    ]);
  });

  it('refuses an action id: deploy-cli resolves the action by its name', async () => {
    expect(await check(TENANT.replace('action: partner-token', 'action_id: act_123'))).toEqual([
      { rule: 'schema/required', line: 11, column: 5 },
      { rule: 'schema/read-only', line: 13, column: 5 },
    ]);
  });

  it('refuses a subject token type that is not a URI', async () => {
    expect(await check(TENANT.replace('urn:example:partner-portal-token', 'partner-portal'))).toEqual([
      { rule: 'schema/value', line: 12, column: 25 },
    ]);
  });

  it('refuses a profile type Auth0 does not have', async () => {
    expect(await check(TENANT.replace('type: custom_authentication', 'type: delegation'))).toEqual([
      { rule: 'schema/enum', line: 14, column: 11 },
    ]);
  });
});

describe('token exchange profiles in the plan', () => {
  const desired = {
    name: 'Partner portal',
    subject_token_type: 'urn:example:partner-portal-token',
    action: 'partner-token',
    type: 'custom_authentication',
  };
  /** As deploy-cli reads it: with its id and timestamps, the action named. */
  const read = {
    ...desired,
    id: 'tep_9XvW3ZpRk2sQeT7uLmN4aB',
    created_at: '2026-11-30T09:12:44.101Z',
    updated_at: '2026-11-30T09:12:44.101Z',
  };
  const summary = (plan: ReturnType<typeof planChanges>) =>
    plan.changes.map(({ name, action }) => `${action} ${name}`);

  it('finds nothing to do when the tenant has the profile as written', () => {
    expect(
      planChanges({ tokenExchangeProfiles: [desired] }, { tokenExchangeProfiles: [read] }).changes,
    ).toEqual([]);
  });

  it('updates a renamed profile in place: the subject token type is its identity', () => {
    const renamed = { ...desired, name: 'Partner portal (EU)' };
    expect(
      summary(planChanges({ tokenExchangeProfiles: [renamed] }, { tokenExchangeProfiles: [read] })),
    ).toEqual(['update urn:example:partner-portal-token']);
  });

  it('deletes the profile for a subject token type the file no longer lists, and creates the new one', () => {
    const moved = { ...desired, subject_token_type: 'urn:example:partner-portal-token-v2' };
    expect(
      summary(planChanges({ tokenExchangeProfiles: [moved] }, { tokenExchangeProfiles: [read] })),
    ).toEqual(['delete urn:example:partner-portal-token', 'create urn:example:partner-portal-token-v2']);
  });

  it('notes a changed action rather than planning an update deploy-cli would drop (it sends only the name and the subject token type)', () => {
    const otherAction = { ...desired, action: 'partner-token-v2' };
    const plan = planChanges({ tokenExchangeProfiles: [otherAction] }, { tokenExchangeProfiles: [read] });
    expect(summary(plan)).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(/^tokenExchangeProfiles urn:example:partner-portal-token: action differs/),
    ]);
  });
});
