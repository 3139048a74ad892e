import type { Severity } from '../problem';
import type { Tier } from '../schema/environment';

/**
 * A security policy rule: an id people can grep and waive, one line saying what it protects, how to fix
 * it, and how strict it is in each tier of environment ('off' where it does not apply).
 */
export interface PolicyRule {
  id: string;
  summary: string;
  hint: string;
  severity: Record<Tier, Severity | 'off'>;
  check(tenant: Record<string, unknown>, context: PolicyContext): PolicyFinding[];
}

export interface PolicyContext {
  tier: Tier;
}

export interface PolicyFinding {
  /** JSON pointer of the offending value (or of where the missing one belongs). */
  pointer: string;
  message: string;
  /** Overrides the rule's hint when the fix depends on the finding. */
  hint?: string;
  expected?: string;
  found?: string;
}

export const EVERYWHERE: Record<Tier, Severity> = {
  production: 'error',
  development: 'error',
  local: 'error',
};
/** Strict where real users are; relaxed on the offline stand-in, which exists to test the pipeline. */
export const RELAXED_LOCALLY: Record<Tier, Severity> = {
  production: 'error',
  development: 'error',
  local: 'warning',
};
export const PRODUCTION_ONLY: Record<Tier, Severity | 'off'> = {
  production: 'error',
  development: 'warning',
  local: 'off',
};
