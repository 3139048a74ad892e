import { describe } from 'vitest';
import { KIT_NOW } from '../../test/kit';
import { allow, decides, deny, type Overrides, riskMfa } from './decision-table';

/** A session whose MFA was completed `ms` before the kit's clock, after a password a moment ago. */
function mfaAgo(ms: number): Overrides['authentication'] {
  return {
    methods: [
      { name: 'mfa', timestamp: new Date(KIT_NOW - ms).toISOString(), type: 'otp' },
      { name: 'pwd', timestamp: '2024-05-14T09:29:58.000Z' },
    ],
  };
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const IN_2020 = KIT_NOW - Date.parse('2020-03-02T08:00:00.000Z');

describe('riskDecision: deny-level risk is denied, whatever MFA the session holds', () => {
  decides([
    [
      'an untrusted IP plus impossible travel, with an MFA from 2020: denied',
      {
        risk: { UntrustedIP: 'found_on_deny_list', ImpossibleTravel: 'impossible_travel_from_last_login' },
        authentication: mfaAgo(IN_2020),
      },
      deny(0.9, 'impossible_travel', 'untrusted_ip'),
    ],
    [
      'the same, with an MFA seconds ago: denied',
      {
        risk: { UntrustedIP: 'found_on_deny_list', ImpossibleTravel: 'impossible_travel_from_last_login' },
        authentication: mfaAgo(5 * SECOND),
      },
      deny(0.9, 'impossible_travel', 'untrusted_ip'),
    ],
  ]);
});

describe('riskDecision: risk that asks for MFA is satisfied only by an MFA of the last 12 hours', () => {
  const untrusted = { risk: { UntrustedIP: 'found_on_deny_list' } } satisfies Overrides;

  decides([
    [
      'an untrusted IP, MFA an hour ago: allowed',
      { ...untrusted, authentication: mfaAgo(HOUR) },
      allow(0.5, 'untrusted_ip', 'mfa_completed'),
    ],
    [
      'an untrusted IP, MFA exactly 12 hours ago: allowed',
      { ...untrusted, authentication: mfaAgo(12 * HOUR) },
      allow(0.5, 'untrusted_ip', 'mfa_completed'),
    ],
    [
      'an untrusted IP, MFA 12 hours and a second ago: challenged again',
      { ...untrusted, authentication: mfaAgo(12 * HOUR + SECOND) },
      riskMfa(0.5, 'untrusted_ip', 'mfa_too_old'),
    ],
    [
      'an untrusted IP, MFA in 2020: challenged again',
      { ...untrusted, authentication: mfaAgo(IN_2020) },
      riskMfa(0.5, 'untrusted_ip', 'mfa_too_old'),
    ],
    [
      'the newest of several MFA methods counts',
      {
        ...untrusted,
        authentication: {
          methods: [
            { name: 'mfa', timestamp: '2020-03-02T08:00:00.000Z' },
            { name: 'mfa', timestamp: '2024-05-14T08:00:00.000Z' },
            { name: 'pwd', timestamp: '2024-05-14T09:29:58.000Z' },
          ],
        },
      },
      allow(0.5, 'untrusted_ip', 'mfa_completed'),
    ],
    [
      'an MFA whose time cannot be read counts as too old',
      { ...untrusted, authentication: { methods: [{ name: 'mfa', timestamp: 'yesterday' }] } },
      riskMfa(0.5, 'untrusted_ip', 'mfa_too_old'),
    ],
    [
      'low confidence, MFA in 2020: challenged again',
      { risk: { confidence: 'low' }, authentication: mfaAgo(IN_2020) },
      riskMfa(0, 'low_confidence', 'mfa_too_old'),
    ],
    [
      'risk plus policy, MFA in 2020: challenged again, risk-driven',
      { ...untrusted, authorization: { roles: ['admin'] }, authentication: mfaAgo(IN_2020) },
      riskMfa(0.5, 'untrusted_ip', 'required_role', 'mfa_too_old'),
    ],
  ]);
});

describe('riskDecision: MFA asked for by policy alone is satisfied by any MFA of the session', () => {
  decides([
    [
      'an admin from a low-risk context, MFA in 2020: allowed',
      { authorization: { roles: ['admin'] }, authentication: mfaAgo(IN_2020) },
      allow(0, 'mfa_completed'),
    ],
    [
      'a client that requires MFA, MFA seconds ago: allowed',
      { client: { metadata: { require_mfa: 'true' } }, authentication: mfaAgo(5 * SECOND) },
      allow(0, 'mfa_completed'),
    ],
    [
      'a signal under the MFA threshold does not make an old MFA too old',
      { risk: { NewDevice: 'no_match' }, authentication: mfaAgo(IN_2020) },
      allow(0.3, 'new_device', 'mfa_completed'),
    ],
  ]);
});
