/**
 * Whether a login is allowed, needs MFA or is denied: a pure function of the event and the clock (no `api`,
 * no I/O), so the whole policy is testable as a table.
 *
 * Order of rules:
 * 1. Skip (allow) refresh-token exchanges.
 * 2. Score Auth0's risk signals (weights below, capped at 1.0): >= 0.7 deny, >= 0.4 MFA (risk-driven).
 *    A deny stands whatever MFA the session holds: MFA proves a factor, not that the context is safe.
 * 3. MFA (risk-driven) when the overall confidence is `low` or any assessment is `assessment_not_available`
 *    (we could not assess, so we fail closed).
 * 4. MFA (policy-driven) when the user has a role listed in MFA_REQUIRED_ROLES, or the client's metadata
 *    has `require_mfa: "true"`. When MFA_REQUIRED_ROLES is missing or lists no role (`""`, `" , "`), we
 *    cannot tell who needs MFA, so everyone does (`roles_unconfigured`), and `misconfigured` says why.
 * 5. A session that already completed MFA is allowed (`mfa_completed`) instead of 3 and 4, except that
 *    risk-driven MFA needs an MFA of the last MFA_MAX_AGE_MS (12 hours); an older one, or one whose time
 *    cannot be read, is challenged again (`mfa_too_old`). Policy MFA is satisfied by any MFA of the session.
 *    Why 12 hours: NIST SP 800-63B (AAL2, section 4.2.3) requires reauthentication at least once per
 *    12 hours of a session; it also spans a working day, so a user who did MFA this morning is not asked
 *    again at every network change, while a session token replayed later from a risky context is.
 * `riskDriven` (MFA only) tells the handler to refuse "remember this browser". Without a risk assessment
 * at all (Adaptive MFA not enabled on the tenant) there are no risk signals; rules 1, 4 and 5 still apply.
 */
import type { Event, RiskAssessments } from '@auth0/actions/post-login/v3';
import { userRoles } from '../lib/user-roles';
import type { Secrets } from './index';

export type RiskAction = 'allow' | 'mfa' | 'deny';

export type RiskReason =
  | 'refresh_token'
  | 'mfa_completed'
  | 'mfa_too_old'
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
/** How old a completed MFA may be and still satisfy risk-driven MFA (see rule 5 above). */
export const MFA_MAX_AGE_MS = 12 * 60 * 60 * 1000;
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

/** `now`: ms since the epoch (the handler passes Date.now()), for the age of a completed MFA. */
export function riskDecision(event: RiskEvent, now: number): RiskDecision {
  if (event.transaction?.protocol === 'oauth2-refresh-token') return skip('refresh_token');
  const roles = requiredRoles(event.secrets.MFA_REQUIRED_ROLES);
  const misconfigured = 'problem' in roles ? { misconfigured: roles.problem } : {};

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
  if (byScore === 'deny') return { action: 'deny', score, reasons, ...misconfigured };

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

  const lastMfa = lastMfaAt(event);
  if (lastMfa !== undefined) {
    if (!riskDriven || now - lastMfa <= MFA_MAX_AGE_MS) {
      return { action: 'allow', score, reasons: [...reasons, 'mfa_completed'], ...misconfigured };
    }
    policy.push('mfa_too_old');
  }

  if (riskDriven || policy.length > 0)
    return { action: 'mfa', score, reasons: [...reasons, ...policy], riskDriven, ...misconfigured };
  return { action: 'allow', score, reasons };
}

/**
 * When the session last completed MFA (ms since the epoch): `undefined` when it never did, -Infinity when
 * no MFA time can be read (so it counts as too old).
 */
function lastMfaAt(event: RiskEvent): number | undefined {
  const mfa = event.authentication?.methods.filter((method) => method.name === 'mfa') ?? [];
  if (mfa.length === 0) return undefined;
  const times = mfa.map((method) => Date.parse(method.timestamp)).filter((time) => !Number.isNaN(time));
  return Math.max(-Infinity, ...times);
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
