import { countChanges } from '../plan/format';
import type { Plan } from '../plan/types';

export interface DeleteGateInput {
  plan: Plan;
  allowDelete: boolean;
  env: string;
  /** The environment file's tier: `production` asks for a count confirmation. */
  tier: string | undefined;
  /** CONFIRM_DELETES as set by the person deploying. */
  confirmed: string | undefined;
}

/**
 * Why the deletes in a plan may not go ahead, or undefined when they may (or there are none). Deletes
 * need --allow-delete anywhere; in production also CONFIRM_DELETES set to the number the plan shows, so
 * that nobody approves a deploy that deletes more than they read.
 */
export function deleteRefusal({
  plan,
  allowDelete,
  env,
  tier,
  confirmed,
}: DeleteGateInput): string | undefined {
  const count = countChanges(plan).delete;
  if (count === 0 || !allowDelete) return undefined;
  if (tier !== 'production' && env !== 'prod') return undefined;
  if (confirmed === String(count)) return undefined;
  const got =
    confirmed === undefined || confirmed === ''
      ? 'CONFIRM_DELETES is not set'
      : `CONFIRM_DELETES is ${confirmed}`;
  return `the plan deletes ${count} resource(s) in ${env} but ${got}: read the deletes above, then set CONFIRM_DELETES=${count} to go ahead; nothing was changed`;
}
