import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sectionErrors } from '../../../test/tenant/section-errors';
import { planChanges } from '../../plan/plan';

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
  APP_DOMAIN: documents.example.com
`;

/** The fixture's theme: every part Auth0 requires, as the theme editor exports it. */
const FIXTURE = readFileSync(
  path.join(__dirname, '../../../test/fixtures/resources/themes/tenant.yaml'),
  'utf8',
);
const THEME = (parse(FIXTURE) as { themes: Record<string, unknown>[] }).themes[0] ?? {};

const check = (tenantYaml: string) => sectionErrors('themes', tenantYaml, ENVIRONMENT);

describe('the theme in the check', () => {
  it('accepts the theme as the editor exports it', async () => {
    expect(await check(FIXTURE)).toEqual([]);
  });

  it('refuses a theme without one of the parts Auth0 takes whole', async () => {
    const withoutFonts = FIXTURE.replace(/ {4}fonts:\n(?: {6}.*\n)+/, '');
    expect(await check(withoutFonts)).toEqual([{ rule: 'schema/required', line: 4, column: 5 }]);
  });

  it('refuses a border radius beyond what the editor allows, at its line', async () => {
    const round = FIXTURE.replace('widget_corner_radius: 5', 'widget_corner_radius: 80');
    expect(await check(round)).toEqual([{ rule: 'schema/value', line: 14, column: 29 }]);
  });

  it('refuses the theme id: it is Auth0s, and deploy-cli writes over the one theme there is', async () => {
    const withId = FIXTURE.replace(
      '  - displayName: Documents\n',
      '  - displayName: Documents\n    themeId: 1a2b\n',
    );
    expect(await check(withId)).toEqual([{ rule: 'schema/unknown-key', line: 5, column: 5 }]);
  });
});

describe('the theme in the plan', () => {
  const read = { ...THEME, themeId: '9a1c2f3e4d5b6a7980112233445566ff' };

  it("finds nothing to do when the tenant's theme is the one declared, whatever its id", () => {
    expect(planChanges({ themes: [THEME] }, { themes: [read] }).changes).toEqual([]);
  });

  it("updates the tenant's one theme when its display name changes, rather than making a second", () => {
    const renamed = { ...THEME, displayName: 'Documents 2027' };
    const plan = planChanges({ themes: [renamed] }, { themes: [read] });
    expect(plan.changes.map((change) => change.action)).toEqual(['update']);
    expect(plan.changes[0]?.fields).toEqual([
      { path: 'displayName', before: 'Documents', after: 'Documents 2027' },
    ]);
  });
});
