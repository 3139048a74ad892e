import { describe, expect, it } from 'vitest';
import { approvalRefusal } from '../../scripts/deploy/approval';
import { approves, planDigest, shortDigest } from '../../scripts/plan/format-digest';
import type { Plan } from '../../scripts/plan/types';

const deleteOf = (type: string, name: string) => ({ type, name, action: 'delete' as const, fields: [] });
const reviewed: Plan = {
  types: ['actions', 'clients'],
  changes: [deleteOf('actions', 'old-hook'), deleteOf('clients', 'Old App')],
  notes: [],
};
/** The same number of deletes, one of them another client: what a count confirmation let through. */
const swapped: Plan = {
  ...reviewed,
  changes: [deleteOf('actions', 'old-hook'), deleteOf('clients', 'Billing')],
};
const prod = { env: 'prod', tier: 'production', writes: true };
const digestOf = (plan: Plan, allowDelete = true) => planDigest(plan, { env: 'prod', allowDelete });

describe('the plan digest', () => {
  it('names the plan: another item deleted, another environment or deletes not applied make another digest', () => {
    const digest = digestOf(reviewed);

    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf({ ...reviewed, notes: ['a note is not a change'] })).toBe(digest);
    expect(digestOf(swapped)).not.toBe(digest);
    expect(digestOf(reviewed, false)).not.toBe(digest);
    expect(planDigest(reviewed, { env: 'dev', allowDelete: true })).not.toBe(digest);
  });

  it("leaves out secrets, which the reviewers' plan cannot compare: a rotated one is no other plan", () => {
    const rotation = {
      type: 'actions',
      name: 'user-sync',
      action: 'update' as const,
      fields: [
        {
          path: 'secrets.USER_SYNC_TOKEN',
          before: '(secret)',
          after: '(new secret value)',
          secret: true as const,
        },
      ],
    };
    const withTimeout = {
      ...rotation,
      fields: [...rotation.fields, { path: 'timeout', before: 5, after: 10 }],
    };

    expect(digestOf({ ...reviewed, changes: [...reviewed.changes, rotation] })).toBe(digestOf(reviewed));
    expect(digestOf({ ...reviewed, changes: [...reviewed.changes, withTimeout] })).not.toBe(
      digestOf(reviewed),
    );
  });

  it('is approved by its short form or in full, and by nothing shorter', () => {
    const digest = digestOf(reviewed);

    expect(approves(shortDigest(digest), digest)).toBe(true);
    expect(approves(`sha256:${digest.toUpperCase()}`, digest)).toBe(true);
    expect(approves(digest.slice(0, 8), digest)).toBe(false);
    expect(approves('', digest)).toBe(false);
  });
});

describe('approvalRefusal', () => {
  it('lets a deploy through when its plan is the approved one', () => {
    const digest = digestOf(reviewed);

    expect(approvalRefusal({ ...prod, digest, approved: shortDigest(digest) })).toBeUndefined();
  });

  it('stops a deploy whose plan deletes another client than the reviewed plan, with the same count', () => {
    const approved = shortDigest(digestOf(reviewed));
    const now = shortDigest(digestOf(swapped));

    expect(approvalRefusal({ ...prod, digest: digestOf(swapped), approved })).toBe(
      `this plan (digest ${now}) is not the approved one (APPROVED_PLAN=${approved}): the tenant or the repository changed since the review; read the plan above, and deploy with APPROVED_PLAN=${now} once it is approved; nothing was changed`,
    );
  });

  it('asks production for the approved digest whenever the deploy would write', () => {
    const digest = digestOf(reviewed);

    expect(approvalRefusal({ ...prod, digest, approved: undefined })).toBe(
      `a deploy to prod writes only a plan its reviewers approved: read the plan above, then set APPROVED_PLAN=${shortDigest(digest)} (its digest) to deploy exactly it; nothing was changed`,
    );
    expect(approvalRefusal({ ...prod, writes: false, digest, approved: undefined })).toBeUndefined();
  });

  it('needs no approval outside production, but holds a deploy given one to it', () => {
    const dev = { env: 'dev', tier: 'development', writes: true, digest: digestOf(swapped) };

    expect(approvalRefusal({ ...dev, approved: undefined })).toBeUndefined();
    expect(approvalRefusal({ ...dev, approved: shortDigest(digestOf(reviewed)) })).toMatch(
      /^this plan \(digest [0-9a-f]{16}\) is not the approved one/,
    );
  });
});
