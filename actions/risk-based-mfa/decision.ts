/**
 * Whether a login is allowed, needs MFA or is denied: a pure function of the event (no `api`, no I/O), so
 * the whole policy is testable as a table.
 *
 * Order of rules:
 * 1. Skip (allow) refresh-token exchanges and sessions that already completed MFA.
 * 2. Score Auth0's risk signals (weights below, capped at 1.0): >= 0.7 deny, >= 0.4 MFA (risk-driven).
 * 3. MFA (risk-driven) when the overall confidence is `low` or any assessment is `assessment_not_available`
 *    (we could not assess, so we fail closed).
 * 4. MFA (policy-driven) when the user has a role listed in MFA_REQUIRED_ROLES, or the client's metadata
 *    has `require_mfa: "true"`. When MFA_REQUIRED_ROLES is missing or lists no role (`""`, `" , "`), we
 *    cannot tell who needs MFA, so everyone does (`roles_unconfigured`), and `misconfigured` says why.
 * `riskDriven` (MFA only) tells the handler to refuse "remember this browser". Without a risk assessment
 * at all (Adaptive MFA not enabled on the tenant) there are no risk signals; rules 1 and 4 still apply.
 */
import type { Event, RiskAssessments } from '@auth0/actions/post-login/v3';
import { userRoles } from '../lib/user-roles';
import type { Secrets } from './index';

export type RiskAction = 'allow' | 'mfa' | 'deny';

export type RiskReason =
  | 'refresh_token'
  | 'mfa_completed'
  | 'new_device'
  | 'impossible_travel'
  | 'untrusted_ip'
  | 'anomalous_location'
  | 'low_confidence'
  | 'assessment_not_available'
  | 'required_role'
  | 'roles_unconfigured'
  | 'client_requires_mfa';

export interface RiskDecision {
  action: RiskAction;
  /** The risk score, 0 to 1. */
  score: number;
  /** Why, in a stable vocabulary (for logs and tests); never shown to the user. */
  reasons: RiskReason[];
  /** On `mfa`: true when risk (not only policy) asks for it; the browser is then not remembered. */
  riskDriven?: boolean;
  /** Configuration the decision could not use, for the log: names the setting, never its value. */
  misconfigured?: string;
}

interface Signal {
  reason: RiskReason;
  assessment: keyof RiskAssessments;
  codes: readonly string[];
  /** Hundredths, so that sums are exact (0.3 + 0.4 is 0.7, not 0.7000000000000001). */
  weight: number;
}

/** From our security design. ImpossibleTravel carries one code, so at most one of its two signals fires. */
export const SIGNALS: readonly Signal[] = [
  { reason: 'new_device', assessment: 'NewDevice', codes: ['no_match', 'unknown_device'], weight: 30 },
  {
    reason: 'impossible_travel',
    assessment: 'ImpossibleTravel',
    codes: ['impossible_travel_from_last_login', 'invalid_travel'],
    weight: 40,
  },
  { reason: 'untrusted_ip', assessment: 'UntrustedIP', codes: ['found_on_deny_list'], weight: 50 },
  {
    reason: 'anomalous_location',
    assessment: 'ImpossibleTravel',
    codes: ['substantial_travel_from_last_login', 'anonymous_proxy'],
    weight: 20,
  },
];

export const DENY_AT = 0.7;
export const MFA_AT = 0.4;

/** What a score alone asks for. */
export function actionForScore(score: number): RiskAction {
  if (score >= DENY_AT) return 'deny';
  if (score >= MFA_AT) return 'mfa';
  return 'allow';
}

type RiskEvent = Pick<
  Event<Secrets>,
  'authentication' | 'authorization' | 'client' | 'secrets' | 'transaction' | 'user'
>;

export function riskDecision(event: RiskEvent): RiskDecision {
  if (event.transaction?.protocol === 'oauth2-refresh-token') return skip('refresh_token');
  const roles = requiredRoles(event.secrets.MFA_REQUIRED_ROLES);
  const misconfigured = 'problem' in roles ? { misconfigured: roles.problem } : {};
  if (event.authentication?.methods.some((method) => method.name === 'mfa')) {
    return { ...skip('mfa_completed'), ...misconfigured };
  }

  const risk = event.authentication?.riskAssessment;
  const assessments: RiskAssessments = risk ? risk.assessments : {};
  const fired = SIGNALS.filter((signal) => signal.codes.includes(assessments[signal.assessment]?.code ?? ''));
  const score =
    Math.min(
      100,
      fired.reduce((sum, signal) => sum + signal.weight, 0),
    ) / 100;
  const reasons: RiskReason[] = fired.map((signal) => signal.reason);
  const byScore = actionForScore(score);
  if (byScore === 'deny') return { action: 'deny', score, reasons };

  if (risk?.confidence === 'low') reasons.push('low_confidence');
  if (Object.values(assessments).some((assessment) => assessment.code === 'assessment_not_available')) {
    reasons.push('assessment_not_available');
  }
  const riskDriven =
    byScore === 'mfa' || reasons.includes('low_confidence') || reasons.includes('assessment_not_available');

  const policy: RiskReason[] = [];
  if ('problem' in roles) policy.push('roles_unconfigured');
  else if (hasRequiredRole(event, roles.roles)) policy.push('required_role');
  if (event.client.metadata.require_mfa?.trim().toLowerCase() === 'true') policy.push('client_requires_mfa');

  if (riskDriven || policy.length > 0)
    return { action: 'mfa', score, reasons: [...reasons, ...policy], riskDriven, ...misconfigured };
  return { action: 'allow', score, reasons };
}

function skip(reason: RiskReason): RiskDecision {
  return { action: 'allow', score: 0, reasons: [reason] };
}

/**
 * MFA_REQUIRED_ROLES as lower-case role names, or why it cannot be used. Role names compare
 * case-insensitively: a near-miss ("Admin" vs "admin") errs towards MFA.
 */
function requiredRoles(raw: unknown): { roles: ReadonlySet<string> } | { problem: string } {
  if (typeof raw !== 'string') return { problem: 'MFA_REQUIRED_ROLES is not set' };
  const roles = new Set(parseList(raw).map((role) => role.toLowerCase()));
  if (roles.size === 0) return { problem: 'MFA_REQUIRED_ROLES lists no role' };
  return { roles };
}

function hasRequiredRole(event: RiskEvent, required: ReadonlySet<string>): boolean {
  return userRoles(event).some((role) => required.has(role.toLowerCase()));
}

/** A comma-separated secret as a list of non-empty, trimmed entries. */
function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
