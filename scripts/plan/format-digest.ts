/**
 * The digest of a plan: what the reviewers approve, and what a production deploy checks its own plan
 * against before its first write. It is the sha256 of the plan's plain data (every change, field by field,
 * secrets already masked as the plan masks them) as canonical JSON, with the environment and whether
 * deletes are applied: a plan that deletes what it only listed, or that is for another environment, is
 * another plan.
 */
import { createHash } from 'node:crypto';
import { canonical } from './compare';
import type { Plan } from './types';

/** How many hex digits a person sees and copies (64 bits); the full digest is 64 digits. */
export const SHORT_DIGEST = 16;

export interface DigestInput {
  env: string;
  allowDelete: boolean;
}

/**
 * The full digest, 64 hex digits. Write-only secrets are left out: the reviewers' plan runs without the
 * secret values (read-only credentials, no secrets in a pull request or before the approval), so it
 * cannot see a rotated secret that the deploy, which has the values, does; their values are approved by
 * whoever sets the environment's secrets, and the plan never shows them anyway. An update that changes
 * only secrets is therefore no change to the digest.
 */
export function planDigest(plan: Plan, { env, allowDelete }: DigestInput): string {
  const changes = plan.changes.flatMap((change) => {
    const fields = change.fields.filter((field) => field.secret !== true);
    return change.action === 'update' && fields.length === 0 ? [] : [{ ...change, fields }];
  });
  const data = { digest: 2, env, allowDelete, changes };
  return createHash('sha256').update(canonical(data)).digest('hex');
}

export function shortDigest(digest: string): string {
  return digest.slice(0, SHORT_DIGEST);
}

/**
 * Whether `approved` (APPROVED_PLAN: the short form a plan prints or the full digest, `sha256:` in front
 * or not) names this digest.
 */
export function approves(approved: string, digest: string): boolean {
  const given = approved
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  return /^[0-9a-f]+$/.test(given) && given.length >= SHORT_DIGEST && digest.startsWith(given);
}
