import { describe, expect, it } from 'vitest';
import { planChanges } from '../plan/plan';

/** A machine-to-machine client as deploy-cli exports it, and as Auth0 answers for it. */
const reporting = { name: 'Reporting', app_type: 'non_interactive', grant_types: ['client_credentials'] };
const reportingAsRead = {
  ...reporting,
  client_id: 'cid-reporting',
  cross_origin_auth: false,
  cross_origin_authentication: false,
};
/** The application the deploy itself signs in with, named as deploy-cli's own end-to-end tenants name it. */
const deployClient = { name: 'Deploy CLI', client_id: 'cid-deploy', app_type: 'non_interactive' };

describe('clients in the plan', () => {
  it("compares an export's deprecated cross_origin_auth as the cross_origin_authentication deploy-cli sends", () => {
    const exported = { clients: [{ ...reporting, cross_origin_auth: false }] };

    expect(planChanges(exported, { clients: [reportingAsRead] }).changes).toEqual([]);
  });

  it('plans a change of cross_origin_auth as one of cross_origin_authentication', () => {
    const exported = { clients: [{ ...reporting, cross_origin_auth: true }] };

    expect(planChanges(exported, { clients: [reportingAsRead] }).changes[0]?.fields).toEqual([
      { path: 'cross_origin_authentication', before: false, after: true },
    ]);
  });

  it("notes a client named like the deploy's own application instead of planning a second one", () => {
    const exported = { clients: [reporting, { name: 'Deploy CLI', app_type: 'non_interactive' }] };

    const plan = planChanges(
      exported,
      { clients: [reportingAsRead, deployClient] },
      { deployClientId: 'cid-deploy' },
    );

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringMatching(
        /^clients Deploy CLI: the tenant's client of this name is not managed by the tenant file/,
      ),
    ]);
  });
});
