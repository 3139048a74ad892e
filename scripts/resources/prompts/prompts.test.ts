import { describe, expect, it } from 'vitest';
import { sectionErrors } from '../../../test/tenant/section-errors';
import { planChanges } from '../../plan/plan';
import { writesFor } from '../../plan/select';

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
`;

const PROMPTS = `tenant:
  enabled_locales: [en, de]
prompts:
  universal_login_experience: new
  identifier_first: true
  customText:
    en:
      login-id:
        login-id:
          title: Welcome
    de:
      login-id:
        login-id:
          title: Willkommen
  partials:
    login-id:
      login-id:
        form-footer-end: <p>Need help?</p>
`;

const check = (tenantYaml: string) => sectionErrors('prompts', tenantYaml, ENVIRONMENT);

describe('prompts in the check', () => {
  it('accepts the new Universal Login with custom text in English and German and a partial', async () => {
    expect(await check(PROMPTS)).toEqual([]);
  });

  it('refuses a prompt Auth0 does not have, at its key', async () => {
    expect(
      await check(PROMPTS.replace('    de:\n      login-id:', '    de:\n      login-identifier:')),
    ).toEqual([{ rule: 'schema/unknown-key', line: 12, column: 7 }]);
  });

  it('refuses a language code Auth0 does not have, at its key', async () => {
    expect(await check(PROMPTS.replace('    de:', '    german:'))).toEqual([
      { rule: 'schema/unknown-key', line: 11, column: 5 },
    ]);
  });

  it('refuses custom text in a language the tenant does not enable: deploy-cli would never read it back', async () => {
    expect(await check(PROMPTS.replace('[en, de]', '[en]'))).toEqual([
      { rule: 'prompts/custom-text-language-enabled', line: 12, column: 7 },
    ]);
  });

  it('refuses an insertion point partials do not have', async () => {
    expect(await check(PROMPTS.replace('form-footer-end', 'form-footer'))).toEqual([
      { rule: 'schema/unknown-key', line: 18, column: 9 },
    ]);
  });
});

describe('prompts in the plan', () => {
  const desired = {
    prompts: {
      universal_login_experience: 'new',
      identifier_first: true,
      customText: { en: { 'login-id': { 'login-id': { title: 'Welcome' } } } },
    },
  };
  /** As deploy-cli reads them: every language and prompt with text, the partials, the renderers. */
  const asRead = (title: string) => ({
    prompts: {
      universal_login_experience: 'new',
      identifier_first: true,
      customText: {
        en: { 'login-id': { 'login-id': { title, description: 'Set by hand' } } },
        fr: { login: { login: { title: 'Bienvenue' } } },
      },
      partials: {},
      screenRenderers: [],
    },
  });

  it('compares only the text the file declares: text set elsewhere is not a change', () => {
    expect(planChanges(desired, asRead('Welcome')).changes).toEqual([]);
  });

  it('writes only the changed part: the custom text, not the settings', () => {
    const plan = planChanges(desired, asRead('Hello'));

    expect(plan.changes[0]?.fields).toEqual([
      { path: 'customText.en.login-id.login-id.title', before: 'Hello', after: 'Welcome' },
    ]);
    expect(writesFor(plan, desired, asRead('Hello'))).toEqual({
      prompts: { customText: desired.prompts.customText },
    });
  });

  it('never deletes prompts: a file without the section leaves them alone', () => {
    expect(planChanges({ prompts: {} }, asRead('Welcome')).changes).toEqual([]);
  });
});
