import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPlaceholders } from '../../scripts/tenant/placeholders';
import { TENANT_SECTIONS } from '../../scripts/tenant/schema/index';
import { validateTenantSchema } from '../../scripts/tenant/schema/validate';
import { parseYamlFile } from '../../scripts/tenant/yaml-file';
import { repoRoot } from './fixture';

/**
 * Our strict schema against real tenant files from auth0-deploy-cli's own end-to-end tests (exports of
 * real tenants): every section we support must accept them. Sections we do not support are listed in the
 * test name, not checked. The reference files live beside the repository, never in it.
 */
const testdata = path.resolve(repoRoot, '../shared/reference/auth0-deploy-cli/testdata');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

/** deploy-cli fills keywords from its test's mappings; any value of the right kind does here. */
function withSampleKeywords(value: unknown): unknown {
  if (typeof value === 'string') {
    const [first] = findPlaceholders(value);
    if (first?.kind === 'array' && first.start === 0 && first.end === value.length) return ['en'];
    return value.replace(/##[A-Z0-9_]+##/g, 'example');
  }
  if (Array.isArray(value)) return value.map(withSampleKeywords);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withSampleKeywords(item)]));
  }
  return value;
}

const files = existsSync(testdata) ? yamlFiles(testdata) : [];
const cases = files.map((file) => {
  const parsed = parseYamlFile(readFileSync(file, 'utf8'), path.relative(testdata, file));
  const document = (withSampleKeywords(parsed.data) ?? {}) as Record<string, unknown>;
  const checked = Object.keys(document).filter((section) => section in TENANT_SECTIONS);
  const skipped = Object.keys(document).filter((section) => !(section in TENANT_SECTIONS));
  return {
    title: `${path.relative(testdata, file)}: checks ${checked.join(', ') || 'nothing'}${skipped.length > 0 ? `; not supported: ${skipped.join(', ')}` : ''}`,
    parsed,
    supported: Object.fromEntries(checked.map((section) => [section, document[section]])),
    checked,
  };
});

describe.skipIf(!existsSync(testdata))('real deploy-cli tenant files (../shared/reference)', () => {
  it('finds the reference tenant files', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(
      cases.some((entry) => entry.checked.includes('clients') && entry.checked.includes('databases')),
    ).toBe(true);
  });

  it.each(cases)('$title', ({ parsed, supported }) => {
    expect(parsed.problems).toEqual([]);

    const problems = validateTenantSchema({
      document: supported,
      sources: parsed.sources,
      file: 'reference',
    });

    expect(problems).toEqual([]);
  });
});
