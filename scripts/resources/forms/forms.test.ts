import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSections } from '../../../test/resources/check-section';
import { writeTenantFiles } from '../../../test/tenant/fixture';
import { planChanges } from '../../plan/plan';
import { checkTenant } from '../../tenant/check';
import { loadTenant } from '../../tenant/load';

const FORMS = `forms:
  - name: Complete profile
    body: ./forms/complete-profile.json
`;

/** The fixture's form: one step asking for the company, then back to the login. */
const BODY = readFileSync(path.resolve('test/fixtures/resources/forms/forms/Complete profile.json'), 'utf8');

const check = (yaml: string, body = BODY) =>
  checkSections(yaml, ['forms'], { 'forms/complete-profile.json': body });

describe('forms in the check', () => {
  it('accepts a form whose body is a JSON file beside tenant.yaml', async () => {
    expect(await check(FORMS)).toEqual([]);
  });

  it('refuses a form setting written in tenant.yaml: it belongs in the body file', async () => {
    expect(await check(`${FORMS}    style:\n      css: "h1 { color: red }"\n`)).toEqual([
      { rule: 'schema/unknown-key', line: 4, column: 5 },
    ]);
  });

  it('refuses a form without its body file', async () => {
    expect(await check(FORMS.replace('    body: ./forms/complete-profile.json\n', ''))).toEqual([
      { rule: 'schema/required', line: 2, column: 5 },
    ]);
  });

  it('refuses a body file that is missing, at the field naming it', async () => {
    expect(await check(FORMS.replace('complete-profile.json', 'profile.json'))).toEqual([
      { rule: 'references/missing-file', line: 3, column: 11 },
    ]);
  });

  it('refuses a body that is not JSON, at the place in the file where parsing stops', async () => {
    const broken = BODY.replace('"alias": "Company",', '"alias": "Company"');
    const files = writeTenantFiles({
      'tenant.yaml': FORMS,
      'forms/complete-profile.json': broken,
      'environments/prod.yaml': 'tier: production\nkeywords:\n  AUTH0_DOMAIN: example.eu.auth0.com\n',
    });
    try {
      const problems = checkTenant(await loadTenant({ dir: files.tenantDir, env: 'prod' }));
      const notJson = problems.filter((problem) => problem.rule === 'files/not-json');
      expect(
        notJson.map(({ file, line, column, path }) => ({
          file: file.split('/').slice(-2).join('/'),
          line,
          column,
          path,
        })),
      ).toEqual([
        // The missing comma ends line 14: parsing stops at the next key.
        { file: 'forms/complete-profile.json', line: 15, column: 7, path: 'forms[Complete profile].body' },
      ]);
      expect(notJson[0]?.message).toMatch(/form "Complete profile" body is not valid JSON/);
    } finally {
      files.remove();
    }
  });
});

describe('forms in the plan', () => {
  const { name: _name, ...body } = JSON.parse(BODY) as Record<string, unknown>;
  const desired = { name: 'Complete profile', ...body };
  /** As Auth0 answers a form read by id: with its id and timestamps. */
  const read = {
    ...desired,
    id: 'ap_6JUSCU7qq1CravnoU6d6jr',
    created_at: '2026-11-26T11:58:18.187Z',
    updated_at: '2026-11-30T13:01:57.535Z',
  };

  it('finds nothing to do when Auth0 only adds its id and timestamps', () => {
    expect(planChanges({ forms: [desired] }, { forms: [read] }).changes).toEqual([]);
  });

  it('updates a form whose step components are reordered: a step shows them in order', () => {
    const nodes = structuredClone(body.nodes) as { config: { components: unknown[] } }[];
    nodes[0]?.config.components.reverse();
    const plan = planChanges({ forms: [{ ...desired, nodes }] }, { forms: [read] });
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual(['update Complete profile']);
  });

  it('deletes the form the file no longer lists and creates the renamed one: a name is its identity', () => {
    const plan = planChanges({ forms: [{ ...desired, name: 'Company' }] }, { forms: [read] });
    expect(plan.changes.map(({ name, action }) => `${action} ${name}`)).toEqual([
      'delete Complete profile',
      'create Company',
    ]);
  });
});
