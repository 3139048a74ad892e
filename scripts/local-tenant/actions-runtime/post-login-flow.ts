/**
 * Auth0's semantics for what one post-login Action did (its recorded api calls), applied to the flow so
 * far: pure, so the mapping from an Action's record to the login's outcome is tested without a worker.
 *
 * - Claims: set ones go on the token, ones Auth0 drops (`token-claims.ts`) are left out, in the trace.
 * - `access.deny` ends the flow after that Action: `denied` with the first reason and the Action's name.
 * - `multifactor.enable`: MFA after the flow (`mfa` of kind `enable` on the complete outcome).
 * - A challenge/enrol command or `redirect.sendUserTo`: the flow pauses after that Action.
 * - Metadata writes apply in order and the outcome carries the result: Auth0 batches every Action's writes
 *   into one profile update at the end of the trigger
 *   (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-user-metadata). That the next Action's
 *   `event.user` already shows them is our reading, not a documented rule.
 * - A violation Auth0 fails the login for (`FATAL_RULES`) fails it; the others are in the trace.
 */
import type { Event } from '../../../actions/types/post-login/v3';
import { applyMetadataWrites } from '../../action-api/metadata';
import type { MfaCommand } from '../../action-api/post-login-api';
import { claimsSizeViolation } from '../../action-api/token-claims';
import type { Violation, ViolationRule } from '../../action-api/violations';
import type { ActionTrace, MfaAsk, PostLoginOutcome } from '../authentication/contract';
import type { JsonObject } from '../state/types';
import type { PostLoginRun } from './protocol';

/** Violations after which Auth0 does not finish the login (it errors the transaction). */
export const FATAL_RULES: ReadonlySet<ViolationRule> = new Set<ViolationRule>([
  'claims-too-large',
  'too-many-mfa-commands',
  'redirect-not-possible',
  'redirect-and-render',
]);

/** The flow between Actions: the event the next one gets and what the earlier ones asked for. */
export interface FlowState {
  event: Event;
  idTokenClaims: JsonObject;
  accessTokenClaims: JsonObject;
  scopesAdded: string[];
  scopesRemoved: string[];
  mfa?: MfaAsk;
  actions: ActionTrace[];
}

export type StepResult =
  | { kind: 'next' }
  | { kind: 'end'; outcome: Extract<PostLoginOutcome, { kind: 'denied' | 'failed' }> }
  | { kind: 'pause'; mfa?: MfaAsk; redirect?: { url: string; query: Record<string, string> } };

const factorsOf = (command: MfaCommand): string[] => {
  const selectors = 'factor' in command ? [command.factor, ...command.additionalFactors] : command.factors;
  return selectors.map((selector) => String(selector.type));
};

/** The MFA a challenge/enrol command asks for now. */
export function mfaNow(commands: readonly MfaCommand[]): MfaAsk | undefined {
  const first = commands[0];
  if (!first) return undefined;
  return {
    kind: first.method.startsWith('challenge') ? 'challenge' : 'enroll',
    factors: [...new Set(commands.flatMap(factorsOf))],
  };
}

const violationText = (violation: Violation) => `[${violation.rule}] ${violation.message}`;

/** Applies one Action's run to `state` (mutating it) and says how the flow goes on. */
export function applyPostLoginRun(state: FlowState, trace: ActionTrace, run: PostLoginRun): StepResult {
  const { record } = run;
  const violations = [
    ...record.violations,
    ...[...record.idToken.dropped, ...record.accessToken.dropped].map((dropped) => ({
      rule: 'restricted-claim' as const,
      message: JSON.stringify(dropped),
    })),
  ];
  const unique = [...new Map(violations.map((v) => [violationText(v), v])).values()];
  if (unique.length > 0) trace.violations = [...(trace.violations ?? []), ...unique.map(violationText)];
  state.actions.push(trace);
  // The trace's error first: secret values are redacted there.
  const error = trace.error ?? run.error;
  if (error !== undefined) return failed(state, `${trace.actionName}: ${error}`);
  const fatal = unique.find((violation) => FATAL_RULES.has(violation.rule));
  if (fatal) return failed(state, `${trace.actionName}: ${fatal.message}`);

  Object.assign(state.idTokenClaims, record.idToken.claims);
  Object.assign(state.accessTokenClaims, record.accessToken.claims);
  for (const scope of record.accessToken.scopesAdded) {
    if (!state.scopesAdded.includes(scope)) state.scopesAdded.push(scope);
    state.scopesRemoved = state.scopesRemoved.filter((s) => s !== scope);
  }
  for (const scope of record.accessToken.scopesRemoved) {
    if (!state.scopesRemoved.includes(scope)) state.scopesRemoved.push(scope);
    state.scopesAdded = state.scopesAdded.filter((s) => s !== scope);
  }
  const user = state.event.user;
  const writes = (target: 'app_metadata' | 'user_metadata') =>
    record.metadataWrites.filter((write) => write.target === target);
  user.app_metadata = applyMetadataWrites(user.app_metadata, writes('app_metadata'));
  user.user_metadata = applyMetadataWrites(user.user_metadata, writes('user_metadata'));
  if (state.event.transaction && run.transactionMetadata) {
    state.event.transaction.metadata = { ...run.transactionMetadata };
  }
  const enable = record.mfaRequirements.at(-1);
  if (enable) {
    state.mfa = {
      kind: 'enable',
      factors: [enable.provider],
      ...(enable.allowRememberBrowser !== undefined
        ? { allowRememberBrowser: enable.allowRememberBrowser }
        : {}),
    };
  }
  const denial = record.denials[0];
  if (denial) {
    return {
      kind: 'end',
      outcome: {
        kind: 'denied',
        reason: denial.reason,
        actionName: trace.actionName,
        actions: state.actions,
      },
    };
  }
  const mfa = mfaNow(record.mfaCommands);
  const redirect = record.redirects.at(-1);
  if (mfa || redirect) return { kind: 'pause', ...(mfa ? { mfa } : {}), ...(redirect ? { redirect } : {}) };
  return { kind: 'next' };
}

function failed(state: FlowState, error: string): StepResult {
  return { kind: 'end', outcome: { kind: 'failed', error, actions: state.actions } };
}

/** The complete outcome once every Action ran; the claim size limit applies to the whole token. */
export function completeOutcome(state: FlowState): PostLoginOutcome {
  for (const [kind, claims] of [
    ['idToken', state.idTokenClaims],
    ['accessToken', state.accessTokenClaims],
  ] as const) {
    const tooLarge = claimsSizeViolation(kind, { claims, dropped: [] });
    if (tooLarge) return { kind: 'failed', error: tooLarge.message, actions: state.actions };
  }
  return {
    kind: 'complete',
    idTokenClaims: state.idTokenClaims,
    accessTokenClaims: state.accessTokenClaims,
    scopesAdded: state.scopesAdded,
    scopesRemoved: state.scopesRemoved,
    appMetadata: state.event.user.app_metadata,
    userMetadata: state.event.user.user_metadata,
    ...(state.mfa ? { mfa: state.mfa } : {}),
    actions: state.actions,
  };
}
