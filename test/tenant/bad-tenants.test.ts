import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTenant } from '../../scripts/tenant/check';
import { loadTenant } from '../../scripts/tenant/load';
import { BAD_TENANTS } from '../fixtures/bad-tenants/cases';
import { copyOurTenant, lineOf, type TenantCopy } from './fixture';

const copies: TenantCopy[] = [];
afterAll(() => {
  for (const copy of copies) copy.remove();
});

describe('a bad tenant is rejected with the rule and the line that explain it', () => {
  it('has a corpus of at least 120 cases', () => {
    expect(BAD_TENANTS.length).toBeGreaterThanOrEqual(120);
  });

  it.each(BAD_TENANTS)('$name: $rule', async (badCase) => {
    const copy = copyOurTenant();
    copies.push(copy);
    for (const [file, text] of Object.entries(badCase.files ?? {})) copy.write(file, text);
    for (const edit of badCase.edits) copy.replace(edit.file ?? 'tenant.yaml', edit.find, edit.replace);
    const file = badCase.file ?? 'tenant.yaml';
    const expectedLine = lineOf(copy.read(file), badCase.line) + (badCase.lineOffset ?? 0);

    const loaded = await loadTenant({ dir: copy.tenantDir, env: badCase.env ?? 'prod' });
    const problems = checkTenant(loaded, { now: new Date('2026-06-01T00:00:00Z') });

    const reported = problems.filter((problem) => problem.rule === badCase.rule);
    expect(
      reported,
      `problems found: ${problems.map((p) => `${path.basename(p.file)}:${p.line} ${p.rule}`).join(', ')}`,
    ).toContainEqual(
      expect.objectContaining({
        file: path.join(copy.tenantDir, file),
        line: expectedLine,
        severity: badCase.severity ?? 'error',
      }),
    );
    for (const problem of problems) {
      expect(problem.message).not.toBe('');
      expect(problem.hint).not.toBe('');
      expect(problem.column).toBeGreaterThan(0);
    }
  });
});
