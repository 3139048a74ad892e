/**
 * post-login `risk-based-mfa`: allow, MFA or deny from Auth0's risk assessment and our policy
 * (`riskDecision` in `decision.ts`). The handler only carries the decision out:
 * - deny: `api.access.deny` with a generic message that reveals no signal;
 * - MFA: any enrolled factor, remembering the browser only when policy alone asks for MFA (a session's
 *   completed MFA satisfies risk only when it is at most 12 hours old, see `decision.ts`);
 * - evaluation throws: MFA without remembering the browser (fail closed), never a silent allow.
 * - MFA_REQUIRED_ROLES missing or listing no role: MFA for everyone (we cannot tell who needs it), and a
 *   log line naming the setting (never its value) on every login until it is fixed.
 * It logs one line for MFA and deny (reasons, no secret values), nothing for an allow.
 */
import type { PostLoginHandler } from '@auth0/actions/post-login/v3';
import { type RiskDecision, riskDecision } from './decision';

export type Secrets = { MFA_REQUIRED_ROLES: string };

export const DENY_MESSAGE = 'login blocked';

export const onExecutePostLogin: PostLoginHandler<Secrets> = async (event, api) => {
  let decision: RiskDecision;
  try {
    decision = riskDecision(event, Date.now());
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : 'a non-Error was thrown';
    console.log(`risk-based-mfa: evaluation failed (${why}); requiring MFA`);
    api.multifactor.enable('any', { allowRememberBrowser: false });
    return;
  }
  if (decision.misconfigured !== undefined) {
    console.log(`risk-based-mfa: ${decision.misconfigured}; requiring MFA of every user until it is fixed`);
  }
  if (decision.action === 'allow') return;
  console.log(`risk-based-mfa: ${decision.action} (score ${decision.score}; ${decision.reasons.join(', ')})`);
  if (decision.action === 'deny') {
    api.access.deny(DENY_MESSAGE);
    return;
  }
  api.multifactor.enable('any', { allowRememberBrowser: decision.riskDriven !== true });
};
