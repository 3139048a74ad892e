import { describe, expect, it } from 'vitest';
import { actionForScore, type RiskDecision } from './decision';
import { allow, decides, deny, type Overrides, policyMfa, riskMfa } from './decision-table';

describe('riskDecision: thresholds', () => {
  it.each([
    [0, 'allow'],
    [0.39, 'allow'],
    [0.4, 'mfa'],
    [0.69, 'mfa'],
    [0.7, 'deny'],
    [1, 'deny'],
  ] as const)('a score of %f asks for %s', (score, action) => {
    expect(actionForScore(score)).toBe(action);
  });
});

describe('riskDecision: each signal and their sums', () => {
  decides([
    ['a low-risk login is allowed', {}, allow(0)],
    [
      'a new device (no_match) adds 0.3: allowed',
      { risk: { NewDevice: 'no_match' } },
      allow(0.3, 'new_device'),
    ],
    [
      'a new device (unknown_device) adds 0.3',
      { risk: { NewDevice: 'unknown_device' } },
      allow(0.3, 'new_device'),
    ],
    ['a partially known device is no signal', { risk: { NewDevice: 'partial_match' } }, allow(0)],
    [
      'impossible travel adds 0.4: MFA',
      { risk: { ImpossibleTravel: 'impossible_travel_from_last_login' } },
      riskMfa(0.4, 'impossible_travel'),
    ],
    [
      'invalid travel counts as impossible travel',
      { risk: { ImpossibleTravel: 'invalid_travel' } },
      riskMfa(0.4, 'impossible_travel'),
    ],
    [
      'an IP on a deny list adds 0.5: MFA',
      { risk: { UntrustedIP: 'found_on_deny_list' } },
      riskMfa(0.5, 'untrusted_ip'),
    ],
    [
      'substantial travel is an anomalous location, 0.2: allowed',
      { risk: { ImpossibleTravel: 'substantial_travel_from_last_login' } },
      allow(0.2, 'anomalous_location'),
    ],
    [
      'an anonymous proxy is an anomalous location',
      { risk: { ImpossibleTravel: 'anonymous_proxy' } },
      allow(0.2, 'anomalous_location'),
    ],
    [
      'new device + anomalous location = 0.5: MFA',
      { risk: { NewDevice: 'no_match', ImpossibleTravel: 'anonymous_proxy' } },
      riskMfa(0.5, 'new_device', 'anomalous_location'),
    ],
    [
      'new device + impossible travel = 0.7 exactly: denied',
      { risk: { NewDevice: 'no_match', ImpossibleTravel: 'impossible_travel_from_last_login' } },
      deny(0.7, 'new_device', 'impossible_travel'),
    ],
    [
      'untrusted IP + anomalous location = 0.7: denied',
      { risk: { UntrustedIP: 'found_on_deny_list', ImpossibleTravel: 'substantial_travel_from_last_login' } },
      deny(0.7, 'untrusted_ip', 'anomalous_location'),
    ],
    [
      'untrusted IP + new device = 0.8: denied',
      { risk: { UntrustedIP: 'found_on_deny_list', NewDevice: 'unknown_device' } },
      deny(0.8, 'new_device', 'untrusted_ip'),
    ],
    [
      'every signal at once is capped at 1.0',
      {
        risk: {
          NewDevice: 'no_match',
          ImpossibleTravel: 'invalid_travel',
          UntrustedIP: 'found_on_deny_list',
        },
      },
      deny(1, 'new_device', 'impossible_travel', 'untrusted_ip'),
    ],
    ['a login without Adaptive MFA has no risk signals', { risk: null }, allow(0)],
  ]);
});

describe('riskDecision: MFA by confidence, missing assessments and policy', () => {
  decides([
    [
      'low overall confidence: MFA, risk-driven',
      { risk: { confidence: 'low' } },
      riskMfa(0, 'low_confidence'),
    ],
    ['medium overall confidence: allowed', { risk: { confidence: 'medium' } }, allow(0)],
    [
      'NewDevice not available: MFA (fail closed)',
      { risk: { NewDevice: 'assessment_not_available' } },
      riskMfa(0, 'assessment_not_available'),
    ],
    [
      'ImpossibleTravel not available: MFA',
      { risk: { ImpossibleTravel: 'assessment_not_available' } },
      riskMfa(0, 'assessment_not_available'),
    ],
    [
      'UntrustedIP not available: MFA',
      { risk: { UntrustedIP: 'assessment_not_available' } },
      riskMfa(0, 'assessment_not_available'),
    ],
    [
      'an RBAC role in MFA_REQUIRED_ROLES: MFA, policy only',
      { authorization: { roles: ['admin'] } },
      policyMfa('required_role'),
    ],
    [
      'a role from app_metadata counts too',
      { user: { app_metadata: { roles: ['admin'] } } },
      policyMfa('required_role'),
    ],
    [
      'role names compare case-insensitively',
      { authorization: { roles: ['Admin'] } },
      policyMfa('required_role'),
    ],
    [
      'any role of a comma-separated list',
      { secrets: { MFA_REQUIRED_ROLES: ' admin , owner ' }, authorization: { roles: ['owner'] } },
      policyMfa('required_role'),
    ],
    ['a role not listed: allowed', { authorization: { roles: ['editor'] } }, allow(0)],
    [
      'client metadata require_mfa "true": MFA, policy only',
      { client: { metadata: { require_mfa: 'true' } } },
      policyMfa('client_requires_mfa'),
    ],
    [
      'client metadata require_mfa "false": allowed',
      { client: { metadata: { require_mfa: 'false' } } },
      allow(0),
    ],
    [
      'policy and risk together: risk-driven (no remembered browser)',
      { authorization: { roles: ['admin'] }, risk: { UntrustedIP: 'found_on_deny_list' } },
      riskMfa(0.5, 'untrusted_ip', 'required_role'),
    ],
    [
      'a signal under the MFA threshold does not make policy MFA risk-driven',
      { authorization: { roles: ['admin'] }, risk: { NewDevice: 'no_match' } },
      { action: 'mfa', score: 0.3, reasons: ['new_device', 'required_role'], riskDriven: false },
    ],
    [
      'policy still applies without Adaptive MFA',
      { authorization: { roles: ['admin'] }, risk: null },
      policyMfa('required_role'),
    ],
    [
      'a deny-level score wins over policy MFA',
      {
        authorization: { roles: ['admin'] },
        risk: { UntrustedIP: 'found_on_deny_list', NewDevice: 'no_match' },
      },
      deny(0.8, 'new_device', 'untrusted_ip'),
    ],
  ]);
});

describe('riskDecision: skip rules', () => {
  const worst = {
    risk: {
      confidence: 'low',
      NewDevice: 'no_match',
      ImpossibleTravel: 'invalid_travel',
      UntrustedIP: 'found_on_deny_list',
    },
    authorization: { roles: ['admin'] },
    client: { metadata: { require_mfa: 'true' } },
  } satisfies Overrides;

  decides([
    [
      'a refresh-token exchange is skipped, whatever the risk',
      { ...worst, transaction: { protocol: 'oauth2-refresh-token' } },
      allow(0, 'refresh_token'),
    ],
    [
      'another protocol is not skipped',
      { ...worst, transaction: { protocol: 'oauth2-password' } },
      deny(1, 'new_device', 'impossible_travel', 'untrusted_ip'),
    ],
  ]);
});

describe('riskDecision: MFA_REQUIRED_ROLES it cannot use asks everyone for MFA', () => {
  const unconfigured = (misconfigured: string): RiskDecision => ({
    ...policyMfa('roles_unconfigured'),
    misconfigured,
  });

  decides([
    [
      'a missing MFA_REQUIRED_ROLES: an admin gets MFA',
      { secrets: { MFA_REQUIRED_ROLES: undefined }, authorization: { roles: ['admin'] } },
      unconfigured('MFA_REQUIRED_ROLES is not set'),
    ],
    [
      'an empty MFA_REQUIRED_ROLES: an admin gets MFA',
      { secrets: { MFA_REQUIRED_ROLES: '' }, authorization: { roles: ['admin'] } },
      unconfigured('MFA_REQUIRED_ROLES lists no role'),
    ],
    [
      'a blank list (" , "): an admin gets MFA',
      { secrets: { MFA_REQUIRED_ROLES: ' , ' }, authorization: { roles: ['admin'] } },
      unconfigured('MFA_REQUIRED_ROLES lists no role'),
    ],
    [
      'a blank list: a user with no role gets MFA too (we cannot tell who is an admin)',
      { secrets: { MFA_REQUIRED_ROLES: ' , ' } },
      unconfigured('MFA_REQUIRED_ROLES lists no role'),
    ],
    [
      'a list with one real role among blanks is usable',
      { secrets: { MFA_REQUIRED_ROLES: ' , admin,' }, authorization: { roles: ['editor'] } },
      allow(0),
    ],
  ]);
});
