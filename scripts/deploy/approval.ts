import { approves, shortDigest } from '../plan/format-digest';

export interface ApprovalInput {
  env: string;
  /** The environment file's tier: `production` deploys only a plan its reviewers approved. */
  tier: string | undefined;
  /** The digest of the plan this deploy made. */
  digest: string;
  /** Whether the deploy would write anything (creates, updates, or deletes it is allowed to make). */
  writes: boolean;
  /** APPROVED_PLAN as the person or the workflow deploying set it: the digest the reviewers read. */
  approved: string | undefined;
}

/**
 * Why the deploy may not go ahead, or undefined when it may. A deploy given APPROVED_PLAN writes only when
 * its own plan is that one: the tenant or the repository may have changed since the review, and a delete
 * count would not notice one client swapped for another. A production deploy that writes needs it.
 */
export function approvalRefusal({ env, tier, digest, writes, approved }: ApprovalInput): string | undefined {
  const short = shortDigest(digest);
  if (approved === undefined || approved.trim() === '') {
    if (!writes || (tier !== 'production' && env !== 'prod')) return undefined;
    return `a deploy to ${env} writes only a plan its reviewers approved: read the plan above, then set APPROVED_PLAN=${short} (its digest) to deploy exactly it; nothing was changed`;
  }
  if (approves(approved, digest)) return undefined;
  return `this plan (digest ${short}) is not the approved one (APPROVED_PLAN=${approved.trim().replace(/[^\w:]/g, '?')}): the tenant or the repository changed since the review; read the plan above, and deploy with APPROVED_PLAN=${short} once it is approved; nothing was changed`;
}
