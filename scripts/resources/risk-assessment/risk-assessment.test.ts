import { describe, expect, it } from 'vitest';
import { checkSections } from '../../../test/resources/check-section';
import { planChanges } from '../../plan/plan';
import { riskAssessmentForRiskMfa } from './index';

/** A tenant whose post-login runs the risk-based-mfa Action, with `rest` appended. */
const withRiskMfa = (rest: string) => `actions:
  - name: risk-based-mfa
    code: ./risk-based-mfa.js
    runtime: node22
    deployed: true
    supported_triggers:
      - id: post-login
        version: v3
triggers:
  post-login:
    - action_name: risk-based-mfa
      display_name: risk-based-mfa
${rest}`;

const ENABLED = `riskAssessment:
  settings:
    enabled: true
  new_device:
    remember_for: 30
`;

const rule = (tenant: Record<string, unknown>) =>
  riskAssessmentForRiskMfa.check(tenant, { tier: 'production' }).map((finding) => finding.pointer);
const bound = {
  actions: [{ name: 'risk-based-mfa', deployed: true }],
  triggers: { 'post-login': [{ action_name: 'custom-claims' }, { action_name: 'risk-based-mfa' }] },
};

describe('risk assessment for the risk-based-mfa Action', () => {
  it('is satisfied when assessment is on', () => {
    expect(rule({ ...bound, riskAssessment: { settings: { enabled: true } } })).toEqual([]);
  });

  it('points at the binding when the tenant says nothing about risk assessment', () => {
    expect(rule(bound)).toEqual(['/triggers/post-login/1/action_name']);
  });

  it('points at the settings when assessment is switched off', () => {
    expect(rule({ ...bound, riskAssessment: { settings: { enabled: false } } })).toEqual([
      '/riskAssessment/settings/enabled',
    ]);
  });

  it('does not apply to a tenant that does not run the Action', () => {
    expect(rule({ triggers: { 'post-login': [] } })).toEqual([]);
  });
});

describe('risk assessment in the check', () => {
  const check = (yaml: string) => checkSections(yaml, ['riskAssessment', 'triggers']);

  it('accepts assessment on, with devices remembered for 30 days', async () => {
    expect(await check(withRiskMfa(ENABLED))).toEqual([]);
  });

  it('refuses production binding the Action with assessment off, at the setting', async () => {
    expect(await check(withRiskMfa(ENABLED.replace('enabled: true', 'enabled: false')))).toEqual([
      { rule: 'risk-assessment/required-for-risk-mfa', line: 15, column: 14 },
    ]);
  });

  it('refuses a duration written in words', async () => {
    expect(await check(withRiskMfa(ENABLED.replace('remember_for: 30', 'remember_for: 30 days')))).toEqual([
      { rule: 'schema/type', line: 17, column: 19 },
    ]);
  });
});

describe('risk assessment in the plan', () => {
  const desired = { riskAssessment: { settings: { enabled: true }, new_device: { remember_for: 30 } } };

  it('plans switching assessment on, and nothing for what is already so', () => {
    const plan = planChanges(desired, {
      riskAssessment: { settings: { enabled: false }, new_device: { remember_for: 30 } },
    });

    expect(plan.changes).toEqual([
      {
        type: 'riskAssessment',
        name: 'riskAssessment',
        action: 'update',
        fields: [{ path: 'settings.enabled', before: false, after: true }],
      },
    ]);
  });

  it('never deletes it', () => {
    expect(planChanges({ riskAssessment: {} }, desired).changes).toEqual([]);
  });
});
