import { describe, expect, it } from 'vitest';
import { formatPlan, type PlanHeading, wouldWrite } from './format';
import type { Plan } from './types';
import { SECRET_NEW, SECRET_SET } from './types';

const plan: Plan = {
  types: ['clients', 'actions'],
  changes: [
    { type: 'actions', name: 'old-hook', action: 'delete', fields: [] },
    {
      type: 'clients',
      name: 'Documents Web',
      action: 'create',
      fields: [{ path: 'app_type', after: 'regular_web' }],
    },
    {
      type: 'actions',
      name: 'user-sync',
      action: 'update',
      fields: [
        { path: 'code', before: 'a\nb\n', after: 'a\nb\nc\n' },
        { path: 'secrets.USER_SYNC_TOKEN', before: SECRET_SET, after: SECRET_NEW, secret: true },
      ],
    },
  ],
  notes: ["actions user-sync: secrets.X not compared (the secret's value is not available)"],
};
const heading: PlanHeading = {
  mode: 'plan',
  env: 'dev',
  target: 'example-dev.eu.auth0.com',
  allowDelete: false,
};

describe('formatPlan', () => {
  it('prints one line per resource and per field, deletes first and marked as kept without --allow-delete', () => {
    const text = formatPlan(plan, 'text', heading);

    expect(text.split('\n').slice(0, 8)).toEqual([
      'Plan for dev (example-dev.eu.auth0.com): 1 to create, 1 to update, 1 to delete (deletes are not applied without --allow-delete)',
      '',
      '- actions old-hook  (kept: needs --allow-delete)',
      '+ clients "Documents Web"',
      '    app_type: "regular_web"',
      '~ actions user-sync',
      '    code: 1 line added, 0 removed (2 -> 3 lines)',
      '    secrets.USER_SYNC_TOKEN: "(secret)" -> "(new secret value)"',
    ]);
  });

  it('gives a pull request a summary table and the field-by-field detail folded away', () => {
    const markdown = formatPlan(plan, 'markdown', { ...heading, allowDelete: true });

    expect(markdown).toContain('### Auth0 plan: `dev` (example-dev.eu.auth0.com)');
    expect(markdown).toContain('**1 to create, 1 to update, 1 to delete**');
    expect(markdown).toContain('| ~ | actions | `user-sync` | `code`, `secrets.USER_SYNC_TOKEN` |');
    expect(markdown).toContain('<details><summary>Field by field</summary>');
  });

  it('gives machines JSON with the counts, and code as its size, digest and lines changed rather than its body', () => {
    const json = JSON.parse(formatPlan(plan, 'json', heading));

    expect(json.counts).toEqual({ create: 1, update: 1, delete: 1 });
    expect(json.changes[2].fields[0]).toEqual({
      path: 'code',
      before: expect.stringMatching(/^\(code: 2 lines, sha256 [0-9a-f]{12}\)$/),
      after: expect.stringMatching(/^\(code: 3 lines, sha256 [0-9a-f]{12}\)$/),
      lines: { added: 1, removed: 0 },
    });
  });

  it('ends a plan with its digest, which a deploy given APPROVED_PLAN checks its own plan against', () => {
    const text = formatPlan(plan, 'text', heading);
    const json = JSON.parse(formatPlan(plan, 'json', heading));

    expect(json.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toMatch(
      new RegExp(
        `\\n\\nPlan digest: ${json.digest.slice(0, 16)} \\(deploy exactly this plan with APPROVED_PLAN=${json.digest.slice(0, 16)}\\)\\n$`,
      ),
    );
    expect(formatPlan(plan, 'markdown', heading)).toContain(`Plan digest: \`${json.digest.slice(0, 16)}\``);
    expect(formatPlan({ ...plan, changes: [] }, 'text', heading)).not.toContain('digest');
  });

  it('words an export as drift', () => {
    expect(formatPlan({ ...plan, changes: [] }, 'text', { ...heading, mode: 'drift' })).toMatch(
      /^Drift for dev .*: no drift/,
    );
  });
});

describe('wouldWrite', () => {
  it('counts deletes only when they are allowed', () => {
    const onlyDelete: Plan = { ...plan, changes: plan.changes.slice(0, 1) };

    expect(wouldWrite(onlyDelete, false)).toBe(false);
    expect(wouldWrite(onlyDelete, true)).toBe(true);
  });
});
