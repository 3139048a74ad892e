import { describe, expect, it } from 'vitest';
import { deleteRefusal } from '../../scripts/deploy/deletes';
import type { Plan } from '../../scripts/plan/types';

const plan: Plan = {
  types: ['actions', 'clients'],
  changes: [
    { type: 'actions', name: 'old-hook', action: 'delete', fields: [] },
    { type: 'clients', name: 'Old App', action: 'delete', fields: [] },
  ],
  notes: [],
};

describe('deleteRefusal', () => {
  it('lets deletes through outside production once --allow-delete is given', () => {
    expect(
      deleteRefusal({ plan, allowDelete: true, env: 'dev', tier: 'development', confirmed: undefined }),
    ).toBeUndefined();
  });

  it('asks production for CONFIRM_DELETES equal to the number of deletes in the plan', () => {
    const prod = { plan, allowDelete: true, env: 'prod', tier: 'production' };

    expect(deleteRefusal({ ...prod, confirmed: undefined })).toBe(
      'the plan deletes 2 resource(s) in prod but CONFIRM_DELETES is not set: read the deletes above, then set CONFIRM_DELETES=2 to go ahead; nothing was changed',
    );
    expect(deleteRefusal({ ...prod, confirmed: '1' })).toMatch(/but CONFIRM_DELETES is 1:/);
    expect(deleteRefusal({ ...prod, confirmed: '2' })).toBeUndefined();
  });

  it('has nothing to refuse when deletes are not asked for (they are then only listed)', () => {
    expect(
      deleteRefusal({ plan, allowDelete: false, env: 'prod', tier: 'production', confirmed: undefined }),
    ).toBeUndefined();
  });
});
