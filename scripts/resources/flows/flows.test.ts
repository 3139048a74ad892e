import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenantProblems } from '../../../test/tenant/section-errors';
import { planChanges } from '../../plan/plan';

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
secrets:
  CRM_TOKEN: { env: TENANT_SECRET_CRM_TOKEN }
`;

const TENANT = `flowVaultConnections:
  - name: CRM
    app_id: HTTP
    setup:
      type: BEARER
      token: "##CRM_TOKEN##"
flows:
  - name: Sync CRM contact
    body: ./flows/sync.json
`;

/** The fixture's flow: two HTTP calls to the CRM through the vault connection "CRM". */
const BODY = readFileSync(path.resolve('test/fixtures/resources/flows/flows/Sync CRM contact.json'), 'utf8');

async function check(yaml: string, body = BODY) {
  const problems = await tenantProblems(yaml, ENVIRONMENT, 'prod', { 'flows/sync.json': body });
  return problems
    .filter((problem) => problem.severity === 'error' && /^flow/.test(problem.path))
    .map(({ file, rule, line, column }) => ({
      file: file.split('/').slice(-2).join('/'),
      rule,
      line,
      column,
    }));
}

describe('flows in the check', () => {
  it('accepts a flow whose actions, in a JSON file beside tenant.yaml, name a declared vault connection', async () => {
    expect(await check(TENANT)).toEqual([]);
  });

  it('refuses a flow whose action names a vault connection tenant.yaml does not declare, in the file', async () => {
    const problems = await tenantProblems(TENANT, ENVIRONMENT, 'prod', {
      'flows/sync.json': BODY.replace('"connection_id": "CRM"', '"connection_id": "CRM2"'),
    });
    const unknown = problems.filter((problem) => problem.rule === 'references/unknown-flow-vault-connection');
    expect(unknown.map(({ file, line, column }) => ({ file: path.basename(file), line, column }))).toEqual([
      { file: 'sync.json', line: 12, column: 26 },
    ]);
    expect(unknown[0]?.message).toBe(
      'flow "Sync CRM contact" body names flow vault connection "CRM2" at actions.0.params.connection_id, which is not in flowVaultConnections:',
    );
    expect(unknown[0]?.hint).toMatch(/CRM/);
  });

  it('refuses each action of a flow whose vault connection is missing altogether', async () => {
    const withoutVault = TENANT.slice(TENANT.indexOf('flows:\n'));
    expect(await check(withoutVault)).toEqual([
      { file: 'flows/sync.json', rule: 'references/unknown-flow-vault-connection', line: 12, column: 26 },
      { file: 'flows/sync.json', rule: 'references/unknown-flow-vault-connection', line: 27, column: 26 },
    ]);
  });

  it('refuses a flow setting written in tenant.yaml: it belongs in the body file', async () => {
    expect(await check(`${TENANT}    actions: []\n`)).toEqual([
      { file: 'tenant/tenant.yaml', rule: 'schema/unknown-key', line: 10, column: 5 },
    ]);
  });
});

describe('flows in the plan', () => {
  const { name: _name, ...body } = JSON.parse(BODY) as Record<string, unknown>;
  const desired = { name: 'Sync CRM contact', ...body };
  /** As deploy-cli reads a flow: by id, with its timestamps, the connection's id turned back into its name. */
  const read = {
    ...desired,
    id: 'af_9Rmb1HSyvSeUdpX1fv4BCx',
    created_at: '2026-11-26T11:58:18.187Z',
    updated_at: '2026-11-30T13:01:57.535Z',
    executed_at: '2026-11-30T14:00:00.000Z',
  };

  it('finds nothing to do when Auth0 only adds its id and timestamps', () => {
    expect(planChanges({ flows: [desired] }, { flows: [read] }).changes).toEqual([]);
  });

  it('updates a flow whose actions are reordered: a flow runs them in order', () => {
    const actions = [...(body.actions as unknown[])].reverse();
    const plan = planChanges({ flows: [{ ...desired, actions }] }, { flows: [read] });
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual(['update Sync CRM contact']);
  });

  it('deletes the flow the file no longer lists', () => {
    const plan = planChanges({ flows: [] }, { flows: [read] });
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual(['delete Sync CRM contact']);
  });
});
