import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../scripts/deploy/apply';
import { EngineError, type EngineSession } from '../../scripts/engine/engine-session';
import type { Item } from '../../scripts/engine/protocol';
import { planChanges } from '../../scripts/plan/plan';
import type { TenantState } from '../../scripts/plan/types';

const quiet = { reads: 0, writes: 0, faults: 0, byGroup: {}, waitedMs: 0 };

/**
 * An engine whose applies are recorded and whose reads answer `reads` in turn (the last one repeats);
 * with `readsBack`, an apply answers the next of them itself, as the engine reads back during an apply.
 */
function fakeEngine(reads: TenantState[], applies: (number | Error)[] = [], readsBack = false) {
  const handed: { assets: TenantState; deletes: Record<string, Item[]>; readAfter?: string[] }[] = [];
  const readTypes: string[][] = [];
  const engine: EngineSession = {
    load: async () => ({}),
    read: async (types) => {
      readTypes.push(types);
      return { state: reads.shift() ?? {}, traffic: quiet };
    },
    apply: async (assets, deletes, readAfter) => {
      handed.push({ assets, deletes, ...(readAfter ? { readAfter } : {}) });
      const outcome = applies.shift() ?? 0;
      if (outcome instanceof Error) throw outcome;
      const state = readsBack ? { state: reads.shift() ?? {} } : {};
      return { counts: {}, traffic: { ...quiet, writes: 1, faults: outcome }, ...state };
    },
    dump: async () => ({ state: {}, traffic: quiet }),
    close: async () => {},
  };
  return { engine, handed, readTypes };
}

const desired = { clients: [{ name: 'Documents SPA', description: 'v2' }] };
const before = { clients: [{ name: 'Documents SPA', client_id: 'cid-spa', description: 'v1' }] };
const after = { clients: [{ name: 'Documents SPA', client_id: 'cid-spa', description: 'v2' }] };
const base = { readTypes: ['clients'], deployClientId: 'cid-deploy', onProgress: () => {} };

describe('applyPlan', () => {
  it('reads the tenant again after a clean apply and finishes when every change took', async () => {
    const { engine, handed } = fakeEngine([after]);
    const plan = planChanges(desired, before);

    const outcome = await applyPlan({ ...base, engine, desired, current: before, plan, allowDelete: false });

    expect(outcome.rounds).toBe(1);
    expect(handed).toHaveLength(1);
  });

  it('takes the tenant as the engine read it back during the apply, and reads nothing more', async () => {
    const { engine, handed, readTypes } = fakeEngine([after], [], true);
    const plan = planChanges(desired, before);

    const outcome = await applyPlan({ ...base, engine, desired, current: before, plan, allowDelete: false });

    expect(outcome.rounds).toBe(1);
    expect(handed[0]?.readAfter).toEqual(['clients']);
    expect(readTypes).toEqual([]);
  });

  it('applies again what the read-back shows did not take', async () => {
    const { engine, handed } = fakeEngine([before, after], [1], true);
    const plan = planChanges(desired, before);

    const outcome = await applyPlan({ ...base, engine, desired, current: before, plan, allowDelete: false });

    expect(outcome.rounds).toBe(2);
    expect(handed.map((apply) => apply.assets)).toEqual([desired, desired]);
  });

  it('reads again only what the apply wrote, and what refers to it, after a one-field change', async () => {
    const { engine, readTypes } = fakeEngine([after]);
    const plan = planChanges(desired, before);
    const readForPlan = ['tenant', 'resourceServers', 'clients', 'clientGrants', 'connections', 'roles'];

    const outcome = await applyPlan({
      ...base,
      readTypes: readForPlan,
      engine,
      desired,
      current: before,
      plan,
      allowDelete: false,
    });

    expect(outcome.rounds).toBe(1);
    // An update changes no other type: not the grants or connections that name the client.
    expect(readTypes).toEqual([['clients']]);
  });

  it('reads again what Auth0 changes after a delete: what names the deleted client, and so on', async () => {
    const current = { clients: [...after.clients, { name: 'Old App', client_id: 'cid-old' }] };
    const { engine, readTypes } = fakeEngine([after]);
    const plan = planChanges(desired, current);
    const readForPlan = ['tenant', 'clients', 'clientGrants', 'connections', 'organizations', 'roles'];

    await applyPlan({
      ...base,
      readTypes: readForPlan,
      engine,
      desired,
      current,
      plan,
      allowDelete: true,
    });

    // Its grants are deleted and the connections drop it; organizations name those connections.
    expect(readTypes).toEqual([['clients', 'clientGrants', 'connections', 'organizations']]);
  });

  it('fails (exit code 1) when deploy-cli reported success but a change did not take', async () => {
    // deploy-cli logs some failed calls (a connection's enabled clients) and carries on.
    const { engine, handed } = fakeEngine([before]);
    const plan = planChanges(desired, before);

    const applying = applyPlan({ ...base, engine, desired, current: before, plan, allowDelete: false });

    await expect(applying).rejects.toThrow(EngineError);
    await expect(applying).rejects.toThrow(
      'deploy-cli finished without an error, but the tenant still differs for clients "Documents SPA"',
    );
    expect(handed).toHaveLength(1);
  });

  it('never deletes more items of one name than the confirmed plan showed, in any later attempt', async () => {
    const old = (id: string) => ({ name: 'Old App', client_id: id });
    const current = { clients: [...after.clients, old('cid-old-1')] };
    const plan = planChanges(desired, current);
    // The first attempt drops; meanwhile a second "Old App" appeared.
    const { engine, handed } = fakeEngine(
      [{ clients: [...after.clients, old('cid-old-1'), old('cid-old-2')] }, after],
      [new Error('fetch failed'), 0],
    );

    await applyPlan({ ...base, engine, desired, current, plan, allowDelete: true });

    expect(handed.map((call) => call.deletes.clients?.length)).toEqual([1, 1]);
  });
});
